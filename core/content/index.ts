export { containsPattern, migrate, openDatabase, type Migration, type SqliteDatabase } from './database.ts';
export { seedContent, welcomeSeed, type SeedData } from './seed.ts';
export { slugify, uniqueSlug } from './slug.ts';
export { SqliteContentStore, type SqliteContentStoreOptions } from './sqlite-store.ts';
export type { ContentStore } from './store.ts';
export * from './types.ts';
export { htmlToText, truncateWords } from './text.ts';
export { EMBED_HOSTS, sanitizeContent, type RejectedPart, type Sanitized } from './sanitize.ts';
export { Revisions, diffRevisions, type DiffPart, type Revision, type RevisionDiff, type RevisionReason } from './revisions.ts';
