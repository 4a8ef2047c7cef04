import type { Migration } from '../database.ts';
import { initial } from './001-initial.ts';

/** The content schema's history, oldest first. Never edit a released migration; add one. */
export const contentMigrations: readonly Migration[] = [initial];
