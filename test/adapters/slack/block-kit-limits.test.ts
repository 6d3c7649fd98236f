import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RespondTarget, respondReplies } from '../../../adapters/slack/inbound/deliver-replies.ts';
import { renderHomeView, renderMessage } from '../../../adapters/slack/render/blocks.ts';
import { infoModal, renderFormModal } from '../../../adapters/slack/render/modal.ts';
import { privately, publicly } from '../../../src/bot/outbound.ts';
import type { Block, Form, Message } from '../../../src/core/message-model.ts';
import { messageProblems, optionsProblems, SLACK_LIMITS, viewProblems } from './support/block-kit-limits.ts';
import { SlackStandIn } from './support/slack-stand-in.ts';

// Whatever the core says, what the adapter sends stays within Slack's
// documented limits, which Slack enforces by refusing the whole message or
// view. The stand-in Slack of every adapter test checks each payload with
// the same rules; here the rules themselves are tried, and the renderers are
// fed the largest messages and forms the core can make.

const long = (n: number, word = 'word') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

/** A message the core could make on a bad day: more of everything than Slack takes. */
function everythingTooMuch(): Message {
  const blocks: Block[] = [
    { type: 'heading', text: long(60, 'Heading') },
    ...Array.from({ length: 40 }, (_, i): Block => ({ type: 'text', text: `**Part ${i}** ${long(20)}` })),
    { type: 'text', text: long(900) },
    { type: 'fields', fields: Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: long(400) })) },
    {
      type: 'buttons',
      buttons: Array.from({ length: 30 }, (_, i) => ({
        actionId: 'checkin.answer',
        label: long(20, 'Answer'),
        value: String(i).repeat(3000),
      })),
    },
    { type: 'context', text: long(800) },
    { type: 'divider' },
  ];
  return { summary: long(9000), blocks };
}

describe("the rules of Slack's limits", () => {
  it('catch each kind of excess, so that a payload passing them is really within the limits', () => {
    const blocks = [
      ...Array.from({ length: 51 }, () => ({ type: 'divider' })),
      { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } },
      { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } },
      { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } },
          { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'ok' } },
        ],
      },
    ];
    const problems = messageProblems({ text: 'x', blocks });
    expect(problems).toEqual(
      expect.arrayContaining([
        'message.blocks: 55 items (at most 50)',
        expect.stringMatching(/section\)\.text: 3001 characters \(at most 3000\)/),
        expect.stringMatching(/header\)\.text: 151 characters \(at most 150\)/),
        expect.stringMatching(/context\)\.elements: 11 items \(at most 10\)/),
        expect.stringMatching(/button\)\.text: 76 characters \(at most 75\)/),
        expect.stringMatching(/action_id "a" used twice/),
      ]),
    );
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: 'x'.repeat(25) },
      blocks: [
        {
          type: 'input',
          block_id: 'site',
          label: { type: 'plain_text', text: 'Site' },
          element: {
            type: 'static_select',
            action_id: 'site',
            options: Array.from({ length: 101 }, (_, i) => ({
              text: { type: 'plain_text', text: `Site ${i}` },
              value: String(i),
            })),
          },
        },
      ],
    };
    expect(viewProblems(view)).toEqual(
      expect.arrayContaining([
        'view.title: 25 characters (at most 24)',
        expect.stringMatching(/static_select\)\.options: 101 items \(at most 100\)/),
        'view: input blocks without a submit button',
      ]),
    );
    expect(
      optionsProblems({ options: [{ text: { type: 'plain_text', text: 'x'.repeat(76) }, value: '1' }] }),
    ).toEqual(['options[0].text: 76 characters (at most 75)']);
  });
});

