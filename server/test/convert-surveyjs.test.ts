import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { SurveyDefinitionInput, type SurveyQuestion } from '../../src/api/schemas.js';
import { questionIssues } from '../../src/api/survey-rules.js';
import { convertSurveyJs, ConversionError, htmlToText, parseExpression, toId, type ConversionResult } from '../../scripts/convert-surveyjs.js';
import type { Db } from '../db.js';
import { auth, key, openTestDb, resetDb, testApp } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(ROOT, 'server/test/fixtures', name);
const load = (name: string): unknown => JSON.parse(readFileSync(fixture(name), 'utf8'));
const questions = (r: ConversionResult) => r.definition.pages.flatMap((p) => p.questions);
type Ids = Array<{ id: string }>;
/** One converted question, its fields read loosely. */
const q = (r: ConversionResult, id: string) => {
  const found = questions(r).find((x) => x.id === id);
  assert.ok(found, `no question ${id}`);
  return found as unknown as Record<string, unknown> & { options: Ids; rows: Ids; columns: Ids };
};
const whats = (items: Array<{ at: string; what: string }>) => items.map((i) => `${i.at} | ${i.what}`).sort();

describe('SurveyJS converter: a municipal consultation', () => {
  const r = convertSurveyJs(load('surveyjs-centre-bourg.json'), { id: 'centre-bourg' });

  it('gives a valid definition with every question it could convert', () => {
    assert.ok(SurveyDefinitionInput.safeParse(r.definition).success);
    assert.deepEqual(r.definition.pages.map((p) => p.id), ['vous', 'centre', 'ecole', 'fin']);
    assert.equal(questions(r).filter((x) => x.type !== 'info').length, 18);
    assert.deepEqual(r.report.questions, {
      info: 3, yesno: 1, single: 3, number: 2, dropdown: 1, multiple: 1, text: 2, scale: 2, textarea: 1, matrix: 1, ranking: 1, date: 1, email: 1, consent: 1,
    });
    assert.equal(r.definition.onePerDevice, true, 'cookieName: one response per device');
  });

  it('keeps localized texts, with SurveyJS "default" in the survey locale', () => {
    assert.deepEqual(r.definition.title, {
      fr: 'Consultation : l’avenir du centre-bourg', en: 'Consultation: the future of the town centre', nl: 'Raadpleging: de toekomst van het dorpscentrum',
    });
    assert.deepEqual(q(r, 'habite').label, { fr: 'Habitez-vous à Saint-Aubin ?', en: 'Do you live in Saint-Aubin?', nl: 'Woont u in Saint-Aubin?' });
    assert.deepEqual(q(r, 'transport').hint, { fr: 'Trois réponses au plus.', en: 'Three answers at most.' });
    assert.deepEqual(r.definition.pages[0]!.title, { fr: 'Vous', en: 'About you', nl: 'Over u' });
  });

  it('maps each type with its rules', () => {
    assert.deepEqual(q(r, 'quartier').options.map((o) => o.id), ['Centre', 'Les-Aubiers', 'Saint-Martin', 'Hameaux']);
    assert.equal(q(r, 'quartier').other, true);
    assert.equal(q(r, 'quartier').required, true);
    assert.deepEqual([q(r, 'age').type, q(r, 'age').min, q(r, 'age').max], ['number', 15, 120], 'the numeric validator narrows min');
    assert.deepEqual([q(r, 'enfants').min, q(r, 'enfants').step], [0, 1]);
    assert.equal(q(r, 'anciennete').type, 'dropdown');
    const transport = q(r, 'transport');
    assert.deepEqual([transport.type, transport.maxSelected, transport.other], ['multiple', 3, true]);
    assert.deepEqual(transport.options.map((o) => o.id), ['pied', 'velo', 'voiture', 'bus', 'none']);
    assert.deepEqual(q(r, 'code-postal').pattern, '^[0-9]{5}$');
    assert.deepEqual(q(r, 'code-postal').patternMessage, { fr: 'Cinq chiffres', en: 'Five digits' });
    assert.deepEqual([q(r, 'satisfaction').type, q(r, 'satisfaction').min, q(r, 'satisfaction').max, q(r, 'satisfaction').display], ['scale', 1, 5, 'stars']);
    assert.deepEqual(q(r, 'satisfaction').minLabel, { fr: 'Pas du tout', en: 'Not at all' });
    assert.deepEqual([q(r, 'nps').min, q(r, 'nps').max, q(r, 'nps').display], [0, 10, 'numbers']);
    assert.deepEqual([q(r, 'pourquoi').type, q(r, 'pourquoi').minLength, q(r, 'pourquoi').maxLength], ['textarea', 10, 2000]);
    const matrix = q(r, 'priorites');
    assert.deepEqual([matrix.required, matrix.rows.map((x) => x.id), matrix.columns.map((x) => x.id)], [true, ['arbres', 'stationnement', 'commerces'], ['1', '2', '3']]);
    assert.deepEqual(q(r, 'projets').options.map((o) => o.id), ['place', 'halle', 'pistes']);
    assert.deepEqual([q(r, 'visite').type, q(r, 'visite').min, q(r, 'visite').max], ['date', '2024-01-01', undefined]);
    assert.equal(q(r, 'courriel').type, 'email');
    assert.deepEqual([q(r, 'accord').type, q(r, 'accord').required], ['consent', true]);
    assert.equal(q(r, 'intro').type, 'info');
    assert.deepEqual(q(r, 'intro').label, { fr: 'Vos réponses sont anonymes.\nLes résultats seront publiés sur le site de la commune.', en: 'Your answers are anonymous.' });
    assert.deepEqual(q(r, 'centre-intro').label, { fr: 'Dites-nous ce qui va et ce qui ne va pas.', en: 'Tell us what works and what does not.' });
  });

  it('converts the conditions, panels included', () => {
    assert.deepEqual(q(r, 'quartier').visibleIf, { question: 'habite', equals: true });
    assert.deepEqual(q(r, 'code-postal').visibleIf, { question: 'habite', equals: false });
    assert.deepEqual(q(r, 'pourquoi').visibleIf, { question: 'satisfaction', oneOf: [1, 2] }, '<= on a rating becomes the list of values');
    const panel = { any: [{ question: 'transport', equals: 'voiture' }, { question: 'transport', equals: 'bus' }] };
    assert.deepEqual(q(r, 'commerces-panel').visibleIf, panel);
    assert.deepEqual(q(r, 'nps').visibleIf, panel);
    assert.deepEqual(q(r, 'commerce-manquant').visibleIf, { all: [panel, { question: 'nps', answered: true }, { question: 'nps', oneOf: [0, 1, 2, 3, 4, 5, 6] }] });
    assert.deepEqual(q(r, 'visite').visibleIf, { question: 'marche', oneOf: ['oui', 'sans-avis'] }, 'renamed choice values follow');
    assert.equal(r.definition.pages[2]!.visibleIf, undefined);
  });

  it('lists what it could not convert, approximated and ignored; never silently', () => {
    assert.deepEqual(whats(r.report.unsupported), [
      'pages[2] ("ecole") | page visibleIf',
      'pages[2].elements[0] ("trajet-ecole") | choicesOrder',
      'pages[2].elements[1] ("photo") | type file',
      'pages[3].elements[0] ("visite") | property max',
      'pages[3].elements[1] ("courriel").validators[1] | validator expression',
      'survey | property completedHtml',
      'survey | property triggers',
    ]);
    const page = r.report.unsupported.find((u) => u.what === 'page visibleIf')!;
    assert.match(page.detail, /\{habite\} = true and \{enfants\} > 0/);
    assert.match(page.detail, /always shown/);
    assert.deepEqual(whats(r.report.approximations), [
      'pages[0].elements[0] ("intro") | type html',
      'pages[0].elements[2] ("quartier") | otherText',
      'pages[0].elements[6] ("transport") | showNoneItem',
      'pages[1] ("centre") | page description',
      'pages[1].elements[5] ("commerces-panel") | type panel',
      'pages[3].elements[2] ("accord") | renderAs checkbox',
      'survey | cookieName',
    ]);
    assert.deepEqual([...new Set(r.report.ignored.map((i) => i.what))].sort(), ['property colCount', 'property placeholder', 'property showProgressBar', 'property showQuestionNumbers']);
    assert.deepEqual(r.report.ids, {
      questions: { 'code postal': 'code-postal' },
      options: { quartier: { 'Les Aubiers': 'Les-Aubiers' }, marche: { 'sans avis': 'sans-avis' } },
    });
  });
});

