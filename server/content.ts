/** Loads organiser content from `demo/content/**\/*.json` (`{ "kind": "vote", ...definition }`), upserting it. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { KINDS, type Kind } from '../src/api/schemas.js';
import type { Db } from './db.js';
import { mapIssues } from './errors.js';
import { definitionIssues, upsertContent, type Definition } from './store.js';

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const full = join(dir, e.name);
      if (e.isDirectory()) return jsonFiles(full);
      return Promise.resolve(e.isFile() && e.name.endsWith('.json') ? [full] : []);
    }),
  );
  return nested.flat().sort();
}

export interface LoadedContent {
  file: string;
  kind: Kind;
  id: string;
  definition: Definition;
}

/** Reads and validates every file; throws one error naming every invalid file. */
export async function readContent(dir: string): Promise<LoadedContent[]> {
  const files = await jsonFiles(dir);
  const loaded: LoadedContent[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const name = relative(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      problems.push(`${name}: malformed JSON (${(err as Error).message})`);
      continue;
    }
    const { kind, ...rest } = (raw ?? {}) as { kind?: string };
    if (!kind || !(kind in KINDS)) {
      problems.push(`${name}: "kind" must be one of ${Object.keys(KINDS).join(', ')}`);
      continue;
    }
    const k = kind as Kind;
    const parsed = KINDS[k].input.safeParse(rest);
    if (!parsed.success) {
      const issues = mapIssues(parsed.error.issues as Parameters<typeof mapIssues>[0], rest);
      problems.push(`${name}: ${issues.map((i) => i.message).join('; ')}`);
      continue;
    }
    const def = parsed.data as Definition;
    const semantic = definitionIssues(k, def);
    if (semantic.length) {
      problems.push(`${name}: ${semantic.map((i) => i.message).join('; ')}`);
      continue;
    }
    loaded.push({ file, kind: k, id: def.id, definition: def });
  }
  if (problems.length) throw new Error(`Invalid content in ${dir}:\n  ${problems.join('\n  ')}`);
  return loaded;
}

export async function loadContent(db: Db, dir: string): Promise<LoadedContent[]> {
  const items = await readContent(dir);
  for (const item of items) await upsertContent(db, item.kind, item.definition);
  return items;
}
