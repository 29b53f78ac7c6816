// `npm start`: builds the bundle when it is missing or older than the sources, then starts the
// reference backend (http://localhost:8787, PORT overrides) with the demo and the embedded database.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync, spawn } from 'node:child_process';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const bundle = 'dist/civic-widgets.js';
const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(newest('src'), statSync('package.json').mtimeMs);
if (stale) {
  console.log('Building the bundle (dist/civic-widgets.js)…');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
