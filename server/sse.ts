/**
 * Server-sent event streams by key (a petition, a thread): what `GET …/events` routes share. Each
 * stream starts with a `retry` hint and a first frame, gets a heartbeat comment so that proxies keep
 * it open, and is ended before the server closes (or `close()` would wait for it forever).
 * Changes made through another app instance are not seen here: widgets also poll, less often.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** One event in the text/event-stream format. */
export const sseFrame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export interface EventStreams {
  /** Whether any stream is open on `key` (to skip building frames nobody reads). */
  listening(key: string): boolean;
  /** Writes frames to every stream open on `key`. */
  send(key: string, frames: string): void;
  /** Answers the request with a stream on `key` that begins with `first`. */
  open(request: FastifyRequest, reply: FastifyReply, key: string, first: string): void;
}

export function eventStreams(app: FastifyInstance, heartbeatMs: number): EventStreams {
  const streams = new Map<string, Set<ServerResponse>>();
  app.addHook('preClose', async () => {
    for (const open of streams.values()) for (const res of open) res.end();
    streams.clear();
  });
  return {
    listening: (key) => !!streams.get(key)?.size,
    send(key, frames) {
      for (const res of streams.get(key) ?? []) res.write(frames);
    },
    open(request, reply, key, first) {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(`retry: 5000\n${first}`);
      let open = streams.get(key);
      if (!open) streams.set(key, (open = new Set()));
      open.add(res);
      const beat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      beat.unref();
      const done = () => {
        clearInterval(beat);
        open.delete(res);
        if (!open.size && streams.get(key) === open) streams.delete(key);
      };
      request.raw.on('close', done);
      res.on('close', done);
    },
  };
}
