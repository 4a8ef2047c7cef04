export { MediaLibrary, type MediaItem } from './library.ts';
export { formatBytes, receiveUpload } from './upload.ts';
