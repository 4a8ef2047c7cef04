/** Ports for tests that start servers of their own (haproxy, caddy, `guild start`). */
import { createServer } from 'node:net';

/** A port nothing listens on now, from the kernel, so parallel runs do not clash. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