describe('SurveyJS converter: the converted survey runs on the server', () => {
  let db: Db;
  let app: FastifyInstance;
  before(async () => {
    db = await openTestDb();
    app = await testApp(db);
  });
  after(async () => {
    await resetDb(db);
    await app.close();
    await db.close();
  });

  it('is accepted as a definition and takes a response that follows its conditions', async () => {
    const { definition } = convertSurveyJs(load('surveyjs-centre-bourg.json'), { id: 'centre-bourg' });
    const put = await app.inject({ method: 'PUT', url: '/api/admin/surveys/centre-bourg', headers: auth, payload: definition });
    assert.equal(put.statusCode, 201, put.body);
    const answers = {
      habite: true, quartier: 'Les-Aubiers', age: 40, transport: ['velo', 'bus'], satisfaction: 2, pourquoi: 'Trop de voitures sur la place',
      priorites: { arbres: '3', stationnement: '1', commerces: '2' }, projets: ['halle', 'place', 'pistes'], marche: 'oui', nps: 3,
      'commerce-manquant': 'Une librairie', visite: '2025-06-01', accord: true,
    };
    const post = (body: unknown) => app.inject({ method: 'POST', url: '/api/surveys/centre-bourg/responses', headers: { 'idempotency-key': key() }, payload: body as object });
    const res = await post({ answers, deviceToken: key() });
    assert.equal(res.statusCode, 201, res.body);
    // The converted rules hold: the consent is required, "pourquoi" needs 10 characters.
    const bad = await post({ answers: { ...answers, accord: false, pourquoi: 'Bof' }, deviceToken: key() });
    assert.deepEqual(bad.json().error.fields.map((f: { path: string[]; code: string }) => [f.path.join('.'), f.code]), [['answers.pourquoi', 'too_short'], ['answers.accord', 'required']]);
  });
});

