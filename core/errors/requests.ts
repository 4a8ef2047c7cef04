/** Errors answered to a request: input, sessions, uploads, media, imports and bodies. */
import type { GuildErrorSpec } from './spec.ts';

export const requestErrors = {
  GUILD_ERR_BAD_REQUEST: {
    status: 400,
    message: (what) => `The request could not be read: ${what}. Send addresses and form fields as well-formed UTF-8.`,
  },
  GUILD_ERR_TRUST_PROXY: {
    status: 500,
    message: (entry) =>
      `GUILD_TRUST_PROXY has "${entry}", which is not an address, a subnet (10.0.0.0/8) or one of loopback, linklocal, uniquelocal. Name the reverse proxies in front of the host, comma-separated, e.g. GUILD_TRUST_PROXY=127.0.0.1,::1.`,
  },
  GUILD_ERR_LOGIN_LIMITED: {
    status: 429,
    message: (minutes) => `Too many failed logins. Wait ${minutes} minutes, or reset the password by email.`,
  },
  GUILD_ERR_CSRF: {
    status: 403,
    message: () => 'This request changes something, so it needs the X-CSRF-Token header with the csrfToken from logging in (or GET /admin/api/session).',
  },
  GUILD_ERR_ADMIN_ELSEWHERE: {
    status: 404,
    message: (url) =>
      `The admin is not served at a site's public address, so that scripts on its pages cannot use a logged-in session. This site's admin, and its API under /admin/api/, are at ${url}.`,
  },
  GUILD_ERR_FORBIDDEN: {
    status: 403,
    message: (role, what) => `Your role on this site (${role}) does not allow ${what}. Ask the site's owner.`,
  },
  GUILD_ERR_INVALID_INPUT: {
    status: 422,
    message: (what) => `The request cannot be saved: ${what}`,
  },
  GUILD_ERR_NOT_FOUND: {
    status: 404,
    message: (what) => `${what} does not exist (any more). Reload the list and try again.`,
  },
  GUILD_ERR_TOKEN_INVALID: {
    status: 410,
    message: (kind) => `This ${kind} link is not valid any more: it was used already or has expired. Ask for a new one.`,
  },
  GUILD_ERR_LAST_OWNER: {
    status: 409,
    message: () => 'A site needs at least one owner. Make someone else an owner first.',
  },
  GUILD_ERR_UPLOAD_TOO_LARGE: {
    status: 413,
    message: (limit) => `The file is larger than the upload limit of ${limit}. Make it smaller (e.g. export the image at 2000 px wide) and upload again.`,
  },
  GUILD_ERR_UPLOAD_TYPE: {
    status: 415,
    message: (allowed) => `The file's contents are not an allowed type (whatever its name says). Allowed: ${allowed}.`,
  },
  GUILD_ERR_MEDIA_URL: {
    status: 500,
    message: (value, reason) =>
      `GUILD_MEDIA_URL "${value}" cannot be used: ${reason}. Give the bucket and an optional key prefix as s3://bucket/prefix; the endpoint and credentials come from AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_S3), AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Leave GUILD_MEDIA_URL unset to keep media in each site's folder.`,
  },
  GUILD_ERR_MEDIA_STORE: {
    status: 503,
    message: (where, reason) =>
      `The media store ${where} did not answer as expected: ${reason}. Check that the bucket exists, that AWS_ENDPOINT_URL points at the server, and that AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY may read and write it.`,
  },
  GUILD_ERR_MEDIA_IN_USE: {
    status: 409,
    message: (where) => `This file is still used by ${where}. Delete it anyway with ?force=1, or remove it from there first.`,
  },
  GUILD_ERR_IMPORT_TOO_LARGE: {
    status: 413,
    message: (limit) =>
      `The export is larger than the import limit of ${limit}. Import it on the server with "guild import wxr <site> <file>" (no limit), or have the host's operator raise GUILD_IMPORT_MAX_MB.`,
  },
  GUILD_ERR_IMPORT_TYPE: {
    status: 415,
    message: (what) => `The file is ${what}, not a WordPress export. Upload the .xml file that WordPress's Tools → Export → All content downloads.`,
  },
  GUILD_ERR_IMPORT_RUNNING: {
    status: 409,
    message: (what) => `An import into this site is running (${what}). Wait for it to finish (its progress is on the Import page), then try again.`,
  },
  GUILD_ERR_MEDIA_FETCH_RUNNING: {
    status: 409,
    message: (who) => `The imported files are being fetched already (started by ${who}). Its progress is on the Import & export page.`,
  },
  GUILD_ERR_IMPORT_WHILE_FETCHING: {
    status: 409,
    message: (who) =>
      `The files of an earlier import are being fetched (started by ${who}); an import now would hold them up. Wait for the fetch to finish (its progress is on the Import & export page), then import.`,
  },
  GUILD_ERR_NO_DIRECTORY: {
    status: 503,
    message: () =>
      'This host has no directory to install from: the embedded one is turned off (GUILD_DIRECTORY_EMBEDDED=0) and GUILD_DIRECTORY names no other. Ask the host\'s operator to set one.',
  },
  GUILD_ERR_DIRECTORY_REFUSED: {
    status: 502,
    message: (reason) => `The directory refused: ${reason}`,
  },
  GUILD_ERR_THEME_NOT_INSTALLED: {
    status: 404,
    message: (theme) => `The theme "${theme}" is not installed on this host. Install it from the directory first.`,
  },
  GUILD_ERR_BAD_JSON: {
    status: 400,
    message: (reason) => `The request body is not valid JSON (${reason}). Send JSON with Content-Type: application/json.`,
  },
  GUILD_ERR_BODY_TOO_LARGE: {
    status: 413,
    message: (limit) => `The request body is larger than ${limit}. Upload images through /admin/api/media instead of embedding them.`,
  },
} satisfies Record<string, GuildErrorSpec>;
