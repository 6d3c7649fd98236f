import type { Block, Input, Message } from '../../src/core/message-model.ts';

export type TextStyle = { color: boolean };

const bold = (s: string, style: TextStyle) => (style.color ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string, style: TextStyle) => (style.color ? `\x1b[2m${s}\x1b[22m` : s);
const italic = (s: string, style: TextStyle) => (style.color ? `\x1b[3m${s}\x1b[23m` : s);

/** The core's light markup for a terminal: **bold** in bold (or plain when piped), `code` as is. */
export function renderMarkup(text: string, style: TextStyle): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, (_, inner: string) => bold(inner, style))
    .replace(
      /(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s).,;:!?])/gm,
      (_, lead: string, inner: string) => lead + italic(inner, style),
    );
}

export type RenderedButtons = { label: string; actionId: string; value: string }[];

/**
 * Renders a message as readable terminal text. Buttons become numbered
 * choices (typed back as `press <n>`), forms become numbered questions, and
 * images are written by the caller, which passes the saved paths.
 */
export function renderMessage(
  message: Message,
  style: TextStyle,
  imagePaths: Map<Block, string> = new Map(),
): { text: string; buttons: RenderedButtons } {
  const lines: string[] = [];
  const buttons: RenderedButtons = [];
  for (const block of message.blocks) {
    switch (block.type) {
      case 'heading':
        lines.push(bold(`== ${block.text} ==`, style));
        break;
      case 'text':
        lines.push(renderMarkup(block.text, style));
        break;
      case 'fields':
        for (const f of block.fields)
          lines.push(`${bold(`${f.label}:`, style)} ${renderMarkup(f.value, style)}`);
        break;
      case 'buttons': {
        const choices = block.buttons.map((b) => {
          buttons.push({ label: b.label, actionId: b.actionId, value: b.value });
          return `[${buttons.length}] ${b.label}`;
        });
        lines.push(`${choices.join('   ')}   ${dim('(type "press <number>")', style)}`);
        break;
      }
      case 'form':
        lines.push(bold(block.form.title, style));
        block.form.inputs.forEach((input, i) => {
          lines.push(
            `  ${i + 1}. ${input.label}${input.required ? '' : ' (optional)'}${describeInput(input)}`,
          );
        });
        break;
      case 'image': {
        const path = imagePaths.get(block);
        lines.push(`[chart: ${block.alt}]${path ? ` saved to ${path}` : ''}`);
        break;
      }
      case 'file': {
        const path = imagePaths.get(block);
        lines.push(`[file: ${block.title}]${path ? ` saved to ${path}` : ''}`);
        break;
      }
      case 'context':
        lines.push(dim(renderMarkup(block.text, style), style));
        break;
      case 'divider':
        lines.push(dim('—'.repeat(40), style));
        break;
    }
  }
  return { text: lines.join('\n'), buttons };
}

function describeInput(input: Input): string {
  switch (input.kind) {
    case 'choice':
      return ` [${input.choices.map((c) => c.label).join(' / ')}]`;
    case 'number':
      return input.hint ? ` (${input.hint})` : ' (a number)';
    case 'date':
      return ' (a date, e.g. 2026-12-01 or +7d)';
    case 'text':
      return input.hint ? ` (${input.hint})` : '';
  }
}
