export { migrate, openDatabase, type Migration, type SqliteDatabase } from './database.ts';
export { seedContent, welcomeSeed, type SeedData } from './seed.ts';
export { slugify, uniqueSlug } from './slug.ts';
export { ENTRY_LIST_LIMIT, EntryStore, type Entry, type EntryInput, type EntryStatus } from './entries.ts';
export { SqliteContentStore, type SqliteContentStoreOptions } from './sqlite-store.ts';
export type { ContentStore } from './store.ts';
export type { AdjacentTo, AdjacentWithin, FindQuery } from './find.ts';
export * from './types.ts';
export { escapeHtml, htmlToText, readingTime, truncateHtml, truncateWords } from './text.ts';
