export { migrate, openDatabase, type Migration, type SqliteDatabase } from './database.ts';
export { seedContent, welcomeSeed, type SeedData } from './seed.ts';
export { slugify, uniqueSlug } from './slug.ts';
export { ENTRY_LIST_LIMIT, EntryStore, type Entry, type EntryInput, type EntryStatus } from './entries.ts';
export { SqliteContentStore, type SqliteContentStoreOptions } from './sqlite-store.ts';
export type { ContentStore } from './store.ts';
export * from './types.ts';
export { htmlToText, truncateWords } from './text.ts';