describe('what the adapter renders stays within the limits', () => {
  it('a message with more of everything than Slack takes, in a message, the Home tab and a modal', () => {
    const message = everythingTooMuch();
    const rendered = renderMessage(message);
    expect(rendered.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(messageProblems({ text: rendered.text, blocks: rendered.blocks })).toEqual([]);
    expect(viewProblems(renderHomeView(message) as unknown as Record<string, unknown>)).toEqual([]);
    expect(viewProblems(infoModal(long(10), message) as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('a form with every kind of input, long labels and hundreds of choices', () => {
    const choices = Array.from({ length: 250 }, (_, i) => ({
      value: `${i}`.repeat(60),
      label: long(30, 'Site'),
    }));
    const form: Form = {
      formId: `cycle.start:${'9'.repeat(12)}`,
      title: long(10, 'Title'),
      submitLabel: long(10, 'Submit'),
      inputs: [
        { kind: 'choice', id: 'site', label: long(500), hint: long(500), required: true, choices },
        { kind: 'choice', id: 'idea', label: 'Idea', required: true, choices: choices.slice(0, 7) },
        { kind: 'choice', id: 'decision', label: 'Decision', required: true, choices: choices.slice(0, 3) },
        { kind: 'text', id: 'question', label: 'Q', required: false, maxLength: 10_000, initial: long(900) },
        { kind: 'number', id: 'n', label: 'N', required: true, initial: '12' },
        { kind: 'date', id: 'from', label: 'From', required: true, initial: '2026-11-30' },
        ...Array.from({ length: 120 }, (_, i) => ({
          kind: 'text' as const,
          id: `extra${i}`,
          label: `Extra ${i}`,
          required: false,
        })),
      ],
    };
    const view = renderFormModal(form, { channel: `D${'1'.repeat(2000)}`, threadTs: '1'.repeat(1500) });
    expect(viewProblems(view as unknown as Record<string, unknown>)).toEqual([]);
  });
});

describe('a reply through the response_url', () => {
  let standIn: SlackStandIn;
  let client: webApi.WebClient;

  beforeAll(async () => {
    standIn = await SlackStandIn.start();
    client = new webApi.WebClient('xoxb-limits-test', {
      slackApiUrl: standIn.apiUrl,
      retryConfig: { retries: 0 },
    });
  });
  afterAll(() => standIn.close());
  beforeEach(() => standIn.reset());

  const target = (responseUrl: string): RespondTarget => ({
    client,
    channel: 'C100',
    dm: async () => 'D100',
    respond: (async (body: unknown) => {
      const answer = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!answer.ok) throw new Error(`response_url answered ${answer.status}`);
      return answer;
    }) as unknown as RespondTarget['respond'],
  });

  it('keeps to 50 blocks with the note on where the file went, when the reply was already at the cap', async () => {
    const blocks: Block[] = [
      ...Array.from({ length: 60 }, (_, i): Block => ({ type: 'text', text: `Line ${i}` })),
      {
        type: 'file',
        fileName: 'pdsa-cycles.csv',
        mimeType: 'text/csv',
        content: 'a,b\n1,2\n',
        title: 'Cycles',
      },
    ];
    const url = standIn.responseUrl();
    await respondReplies(target(url), [privately({ summary: 'Export', blocks })]);
    const posted = standIn.responses.find((r) => r.path === new URL(url).pathname);
    expect(posted).toBeDefined();
    const sent = posted!.body.blocks as { type: string; elements?: { text: string }[] }[];
    expect(sent).toHaveLength(SLACK_LIMITS.messageBlocks);
    expect(sent.at(-1)?.elements?.[0]?.text).toContain('The file is in your direct messages with me.');
    expect(sent.some((b) => b.elements?.[0]?.text.includes('shortened'))).toBe(true);
    expect(standIn.limitProblems).toEqual([]);
  });

  it('uses all 50 blocks when there is no file to point to', async () => {
    const blocks = Array.from({ length: 60 }, (_, i): Block => ({ type: 'text', text: `Line ${i}` }));
    const url = standIn.responseUrl();
    await respondReplies(target(url), [publicly({ summary: 'Long', blocks })]);
    const posted = standIn.responses.find((r) => r.path === new URL(url).pathname);
    expect(posted!.body.blocks).toHaveLength(SLACK_LIMITS.messageBlocks);
  });
});
