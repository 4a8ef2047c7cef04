export { exportSite, type SiteToExport } from './export.ts';
export { ACCOUNTS, ARCHIVE_FORMAT, CHECKSUMS, DESCRIPTOR, type ArchiveDescriptor, type ArchivedMember } from './format.ts';
export { restoreSite, type RestoredSite, type RestoreOptions } from './restore.ts';
