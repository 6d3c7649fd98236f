import { describe, expect, it } from 'vitest';
import { coreActionId } from '../../../../adapters/slack/action-ids.ts';
import {
  LIMITS,
  renderBlocks,
  renderHomeView,
  renderMessage,
  SHORTENED_NOTE,
} from '../../../../adapters/slack/render/blocks.ts';
import { fromSlackText, toMrkdwn } from '../../../../adapters/slack/render/mrkdwn.ts';
import type { Block, Button } from '../../../../src/core/message-model.ts';
import { message } from '../../../../src/core/message-model.ts';

const render = (...blocks: Block[]) => renderBlocks(blocks).blocks;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
type Section = { type: 'section'; text?: { text: string }; fields?: { text: string }[] };

describe('mrkdwn', () => {
  it('turns **bold** into *bold*, keeps _italic_ and `code`, and escapes &, < and >', () => {
    expect(toMrkdwn('**Cycle #3** is _open_: type `/pdsa status` & see <all> of it')).toBe(
      '*Cycle #3* is _open_: type `/pdsa status` &amp; see &lt;all&gt; of it',
    );
  });

  it('reads what a person typed in Slack back as plain text', () => {
    expect(fromSlackText('18 &lt; 20 &amp; <https://x.org/a|the sheet> <https://y.org>')).toBe(
      '18 < 20 & the sheet (https://x.org/a) https://y.org',
    );
  });
});

describe('renderMessage: one Block Kit block per model block', () => {
  it('uses the summary as the fallback text', () => {
    const rendered = renderMessage(message('**Plan** check-in <due>', { type: 'divider' }));
    expect(rendered.text).toBe('Plan check-in &lt;due&gt;');
  });

  it('renders a heading as a plain-text header of at most 150 characters', () => {
    expect(render({ type: 'heading', text: '**Weekly** digest' })).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Weekly digest', emoji: true } },
    ]);
    const [long] = render({ type: 'heading', text: 'x'.repeat(400) }) as { text: { text: string } }[];
    expect(long!.text.text.length).toBeLessThanOrEqual(LIMITS.header);
    expect(long!.text.text.endsWith('…')).toBe(true);
  });

  it('renders text as mrkdwn sections, split at line breaks to stay within 3000 characters each', () => {
    const line = `• ${'word '.repeat(100)}`; // ~500 characters
    const blocks = render({
      type: 'text',
      text: Array.from({ length: 14 }, () => line).join('\n'),
    }) as Section[];
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) {
      expect(b.type).toBe('section');
      expect(b.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(b.text!.text.startsWith('•')).toBe(true);
    }
    const one = render({ type: 'text', text: 'y'.repeat(7000) }) as Section[];
    expect(one.map((b) => b.text!.text.length)).toEqual([3000, 3000, 1000]);
  });

  it('renders fields ten to a section, each "*label*\\nvalue" within 2000 characters', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({
      label: `Site ${i}`,
      value: i === 0 ? 'v'.repeat(3000) : '**75%**',
    }));
    const blocks = render({ type: 'fields', fields }) as Section[];
    expect(blocks.map((b) => b.fields!.length)).toEqual([10, 2]);
    expect(blocks[0]!.fields![1]!.text).toBe('*Site 1*\n*75%*');
    expect(blocks[0]!.fields![0]!.text.length).toBeLessThanOrEqual(LIMITS.field);
  });

  it('renders buttons as actions of at most 25, with 75-character labels and unique action ids', () => {
    const buttons: Button[] = Array.from({ length: 30 }, (_, i) => ({
      actionId: 'checkin.answer',
      label: i === 0 ? 'L'.repeat(100) : `Answer ${i}`,
      value: String(i),
      ...(i === 1 ? { style: 'primary' as const } : {}),
    }));
    const blocks = render({ type: 'buttons', buttons }) as {
      type: string;
      elements: Record<string, unknown>[];
    }[];
    expect(blocks.map((b) => [b.type, b.elements.length])).toEqual([
      ['actions', 25],
      ['actions', 5],
    ]);
    const all = blocks.flatMap((b) => b.elements);
    const ids = all.map((e) => String(e.action_id));
    expect(new Set(ids).size).toBe(30);
    expect(ids.slice(0, 3)).toEqual(['checkin.answer', 'checkin.answer#2', 'checkin.answer#3']);
    expect(ids.map(coreActionId).every((id) => id === 'checkin.answer')).toBe(true);
    expect((all[0]!.text as { text: string }).text.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    expect(all[1]).toMatchObject({ style: 'primary', value: '1' });
  });

  it('renders a form in a message as an "Answer" button whose action opens the form', () => {
    const blocks = render({
      type: 'form',
      form: { formId: 'checkin:12', title: 'Plan', submitLabel: 'Submit', inputs: [] },
    });
    expect(blocks).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'form.open:checkin:12',
            text: { type: 'plain_text', text: 'Answer', emoji: true },
            value: 'checkin:12',
            style: 'primary',
          },
        ],
      },
    ]);
  });

  it('takes images and files out of a message as uploads', () => {
    const { blocks, uploads } = renderBlocks([
      { type: 'image', pngBase64: PNG, alt: 'Run chart', fileName: 'chart.png', title: 'Lincoln' },
      { type: 'file', fileName: 'export.csv', mimeType: 'text/csv', content: 'a,b\n1,2\n', title: 'Export' },
    ]);
    expect(blocks).toEqual([]);
    expect(uploads.map((u) => [u.kind, u.fileName, u.title, u.altText])).toEqual([
      ['image', 'chart.png', 'Lincoln', 'Run chart'],
      ['file', 'export.csv', 'Export', undefined],
    ]);
    expect(uploads[0]!.data.subarray(1, 4).toString()).toBe('PNG');
  });

  it('renders context as mrkdwn and a divider as a divider', () => {
    expect(render({ type: 'context', text: 'Type `/pdsa help`' }, { type: 'divider' })).toEqual([
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Type `/pdsa help`' }] },
      { type: 'divider' },
    ]);
  });
});

describe('block limits', () => {
  it('cuts a message to 50 blocks, keeping its buttons, and says it was shortened', () => {
    const many: Block[] = Array.from({ length: 80 }, (_, i) => ({ type: 'text', text: `Line ${i}` }));
    many.push({ type: 'buttons', buttons: [{ actionId: 'cycle.ramp', label: 'Next cycle', value: '3' }] });
    const blocks = render(...many);
    expect(blocks).toHaveLength(LIMITS.messageBlocks);
    expect(blocks.at(-2)?.type).toBe('actions');
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: SHORTENED_NOTE }] });
  });

  it('allows 100 blocks on the Home tab, where charts are named rather than uploaded', () => {
    const many: Block[] = Array.from({ length: 120 }, (_, i) => ({ type: 'text', text: `Line ${i}` }));
    const home = renderHomeView(
      message('Home', { type: 'image', pngBase64: PNG, alt: 'Run chart', fileName: 'c.png' }, ...many),
    );
    expect(home.type).toBe('home');
    expect(home.blocks).toHaveLength(LIMITS.viewBlocks);
    expect(home.blocks[0]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '_Chart: Run chart_' }],
    });
  });

  it('names charts in a message update, which cannot carry uploads', () => {
    const { blocks, uploads } = renderBlocks(
      [{ type: 'image', pngBase64: PNG, alt: 'Run chart', fileName: 'c.png', title: 'Lincoln' }],
      { canUpload: false },
    );
    expect(uploads).toEqual([]);
    expect(blocks).toEqual([
      { type: 'context', elements: [{ type: 'mrkdwn', text: '_Lincoln: Run chart_' }] },
    ]);
  });
});
