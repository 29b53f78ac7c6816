/** The counting rules against hand-computed examples (ties included). Pure functions, no database. */
import { it, describe } from 'node:test';
import assert from 'node:assert/strict';
import { borda, greedy, irv, mes } from '../votes.js';

const rep = (n: number, b: string[]) => Array.from({ length: n }, () => [...b]);

describe('Borda', () => {
  it('n-1 points for first ... 0 for last; unranked options get 0', () => {
    // options a b c d (n = 4): [b] gives b 3; [a, c] gives a 3, c 2; [c, a, b, d] gives c 3, a 2, b 1, d 0.
    // a = 3 + 2 = 5, b = 3 + 1 = 4, c = 2 + 3 = 5, d = 0
    const r = borda(['a', 'b', 'c', 'd'], [['b'], ['a', 'c'], ['c', 'a', 'b', 'd']]);
    assert.deepEqual(r.scores, [{ id: 'a', count: 5 }, { id: 'b', count: 4 }, { id: 'c', count: 5 }, { id: 'd', count: 0 }]);
    // a and c tie at 5 with one first preference each: definition order, a first.
    assert.deepEqual(r.order, ['a', 'c', 'b', 'd']);
  });

  it('equal scores: more first preferences first', () => {
    // options x y z: [y, x] -> y 2, x 1; [x, z] -> x 2, z 1; [y] -> y 2. x = 3, y = 4, z = 1... make x and y tie:
    // [x, y] -> x 2, y 1; [y] -> y 2; [x] -> x 2. x = 4, y = 3; add [z, y] -> z 2, y 1: y = 4.
    // x and y tie at 4; first preferences x 2, y 1: x first.
    const r = borda(['y', 'x', 'z'], [['x', 'y'], ['y'], ['x'], ['z', 'y']]);
    assert.deepEqual(r.scores.map((s) => s.count), [4, 4, 2]);
    assert.deepEqual(r.order, ['x', 'y', 'z']);
  });
});

describe('instant-runoff', () => {
  it('majority in the first round', () => {
    const r = irv(['a', 'b'], [...rep(3, ['a']), ['b']]);
    assert.equal(r.winner, 'a');
    assert.deepEqual(r.rounds, [{ counts: [{ id: 'a', count: 3 }, { id: 'b', count: 1 }], eliminated: [], exhausted: 0 }]);
  });

  it('no ballots: no rounds, no winner', () => {
    assert.deepEqual(irv(['a', 'b'], []), { rounds: [], winner: null });
  });

  it('tie for last broken by the previous round; exhausted ballots leave the majority threshold', () => {
    // 5 x [a], 2 x [b], 3 x [c], 1 x [d, b]  (11 ballots)
    // round 1: a 5, b 2, c 3, d 1 -> no one > 5.5; d is last -> eliminated
    // round 2: [d, b] goes to b: a 5, b 3, c 3 -> tie b/c at 3; previous round b 2 < c 3 -> b eliminated
    // round 3: [b] x 2 and [d, b] are exhausted (3): a 5, c 3; 5 > 8 / 2 -> a wins
    const r = irv(['a', 'b', 'c', 'd'], [...rep(5, ['a']), ...rep(2, ['b']), ...rep(3, ['c']), ['d', 'b']]);
    assert.deepEqual(r.rounds, [
      { counts: [{ id: 'a', count: 5 }, { id: 'b', count: 2 }, { id: 'c', count: 3 }, { id: 'd', count: 1 }], eliminated: ['d'], exhausted: 0 },
      { counts: [{ id: 'a', count: 5 }, { id: 'b', count: 3 }, { id: 'c', count: 3 }], eliminated: ['b'], exhausted: 0 },
      { counts: [{ id: 'a', count: 5 }, { id: 'c', count: 3 }], eliminated: [], exhausted: 3 },
    ]);
    assert.equal(r.winner, 'a');
  });

  it('first-round tie broken by Borda, then by the previous round', () => {
    // 2 x [a], 1 x [b, a], 1 x [c, b]  (n = 3; Borda a = 2+2+1 = 5, b = 2+1 = 3, c = 2)
    // round 1: a 2, b 1, c 1 -> 2 > 2 is false; tie b/c, no previous round, Borda c 2 < b 3 -> c eliminated
    // round 2: [c, b] goes to b: a 2, b 2 -> tie; previous round a 2 > b 1 -> b eliminated
    // round 3: [b, a] goes to a, [c, b] exhausted: a 3 of 3 -> a wins
    const r = irv(['a', 'b', 'c'], [...rep(2, ['a']), ['b', 'a'], ['c', 'b']]);
    assert.deepEqual(r.rounds.map((x) => x.eliminated), [['c'], ['b'], []]);
    assert.deepEqual(r.rounds[2], { counts: [{ id: 'a', count: 3 }], eliminated: [], exhausted: 1 });
    assert.equal(r.winner, 'a');
  });

  it('complete tie broken by definition order: the option listed last goes first', () => {
    // 2 x [a], 1 x [b, c], 1 x [c, b]  (Borda a 4, b 3, c 3)
    // round 1: a 2, b 1, c 1; tie b/c, Borda tie 3/3 -> c (listed last) eliminated
    // round 2: a 2, b 2 (exactly half is no majority); previous round b 1 < a 2 -> b eliminated
    // round 3: a 2, exhausted 2 -> last standing: a
    const r = irv(['a', 'b', 'c'], [...rep(2, ['a']), ['b', 'c'], ['c', 'b']]);
    assert.deepEqual(r.rounds.map((x) => [x.eliminated, x.exhausted]), [[['c'], 0], [['b'], 0], [[], 2]]);
    assert.equal(r.winner, 'a');
  });
});

const projects = (...p: Array<[string, number]>) => p.map(([id, cost]) => ({ id, cost }));

