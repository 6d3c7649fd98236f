import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../../adapters/teams/render/card.ts';
import { CARD_BYTE_BUDGET, cardBytes, cut } from '../../../../adapters/teams/render/fit-card.ts';
import { cardMarkdown } from '../../../../adapters/teams/render/markup.ts';
import { type Block, type Message, message } from '../../../../src/core/message-model.ts';
import { cardErrors, cardText, submitData } from '../support/cards.ts';
import { shown } from '../support/markdown.ts';

const body = (m: Message) => renderCard(m).body as Record<string, unknown>[];

function valid(m: Message) {
  const card = renderCard(m);
  expect(cardErrors(card)).toEqual([]);
  return card;
}

function png(width: number, height: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${Array.from(
    { length: 60 },
    (_, i) =>
      `<circle cx="${(i * 37) % width}" cy="${(i * 53) % height}" r="${5 + (i % 9)}" fill="hsl(${i * 11},70%,50%)"/>`,
  ).join('')}<text x="10" y="30" font-size="20">chart</text></svg>`;
  return Buffer.from(new Resvg(svg).render().asPng()).toString('base64');
}

describe('markup', () => {
  it('keeps **bold** and _italic_, shows `code` in bold, and never nests bold', () => {
    expect(cardMarkdown('Type `/pdsa help` to see **everything** _now_')).toBe(
      'Type **/pdsa help** to see **everything** _now_',
    );
    expect(cardMarkdown('**Run `start` first**')).toBe('**Run start first**');
  });

  it('turns each line of a text into a TextBlock, with space only where a blank line was', () => {
    const blocks = body(message('x', { type: 'text', text: '**Cycles**\n• one\n• two\n\nAfter a gap' }));
    expect(blocks.map((b) => [b.text, b.spacing])).toEqual([
      ['**Cycles**', undefined],
      ['• one', 'none'],
      ['• two', 'none'],
      ['After a gap', 'medium'],
    ]);
    expect(blocks.every((b) => b.type === 'TextBlock' && b.wrap === true)).toBe(true);
  });
});

describe('blocks', () => {
  it('renders a heading large and bold, context small and subtle, fields as facts, a divider as a separator', () => {
    const card = valid(
      message(
        'Cycle #1',
        { type: 'heading', text: 'Cycle #1' },
        { type: 'fields', fields: [{ label: 'Site', value: '**Lincoln**' }] },
        { type: 'divider' },
        { type: 'context', text: 'Type `help`' },
      ),
    );
    expect(card).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.5',
      fallbackText: 'Cycle #1',
      msteams: { width: 'Full' },
      body: [
        {
          type: 'TextBlock',
          text: 'Cycle #1',
          size: 'large',
          weight: 'bolder',
          style: 'heading',
          wrap: true,
        },
        { type: 'FactSet', facts: [{ title: 'Site', value: '**Lincoln**' }] },
        { type: 'TextBlock', text: 'Type **help**', size: 'small', isSubtle: true, separator: true },
      ],
    });
  });

  it('renders buttons as Action.Submit with what to route back, six to a row', () => {
    const buttons = Array.from({ length: 8 }, (_, i) => ({
      actionId: `checkin.answer:${i}`,
      label: `Answer ${i}`,
      value: String(i),
      ...(i === 0 ? { style: 'primary' as const } : i === 1 ? { style: 'danger' as const } : {}),
    }));
    const card = valid(message('b', { type: 'buttons', buttons }));
    expect(card.body.map((b) => (b.actions as unknown[]).length)).toEqual([6, 2]);
    expect(submitData(card)[0]).toEqual({ pdsa: 'action', actionId: 'checkin.answer:0', value: '0' });
    const [first, second] = card.body[0]!.actions as Record<string, unknown>[];
    expect(first).toMatchObject({ type: 'Action.Submit', title: 'Answer 0', style: 'positive' });
    expect(second).toMatchObject({ style: 'destructive' });
  });

  it('puts a form inline: every kind of input, labels, required with a message, limits, and a submit', () => {
    const card = valid(
      message('f', {
        type: 'form',
        form: {
          formId: 'checkin:7',
          title: 'Plan · cycle #7',
          submitLabel: 'Submit',
          inputs: [
            {
              kind: 'text',
              id: 'question',
              label: 'What question?',
              required: true,
              multiline: true,
              maxLength: 2000,
            },
            {
              kind: 'text',
              id: 'prediction',
              label: 'Prediction',
              required: true,
              hint: 'e.g. 18/24',
              initial: '12/30',
            },
            {
              kind: 'number',
              id: 'count',
              label: 'How many?',
              required: false,
              min: 0,
              max: 500,
              initial: '12',
            },
            {
              kind: 'choice',
              id: 'decision',
              label: 'What do you decide?',
              required: true,
              initial: 'adapt',
              choices: [
                { value: 'adopt', label: 'Adopt' },
                { value: 'adapt', label: 'Adapt' },
              ],
            },
            { kind: 'date', id: 'from', label: 'Starts', required: true, initial: '2026-12-01' },
            { kind: 'date', id: 'to', label: 'Ends', required: false, initial: '+7d' },
          ],
        },
      }),
    );
    const [title, question, prediction, count, decision, from, to, submit] = card.body;
    expect(title).toMatchObject({ type: 'TextBlock', text: 'Plan · cycle #7', weight: 'bolder' });
    expect(question).toMatchObject({
      type: 'Input.Text',
      id: 'question',
      label: 'What question?',
      isRequired: true,
      errorMessage: expect.stringContaining('What question?'),
      isMultiline: true,
      maxLength: 2000,
    });
    expect(prediction).toMatchObject({ type: 'Input.Text', placeholder: 'e.g. 18/24', value: '12/30' });
    expect(count).toMatchObject({ type: 'Input.Number', min: 0, max: 500, value: 12, isRequired: false });
    expect(decision).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'compact',
      value: 'adapt',
      choices: [
        { title: 'Adopt', value: 'adopt' },
        { title: 'Adapt', value: 'adapt' },
      ],
    });
    expect(from).toMatchObject({ type: 'Input.Date', value: '2026-12-01', isRequired: true });
    expect(to).not.toHaveProperty('value');
    expect(submit).toMatchObject({
      type: 'ActionSet',
      actions: [{ type: 'Action.Submit', title: 'Submit' }],
    });
    expect(submitData(card)).toEqual([
      { pdsa: 'form', formId: 'checkin:7', pdsaTitle: 'Plan · cycle #7', pdsaForm: expect.any(String) },
    ]);
  });

  it('shows a small image as a data URL, with its title', () => {
    const image = png(200, 100);
    const card = valid(
      message('chart', {
        type: 'image',
        pngBase64: image,
        alt: 'Run chart of Lincoln',
        title: 'Lincoln',
        fileName: 'l.png',
      }),
    );
    expect(card.body).toEqual([
      expect.objectContaining({ type: 'TextBlock', text: 'Lincoln' }),
      {
        type: 'Image',
        url: `data:image/png;base64,${image}`,
        altText: 'Run chart of Lincoln',
        size: 'stretch',
      },
    ]);
  });

  it('shows a served chart by its link, opening it full size when tapped', () => {
    const block: Block = {
      type: 'image',
      pngBase64: png(1600, 1600),
      alt: 'Lincoln runs above its centre line',
      fileName: 'c.png',
    };
    const link = 'https://pdsa-bot.test/files/abc/c.png';
    const card = renderCard(message('Digest', block), new Map([[block, link]]));
    expect(cardErrors(card)).toEqual([]);
    expect(card.body).toEqual([
      {
        type: 'Image',
        url: link,
        altText: 'Lincoln runs above its centre line',
        size: 'stretch',
        selectAction: { type: 'Action.OpenUrl', title: 'Open the picture', url: link },
      },
    ]);
    expect(cardBytes(card)).toBeLessThan(1_000);
  });

  const csv: Block = {
    type: 'file',
    fileName: 'cycles.csv',
    mimeType: 'text/csv',
    content: ['cycle,site', ...Array.from({ length: 30 }, (_, i) => `${i},Lincoln`)].join('\r\n'),
    title: 'Cycles',
  };

  it('shows the beginning of a file with a link to download all of it', () => {
    const link = 'https://pdsa-bot.test/files/xyz/cycles.csv';
    const card = renderCard(message('export', csv), new Map([[csv, link]]));
    expect(cardErrors(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('**Cycles** (cycles.csv, 31 lines)');
    expect(text).toContain('cycle,site');
    expect(text).not.toContain('29,Lincoln');
    expect(text).toContain('The first 12 of 31 lines are shown here. The download link works for 24 hours');
    expect(card.body.at(-1)).toEqual({
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: 'Download cycles.csv', url: link }],
    });
  });

  it('without a public address, says plainly what is shown and how to get the rest', () => {
    const text = cardText(valid(message('export', csv)));
    expect(text).toContain(
      'Only the first 12 of 31 lines are shown here. To get the whole file, ask whoever runs pdsa-bot to turn on downloads in Teams (the TEAMS_PUBLIC_URL setting).',
    );
    const short = { ...csv, content: 'cycle,site\n1,Lincoln\n' };
    const whole = cardText(valid(message('export', short)));
    expect(whole).toContain('This is the whole file (2 lines).');
    expect(whole).not.toMatch(/whole file is shown here\. For the whole file/);
  });

  it('shows the lines of a file as they are, not as formatting', () => {
    const lines = ['idea,lesson', '- 3,1. Greet at the door', '**x**,_y_', '[t](https://e.org),<site>'];
    const file: Block = { ...csv, fileName: 'my_ideas.csv', content: lines.join('\n') };
    const blocks = body(message('export', file)).filter((b) => b.fontType === 'monospace');
    expect(blocks.map((b) => shown(String(b.text)))).toEqual(
      lines.map((line) => ({ text: line, formatting: [] })),
    );
    expect(shown(String(body(message('export', file))[0]!.text)).text).toBe('Cycles (my_ideas.csv, 4 lines)');
  });

  it('never sends an empty card', () => {
    expect(valid({ summary: 'Nothing', blocks: [] }).body).toEqual([
      { type: 'TextBlock', text: 'Nothing', wrap: true },
    ]);
  });
});

describe('the Teams size limit', () => {
  it('replaces a chart too large for a card by its description', () => {
    const big = png(1600, 1600);
    expect(big.length).toBeGreaterThan(CARD_BYTE_BUDGET);
    const card = valid(
      message(
        'Digest',
        { type: 'heading', text: 'Weekly digest' },
        { type: 'image', pngBase64: big, alt: 'Lincoln runs above its centre line', fileName: 'c.png' },
      ),
    );
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    expect(cardText(card)).toContain('(Chart: Lincoln runs above its centre line)');
    expect(cardText(card)).toContain('shortened to fit in a Teams card');
  });

  it('shortens the longest texts at a word, with a note', () => {
    const long = Array.from({ length: 4000 }, (_, i) => `word${i}`).join(' ');
    const blocks: Block[] = [
      { type: 'heading', text: 'Learnings' },
      { type: 'text', text: 'A short line that stays.' },
      { type: 'text', text: long },
      { type: 'fields', fields: [{ label: 'Lesson', value: `**${long}**` }] },
    ];
    const card = valid(message('Learnings', ...blocks));
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    const text = cardText(card);
    expect(text).toContain('A short line that stays.');
    expect(text).toMatch(/word\d+…/);
    expect(text).toContain('shortened to fit in a Teams card');
  });

  it('falls back to the heading and the summary when even that is not enough', () => {
    const buttons = Array.from({ length: 600 }, (_, i) => ({
      actionId: `a:${i}`,
      label: `Button ${i}`,
      value: `${i}`,
    }));
    const card = valid(
      message('Six hundred buttons', { type: 'heading', text: 'Many' }, { type: 'buttons', buttons }),
    );
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    expect(cardText(card)).toContain('Six hundred buttons');
  });

  it('cuts without leaving bold open', () => {
    expect(cut('**a very long bold text that goes on**', 20)).toBe('**a very long bold**…');
    expect(cut('short', 20)).toBe('short');
  });

  it('cuts without breaking an escape in half', () => {
    expect(cut('aaaaaaaaaaaaaaaaaa\\<site\\> and more', 20)).toBe('aaaaaaaaaaaaaaaaaa…');
  });

  it('says how to see the rest in words Teams shows, without backticks', () => {
    const long = Array.from({ length: 4000 }, (_, i) => `word${i}`).join(' ');
    const card = valid(message('Learnings', { type: 'text', text: long }));
    const note = String(card.body.at(-1)?.text);
    expect(shown(note)).toEqual({
      text: 'Part of this message was shortened to fit in a Teams card. Type /pdsa help to see how to look at the full record.',
      formatting: ['strong'],
    });
  });
});