describe('SurveyJS converter: other shapes', () => {
  it('a survey of top-level elements, in one language, with unsupported types listed', () => {
    const r = convertSurveyJs(load('surveyjs-minimal.json'), { id: 'minimal' });
    assert.equal(r.definition.pages.length, 1);
    assert.equal(r.definition.title, 'minimal');
    assert.equal(q(r, 'name').label, 'What should we call the new library?');
    assert.equal(q(r, 'name').maxLength, 40);
    assert.deepEqual([q(r, 'importance').type, q(r, 'importance').min, q(r, 'importance').max, q(r, 'importance').minLabel, q(r, 'importance').maxLabel], ['scale', 1, 4, 'Low', 'High']);
    assert.deepEqual([q(r, 'mood').type, q(r, 'mood').options.map((o) => o.id)], ['single', ['bad', 'ok', 'great']]);
    assert.deepEqual([q(r, 'days').minSelected, q(r, 'days').maxSelected], [1, 2]);
    assert.deepEqual(q(r, 'why').visibleIf, { all: [{ question: 'days', equals: 'Mon' }, { question: 'days', equals: 'Tue' }, { not: { question: 'mood', equals: 'bad' } }] });
    assert.deepEqual(q(r, 'year').options.map((o) => o.id), ['2020', '2021', '2022', '2023', '2024', '2025']);
    assert.equal(q(r, 'total').type, 'info');
    assert.equal(q(r, 'phone').type, 'text');
    assert.equal(q(r, 'phone').visibleIf, undefined);
    assert.deepEqual(whats(r.report.unsupported), [
      'elements[4] ("total") | expression',
      'elements[5] ("contact") | type multipletext',
      'elements[7] ("phone") | visibleIf',
      'elements[9] ("sig") | type signaturepad',
    ]);
    assert.ok(r.report.approximations.some((a) => a.what === 'inputType tel'));
    assert.ok(r.report.approximations.some((a) => a.what === 'requiredErrorText'));
  });

  it('a condition on a later question, on the same page for a page condition, or on an unknown one is listed, not converted', () => {
    const r = convertSurveyJs({
      pages: [
        { name: 'p1', elements: [{ type: 'text', name: 'a', visibleIf: '{b} notempty' }, { type: 'text', name: 'b' }] },
        { name: 'p2', visibleIf: "{c} = 'x'", elements: [{ type: 'text', name: 'c' }, { type: 'text', name: 'd', visibleIf: '{zz} empty' }] },
      ],
    }, { id: 'order' });
    assert.equal(q(r, 'a').visibleIf, undefined);
    assert.equal(r.definition.pages[1]!.visibleIf, undefined);
    assert.deepEqual(r.report.unsupported.map((u) => u.detail.replace(/^"[^"]*": /, '').replace(/ \(condition.*$/, '')), [
      '{b} comes later: a condition can only depend on earlier answers',
      '{zz} is not a converted question',
      '{c} comes on this page or later: a condition can only depend on earlier answers',
    ]);
  });

  it('an unanchored SurveyJS regex keeps its meaning (found anywhere in the answer)', () => {
    const r = convertSurveyJs({ elements: [{ type: 'text', name: 't', validators: [{ type: 'regex', regex: '\\d' }] }, { type: 'text', name: 'u', validators: [{ type: 'regex', regex: '^[A-Z]+$' }] }] }, { id: 're' });
    const t = q(r, 't') as unknown as SurveyQuestion;
    assert.deepEqual(questionIssues(t, 'abc 4 def'), []);
    assert.deepEqual(questionIssues(t, 'abc').map((i) => i.code), ['pattern']);
    const u = q(r, 'u') as unknown as SurveyQuestion;
    assert.equal((u as { pattern?: string }).pattern, '^[A-Z]+$');
    assert.deepEqual(questionIssues(u, 'ABC'), []);
    assert.deepEqual(questionIssues(u, 'ABC1').map((i) => i.code), ['pattern']);
  });

  it('booleans with custom values, "other" in conditions, matrix and comparisons that cannot be converted', () => {
    const r = convertSurveyJs({
      locale: 'nl',
      elements: [
        { type: 'boolean', name: 'b', valueTrue: 'ja', valueFalse: 'nee', title: { default: 'Ja of nee?', fr: 'Oui ou non ?' } },
        { type: 'radiogroup', name: 'r', choices: ['x', 'y'], hasOther: true },
        { type: 'matrix', name: 'm', isRequired: true, rows: ['r1'], columns: ['c1', 'c2'] },
        { type: 'text', name: 't1', visibleIf: "{b} = 'ja' and {r} = 'other'" },
        { type: 'text', name: 't2', visibleIf: "{r} != 'x' || !({b} = 'nee')" },
        { type: 'text', name: 't3', visibleIf: "{m.r1} = 'c1'" },
        { type: 'text', name: 't4', visibleIf: '{t1} > 3' },
        { type: 'text', name: 't5', visibleIf: "{t1} contains 'a'" },
        { type: 'text', name: 't6', visibleIf: "{r} anyof ['x', 'z']" },
      ],
    }, { id: 'misc' });
    assert.deepEqual(q(r, 'b').label, { nl: 'Ja of nee?', fr: 'Oui ou non ?' });
    assert.deepEqual(q(r, 't1').visibleIf, { all: [{ question: 'b', equals: true }, { question: 'r', equals: '_other' }] });
    assert.deepEqual(q(r, 't2').visibleIf, { any: [{ not: { question: 'r', equals: 'x' } }, { not: { question: 'b', equals: false } }] });
    for (const id of ['t3', 't4', 't5', 't6']) assert.equal(q(r, id).visibleIf, undefined, id);
    assert.deepEqual(r.report.unsupported.map((u) => u.at), ['elements[5] ("t3")', 'elements[6] ("t4")', 'elements[7] ("t5")', 'elements[8] ("t6")']);
    assert.match(r.report.unsupported[3]!.detail, /no choice "z"/);
    assert.ok(r.report.approximations.some((a) => a.what === 'isRequired' && /every row/.test(a.detail)));
  });

  it('refuses what is not a SurveyJS survey', () => {
    for (const input of [null, [], 'survey', {}, { title: 'x' }, { pages: [] }, { elements: [{ type: 'file', name: 'f' }] }]) {
      assert.throws(() => convertSurveyJs(input, { id: 'x' }), ConversionError, JSON.stringify(input));
    }
    assert.throws(() => convertSurveyJs({ elements: [{ type: 'text', name: 'a' }] }, { id: 'not an id' }), ConversionError);
  });
});