describe('greedy budget', () => {
  it('votes descending, equal votes cheaper first, skipping what does not fit, never unvoted projects', () => {
    // total 100. p1 60 € 3 votes, p2 50 € 3 votes, p3 40 € 2 votes, p4 10 € 0 votes
    // order: p2 (3 votes, cheaper), p1 (3), p3 (2): p2 -> 50 left; p1 60 > 50 skipped; p3 -> 10 left; p4 never
    const r = greedy(projects(['p1', 60], ['p2', 50], ['p3', 40], ['p4', 10]), new Map([['p1', 3], ['p2', 3], ['p3', 2]]), 100);
    assert.deepEqual(r, { winners: ['p2', 'p3'], spent: 90 });
  });

  it('equal votes and cost: definition order', () => {
    const r = greedy(projects(['x', 50], ['y', 50], ['z', 50]), new Map([['x', 1], ['y', 1], ['z', 1]]), 100);
    assert.deepEqual(r, { winners: ['x', 'y'], spent: 100 });
  });
});

describe('Method of Equal Shares', () => {
  it('gives the minority its share where greedy does not (approval utilities)', () => {
    // total 100, 10 ballots -> 10 each. 6 x [A1, A2], 4 x [B]. A1 50, A2 50, B 40.
    // Greedy: A1 6, A2 6 (tie: same cost, definition order), B 4 -> A1 + A2 = 100; B does not fit.
    // MES: A1: 6 approvers x 10 = 60 >= 50, rho = 50 / 6 = 8.33; A2 the same; B: 4 x 10 = 40 >= 40, rho = 10.
    //   step 1: A1 and A2 tie at rho 8.33 (same votes, same cost) -> A1 (definition order);
    //           its approvers keep 10 - 8.33 = 1.67 each.
    //   step 2: A2 needs 50 from 6 x 1.67 = 10: not affordable; B: rho = 10 -> funded; B voters keep 0.
    //   step 3: nothing affordable. Spent 90; greedy completion: A2 50 > 10 left: nothing added.
    const ballots = [...rep(6, ['A1', 'A2']), ...rep(4, ['B'])];
    const p = projects(['A1', 50], ['A2', 50], ['B', 40]);
    assert.deepEqual(greedy(p, new Map([['A1', 6], ['A2', 6], ['B', 4]]), 100), { winners: ['A1', 'A2'], spent: 100 });
    assert.deepEqual(mes(p, ballots, 100), { winners: ['A1', 'B'], spent: 90 });
  });

  it('greedy completion spends what MES leaves', () => {
    // total 100, 4 ballots -> 25 each. 3 x [A, C], 1 x [B, C]. A 60, B 40, C 30.
    // MES: C: 4 x 25 >= 30, rho 7.5; A: 3 x 25 = 75 >= 60, rho 20; B: 25 < 40.
    //   step 1: C (rho 7.5); everyone keeps 17.5. step 2: A needs 60 from 3 x 17.5 = 52.5: no; B: 17.5 < 40: no.
    //   completion (votes: C 4, A 3, B 1): 70 left, A 60 fits -> 10 left; B 40 does not.
    assert.deepEqual(mes(projects(['A', 60], ['B', 40], ['C', 30]), [...rep(3, ['A', 'C']), ['B', 'C']], 100), { winners: ['C', 'A'], spent: 90 });
  });

  it('unequal payments: approvers with less left pay all they have, the others pay rho', () => {
    // total 90, 3 ballots -> 30 each. [X, Y], [X, Y], [Y, Z]. X 40, Y 45, Z 25.
    // step 1: X: 2 x 30 = 60 >= 40, rho 20; Y: 3 x 30 = 90 >= 45, rho 15; Z: 30 >= 25, rho 25 -> Y (rho 15): all keep 15.
    // step 2: X needs 40 from 2 x 15 = 30: no; Z needs 25 from 15: no. Completion: 45 left;
    //   votes X 2, Z 1: X 40 fits -> 5 left; Z 25 does not. Winners Y, X; spent 85.
    assert.deepEqual(mes(projects(['X', 40], ['Y', 45], ['Z', 25]), [['X', 'Y'], ['X', 'Y'], ['Y', 'Z']], 90), { winners: ['Y', 'X'], spent: 85 });
    // Same, Z cheaper (10): step 1: Z rho 10 < Y rho 15 -> Z first; its voter keeps 20.
    //   step 2: Y: shares 20, 30, 30 (80 >= 45); 3 x 20 = 60 >= 45 -> rho 15, everyone pays 15 (keeps 5, 15, 15).
    //   step 3: X needs 40 from 15 + 15 = 30: no. Completion: 90 - 55 = 35 left, X 40 does not fit.
    assert.deepEqual(mes(projects(['X', 40], ['Y', 45], ['Z', 10]), [['X', 'Y'], ['X', 'Y'], ['Y', 'Z']], 90), { winners: ['Z', 'Y'], spent: 55 });
    // X at 58, Y at 75: step 1: Z (rho 10; X rho 29, Y rho 25) -> shares 30, 30, 20.
    //   step 2: X rho 29; Y: 3 x 20 = 60 < 75, so the [Y, Z] voter pays all her 20 and the two others
    //   split 55: rho 27.5 < 29 -> Y (shares left 2.5, 2.5, 0). step 3: X 5 < 58. Completion: 5 left, nothing.
    assert.deepEqual(mes(projects(['X', 58], ['Y', 75], ['Z', 10]), [['X', 'Y'], ['X', 'Y'], ['Y', 'Z']], 90), { winners: ['Z', 'Y'], spent: 85 });
    assert.deepEqual(mes(projects(['X', 40]), [], 90), { winners: [], spent: 0 });
  });
});
