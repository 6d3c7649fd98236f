import { type Message, plainText } from '../../../src/core/message-model.ts';

// What the digest's first message must never say: the statistics' own words
// and ISO week numbers. They belong in the thread, which keeps them.

export const JARGON =
  /σ|sigma|P′|U′|\bP'|Anh[øo]j|crossing|beyond chance|by chance|\bchance\b|median|control limit|\blimits?\b|standard error|sign test|p-value|\bp [=<≤]|Laney|\bIHI\b|run chart|signal|z-score|significan|variance|binomial|Poisson|expected range|outlier|\bshift|\btrend|special cause|common cause|false alarm|wobble|noise/i;

export const ISO_WEEK = /\b\d{4}-?W\d{1,2}\b|\bW\d{1,2}\b/;

/** The words a reader of the message sees, line by line, as the core writes them (pictures left out). */
export function textLines(message: Message): string[] {
  return message.blocks.flatMap((b) =>
    b.type === 'heading' || b.type === 'text' || b.type === 'context'
      ? plainText(b.text)
          .split('\n')
          .filter((l) => l.trim() !== '')
      : [],
  );
}

/** Lines of text before the first picture. */
export function linesBeforeChart(message: Message): string[] {
  const at = message.blocks.findIndex((b) => b.type === 'image');
  return textLines({ ...message, blocks: at === -1 ? message.blocks : message.blocks.slice(0, at) });
}
