import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { SurveyResults, type SurveyDefinitionInput } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { MAX_TEXTS } from '../surveys.js';
import { auth, key, openTestDb, past, putContent, resetDb, testApp } from './helpers.js';

let db: Db;
let app: FastifyInstance;

before(async () => {
  db = await openTestDb();
  app = await testApp(db, { surveys: { resultsCacheMs: 0 } });
});
after(async () => {
  await app.close();
  await db.close();
});
beforeEach(() => resetDb(db));

/** Every question type, a condition on a question and one on a page. */
function survey(id: string, extra: Partial<SurveyDefinitionInput> = {}): SurveyDefinitionInput {
  return {
    id,
    title: { fr: 'Enquête', en: 'Survey' },
    pages: [
      {
        id: 'about',
        questions: [
          { id: 'intro', type: 'info', label: 'Bonjour' },
          { id: 'name', type: 'text', label: 'Nom', required: true, minLength: 2, maxLength: 20, pattern: '[A-Za-z ]+' },
          { id: 'bio', type: 'textarea', label: 'Bio', maxLength: 200, publishText: true },
          { id: 'mail', type: 'email', label: 'Courriel' },
          { id: 'age', type: 'number', label: 'Âge', min: 0, max: 120, step: 1 },
          { id: 'temp', type: 'number', label: 'Température', min: -50, max: 50, publishText: true },
          { id: 'since', type: 'date', label: 'Depuis', min: '2020-01-01', max: '2025-12-31' },
          { id: 'district', type: 'single', label: 'Quartier', options: [{ id: 'north', label: 'Nord' }, { id: 'south', label: 'Sud' }], other: true, publishText: true },
          {
            id: 'transport', type: 'multiple', label: 'Transport', minSelected: 2, maxSelected: 3, other: true,
            options: [{ id: 'bus', label: 'Bus' }, { id: 'bike', label: 'Vélo' }, { id: 'car', label: 'Voiture' }, { id: 'walk', label: 'À pied' }],
          },
          { id: 'town', type: 'dropdown', label: 'Commune', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] },
          { id: 'resident', type: 'yesno', label: 'Résident ?', required: true },
        ],
      },
      {
        id: 'opinion',
        questions: [
          { id: 'stars', type: 'scale', label: 'Note', min: 1, max: 5, display: 'stars' },
          { id: 'why', type: 'textarea', label: 'Pourquoi ?', required: true, publishText: true, visibleIf: { question: 'stars', oneOf: [1, 2] } },
          { id: 'nps', type: 'scale', label: 'Recommandation', min: 0, max: 10 },
          { id: 'rank', type: 'ranking', label: 'Classement', options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }, { id: 'z', label: 'Z' }] },
          {
            id: 'grid', type: 'matrix', label: 'Grille', required: true,
            rows: [{ id: 'r1', label: 'R1' }, { id: 'r2', label: 'R2' }], columns: [{ id: 'c1', label: 'C1' }, { id: 'c2', label: 'C2' }, { id: 'c3', label: 'C3' }],
          },
          { id: 'agree', type: 'consent', label: 'J’accepte', required: true },
          { id: 'kids', type: 'yesno', label: 'Enfants ?' },
        ],
      },
      {
        id: 'school',
        visibleIf: { question: 'kids', equals: true },
        questions: [{ id: 'school', type: 'single', label: 'École', required: true, options: [{ id: 's1', label: 'S1' }, { id: 's2', label: 'S2' }] }],
      },
    ],
    ...extra,
  };
}

const valid = () => ({
  name: 'Marie Curie', bio: 'Hello', mail: 'marie@example.fr', age: 42, temp: 20, since: '2021-05-01', district: 'north',
  transport: ['bus', 'bike'], town: 'b', resident: true, stars: 4, nps: 9, rank: ['y', 'x', 'z'], grid: { r1: 'c1', r2: 'c3' },
  agree: true, kids: false,
} as Record<string, unknown>);

function respond(id: string, body: Record<string, unknown>, idem = key()) {
  return app.inject({ method: 'POST', url: `/api/surveys/${id}/responses`, headers: { 'idempotency-key': idem }, payload: body });
}

