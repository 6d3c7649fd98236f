import { describe, expect, it } from 'vitest';
import { quoteInput } from '../../src/core/quoted-input.ts';

describe('repeating what someone typed in an error', () => {
  it('shows short input whole, on one line', () => {
    expect(quoteInput('  most of\n them ')).toBe('"most of them"');
  });

  it('cuts long input at a space, so no word is cut into another', () => {
    const typed = 'magna rhoncus cras pede vestibulum nulla massa maecenas';
    expect(quoteInput(typed)).toBe('"magna rhoncus cras pede vestibulum…"');
    expect(quoteInput(typed)).not.toMatch(/\bnull\b/);
  });

  it('cuts one very long word where it must, at 39 characters', () => {
    expect(quoteInput('y'.repeat(500))).toBe(`"${'y'.repeat(39)}…"`);
  });
});
