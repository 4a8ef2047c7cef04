// The SDK's sha256 gives what node:crypto gives, so a plugin hashes alike in the host and in its sandbox.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../core/sdk/index.ts';

describe('sha256', () => {
  it('matches node:crypto for any text, across block boundaries', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => sha256(text) === createHash('sha256').update(text).digest('hex')));
    for (const length of [55, 56, 63, 64, 65]) expect(sha256('a'.repeat(length))).toBe(createHash('sha256').update('a'.repeat(length)).digest('hex'));
  });
});