async function stored(id: string): Promise<Array<{ origin: string; payload: Record<string, unknown> }>> {
  const res = await app.inject({ url: `/api/admin/surveys/${id}/submissions`, headers: auth });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

function fieldsOf(res: { statusCode: number; body: string; json(): unknown }) {
  assert.equal(res.statusCode, 400, res.body);
  const body = res.json() as { error: { code: string; fields: Array<{ path: Array<string | number>; code: string }> } };
  assert.equal(body.error.code, 'validation');
  return body.error.fields;
}

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  assert.equal(cell, '', 'the CSV ends with CRLF');
  return rows;
}

describe('survey responses: every question type', () => {
  it('accepts a complete response and stores the visible answers only', async () => {
    await putContent(app, 'surveys', survey('s1'));
    const answers = { ...valid(), district: '_other', transport: ['bus', '_other'] };
    const res = await respond('s1', { answers, other: { district: 'Le Port', transport: 'Trottinette', town: 'ignored' } });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().status, 'accepted');
    const [row] = await stored('s1');
    assert.deepEqual(row!.payload, { answers, other: { district: 'Le Port', transport: 'Trottinette' } });
    assert.equal(row!.origin, 'web');
  });

  const cases: Array<[string, Record<string, unknown>, Array<string | number>, string]> = [
    ['required text', { name: undefined }, ['answers', 'name'], 'required'],
    ['blank text is no answer', { name: '   ' }, ['answers', 'name'], 'required'],
    ['too short', { name: 'A' }, ['answers', 'name'], 'too_short'],
    ['too long', { name: 'A'.repeat(21) }, ['answers', 'name'], 'too_long'],
    ['pattern', { name: 'Marie 2' }, ['answers', 'name'], 'pattern'],
    ['text of the wrong type', { bio: 12 }, ['answers', 'bio'], 'invalid_value'],
    ['e-mail', { mail: 'marie.example.fr' }, ['answers', 'mail'], 'invalid_email'],
    ['number as text', { age: '42' }, ['answers', 'age'], 'not_a_number'],
    ['number below min', { age: -1 }, ['answers', 'age'], 'too_small'],
    ['number above max', { age: 121 }, ['answers', 'age'], 'too_big'],
    ['number off step', { age: 4.5 }, ['answers', 'age'], 'step'],
    ['date before min', { since: '2019-12-31' }, ['answers', 'since'], 'too_early'],
    ['date after max', { since: '2026-01-01' }, ['answers', 'since'], 'too_late'],
    ['impossible date', { since: '2021-02-30' }, ['answers', 'since'], 'invalid_date'],
    ['unknown option', { district: 'east' }, ['answers', 'district'], 'unknown_option'],
    ['other without its text', { district: '_other' }, ['other', 'district'], 'other_required'],
    ['"other" where the question has none', { town: '_other' }, ['answers', 'town'], 'unknown_option'],
    ['single choice as a list', { district: ['north'] }, ['answers', 'district'], 'invalid_value'],
    ['too few choices', { transport: ['bus'] }, ['answers', 'transport'], 'too_few'],
    ['too many choices', { transport: ['bus', 'bike', 'car', 'walk'] }, ['answers', 'transport'], 'too_many'],
    ['the same choice twice', { transport: ['bus', 'bus'] }, ['answers', 'transport'], 'invalid_value'],
    ['unknown choice', { transport: ['bus', 'plane'] }, ['answers', 'transport'], 'unknown_option'],
    ['dropdown unknown option', { town: 'z' }, ['answers', 'town'], 'unknown_option'],
    ['required yes/no', { resident: undefined }, ['answers', 'resident'], 'required'],
    ['yes/no as text', { resident: 'yes' }, ['answers', 'resident'], 'invalid_value'],
    ['scale above max', { stars: 6 }, ['answers', 'stars'], 'too_big'],
    ['scale below min', { nps: -1 }, ['answers', 'nps'], 'too_small'],
    ['scale not whole', { stars: 3.5 }, ['answers', 'stars'], 'invalid_value'],
    ['ranking missing an option', { rank: ['x', 'y'] }, ['answers', 'rank'], 'invalid_value'],
    ['ranking with a repeat', { rank: ['x', 'x', 'y'] }, ['answers', 'rank'], 'invalid_value'],
    ['ranking with an unknown option', { rank: ['x', 'y', 'w'] }, ['answers', 'rank'], 'invalid_value'],
    ['matrix row missing', { grid: { r1: 'c1' } }, ['answers', 'grid', 'r2'], 'required'],
    ['matrix unknown column', { grid: { r1: 'c9', r2: 'c1' } }, ['answers', 'grid', 'r1'], 'unknown_option'],
    ['matrix unknown row', { grid: { r1: 'c1', r2: 'c2', r9: 'c1' } }, ['answers', 'grid', 'r9'], 'unknown_option'],
    ['consent not given', { agree: false }, ['answers', 'agree'], 'required'],
    ['consent missing', { agree: undefined }, ['answers', 'agree'], 'required'],
    ['condition shows a required question', { stars: 2 }, ['answers', 'why'], 'required'],
    ['page condition shows a required question', { kids: true }, ['answers', 'school'], 'required'],
  ];
  for (const [name, patch, path, code] of cases) {
    it(`refuses: ${name}`, async () => {
      await putContent(app, 'surveys', survey('s1'));
      const answers = { ...valid(), ...patch };
      for (const k of Object.keys(patch)) if (patch[k] === undefined) delete answers[k];
      const fields = fieldsOf(await respond('s1', { answers }));
      assert.deepEqual(fields.map((f) => [f.path, f.code]), [[path, code]]);
      assert.equal((await stored('s1')).length, 0);
    });
  }

  it('an answer that breaks the schema is refused before the rules', async () => {
    await putContent(app, 'surveys', survey('s1'));
    const fields = fieldsOf(await respond('s1', { answers: { ...valid(), bio: { nested: { deep: 1 } } } }));
    assert.equal(fields[0]!.path[0], 'answers');
  });
});

