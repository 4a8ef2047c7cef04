/**
 * GUILD_MEDIA_URL (s3://bucket/prefix) with the usual AWS variables: where an S3-compatible
 * store is, checked when the host's settings are read, so a wrong setting stops the start with
 * what is wrong rather than failing the first upload.
 */
import { GuildError } from '../../errors.ts';
import { isKey } from './keys.ts';

export interface S3Location {
  /** As given, for messages: s3://bucket/prefix. */
  readonly url: string;
  readonly bucket: string;
  /** "" or ending in "/": every site's keys start `<prefix><slug>/`. */
  readonly prefix: string;
  readonly region: string;
  /** An S3-compatible server (MinIO, Ceph, R2, a test server), addressed path-style; AWS itself when absent. */
  readonly endpoint?: string;
  /** Given in the environment; when absent the SDK's own chain (a profile, an instance role) supplies them. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
}

/** Bucket names as S3 allows them (lowercase letters, digits, dots and dashes, 3 to 63). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseMediaUrl(value: string, env: NodeJS.ProcessEnv): S3Location {
  const refuse = (reason: string): never => {
    throw new GuildError('GUILD_ERR_MEDIA_URL', value, reason);
  };
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    refuse('it is not an address');
  }
  if (url!.protocol !== 's3:') refuse(`${url!.protocol} is not s3: (only S3-compatible object stores are supported)`);
  if (url!.username || url!.password) refuse('it carries credentials; put them in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead');
  if (url!.port || url!.search || url!.hash) refuse('it carries a port, a query or a fragment; the server goes in AWS_ENDPOINT_URL');
  const bucket = url!.hostname;
  if (!BUCKET.test(bucket)) refuse(bucket ? `"${bucket}" is not a bucket name (3 to 63 lowercase letters, digits, dots and dashes)` : 'it names no bucket');
  const decoded = (text: string) => {
    try {
      return decodeURIComponent(text).replace(/^\/+|\/+$/g, '');
    } catch {
      return refuse(`the key prefix "${text}" has a "%" that does not start an escape`);
    }
  };
  const path = decoded(url!.pathname);
  // The address parser folds "a/../b" into "b"; the prefix given is what must be a key.
  const given = decoded(value.replace(/^s3:\/\/[^/]*/i, ''));
  if ((given && !isKey(given)) || (path && !isKey(path))) refuse(`the key prefix "${path}" has an empty, "." or ".." segment or a character keys cannot have`);
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  if (endpoint !== undefined && !(URL.canParse(endpoint) && ['http:', 'https:'].includes(new URL(endpoint).protocol))) refuse(`AWS_ENDPOINT_URL "${endpoint}" is not an http(s) address`);
  // An S3-compatible server ignores the region but the request signature names one.
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || (endpoint ? 'us-east-1' : refuse('no region is set; set AWS_REGION to the bucket\'s region, e.g. eu-west-1'));
  const accessKeyId = env.AWS_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) refuse(`only ${accessKeyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is set; set both, or neither to use a profile or an instance role`);
  return {
    url: value,
    bucket,
    prefix: path ? `${path}/` : '',
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } } : {}),
  };
}