describe('SurveyJS converter: helpers', () => {
  it('parses the common expression forms with and/or precedence and parentheses', () => {
    assert.deepEqual(parseExpression("{a} = 'x' or {b} notempty and !({c} anyof [1, 2])"), {
      k: 'or',
      items: [
        { k: 'cmp', op: '=', left: { k: 'var', name: 'a' }, right: { k: 'lit', value: 'x' } },
        { k: 'and', items: [{ k: 'cmp', op: 'notempty', left: { k: 'var', name: 'b' } }, { k: 'not', item: { k: 'cmp', op: 'anyof', left: { k: 'var', name: 'c' }, right: { k: 'list', items: [1, 2] } } }] },
      ],
    });
    assert.deepEqual(parseExpression('{a} <> -3'), { k: 'cmp', op: '!=', left: { k: 'var', name: 'a' }, right: { k: 'lit', value: -3 } });
    for (const bad of ['', "{a} = 'x", '{a} = ', 'iif({a}, 1, 2)', '{a} + 1 > 2', '({a} = 1', '{a} = 1 )']) assert.throws(() => parseExpression(bad), Error, bad);
  });

  it('ids and html', () => {
    assert.equal(toId('Qualité de l’air'), 'Qualite-de-l-air');
    assert.equal(toId('  --x '), 'x');
    assert.equal(toId('!!!', 'fallback'), 'fallback');
    assert.equal(toId('a'.repeat(80)).length, 64);
    assert.equal(htmlToText('<script>alert(1)</script><h2>Titre</h2><p>Fish &amp; chips&nbsp;&#8364;<br/>ok</p><ul><li>un</li><li>deux</li></ul>'), 'Titre\nFish & chips\u00a0€\nok\n• un\n• deux');
  });
});

