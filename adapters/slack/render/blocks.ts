import type { types } from '@slack/bolt';
import type { Block, Button, Message } from '../../../src/core/message-model.ts';
import { actionIdAllocator, formOpenActionId } from '../action-ids.ts';
import { escapeMrkdwn, splitMrkdwn, toMrkdwn, toPlain, truncate } from './mrkdwn.ts';

// The core's message model in Block Kit. Slack refuses a whole message when
// one limit is exceeded, so every limit is enforced here: long text is split
// across sections, and what still does not fit is cut with a note.

export type KnownBlock = types.KnownBlock;

/** Where the blocks are shown: a message (50 blocks), or a Home tab or modal (100 blocks, no uploads). */
export type Surface = 'message' | 'home' | 'modal';

/** A chart or file that must be uploaded (files.uploadV2) before the message is posted. */
export type Upload = {
  kind: 'image' | 'file';
  fileName: string;
  title: string;
  altText?: string;
  data: Buffer;
};

export type RenderedMessage = {
  /** Notification and screen-reader text (message.summary). */
  text: string;
  blocks: KnownBlock[];
  uploads: Upload[];
};

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  header: 150,
  field: 2000,
  fieldsPerSection: 10,
  actionsElements: 25,
  buttonLabel: 75,
  buttonValue: 2000,
  contextText: 3000,
  fallbackText: 3000,
} as const;

export const SHORTENED_NOTE = '_(shortened; type `/pdsa export` for the full text)_';

export const ANSWER_LABEL = 'Answer';

export type RenderOptions = {
  surface?: Surface;
  /** The note that ends a message that had to be cut. */
  shortenedNote?: string;
  /** False where files cannot be uploaded first (a chat.update): charts and files are named instead. */
  canUpload?: boolean;
  /** Blocks to leave free at the end, for what the caller adds once the files are uploaded. */
  reserveBlocks?: number;
};

export function renderMessage(message: Message, options: RenderOptions = {}): RenderedMessage {
  const { blocks, uploads } = renderBlocks(message.blocks, options);
  return { text: fallbackText(message.summary), blocks, uploads };
}

/** A Home tab showing the message (images and files cannot be uploaded there and are named instead). */
export function renderHomeView(message: Message): types.HomeView {
  return { type: 'home', blocks: renderBlocks(message.blocks, { surface: 'home' }).blocks };
}

export function fallbackText(summary: string): string {
  return truncate(escapeMrkdwn(toPlain(summary)), LIMITS.fallbackText) || ' ';
}

export function renderBlocks(
  source: Block[],
  options: RenderOptions = {},
): { blocks: KnownBlock[]; uploads: Upload[] } {
  const surface = options.surface ?? 'message';
  const upload = surface === 'message' && options.canUpload !== false;
  const nextActionId = actionIdAllocator();
  const blocks: KnownBlock[] = [];
  const uploads: Upload[] = [];
  for (const block of source) {
    switch (block.type) {
      case 'heading': {
        const text = truncate(toPlain(block.text).replace(/\s+/g, ' ').trim(), LIMITS.header);
        if (text) blocks.push({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
        break;
      }
      case 'text':
        for (const piece of splitMrkdwn(toMrkdwn(block.text), LIMITS.sectionText)) {
          if (piece.trim() !== '') blocks.push(section(piece));
        }
        break;
      case 'fields':
        for (let i = 0; i < block.fields.length; i += LIMITS.fieldsPerSection) {
          const fields = block.fields.slice(i, i + LIMITS.fieldsPerSection).map((f) => ({
            type: 'mrkdwn' as const,
            text: truncate(`*${escapeMrkdwn(toPlain(f.label))}*\n${toMrkdwn(f.value)}`, LIMITS.field),
          }));
          if (fields.length > 0) blocks.push({ type: 'section', fields });
        }
        break;
      case 'buttons':
        blocks.push(...actions(block.buttons.map((b) => button(b, nextActionId))));
        break;
      case 'form':
        blocks.push(
          ...actions([
            button(
              {
                actionId: formOpenActionId(block.form.formId),
                label: ANSWER_LABEL,
                value: block.form.formId,
                style: 'primary',
              },
              nextActionId,
            ),
          ]),
        );
        break;
      case 'image':
        if (upload) {
          uploads.push({
            kind: 'image',
            fileName: block.fileName,
            title: block.title ?? block.alt,
            altText: truncate(block.alt, 1000),
            data: Buffer.from(block.pngBase64, 'base64'),
          });
        } else {
          blocks.push(context(`_${toPlain(block.title ?? 'Chart')}: ${toPlain(block.alt)}_`));
        }
        break;
      case 'file':
        if (upload) {
          uploads.push({
            kind: 'file',
            fileName: block.fileName,
            title: block.title,
            data: Buffer.from(block.content, 'utf8'),
          });
        } else {
          blocks.push(
            context(
              `_${escapeMrkdwn(block.title)} (${escapeMrkdwn(block.fileName)}) is a file that cannot be shown here._`,
            ),
          );
        }
        break;
      case 'context':
        blocks.push(context(toMrkdwn(block.text)));
        break;
      case 'divider':
        blocks.push({ type: 'divider' });
        break;
    }
  }
  const max =
    (surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks) - (options.reserveBlocks ?? 0);
  return { blocks: fitBlockBudget(blocks, max, options.shortenedNote ?? SHORTENED_NOTE), uploads };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText) }] };
}

function button(b: Button, nextActionId: (id: string) => string): types.Button {
  return {
    type: 'button',
    action_id: nextActionId(b.actionId),
    text: { type: 'plain_text', text: truncate(toPlain(b.label), LIMITS.buttonLabel) || '…', emoji: true },
    value: b.value.slice(0, LIMITS.buttonValue),
    ...(b.style ? { style: b.style } : {}),
  };
}

function actions(elements: types.Button[]): types.ActionsBlock[] {
  const blocks: types.ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsElements) });
  }
  return blocks;
}

/**
 * At most `max` blocks. When there are more, the message is cut and ends
 * with `note`; buttons are kept in preference to text, so that people can
 * still act on a long message.
 */
export function fitBlockBudget(blocks: KnownBlock[], max: number, note: string): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const room = max - 1;
  const keepActions = blocks.filter((b) => b.type === 'actions').slice(-Math.floor(room / 2));
  const others = blocks.filter((b) => b.type !== 'actions');
  const kept = new Set<KnownBlock>([...keepActions, ...others.slice(0, room - keepActions.length)]);
  const result = blocks.filter((b) => kept.has(b));
  result.push(context(note));
  return result;
}
