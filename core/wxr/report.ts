/** What an import did: counts per kind, what was left out and why, what was kept as text, and what the sanitizer removed. */
import type { RejectedPart } from '../content/index.ts';

export type ImportKind = 'authors' | 'tags' | 'posts' | 'pages' | 'attachments' | 'comments' | 'menus';
export const IMPORT_KINDS: readonly ImportKind[] = ['authors', 'tags', 'posts', 'pages', 'attachments', 'comments', 'menus'];

export interface KindCount {
  created: number;
  updated: number;
  unchanged: number;
}

export interface Skipped {
  readonly what: string;
  readonly reason: string;
  count: number;
  /** A few titles or ids, so the reader can find them. */
  readonly examples: string[];
}

export interface ImportReport {
  /** Which WordPress site the content came from; a later import of it merges by original id. */
  readonly source: string;
  readonly counts: Record<ImportKind, KindCount>;
  readonly skipped: Skipped[];
  /** Shortcodes left in the text as written, by name, with how often. */
  readonly shortcodesKept: Record<string, number>;
  /** Things worth knowing that are not failures: slugs that changed, dates read in a time zone. */
  readonly notes: string[];
  linksRewritten: number;
  /** Old addresses of the WordPress site (permalinks, ?p=, archives) recorded to redirect here, new or changed in this import. */
  oldUrls: number;
  /** What the HTML sanitizer took out of each post (scripts, event handlers, foreign iframes), per post. */
  readonly removed: Removed[];
}

export interface Removed {
  /** The post's title (or #id), as the reader knows it. */
  readonly post: string;
  count: number;
  /** The first few removed parts, each the markup as it was and why it was not kept. */
  readonly parts: Array<{ readonly source: string; readonly reason: string }>;
}

const MAX_EXAMPLES = 5;
const MAX_REMOVED_PARTS = 20;

export function emptyReport(source: string): ImportReport {
  const counts = Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, { created: 0, updated: 0, unchanged: 0 }])) as Record<ImportKind, KindCount>;
  return { source, counts, skipped: [], shortcodesKept: {}, notes: [], linksRewritten: 0, oldUrls: 0, removed: [] };
}

export function skip(report: ImportReport, what: string, reason: string, example: string): void {
  let entry = report.skipped.find((skipped) => skipped.what === what && skipped.reason === reason);
  if (!entry) {
    entry = { what, reason, count: 0, examples: [] };
    report.skipped.push(entry);
  }
  entry.count++;
  if (example && entry.examples.length < MAX_EXAMPLES && !entry.examples.includes(example)) entry.examples.push(example);
}

/** Records what the sanitizer removed from one post's HTML (or from a comment on it). */
export function removed(report: ImportReport, post: string, parts: readonly RejectedPart[]): void {
  if (!parts.length) return;
  let entry = report.removed.find((removed) => removed.post === post);
  if (!entry) {
    entry = { post, count: 0, parts: [] };
    report.removed.push(entry);
  }
  entry.count += parts.length;
  for (const part of parts) if (entry.parts.length < MAX_REMOVED_PARTS) entry.parts.push({ source: part.source, reason: part.reason });
}

export function count(report: ImportReport, kind: ImportKind, outcome: keyof KindCount): void {
  report.counts[kind][outcome]++;
}

/** True when the import wrote nothing: a repeat of an earlier one. */
export function changedNothing(report: ImportReport): boolean {
  return IMPORT_KINDS.every((kind) => report.counts[kind].created === 0 && report.counts[kind].updated === 0);
}

export function formatReport(report: ImportReport): string {
  const lines = [`Imported from ${report.source}:`];
  for (const kind of IMPORT_KINDS) {
    const { created, updated, unchanged } = report.counts[kind];
    if (created + updated + unchanged === 0) continue;
    lines.push(`  ${kind.padEnd(12)} ${created} new, ${updated} updated, ${unchanged} unchanged`);
  }
  if (report.linksRewritten) lines.push(`  links to the old site's own pages rewritten: ${report.linksRewritten}`);
  if (report.oldUrls) lines.push(`  old addresses recorded to redirect here (301): ${report.oldUrls}`);
  if (report.skipped.length) {
    lines.push('Left out:');
    for (const skipped of report.skipped) {
      const examples = skipped.examples.length ? ` (e.g. ${skipped.examples.map((example) => `"${example}"`).join(', ')})` : '';
      lines.push(`  ${skipped.count} × ${skipped.what}: ${skipped.reason}${examples}`);
    }
  }
  if (report.removed.length) {
    lines.push('Removed from the HTML (cannot run on a Guild site):');
    for (const entry of report.removed) {
      lines.push(`  "${entry.post}": ${entry.count} removed`);
      for (const part of entry.parts) lines.push(`    ${part.source}: ${part.reason}`);
    }
  }
  const shortcodes = Object.entries(report.shortcodesKept);
  if (shortcodes.length) {
    lines.push('Kept as text (Guild cannot render these shortcodes; edit or remove them):');
    lines.push(`  ${shortcodes.map(([name, times]) => `[${name}] × ${times}`).join(', ')}`);
  }
  if (report.notes.length) lines.push('Notes:', ...report.notes.map((note) => `  ${note}`));
  return lines.join('\n');
}
