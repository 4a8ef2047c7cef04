export { importDocument, importWordPress, type ImportInput } from './import.ts';
export { readWxr } from './read.ts';
export { changedNothing, formatReport, IMPORT_KINDS, type ImportKind, type ImportReport } from './report.ts';
export { sourceOf, type ImportOptions, type ImportProgress } from './run.ts';
export type { WxrDocument, WxrItem } from './types.ts';
export { writeWxr, type SiteForExport } from './write.ts';
export { importInWorker, type ImportInWorker, type WorkerImport } from './in-worker.ts';
export { attachmentsWaiting, fetchAttachments, type AttachmentFetcher, type AttachmentsWaiting, type FetchProgress, type FetchReport } from './fetch.ts';