describe('survey responses: conditions', () => {
  it('hidden questions are neither validated nor stored; unknown ids and stray other texts are dropped', async () => {
    await putContent(app, 'surveys', survey('s1'));
    // stars 4: "why" hidden; kids false: the school page hidden. Their (invalid) answers go.
    const answers = { ...valid(), why: 12, school: 'bogus', ghost: 'boo' };
    const res = await respond('s1', { answers, other: { district: 'not chosen' } });
    assert.equal(res.statusCode, 201, res.body);
    const [row] = await stored('s1');
    assert.deepEqual(row!.payload, { answers: valid() });
  });

  it('a visible conditional question and page are validated and stored', async () => {
    await putContent(app, 'surveys', survey('s1'));
    const answers = { ...valid(), stars: 1, why: 'Trop de voitures', kids: true, school: 's2' };
    assert.equal((await respond('s1', { answers })).statusCode, 201);
    assert.deepEqual((await stored('s1'))[0]!.payload, { answers });
    assert.deepEqual(fieldsOf(await respond('s1', { answers: { ...answers, school: 's3' } })).map((f) => f.code), ['unknown_option']);
  });

  it('a condition on a hidden question does not hold (hiding cascades)', async () => {
    const def = survey('s2');
    def.pages[1]!.questions.push({ id: 'why-more', type: 'text', label: 'Encore ?', required: true, visibleIf: { question: 'why', answered: true } });
    await putContent(app, 'surveys', def);
    // "why" is answered but hidden (stars 5): "why-more" is hidden too, so not required.
    const res = await respond('s2', { answers: { ...valid(), stars: 5, why: 'x' } });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual((await stored('s2'))[0]!.payload, { answers: { ...valid(), stars: 5 } });
  });
});

