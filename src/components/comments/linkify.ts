/**
 * Comment text to Lit templates: paragraphs (blank lines), line breaks, and `http(s)://` addresses
 * as links — built from the parsed text with Lit bindings, never as HTML, so that any text (markup,
 * scripts, bidi controls, zero-width characters) is shown exactly as typed.
 *
 * The output keeps every character of the input in text nodes, in order: the container's
 * `textContent` equals the text. Paragraphs are `<p>` (CSS `white-space: pre-wrap` shows the line
 * breaks and spaces inside them); the blank lines between paragraphs stay as a text node between
 * the `<p>` elements, where white space is not rendered.
 * @internal
 */
import { html, type TemplateResult } from 'lit';

/** Two or more line breaks with only spaces or tabs between them. */
const PARAGRAPH_BREAK = /((?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+)/;

/** An address starting with http:// or https:// that does not continue a word, up to white space or < > ". */
const URL_PATTERN = /(?<![\p{L}\p{N}_])https?:\/\/[^\s<>"]+/giu;

/** Characters that end a sentence rather than an address when they end a match. */
const TRAILING = /[.,;:!?'’”»)\]}*_~]+$/u;

function trimUrl(candidate: string): string {
  const trailing = TRAILING.exec(candidate);
  if (!trailing) return candidate;
  let url = candidate.slice(0, trailing.index);
  // Keep closing brackets that close one opened inside the address (Wikipedia-style "Foo_(bar)").
  for (const ch of trailing[0]) {
    const open = ch === ')' ? '(' : ch === ']' ? '[' : ch === '}' ? '{' : '';
    if (!open) break;
    const opened = url.split(open).length - 1;
    const closed = url.split(ch).length - 1;
    if (opened > closed) url += ch;
    else break;
  }
  return url;
}

/** The `href` for an address found in text, or undefined when it is not a usable http(s) URL. */
function hrefOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** One paragraph's content: text and links, in order. */
export function linkify(text: string): Array<string | TemplateResult> {
  const out: Array<string | TemplateResult> = [];
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    const href = hrefOf(url);
    if (!href || url.length < 'http://x'.length) continue;
    if (match.index > at) out.push(text.slice(at, match.index));
    out.push(html`<a href=${href} rel="nofollow ugc noopener" target="_blank">${url}</a>`);
    at = match.index + url.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** A whole comment body: `<p>` per paragraph, the separators kept as text between them. */
export function renderBody(text: string): Array<string | TemplateResult> {
  return text.split(PARAGRAPH_BREAK).map((piece, i) => (i % 2 ? piece : piece ? html`<p>${linkify(piece)}</p>` : ''));
}
