// Slugs stay readable in any script: transliterated to Latin letters, never empty, never a bare number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify } from '../../core/content/index.ts';

describe('slugify', () => {
  it('transliterates non-Latin titles into a readable slug', () => {
    expect(slugify('επίπεδο 2')).toBe('epipedo-2');
    expect(slugify('Привет, мир')).toBe('privet-mir');
    expect(slugify('北京')).toBe('beijing');
    expect(slugify('Crème Brûlée & Co.')).toBe('creme-brulee-and-co');
    expect(slugify('#featured')).toBe('hash-featured');
  });

  it('never gives a post or page a bare number', () => {
    expect(slugify('2024', 'post')).toBe('post-2024');
    expect(slugify('2', 'page')).toBe('page-2');
    expect(slugify('!!!', 'post')).toBe('post');
    expect(slugify('1-2', 'page')).toBe('page-1-2');
  });

  it('for any mix of scripts, digits and punctuation: one plain segment, a letter wherever the title had one, never a bare number', () => {
    const letters = fc.constantFrom(...'επίπεδοΑΩжизнЯ北京東京안녕مرحبשלוםāéßøñ'.split(''));
    // Signs with no sound of their own (the Cyrillic soft sign, the Arabic alef) transliterate to nothing.
    const other = fc.constantFrom(...'0123456789 -./#%&?ьا'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(letters, other) }), (title) => {
        const slug = slugify(title, 'post');
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug).not.toMatch(/^[0-9-]+$/);
        if (/[^ьا\P{L}]/u.test(title)) expect(slug.replace(/^(hash-)?/, '')).toMatch(/[a-z]/);
      }),
      { numRuns: 2000 },
    );
  });
});
