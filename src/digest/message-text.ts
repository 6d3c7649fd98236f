import { type Block, type Message, plainText } from '../core/message-model.ts';

/**
 * A message as plain terminal text, for the CLI (src/ may not use the
 * terminal adapter's renderer). Images are shown by their alt text and the
 * path they were saved to.
 */
export function messageText(message: Message, savedTo: Map<Block, string> = new Map()): string {
  const lines: string[] = [];
  for (const block of message.blocks) {
    switch (block.type) {
      case 'heading':
        lines.push(`== ${plainText(block.text)} ==`);
        break;
      case 'text':
      case 'context':
        lines.push(plainText(block.text));
        break;
      case 'fields':
        for (const f of block.fields) lines.push(`${f.label}: ${plainText(f.value)}`);
        break;
      case 'image': {
        const path = savedTo.get(block);
        lines.push(`[chart: ${block.alt}]${path ? `\n  saved to ${path}` : ''}`);
        break;
      }
      case 'divider':
        lines.push('—'.repeat(40));
        break;
      case 'buttons':
        lines.push(block.buttons.map((b) => `[${b.label}]`).join(' '));
        break;
      case 'form':
        lines.push(`[form: ${block.form.title}]`);
        break;
      case 'file':
        lines.push(`[file: ${block.title}]`);
        break;
    }
    lines.push('');
  }
  return lines.join('\n');
}
