/**
 * Receives one uploaded file (multipart field `file`) within a size limit: into memory by
 * default, so its bytes can be checked before anything is written, or into a temporary file for
 * large uploads (a WordPress export). Multer's errors become Guild errors: too large → 413;
 * a wrong field → 422; a form that cannot be read at all → 400.
 */
import os from 'node:os';
import type { RequestHandler } from 'express';
import multer from 'multer';
import { GuildError } from '../errors.ts';

export interface UploadOptions {
  /** Write the file to a temporary file (`req.file.path`; the caller removes it) instead of memory. */
  readonly toDisk?: boolean;
  /** The error for a file over the limit; it is given the limit, e.g. "10 MB". */
  readonly tooLarge?: 'GUILD_ERR_UPLOAD_TOO_LARGE' | 'GUILD_ERR_IMPORT_TOO_LARGE';
}

export function receiveUpload(maxBytes: number, options: UploadOptions = {}): RequestHandler {
  const upload = multer({
    storage: options.toDisk ? multer.diskStorage({ destination: os.tmpdir() }) : multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10 },
    // Browsers send file names in UTF-8 without saying so; latin1 (the default) would garble "Crème".
    defParamCharset: 'utf8',
  } as multer.Options & { defParamCharset: string }).single('file');
  return (req, res, next) =>
    upload(req, res, (error?: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return next(new GuildError(options.tooLarge ?? 'GUILD_ERR_UPLOAD_TOO_LARGE', formatBytes(maxBytes)));
        return next(new GuildError('GUILD_ERR_INVALID_INPUT', `the upload form is not right (${error.message}); send one file in the field "file"`));
      }
      // A system error (a full disk) is the server's; anything else is a form busboy could not read
      // (a malformed part header, bytes that are not UTF-8, a body cut short): the sender's.
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return next(error);
      next(new GuildError('GUILD_ERR_BAD_REQUEST', `the upload form is malformed (${error instanceof Error ? error.message : String(error)})`));
    });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}
