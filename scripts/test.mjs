// `npm test`: type-check, browser tests (Web Test Runner in Chromium, with coverage), server tests
// (node:test on a real PGlite, or PostgreSQL when DATABASE_URL is set, with coverage). Ends with the
// line CI reads: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
/** Names of what failed, repeated just above the last line so a truncated log still says what broke. */
const failures = [];
const only = process.argv.slice(2);
const want = (stage) => only.length === 0 || only.includes(stage);

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** A check that is not a test runner (type-check, coverage threshold) counts as one test. */
function check(name, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
    console.error(`✗ ${name} failed`);
  }
}

if (want('types')) {
  console.log('\n== type-check (custom-elements.json, tsc) ==');
  const r = await run('npm', ['run', '--silent', 'typecheck']);
  check('type-check', r.code === 0);
}

if (want('browser')) {
  console.log('\n== browser tests (Web Test Runner, Chromium) ==');
  const chrome = ensureChromium();
  rmSync('.tmp/wtr-counts.json', { force: true });
  const r = await run('npx', ['--no-install', 'wtr', '--coverage'], { CHROME_PATH: chrome, NODE_OPTIONS: '--import=tsx' });
  let counts;
  try {
    counts = JSON.parse(readFileSync('.tmp/wtr-counts.json', 'utf8'));
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0 };
    console.error('✗ the browser test run produced no results');
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  for (const f of counts.failures ?? []) failures.push(`browser: ${f}`);
  // A non-zero exit with every test green means the coverage threshold (85 % of lines) was missed.
  if (counts.failed === 0) check('browser coverage threshold (85 % lines of src/)', r.code === 0);
}

if (want('server')) {
  console.log(`\n== server tests (node:test, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}) ==`);
  const r = await run('npm', ['run', '--silent', 'test:server']);
  const num = (re) => Number(r.out.match(re)?.[1] ?? 0);
  const passed = num(/^[#ℹ] pass (\d+)/m);
  const failed = num(/^[#ℹ] fail (\d+)/m);
  const skipped = num(/^[#ℹ] skipped (\d+)/m);
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  // node:test's spec reporter lists each failing test again under "failing tests:"; TAP says "not ok".
  for (const m of r.out.matchAll(/^\s*(?:✖|not ok \d+ -) (.+?)(?: \([\d.]+m?s\))?$/gm)) failures.push(`server: ${m[1]}`);
  if (passed + failed === 0) check('server tests (none ran)', false);
  else if (failed === 0) check('server coverage threshold (85 % lines of server/)', r.code === 0);
}

if (failures.length) console.log(`\nwhat failed:\n${[...new Set(failures)].map((f) => `✗ ${f}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
