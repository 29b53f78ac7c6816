import type { Plugin } from 'vite';

/**
 * Minifies the CSS inside Lit `css\`…\`` templates of `*.styles.ts` modules at build time (Vite
 * minifies JS, not the text of template literals): comments dropped, white space collapsed.
 * Only templates without `${}` interpolation are touched; the transform keeps every space that can
 * matter in a selector (descendant combinators): it removes space around `{ } ; , >` and after `:`.
 */
export function minifyCssLiterals(): Plugin {
  return {
    name: 'civic-minify-css-literals',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.styles\.ts$/.test(id)) return null;
      const out = code.replace(/css`([^`$\\]*)`/g, (_m, body: string) => `css\`${minifyCss(body)}\``);
      return out === code ? null : { code: out, map: null };
    },
  };
}

export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}
