/**
 * Receives one uploaded file (multipart field `file`) into memory, within the host's size limit,
 * so its bytes can be checked before anything is written. Multer's errors become Guild errors:
 * too large → 413; anything else about the form → 422.
 */
import type { RequestHandler } from 'express';
import multer from 'multer';
import { GuildError } from '../errors.ts';

export function receiveUpload(maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10 },
    // Browsers send file names in UTF-8 without saying so; latin1 (the default) would garble "Crème".
    defParamCharset: 'utf8',
  } as multer.Options & { defParamCharset: string }).single('file');
  return (req, res, next) =>
    upload(req, res, (error?: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return next(new GuildError('GUILD_ERR_UPLOAD_TOO_LARGE', formatBytes(maxBytes)));
        return next(new GuildError('GUILD_ERR_INVALID_INPUT', `the upload form is not right (${error.message}); send one file in the field "file"`));
      }
      next(error);
    });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}
