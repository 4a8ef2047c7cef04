/**
 * The ceiling: a bare node:http server answering every request with one fixed page of the size
 * the host serves. Whatever the host does on top of this is what the benchmark measures.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.argv[2]!);
const server = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
});
server.listen(Number(process.argv[3]), '127.0.0.1', () => process.send?.('ready'));
