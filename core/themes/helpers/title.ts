/**
 * Usage: {{title}}
 * The title of the post or page in context (escaped); a tag's or author's name on their archives.
 */
export function title(this: { title?: unknown; name?: unknown }): string {
  const value = this.title ?? this.name;
  return typeof value === 'string' ? value : '';
}
