/** Ghost's error shape, which its clients read: `{"errors": [{message, type, context, ...}]}`. */
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

export type GhostErrorType = 'NotFoundError' | 'UnauthorizedError' | 'NoPermissionError' | 'BadRequestError' | 'ValidationError';

const STATUS: Readonly<Record<GhostErrorType, number>> = {
  BadRequestError: 400,
  ValidationError: 422,
  UnauthorizedError: 401,
  NoPermissionError: 403,
  NotFoundError: 404,
};

export function sendGhostError(res: Response, type: GhostErrorType, message: string, context: string | null = null, help: string | null = null): void {
  res.status(STATUS[type]).json({
    errors: [{ message, context, type, details: null, property: null, help, code: null, id: randomUUID(), ghostErrorCode: null }],
  });
}
