import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardMarkdown, literalText } from '../../../../adapters/teams/render/markup.ts';
import { shown } from '../support/markdown.ts';

// Teams reads every TextBlock as Markdown. What the core marks up (**bold**,
// _italic_, `code`) is formatted; everything else shows as it was typed.

describe('text as typed', () => {
  it.each([
    ['- 3', '- 3'],
    ['1. Greet at the door', '1. Greet at the door'],
    ['2) second', '2) second'],
    ['**not bold**', '**not bold**'],
    ['_not italic_', '_not italic_'],
    ['[a link](https://example.org)', '[a link](https://example.org)'],
    ['<site> and <b>tags</b>', '<site> and <b>tags</b>'],
    ['# not a heading', '# not a heading'],
    ['---', '---'],
    ['> not a quote', '> not a quote'],
    ['`not code`', '`not code`'],
    ['AT&amp;T &copy; 5 < 6 & 7 > 2', 'AT&amp;T &copy; 5 < 6 & 7 > 2'],
    ['C:\\path\\to\\file\\', 'C:\\path\\to\\file\\'],
    ['    four spaces', 'four spaces'],
  ])('shows %j as typed', (typed, seen) => {
    expect(shown(literalText(typed))).toEqual({ text: seen, formatting: [] });
  });

  it('shows any line as typed (leading and trailing spaces aside)', () => {
    const line = fc
      .array(fc.constantFrom(...'ab1 .-+#*_`[]()<>!&;\\|~=:/'.split(''), 'x', '9', ')'), {
        maxLength: 40,
      })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(line, (typed) => {
        const { text, formatting } = shown(literalText(typed));
        expect(formatting).toEqual([]);
        expect(text).toBe(typed.trim());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the core markup', () => {
  it('keeps **bold** and _italic_, shows `code` in bold, and never nests bold', () => {
    expect(cardMarkdown('Type `/pdsa help` to see **everything** _now_')).toBe(
      'Type **/pdsa help** to see **everything** _now_',
    );
    expect(cardMarkdown('**Run `start` first**')).toBe('**Run start first**');
  });

  it('shows placeholders such as <site> in commands', () => {
    const line = cardMarkdown(
      'Type `/pdsa join <site>`, or `/pdsa start <site> idea <number or text> owner <@person>`.',
    );
    expect(shown(line)).toEqual({
      text: 'Type /pdsa join <site>, or /pdsa start <site> idea <number or text> owner <@person>.',
      formatting: ['strong', 'strong'],
    });
    expect(shown(cardMarkdown('**<site>** is a placeholder, <measure> too')).text).toBe(
      '<site> is a placeholder, <measure> too',
    );
  });

  it('formats only what the core marked up inside text people typed', () => {
    const idea = 'Use *stars* and snake_case_names, [links](x) and 1. lists';
    expect(shown(cardMarkdown(`**Idea 1:** ${idea} (_tried twice_)`))).toEqual({
      text: `Idea 1: ${idea} (tried twice)`,
      formatting: ['strong', 'emph'],
    });
  });
});
