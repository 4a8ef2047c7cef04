export { MEDIA_URL_PREFIX, MediaLibrary, type MediaItem } from './library.ts';
export { ALLOWED_TYPES, sniffType, type SniffedType } from './sniff.ts';
export { formatBytes, receiveUpload } from './upload.ts';
export { imageInfo, sizeFolder, writeVariants, type ImageSizes } from './variants.ts';
