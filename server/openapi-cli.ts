/** `npm run openapi`: writes docs/openapi.json from the schemas. */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from './openapi.js';

const target = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));
await writeFile(target, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log(`wrote ${target}`);
