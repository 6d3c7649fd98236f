import { describe, expect, it } from 'vitest';
import { type MeasureInfo, parseAnswer, questionsFor } from '../../src/core/checkin-questions.ts';

// How a check-in answer that cannot be taken is refused: it says what was
// typed in a few words, whatever was pasted.

const measure: MeasureInfo = { name: 'On-time arrival', kind: 'proportion', unit: 'students' };
const question = (phase: 'plan' | 'do' | 'study' | 'act', id: string) =>
  questionsFor(phase, measure).find((q) => q.id === id)!;
const pasted = `${'word '.repeat(400)}end`;

const errorOf = (answer: ReturnType<typeof parseAnswer>) => (answer.ok ? '' : answer.error);

describe('refused check-in answers', () => {
  it('a reply that is none of the choices is quoted short', () => {
    const error = errorOf(parseAnswer(question('do', 'asPlanned'), pasted, measure));
    expect(error).toMatch(/^I couldn't read "word word .*…" as an answer to/);
    expect(error.length).toBeLessThan(250);
  });

  it('a number question answered with a paragraph is quoted short', () => {
    const error = errorOf(parseAnswer(question('plan', 'prediction'), pasted, measure));
    expect(error).toMatch(/"word word .*…"/);
    expect(error.length).toBeLessThan(250);
  });

  it('a text question answered with no words at all is quoted short', () => {
    const error = errorOf(parseAnswer(question('plan', 'question'), '?! '.repeat(500), measure));
    expect(error).toMatch(/^"\?! .*…" doesn't answer/);
    expect(error.length).toBeLessThan(250);
  });
});
