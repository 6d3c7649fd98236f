import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseChannel,
  parseKeyValues,
  parseMention,
  type Token,
  tokenize,
  tokenizeWithQuotes,
} from '../../../src/core/parsing/command-line.ts';

describe('tokenize', () => {
  it.each([
    ['start Lincoln', ['start', 'Lincoln']],
    ['  start   Lincoln  ', ['start', 'Lincoln']],
    ['start\u00a0Lincoln\tnow\n', ['start', 'Lincoln', 'now']],
    ['/pdsa start', ['start']],
    ['/PDSA start', ['start']],
    ['"/pdsa" start', ['/pdsa', 'start']],
    ['start /pdsa', ['start', '/pdsa']],
    ['', []],
    ['   ', []],
    ['site "Lincoln Elementary"', ['site', 'Lincoln Elementary']],
    ["site 'Lincoln Elementary'", ['site', 'Lincoln Elementary']],
    ['site “Lincoln Elementary”', ['site', 'Lincoln Elementary']],
    ['site ”Lincoln Elementary”', ['site', 'Lincoln Elementary']],
    ['site „Lincoln Elementary“', ['site', 'Lincoln Elementary']],
    ['site «Lincoln Elementary»', ['site', 'Lincoln Elementary']],
    ['site ‘Lincoln Elementary’', ['site', 'Lincoln Elementary']],
    ["note 'Bob's class' done", ['note', "Bob's class", 'done']],
    ['note ‘Bob’s class’ done', ['note', 'Bob’s class', 'done']],
    ["don't stop", ["don't", 'stop']],
    ["'90s music", ["'90s", 'music']],
    ["'quoted', then", ['quoted,', 'then']],
    ['say ""', ['say', '']],
    ['"a b"c d', ['a bc', 'd']],
    ['5"6 tall', ['5"6', 'tall']],
    ['note "never closed', ['note', 'never closed']],
    ['site="Lincoln Elementary" x', ['site=Lincoln Elementary', 'x']],
    ['site:‘Lincoln Elementary’', ['site:Lincoln Elementary']],
    ['owner <@U024BE7LH|bob> site x', ['owner', '<@U024BE7LH|bob>', 'site', 'x']],
    ['owner <@U024BE7LH>', ['owner', '<@U024BE7LH>']],
    ['in <#C123|general> now', ['in', '<#C123|general>', 'now']],
    ['hi <!here>', ['hi', '<!here>']],
    ['see <https://example.org/a b|the page>', ['see', '<https://example.org/a', 'b|the', 'page>']],
    ['see <https://example.org/a|the page> now', ['see', '<https://example.org/a|the page>', 'now']],
    ['owner <at>Ana Lopez</at> site x', ['owner', '<at>Ana Lopez</at>', 'site', 'x']],
    ['a &lt;b&gt; &amp;c', ['a', '<b>', '&c']],
    ['"a &amp; b"', ['a & b']],
    ['<@U1|a &amp; b>', ['<@U1|a &amp; b>']],
    ['<not markup', ['<not', 'markup']],
  ])('splits %j', (line, words) => {
    expect(tokenize(line)).toEqual(words);
  });

  it('tells quoted words from plain ones and keeps what was typed', () => {
    expect(tokenizeWithQuotes('to "to" x')).toEqual([
      { text: 'to', raw: 'to', quoted: false },
      { text: 'to', raw: '"to"', quoted: true },
      { text: 'x', raw: 'x', quoted: false },
    ]);
  });
});

describe('parseMention', () => {
  it.each([
    ['<@U024BE7LH|bob>', { userId: 'U024BE7LH', label: 'bob' }],
    ['<@U024BE7LH>', { userId: 'U024BE7LH' }],
    ['<@W024BE7LH|Bob Smith>', { userId: 'W024BE7LH', label: 'Bob Smith' }],
    ['<@U024BE7LH|>', { userId: 'U024BE7LH' }],
    [' <@U024BE7LH> ', { userId: 'U024BE7LH' }],
    ['<at>Ana Lopez</at>', { userId: null, label: 'Ana Lopez' }],
    ['@ana', { userId: null, label: 'ana' }],
    ['@ana,', { userId: null, label: 'ana' }],
    ['@ana.lopez', { userId: null, label: 'ana.lopez' }],
    ['@José', { userId: null, label: 'José' }],
  ])('reads %j', (token, mention) => {
    expect(parseMention(token)).toEqual(mention);
  });

  it.each(['ana', '@', '@here', '@channel', '<!here>', '<#C123|general>', '<at></at>', 'a@b.org', '<@u12>'])(
    'finds no person in %j',
    (token) => {
      expect(parseMention(token)).toBeNull();
    },
  );
});

describe('parseChannel', () => {
  it.each([
    ['<#C123|general>', { channelId: 'C123', label: 'general' }],
    ['<#C123>', { channelId: 'C123' }],
    ['#general', { channelId: null, label: 'general' }],
  ])('reads %j', (token, channel) => {
    expect(parseChannel(token)).toEqual(channel);
  });

  it.each(['general', '#', '<@U1>'])('finds no channel in %j', (token) => {
    expect(parseChannel(token)).toBeNull();
  });
});

