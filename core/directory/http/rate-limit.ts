/**
 * Reads need no account, so each client address gets so many a minute (Directory.readsPerMinute):
 * pages, API reads, screenshots, downloads and key registrations. Signed writes are limited by
 * their signature instead. Over the limit: 429 with GUILD_ERR_DIRECTORY_RATE_LIMITED.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { GuildError } from '../../errors.ts';
import type { Directory } from '../directory.ts';

const WINDOW_MS = 60_000;

export function readLimiter(directory: Directory): RequestHandler {
  const unauthenticated = (req: Request) => req.method === 'GET' || req.method === 'HEAD' || (req.method === 'POST' && req.path === '/api/people');
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: directory.readsPerMinute,
    identifier: 'directory-reads',
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    validate: { xForwardedForHeader: false },
    skip: (req) => !unauthenticated(req),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? ''),
    handler: (req: Request, res: Response) => {
      const error = new GuildError('GUILD_ERR_DIRECTORY_RATE_LIMITED', String(directory.readsPerMinute));
      res.status(error.status);
      if (req.path.startsWith('/api/')) res.json({ error: { code: error.code, message: error.message } });
      else res.type('text').send(error.message);
    },
  });
}
