export { imagesDirIn, localStorage } from './local.ts';
export { parseMediaUrl, type S3Location } from './location.ts';
export { s3Storage } from './s3.ts';
export { RangeNotSatisfiable, type ByteRange, type MediaStorage, type SiteMedia, type SiteRef, type StoredFile } from './store.ts';
export { isKey } from './keys.ts';
export { copyMedia } from './copy.ts';

import { localStorage } from './local.ts';
import type { S3Location } from './location.ts';
import { s3Storage } from './s3.ts';
import type { MediaStorage } from './store.ts';

/** The host's media store: the bucket GUILD_MEDIA_URL names, else each site's folder. */
export function mediaStorage(location: S3Location | undefined): MediaStorage {
  return location ? s3Storage(location) : localStorage();
}
