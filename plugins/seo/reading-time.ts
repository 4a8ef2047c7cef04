/** Minutes to read a post: its words at the given pace, plus a few seconds per image; at least 1. */
export function readingTime(html: string, wordsPerMinute: number): number {
  const text = html.replace(/<[^>]+>/g, ' ');
  const words = text.split(/\s+/).filter((word) => /\w/.test(word)).length;
  const images = (html.match(/<img\b/gi) ?? []).length;
  return Math.max(1, Math.round(words / wordsPerMinute + (images * 12) / 60));
}
