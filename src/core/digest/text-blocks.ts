import type { Block } from '../message-model.ts';
import { shortened } from '../shortened.ts';

/**
 * Slack refuses a text block over 3,000 characters and Teams shows long ones
 * badly, so the digest keeps each under ~2,500: lines are packed into as few
 * blocks as fit, splitting only between lines (a single longer line is cut
 * at a space).
 */
export const BLOCK_LIMIT = 2500;

export function textBlocks(lines: readonly string[], limit = BLOCK_LIMIT): Block[] {
  const blocks: Block[] = [];
  let current = '';
  for (const raw of lines.flatMap((line) => splitLong(line, limit))) {
    const next = current === '' ? raw : `${current}\n${raw}`;
    if (next.length > limit && current !== '') {
      blocks.push({ type: 'text', text: current });
      current = raw;
    } else current = next;
  }
  if (current !== '') blocks.push({ type: 'text', text: current });
  return blocks;
}

function splitLong(line: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf(' ', limit);
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  parts.push(rest);
  return parts;
}

/** Free text someone typed, shortened for a one-line lesson and quoted. */
export function quote(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${shortened(flat, max)}”`;
}
