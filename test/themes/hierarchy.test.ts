// Ghost's template hierarchy: the most specific template the theme has wins.
import { expect, it } from 'vitest';
import { templateCandidates } from '../../core/themes/index.ts';

it('picks templates from most to least specific, as Ghost does', () => {
  expect(templateCandidates({ kind: 'home', page: 1 })).toEqual(['home', 'index']);
  expect(templateCandidates({ kind: 'home', page: 2 })).toEqual(['index']);
  expect(templateCandidates({ kind: 'post', slug: 'hello', custom: null })).toEqual(['post-hello', 'post']);
  expect(templateCandidates({ kind: 'post', slug: 'hello', custom: 'wide' })).toEqual(['post-hello', 'custom-wide', 'post']);
  expect(templateCandidates({ kind: 'page', slug: 'about', custom: 'custom-landing' })).toEqual(['page-about', 'custom-landing', 'page', 'post']);
  expect(templateCandidates({ kind: 'tag', slug: 'news' })).toEqual(['tag-news', 'tag', 'index']);
  expect(templateCandidates({ kind: 'author', slug: 'ada' })).toEqual(['author-ada', 'author', 'index']);
  expect(templateCandidates({ kind: 'error', status: 404 })).toEqual(['error-404', 'error-4xx', 'error']);
});