describe('parseKeyValues', () => {
  const KEYS = ['site', 'measure', 'owner', 'from', 'to', 'change idea'] as const;
  const read = (line: string) => parseKeyValues(tokenizeWithQuotes(line), KEYS);

  it('reads the example of the help page', () => {
    expect(read('site Lincoln measure "Attendance" owner @ana from 2026-12-01 to +14d')).toEqual({
      ok: true,
      values: { site: 'Lincoln', measure: 'Attendance', owner: '@ana', from: '2026-12-01', to: '+14d' },
      positional: [],
    });
  });

  it.each([
    [
      'site Lincoln Elementary measure Daily attendance',
      { site: 'Lincoln Elementary', measure: 'Daily attendance' },
      [],
    ],
    ['start now site Lincoln', { site: 'Lincoln' }, ['start', 'now']],
    ['SITE Lincoln Owner <@U1|ana>', { site: 'Lincoln', owner: '<@U1|ana>' }, []],
    ['site: Lincoln owner: @ana', { site: 'Lincoln', owner: '@ana' }, []],
    ['site:Lincoln owner=@ana', { site: 'Lincoln', owner: '@ana' }, []],
    ['site= Lincoln', { site: 'Lincoln' }, []],
    ['site="Lincoln Elementary" measure x', { site: 'Lincoln Elementary', measure: 'x' }, []],
    ['measure "Walk to school" site x', { measure: 'Walk to school', site: 'x' }, []],
    ['measure Walk "to" school', { measure: 'Walk to school' }, []],
    ['change idea Morning greeting site x', { 'change idea': 'Morning greeting', site: 'x' }, []],
    ['change "idea" site x', { site: 'x' }, ['change', 'idea']],
    ['site ""', { site: '' }, []],
    ['site “Lincoln”', { site: 'Lincoln' }, []],
    ['', {}, []],
    ['list sites', {}, ['list', 'sites']],
    ['note: about https://x.org/?a=b', {}, ['note:', 'about', 'https://x.org/?a=b']],
  ])('reads %j', (line, values, positional) => {
    expect(read(line)).toEqual({ ok: true, values, positional });
  });

  it('takes plain strings as unquoted words', () => {
    expect(parseKeyValues(['site', 'Lincoln', 'to', 'x'], KEYS)).toEqual({
      ok: true,
      values: { site: 'Lincoln', to: 'x' },
      positional: [],
    });
  });

  it('lets a value hold a key word when quoted, from tokens built by hand', () => {
    const tokens: Token[] = [
      { text: 'measure', raw: 'measure', quoted: false },
      { text: 'from home', raw: '"from home"', quoted: true },
    ];
    expect(parseKeyValues(tokens, KEYS)).toEqual({
      ok: true,
      values: { measure: 'from home' },
      positional: [],
    });
  });

  it.each([
    ['site a site b', /"site" is given twice.*quotes/],
    ['site a SITE: b', /"site" is given twice/],
    ['site', /"site" needs a value right after it, like site "your value"/],
    ['site measure x', /"site" needs a value/],
    ['measure x site', /"site" needs a value/],
    [
      'colour=red site x',
      /I don't know the key "colour"\. The keys here are: site, measure, owner, from, to, change idea\./,
    ],
    ['mesure=x', /I don't know the key "mesure"\. Did you mean "measure"\?/],
    [
      'mesure Attendance site x',
      /I don't know the key "mesure"\. Did you mean "measure"\? If "mesure" is meant as text, put it in quotes/,
    ],
    ['sitr Lincoln', /Did you mean "site"\?/],
    ['onwer @ana', /Did you mean "owner"\?/],
  ])('refuses %j, naming the key', (line, message) => {
    const result = read(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('does not take a quoted near miss for a typo', () => {
    expect(read('"mesure" x')).toEqual({ ok: true, values: {}, positional: ['mesure', 'x'] });
  });
});

describe('properties', () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({
      unit: fc.constantFrom(
        '"',
        "'",
        '“',
        '”',
        '‘',
        '’',
        '«',
        '»',
        '„',
        '<',
        '>',
        '@',
        '|',
        '#',
        '!',
        ' ',
        'a',
        '=',
        ':',
        '&',
        'l',
        't',
        ';',
      ),
    }),
  );

  it('never throws, and yields no token made of nothing unless it was quoted', () => {
    fc.assert(
      fc.property(anyText, (line) => {
        const tokens = tokenizeWithQuotes(line);
        for (const token of tokens) {
          expect(token.raw.length).toBeGreaterThan(0);
          if (!token.quoted) expect(token.text.length).toBeGreaterThan(0);
          expect(line).toContain(token.raw);
        }
        expect(tokenize(line)).toEqual(tokens.map((t) => t.text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives back simple words joined by any spaces', () => {
    const simpleWord = fc
      .string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcXYZ019-_.,/+%@:'.split('')) })
      .filter((w) => w.toLowerCase() !== '/pdsa');
    const gap = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0');
    fc.assert(
      fc.property(fc.array(fc.tuple(simpleWord, gap), { maxLength: 12 }), gap, (pairs, lead) => {
        const words = pairs.map(([w]) => w);
        const line = lead + pairs.map(([w, g]) => w + g).join('');
        expect(tokenize(line)).toEqual(words);
        expect(tokenize(words.join(' '))).toEqual(words);
      }),
    );
  });

  it('gives back any text put in double quotes without double quotes of its own', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/["“”&]/.test(s)),
        (inner) => {
          expect(tokenize(`x "${inner}" y`)).toEqual(['x', inner, 'y']);
        },
      ),
    );
  });

  it('never throws when reading keys', () => {
    fc.assert(
      fc.property(anyText, (line) => {
        const result = parseKeyValues(tokenizeWithQuotes(line), [
          'site',
          'measure',
          'from',
          'to',
          'change idea',
        ]);
        if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
