/**
 * A stand-in for an old WordPress site's uploads on 127.0.0.1: each path answers what the test
 * says (bytes, a status, a redirect, or nothing for a while), and every request is counted. Bytes
 * go with their Content-Length unless `unsized`, as a server streaming a file of unknown length.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FileAnswer = { body: Buffer; type?: string; unsized?: boolean } | { status: number } | { redirect: string } | { stallMs: number };

export interface FileServer {
  readonly origin: string;
  readonly hits: Map<string, number>;
  answer(path: string, answer: FileAnswer): void;
  close(): Promise<void>;
}

export async function fileServer(): Promise<FileServer> {
  const answers = new Map<string, FileAnswer>();
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const answer = answers.get(path) ?? { status: 404 };
    if ('body' in answer) {
      const length = answer.unsized ? {} : { 'content-length': answer.body.length };
      return void res.writeHead(200, { 'content-type': answer.type ?? 'image/png', ...length }).end(answer.body);
    }
    if ('redirect' in answer) return void res.writeHead(302, { location: answer.redirect }).end();
    if ('status' in answer) return void res.writeHead(answer.status).end();
    const timer = setTimeout(() => (timers.delete(timer), res.end()), answer.stallMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    answer: (path, answer) => void answers.set(path, answer),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