describe('survey responses: contact, device, idempotency, phases', () => {
  it('contact details are stored only when the survey asks for them', async () => {
    await putContent(app, 'surveys', survey('s1'));
    await respond('s1', { answers: valid(), contact: { name: 'Marie', email: 'marie@example.fr' } });
    assert.equal((await stored('s1'))[0]!.payload.contact, undefined);
    await putContent(app, 'surveys', survey('s2', { contact: { consent: 'Vous recontacter' } }));
    await respond('s2', { answers: valid(), contact: { name: ' Marie ', email: 'marie@example.fr' } });
    assert.deepEqual((await stored('s2'))[0]!.payload.contact, { name: 'Marie', email: 'marie@example.fr' });
  });

  it('one response per device when asked; the token is stored as a hash only', async () => {
    await putContent(app, 'surveys', survey('s1', { onePerDevice: true }));
    const device = key();
    assert.equal((await respond('s1', { answers: valid(), deviceToken: device })).statusCode, 201);
    const again = await respond('s1', { answers: { ...valid(), age: 43 }, deviceToken: device });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'already_submitted');
    assert.equal((await respond('s1', { answers: valid(), deviceToken: key() })).statusCode, 201);
    const { rows } = await db.query<{ payload: Record<string, unknown>; device_hash: string }>(`SELECT payload, device_hash FROM submissions WHERE kind = 'survey'`);
    assert.equal(rows.length, 2);
    for (const r of rows) {
      assert.equal(r.payload.deviceToken, undefined);
      assert.match(r.device_hash, /^[0-9a-f]{64}$/);
      assert.ok(!JSON.stringify(r).includes(device));
    }
  });

  it('without onePerDevice the same device may answer again', async () => {
    await putContent(app, 'surveys', survey('s1'));
    const device = key();
    assert.equal((await respond('s1', { answers: valid(), deviceToken: device })).statusCode, 201);
    assert.equal((await respond('s1', { answers: valid(), deviceToken: device })).statusCode, 201);
  });

  it('idempotency: a replay answers the same receipt, another payload under the key is a conflict, a refused one stores nothing', async () => {
    await putContent(app, 'surveys', survey('s1'));
    const idem = key();
    const first = await respond('s1', { answers: valid() }, idem);
    assert.equal(first.statusCode, 201);
    const replay = await respond('s1', { answers: valid() }, idem);
    assert.equal(replay.statusCode, 200);
    assert.deepEqual(replay.json(), { ...first.json(), duplicate: true });
    const other = await respond('s1', { answers: { ...valid(), age: 50 } }, idem);
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().error.code, 'conflict');
    const bad = key();
    fieldsOf(await respond('s1', { answers: { ...valid(), age: 500 } }, bad));
    assert.equal((await respond('s1', { answers: valid() }, bad)).statusCode, 201);
    assert.equal((await stored('s1')).length, 2);
  });

  it('a closed survey refuses new responses but answers replays', async () => {
    await putContent(app, 'surveys', survey('s1'));
    const idem = key();
    assert.equal((await respond('s1', { answers: valid() }, idem)).statusCode, 201);
    await putContent(app, 'surveys', survey('s1', { closesAt: past() }));
    assert.equal((await respond('s1', { answers: valid() }, idem)).statusCode, 200);
    const res = await respond('s1', { answers: valid() });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'closed');
  });
});

describe('survey definitions', () => {
  const put = (def: unknown) => app.inject({ method: 'PUT', url: `/api/admin/surveys/${(def as { id: string }).id}`, headers: auth, payload: def as object });
  const withQuestion = (q: Record<string, unknown>, page = 1) => {
    const def = survey('bad');
    def.pages[page]!.questions.push(q as never);
    return def;
  };

  it('refuses duplicate ids, bad patterns and bounds, and conditions on later or unknown questions or options', async () => {
    const cases: Array<[unknown, Array<string | number>, string]> = [
      [withQuestion({ id: 'name', type: 'text', label: 'Again' }), ['pages', 1, 'questions', 7, 'id'], 'duplicate'],
      [withQuestion({ id: 'p', type: 'text', label: 'P', pattern: '(' }), ['pages', 1, 'questions', 7, 'pattern'], 'invalid_format'],
      [withQuestion({ id: 'n', type: 'number', label: 'N', min: 5, max: 1 }), ['pages', 1, 'questions', 7, 'max'], 'too_small'],
      [withQuestion({ id: 'd', type: 'date', label: 'D', min: '2020-13-01' }), ['pages', 1, 'questions', 7, 'min'], 'invalid_format'],
      [withQuestion({ id: 's', type: 'scale', label: 'S', min: 5, max: 5 }), ['pages', 1, 'questions', 7, 'max'], 'too_small'],
      [withQuestion({ id: 'm', type: 'multiple', label: 'M', options: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }), ['pages', 1, 'questions', 7, 'options', 1, 'id'], 'duplicate'],
      [withQuestion({ id: 'm', type: 'multiple', label: 'M', minSelected: 3, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }), ['pages', 1, 'questions', 7, 'minSelected'], 'invalid_value'],
      [withQuestion({ id: 'm', type: 'single', label: 'M', publishText: true, options: [{ id: 'a', label: 'A' }] }), ['pages', 1, 'questions', 7, 'publishText'], 'invalid_value'],
      [withQuestion({ id: 'early', type: 'text', label: 'E', visibleIf: { question: 'stars', equals: 1 } }, 0), ['pages', 0, 'questions', 11, 'visibleIf', 'question'], 'invalid_value'],
      [withQuestion({ id: 'c', type: 'text', label: 'C', visibleIf: { question: 'nobody', answered: true } }), ['pages', 1, 'questions', 7, 'visibleIf', 'question'], 'invalid_value'],
      [withQuestion({ id: 'c', type: 'text', label: 'C', visibleIf: { all: [{ question: 'district', oneOf: ['north', 'west'] }] } }), ['pages', 1, 'questions', 7, 'visibleIf', 'all', 0, 'oneOf', 1], 'unknown_option'],
      [withQuestion({ id: 'c', type: 'text', label: 'C', visibleIf: { question: 'intro', answered: true } }), ['pages', 1, 'questions', 7, 'visibleIf', 'question'], 'invalid_value'],
    ];
    for (const [def, path, code] of cases) {
      const fields = fieldsOf(await put(def));
      assert.deepEqual(fields.map((f) => [f.path, f.code]), [[path, code]], JSON.stringify(fields));
    }
    // A page condition may not look at its own page.
    const own = survey('bad');
    own.pages[2]!.visibleIf = { question: 'school', equals: 's1' };
    assert.deepEqual(fieldsOf(await put(own)).map((f) => f.path), [['pages', 2, 'visibleIf', 'question']]);
    assert.equal((await put(survey('good'))).statusCode, 201);
  });
});

