/**
 * The petition's optional proof of work (a lazy chunk: loaded only for petitions that ask for it).
 * Finds a nonce such that SHA-256(`challenge:nonce`) starts with `difficulty` zero bits, with
 * crypto.subtle: each digest is asynchronous, and every 200 tries the loop yields a task, so the
 * page stays responsive while it searches.
 */

function zeroBits(hash: Uint8Array): number {
  let n = 0;
  for (const byte of hash) {
    if (byte) return n + Math.clz32(byte) - 24;
    n += 8;
  }
  return n;
}

export async function solvePow(challenge: string, difficulty: number, signal?: AbortSignal): Promise<string> {
  const encoder = new TextEncoder();
  for (let n = 0; ; n++) {
    signal?.throwIfAborted();
    const nonce = n.toString(36);
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${nonce}`)));
    if (zeroBits(hash) >= difficulty) return nonce;
    if (n % 200 === 199) await new Promise((r) => setTimeout(r));
  }
}
