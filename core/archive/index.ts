export { exportSite, type SiteToExport } from './export.ts';
export { ARCHIVE_FORMAT, CHECKSUMS, DESCRIPTOR, type ArchiveDescriptor } from './format.ts';
export { restoreSite, type RestoredSite, type RestoreOptions } from './restore.ts';