describe('SurveyJS converter: the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-convert-'));
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/convert-surveyjs.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('writes the definition and the report; lists the unsupported parts on stderr; exit 0', () => {
    const out = join(dir, 'out.json');
    const report = join(dir, 'report.json');
    const r = run(fixture('surveyjs-centre-bourg.json'), '--out', out, '--report', report);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const def = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(def.id, 'surveyjs-centre-bourg', 'the id comes from the file name');
    assert.ok(SurveyDefinitionInput.safeParse(def).success);
    assert.equal(JSON.parse(readFileSync(report, 'utf8')).unsupported.length, 7);
    const lines = r.stderr.split('\n');
    assert.equal(lines.filter((l) => l.startsWith('unsupported: ')).length, 7);
    assert.ok(lines.includes('unsupported: pages[2].elements[1] ("photo"): type file: no equivalent question type: question left out'));
    assert.ok(lines.some((l) => l.startsWith('ignored (presentation, decided by the widget): colCount')));
  });

  it('prints to stdout with --id; npm run convert:surveyjs is wired', () => {
    const r = spawnSync('npm', ['run', '--silent', 'convert:surveyjs', '--', fixture('surveyjs-minimal.json'), '--id', 'library-name'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).id, 'library-name');
  });

  it('exit 1 on invalid input', () => {
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{ "pages": [ ');
    const notSurvey = join(dir, 'list.json');
    writeFileSync(notSurvey, '[1, 2]');
    for (const [args, message] of [
      [[notJson], /not JSON/],
      [[notSurvey], /not a SurveyJS survey/],
      [[join(dir, 'missing.json')], /no such file/],
      [[], /usage/],
      [[fixture('surveyjs-minimal.json'), '--nope', 'x'], /unknown or incomplete option/],
      [[fixture('surveyjs-minimal.json'), '--id', 'bad id'], /not a valid survey id/],
    ] as Array<[string[], RegExp]>) {
      const r = run(...args);
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });
});
