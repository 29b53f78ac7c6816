/**
 * `tsx bench/vote-results.bench.ts`: time of the counting rules on synthetic ballots (the cost of
 * results for ranked and budget votes, computed from every stored ballot). Deterministic data.
 */
import { borda, greedy, irv, mes } from '../server/votes.js';

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: T[], k: number): T[] => {
  const copy = [...list];
  const out: T[] = [];
  // popular options first: a skewed draw, like real votes
  while (out.length < k && copy.length) out.push(copy.splice(Math.floor(rand() ** 2 * copy.length), 1)[0]!);
  return out;
};
function time(label: string, fn: () => unknown, runs = 5): void {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(48)} median ${ms[Math.floor(runs / 2)]!.toFixed(1)} ms`);
}

for (const n of [1_000, 10_000, 50_000]) {
  const options = Array.from({ length: 8 }, (_, i) => `o${i}`);
  const rankings = Array.from({ length: n }, () => pick(options, 1 + Math.floor(rand() * options.length)));
  time(`ranked, 8 options, ${n} ballots: IRV`, () => irv(options, rankings));
  time(`ranked, 8 options, ${n} ballots: Borda`, () => borda(options, rankings));
  const projects = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, cost: 5_000 + Math.floor(rand() * 60) * 1_000 }));
  const ballots = Array.from({ length: n }, () => pick(projects.map((p) => p.id), 2 + Math.floor(rand() * 6)));
  const votes = new Map<string, number>();
  for (const b of ballots) for (const c of b) votes.set(c, (votes.get(c) ?? 0) + 1);
  time(`budget, 50 projects, ${n} ballots: greedy`, () => greedy(projects, votes, 500_000));
  time(`budget, 50 projects, ${n} ballots: MES`, () => mes(projects, ballots, 500_000));
}
