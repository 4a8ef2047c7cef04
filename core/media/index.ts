export { MediaLibrary, type MediaItem } from './library.ts';
export { typeOfName } from './sniff.ts';
export { copyMedia, imagesDirIn, isKey, localStorage, mediaStorage, parseMediaUrl, RangeNotSatisfiable, type ByteRange, type MediaStorage, type S3Location, type SiteMedia, type SiteRef, type StoredFile } from './storage/index.ts';
export { formatBytes, receiveUpload } from './upload.ts';
export { download, DownloadError, downloadsInto, DOWNLOAD_TIMEOUT_MS, type DownloadLimits } from './download.ts';