describe('survey results', () => {
  async function seed(id: string, extra: Partial<SurveyDefinitionInput> = {}) {
    await putContent(app, 'surveys', survey(id, { resultsPublished: true, ...extra }));
    const web = [
      { ...valid(), bio: 'premier', district: '_other', transport: ['bus', 'bike'], stars: 5, nps: 10, rank: ['x', 'y', 'z'], resident: true },
      { ...valid(), bio: 'deuxième', district: 'north', transport: ['bus', 'car', '_other'], stars: 2, why: 'Bruit', nps: 0, rank: ['y', 'x', 'z'], resident: false, temp: -3 },
      { ...valid(), bio: '', district: 'south', transport: ['walk', 'bike'], stars: 4, nps: 5, rank: ['x', 'z', 'y'], grid: { r1: 'c2', r2: 'c3' } },
    ];
    const others = [{ district: 'Le Port', transport: 'Trottinette' }, { transport: 'Roller' }, {}];
    for (const [i, answers] of web.entries()) {
      const res = await respond(id, { answers, other: others[i] });
      assert.equal(res.statusCode, 201, res.body);
      await new Promise((r) => setTimeout(r, 3)); // distinct times: texts are listed newest first
    }
    const paper = await app.inject({
      method: 'POST', url: `/api/admin/surveys/${id}/paper`, headers: { ...auth, 'idempotency-key': key() },
      payload: { responses: [{ answers: { ...valid(), stars: 1, why: 'Papier', district: 'north' } }, { answers: { name: 'Jean', resident: false, grid: { r1: 'c3', r2: 'c3' }, agree: true } }] },
    });
    assert.equal(paper.statusCode, 201, paper.body);
  }
  const results = async (id: string, query = '') => {
    const res = await app.inject(`/api/surveys/${id}/results${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return SurveyResults.parse(res.json());
  };

  it('hidden until published: 403 results_hidden', async () => {
    await putContent(app, 'surveys', survey('s1'));
    const res = await app.inject('/api/surveys/s1/results');
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'results_hidden');
    assert.equal((await app.inject('/api/surveys/nope/results')).statusCode, 404);
  });

  it('counts every type from accepted responses, all origins', async () => {
    await seed('s1');
    const r = await results('s1');
    assert.equal(r.responses, 5);
    assert.deepEqual(r.byOrigin, { web: 3, paper: 2, booth: 0, assisted: 0 });
    assert.equal(r.origin, null);
    const q = r.questions;
    assert.equal(q.intro, undefined, 'information blocks have no results');
    assert.deepEqual(q.district, { answered: 4, counts: { north: 2, south: 1, _other: 1 }, other: ['Le Port'] });
    assert.deepEqual(q.transport!.counts, { bus: 3, bike: 3, car: 1, walk: 1, _other: 1 });
    assert.equal(q.transport!.other, undefined, 'other texts only with publishText');
    assert.deepEqual(q.resident, { answered: 5, counts: { yes: 3, no: 2 } });
    assert.deepEqual(q.agree!.counts, { yes: 5, no: 0 });
    assert.deepEqual(q.stars!.counts, { 1: 1, 2: 1, 3: 0, 4: 1, 5: 1 });
    assert.deepEqual(q.stars!.numbers, { min: 1, max: 5, mean: 3, median: 3 });
    assert.equal(q.nps!.answered, 4);
    assert.deepEqual(q.nps!.numbers, { min: 0, max: 10, mean: 6, median: 7 });
    assert.equal(Object.keys(q.nps!.counts!).length, 11);
    // x: 1, 2, 1, 2 -> 1.5; y: 2, 1, 3, 1 -> 1.75; z: 3, 3, 2, 3 -> 2.75
    assert.deepEqual(q.rank!.ranking, { x: 1.5, y: 1.75, z: 2.75 });
    assert.deepEqual(q.grid!.matrix, { r1: { c1: 3, c2: 1, c3: 1 }, r2: { c1: 0, c2: 0, c3: 5 } });
    assert.deepEqual(q.age, { answered: 4, numbers: { min: 42, max: 42, mean: 42, median: 42 } });
    assert.deepEqual(q.temp!.numbers, { min: -3, max: 20, mean: 14.25, median: 20 });
    assert.deepEqual([...q.temp!.texts!].sort(), ['-3', '20', '20', '20'], 'numbers are published as texts');
    assert.deepEqual(q.bio!.texts!.filter((t) => t !== 'Hello'), ['deuxième', 'premier'], 'newest first; empty answers are no answers');
    assert.deepEqual(q.why!.texts!.sort(), ['Bruit', 'Papier']);
    assert.equal(q.name!.texts, undefined, 'no texts without publishText');
    assert.equal(q.mail!.texts, undefined);
    assert.equal(q.mail!.answered, 4);
  });

  it('by origin; an unknown origin is refused', async () => {
    await seed('s1');
    const paper = await results('s1', '?origin=paper');
    assert.equal(paper.responses, 2);
    assert.equal(paper.origin, 'paper');
    assert.deepEqual(paper.byOrigin, { web: 3, paper: 2, booth: 0, assisted: 0 });
    assert.deepEqual(paper.questions.district!.counts, { north: 1, south: 0, _other: 0 });
    assert.deepEqual(paper.questions.why!.texts, ['Papier']);
    const web = await results('s1', '?origin=web');
    assert.equal(web.responses, 3);
    assert.deepEqual(web.questions.stars!.counts, { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 });
    const booth = await results('s1', '?origin=booth');
    assert.equal(booth.responses, 0);
    assert.equal(booth.questions.stars!.numbers, undefined);
    const bad = await app.inject('/api/surveys/s1/results?origin=carrier-pigeon');
    assert.equal(bad.statusCode, 400);
  });

  it('texts: only with publishText, newest first, at most 200', async () => {
    await putContent(app, 'surveys', survey('s1', { resultsPublished: true }));
    const responses = Array.from({ length: MAX_TEXTS + 5 }, (_, i) => ({ answers: { ...valid(), bio: `texte ${i}` } }));
    const res = await app.inject({ method: 'POST', url: '/api/admin/surveys/s1/paper', headers: auth, payload: { responses } });
    assert.equal(res.statusCode, 201, res.body);
    await respond('s1', { answers: { ...valid(), bio: 'le plus récent' } });
    const r = await results('s1');
    assert.equal(r.responses, MAX_TEXTS + 6);
    assert.equal(r.questions.bio!.texts!.length, MAX_TEXTS);
    assert.equal(r.questions.bio!.texts![0], 'le plus récent');
  });

  it('reused while nothing changes; within resultsCacheMs while responses arrive; recomputed when the definition changes', async () => {
    const cached = await testApp(db, { surveys: { resultsCacheMs: 60_000 } });
    try {
      await putContent(cached, 'surveys', survey('s1', { resultsPublished: true }));
      const read = async () => SurveyResults.parse((await cached.inject('/api/surveys/s1/results')).json());
      const post = (answers: Record<string, unknown>) =>
        cached.inject({ method: 'POST', url: '/api/surveys/s1/responses', headers: { 'idempotency-key': key() }, payload: { answers } });
      assert.equal((await post(valid())).statusCode, 201);
      const first = await read();
      assert.equal(first.responses, 1);
      assert.equal((await post(valid())).statusCode, 201);
      assert.deepEqual(await read(), first, 'within resultsCacheMs');
      await putContent(cached, 'surveys', survey('s1', { resultsPublished: true, title: 'Autre titre' }));
      assert.equal((await read()).responses, 2, 'a new definition is recomputed at once');
    } finally {
      await cached.close();
    }
    // Without the cache, every new response shows at once; unchanged ones are reused.
    await putContent(app, 'surveys', survey('s2', { resultsPublished: true }));
    await respond('s2', { answers: valid() });
    const r1 = await results('s2');
    assert.deepEqual(await results('s2'), r1);
    await respond('s2', { answers: valid() });
    assert.equal((await results('s2')).responses, 2);
  });

  it('answers to questions removed or options renamed since are left out', async () => {
    await seed('s1');
    const def = survey('s1', { resultsPublished: true });
    const district = def.pages[0]!.questions.find((q) => q.id === 'district') as { options: Array<{ id: string; label: string }> };
    district.options = [{ id: 'north', label: 'Nord' }, { id: 'east', label: 'Est' }];
    def.pages[1]!.questions = def.pages[1]!.questions.filter((q) => q.id !== 'rank');
    await putContent(app, 'surveys', def);
    const r = await results('s1');
    assert.deepEqual(r.questions.district!.counts, { north: 2, east: 0, _other: 1 });
    assert.equal(r.questions.rank, undefined);
  });
});

describe('survey exports and paper responses (admin)', () => {
  it('needs the admin token', async () => {
    await putContent(app, 'surveys', survey('s1'));
    for (const url of ['/api/admin/surveys/s1/responses.csv', '/api/admin/surveys/s1/responses.json']) {
      assert.equal((await app.inject(url)).statusCode, 401);
    }
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/surveys/s1/paper', payload: { responses: [] } })).statusCode, 401);
  });

  it('CSV: stable columns, one row per response, RFC 4180 with BOM, formulas neutralised', async () => {
    await putContent(app, 'surveys', survey('s1', { contact: { consent: 'Recontact' } }));
    const a1 = { ...valid(), bio: '=HYPERLINK("http://evil.example","clic")', district: '_other', transport: ['bus', 'bike', '_other'], temp: -3 };
    assert.equal((await respond('s1', { answers: a1, other: { district: '+33 rue "des" Lilas, bât. B\nau fond', transport: '@home' }, contact: { email: 'contact@example.fr' } })).statusCode, 201);
    await new Promise((r) => setTimeout(r, 3));
    const a2 = { ...valid(), bio: '-1+1', stars: 1, why: 'Parce que;\r\nvoilà' };
    assert.equal((await respond('s1', { answers: a2 })).statusCode, 201);

    const res = await app.inject({ url: '/api/admin/surveys/s1/responses.csv', headers: auth });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers['content-disposition']), /s1-responses\.csv/);
    assert.ok(res.body.startsWith('\ufeff'));
    const [head, ...rows] = parseCsv(res.body.slice(1));
    assert.deepEqual(head, [
      'id', 'received_at', 'origin', 'name', 'bio', 'mail', 'age', 'temp', 'since', 'district', 'district.other', 'transport', 'transport.other',
      'town', 'resident', 'stars', 'why', 'nps', 'rank', 'grid.r1', 'grid.r2', 'agree', 'kids', 'school', 'contact.name', 'contact.email',
    ]);
    assert.equal(rows.length, 2);
    const row = (i: number) => Object.fromEntries(head!.map((h, j) => [h, rows[i]![j]]));
    const r1 = row(0);
    const r2 = row(1);
    assert.match(r1.id!, /^[0-9a-f-]{36}$/);
    assert.match(r1.received_at!, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(r1.origin, 'web');
    assert.equal(r1.bio, `'=HYPERLINK("http://evil.example","clic")`);
    assert.equal(r1['district.other'], `'+33 rue "des" Lilas, bât. B\nau fond`);
    assert.equal(r1['transport.other'], `'@home`);
    assert.equal(r1.district, '_other');
    assert.equal(r1.transport, 'bus | bike | _other');
    assert.equal(r1.temp, '-3', 'numbers are not text: no quote');
    assert.equal(r1.rank, 'y | x | z');
    assert.equal(r1['grid.r1'], 'c1');
    assert.equal(r1['grid.r2'], 'c3');
    assert.equal(r1.resident, 'yes');
    assert.equal(r1.kids, 'no');
    assert.equal(r1.school, '');
    assert.equal(r1.why, '');
    assert.equal(r1['contact.email'], 'contact@example.fr');
    assert.equal(r1['contact.name'], '');
    assert.equal(r2.bio, `'-1+1`);
    assert.equal(r2.why, 'Parce que;\r\nvoilà');
    assert.equal(r2['contact.email'], '');

    // Without contact in the definition, no contact columns at all.
    await putContent(app, 'surveys', survey('s1'));
    const again = parseCsv((await app.inject({ url: '/api/admin/surveys/s1/responses.csv', headers: auth })).body.slice(1));
    assert.ok(!again[0]!.some((h) => h.startsWith('contact')));
    assert.ok(!again.flat().includes('contact@example.fr'));
  });

  it('JSON: the survey, its questions and the responses', async () => {
    await putContent(app, 'surveys', survey('s1'));
    await respond('s1', { answers: { ...valid(), district: '_other' }, other: { district: 'Le Port' } });
    const res = await app.inject({ url: '/api/admin/surveys/s1/responses.json', headers: auth });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(body.survey, { id: 's1', title: { fr: 'Enquête', en: 'Survey' } });
    assert.deepEqual(body.questions.map((q: { id: string }) => q.id), ['name', 'bio', 'mail', 'age', 'temp', 'since', 'district', 'transport', 'town', 'resident', 'stars', 'why', 'nps', 'rank', 'grid', 'agree', 'kids', 'school']);
    assert.deepEqual(body.questions[0], { id: 'name', type: 'text', label: 'Nom' });
    assert.equal(body.questions[6].other, true);
    assert.deepEqual(body.questions[14].rows.map((r: { id: string }) => r.id), ['r1', 'r2']);
    assert.equal(body.responses.length, 1);
    const [r] = body.responses;
    assert.deepEqual(Object.keys(r), ['id', 'receivedAt', 'origin', 'answers', 'other']);
    assert.match(r.receivedAt, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(r.answers, { ...valid(), district: '_other' });
    assert.deepEqual(r.other, { district: 'Le Port' });
  });

  it('paper responses: validated like web ones, stored with origin paper, a batch counts once', async () => {
    await putContent(app, 'surveys', survey('s1'));
    const post = (payload: unknown, idem?: string) =>
      app.inject({ method: 'POST', url: '/api/admin/surveys/s1/paper', headers: { ...auth, ...(idem ? { 'idempotency-key': idem } : {}) }, payload: payload as object });
    const bad = await post({ responses: [{ answers: valid() }, { answers: { ...valid(), resident: undefined, stars: 9 } }] });
    assert.deepEqual(fieldsOf(bad).map((f) => [f.path, f.code]), [[['responses', 1, 'answers', 'resident'], 'required'], [['responses', 1, 'answers', 'stars'], 'too_big']]);
    assert.equal((await stored('s1')).length, 0, 'nothing of a refused batch is stored');
    fieldsOf(await post({ responses: [] }));

    const idem = key();
    const batch = { responses: [{ answers: { ...valid(), why: 'hidden' } }, { answers: { ...valid(), district: '_other' }, other: { district: 'Papier' } }] };
    const first = await post(batch, idem);
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual(first.json(), { added: 2, byOrigin: { web: 0, paper: 2, booth: 0, assisted: 0 } });
    const replay = await post(batch, idem);
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json().added, 0);
    // One batch shares its time: in batch order in the exports, in any order here.
    const rows = await stored('s1');
    assert.deepEqual(rows.map((r) => r.origin), ['paper', 'paper']);
    assert.deepEqual(rows.find((r) => !r.payload.other)!.payload, { answers: valid() }, 'hidden answers pruned');
    assert.deepEqual(rows.find((r) => r.payload.other)!.payload, { answers: { ...valid(), district: '_other' }, other: { district: 'Papier' } });
    const csv = parseCsv((await app.inject({ url: '/api/admin/surveys/s1/responses.csv', headers: auth })).body.slice(1));
    assert.deepEqual(csv.slice(1).map((r) => r[10]), ['', 'Papier'], 'a paper batch is exported in its order');
    // Paper is typed in after the close too.
    await putContent(app, 'surveys', survey('s1', { closesAt: past() }));
    assert.equal((await post({ responses: [{ answers: valid() }] })).statusCode, 201);
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/surveys/none/paper', headers: auth, payload: { responses: [{ answers: {} }] } })).statusCode, 404);
  });
});
