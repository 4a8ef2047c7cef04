export { imagesDirIn, MediaLibrary, type MediaItem } from './library.ts';
export { formatBytes, receiveUpload } from './upload.ts';
export { download, DownloadError, downloadsInto, DOWNLOAD_TIMEOUT_MS, type DownloadLimits } from './download.ts';
