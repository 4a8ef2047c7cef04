import type { Migration } from '../database.ts';
import { initial } from './001-initial.ts';
import { search } from './002-search.ts';

/** The content schema's history, oldest first. Never edit a released migration; add one. */
export const contentMigrations: readonly Migration[] = [initial, search];
