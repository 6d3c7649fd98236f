import { describe, expect, it } from 'vitest';
import { MAX_ID, readId, shownId } from '../../../src/core/parsing/ids.ts';

// What counts as an id in a command, a button or a form.

describe('readId', () => {
  it('reads digits, with or without "#", from 1 to the largest integer PostgreSQL holds', () => {
    expect(readId('12')).toEqual({ kind: 'id', id: 12 });
    expect(readId('#12')).toEqual({ kind: 'id', id: 12 });
    expect(readId(' 12 ')).toEqual({ kind: 'id', id: 12 });
    expect(readId('007')).toEqual({ kind: 'id', id: 7 });
    expect(readId('2147483647')).toEqual({ kind: 'id', id: MAX_ID });
  });

  it('takes 0 and digits beyond that range as a number no id has, keeping them as typed', () => {
    expect(readId('2147483648')).toEqual({ kind: 'none', digits: '2147483648' });
    expect(readId('#99999999999999999999999')).toEqual({ kind: 'none', digits: '99999999999999999999999' });
    expect(readId('0')).toEqual({ kind: 'none', digits: '0' });
  });

  it('takes anything but digits as no id: signs, decimals, exponents, hex, other scripts, nothing', () => {
    for (const text of [
      '-1',
      '+1',
      '3.0',
      '1e3',
      '1e300',
      '0x1F',
      '1_000',
      '1,000',
      '١٢',
      '½',
      'x',
      '',
      '#',
    ]) {
      expect(readId(text), text).toEqual({ kind: 'not an id' });
    }
    expect(readId(undefined)).toEqual({ kind: 'not an id' });
    expect(readId(null)).toEqual({ kind: 'not an id' });
  });
});

describe('shownId', () => {
  it('shows an id as its number, and digits no id has as typed, cut short when a paste is long', () => {
    expect(shownId(readId('#007') as { kind: 'id'; id: number })).toBe('7');
    expect(shownId({ kind: 'none', digits: '2147483648' })).toBe('2147483648');
    expect(shownId({ kind: 'none', digits: '9'.repeat(2000) })).toBe(`${'9'.repeat(39)}…`);
  });
});
