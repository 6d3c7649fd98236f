import type { z } from 'zod';
import { answerSchemas, type MeasureKind, type Measurement, type Phase, TEXT_LIMIT } from './domain.ts';
import type { Choice, Input } from './message-model.ts';
import { describeAcceptedForms, formatMeasureNumber, parseMeasureNumber } from './parsing/numbers.ts';
import { withoutTrailing } from './parsing/result.ts';
import { quoteInput } from './quoted-input.ts';

// The questions of each check-in, after the IHI PDSA worksheet. One list
// serves every way of answering: a form (modal, card) shows them all, a
// plain-reply conversation asks them one at a time.

export type QuestionKind = 'text' | 'longText' | 'measure' | 'choice';

export type Question = {
  id: string;
  kind: QuestionKind;
  label: string;
  required: boolean;
  hint?: string;
  choices?: Choice[];
};

export type MeasureInfo = { name: string; kind: MeasureKind; unit: string };

const AS_PLANNED: Choice[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'partly', label: 'Partly' },
  { value: 'no', label: 'No' },
];

export const DECISIONS: Choice[] = [
  { value: 'adopt', label: 'Adopt: keep doing it as it is' },
  { value: 'adapt', label: 'Adapt: change it and test again' },
  { value: 'abandon', label: 'Abandon: stop testing this idea' },
];

export function measureHint(measure: MeasureInfo): string {
  return describeAcceptedForms(measure.kind);
}

export function questionsFor(phase: Phase, measure: MeasureInfo): Question[] {
  const m = measure.name;
  switch (phase) {
    case 'plan':
      return [
        { id: 'question', kind: 'longText', label: 'What question will this cycle answer?', required: true },
        { id: 'change', kind: 'longText', label: 'What change are you testing, exactly?', required: true },
        {
          id: 'prediction',
          kind: 'measure',
          label: `What do you predict for ${m}?`,
          required: true,
          hint: measureHint(measure),
        },
        { id: 'predictionReason', kind: 'longText', label: 'Why do you predict that?', required: false },
        { id: 'logistics', kind: 'longText', label: 'Who will do what, when and where?', required: true },
        {
          id: 'dataCollection',
          kind: 'longText',
          label: 'What data will you collect, and how?',
          required: true,
        },
      ];
    case 'do':
      return [
        {
          id: 'asPlanned',
          kind: 'choice',
          label: 'Was the change carried out as planned?',
          required: true,
          choices: AS_PLANNED,
        },
        {
          id: 'unexpected',
          kind: 'longText',
          label: 'What happened that you did not expect?',
          required: false,
        },
        {
          id: 'dataSoFar',
          kind: 'measure',
          label: `Data so far for ${m}, if you have it`,
          required: false,
          hint: measureHint(measure),
        },
      ];
    case 'study':
      return [
        {
          id: 'result',
          kind: 'measure',
          label: `What was the result for ${m}?`,
          required: true,
          hint: measureHint(measure),
        },
        { id: 'learned', kind: 'longText', label: 'What did you learn?', required: true },
        { id: 'surprised', kind: 'longText', label: 'What surprised you?', required: false },
      ];
    case 'act':
      return [
        { id: 'decision', kind: 'choice', label: 'What do you decide?', required: true, choices: DECISIONS },
        { id: 'nextStep', kind: 'longText', label: 'What is the next step?', required: true },
      ];
  }
}

export type ParsedAnswer =
  | { ok: true; value: string | Measurement | undefined }
  | { ok: false; error: string };

const SKIP_WORDS = new Set(['skip', '-', 'n/a', 'na', 'none', 'pass', 'no answer']);
// Replies that answer no question in words: meant for another question (a
// yes to "as planned?", a figure), or for none.
const BARE_WORDS = new Set([
  'yes',
  'no',
  'y',
  'n',
  'ok',
  'okay',
  'k',
  'yep',
  'yeah',
  'nope',
  'sure',
  'same',
  'keep',
  'unchanged',
  'done',
  'partly',
  'adopt',
  'adapt',
  'abandon',
]);

/**
 * Why a reply cannot be the answer to a question that needs words, or
 * undefined when it can: a skip word, a bare yes or no, or no word at all
 * ("15/30", "👍").
 */
function notAnAnswer(question: Question, text: string): string | undefined {
  const folded = withoutTrailing(text.toLowerCase(), /[.!?]/);
  if (SKIP_WORDS.has(folded)) return `This question can't be skipped: "${question.label}"`;
  if (BARE_WORDS.has(folded) || !/\p{L}/u.test(text))
    return `${quoteInput(text)} doesn't answer "${question.label}" Please answer in a few words.`;
  return undefined;
}

/** Reads one answer typed (or submitted) for a question. `undefined` = skipped. */
export function parseAnswer(
  question: Question,
  raw: string | null | undefined,
  measure: MeasureInfo,
): ParsedAnswer {
  const text = (raw ?? '').trim();
  if (text === '' || (!question.required && SKIP_WORDS.has(text.toLowerCase()))) {
    if (question.required) {
      return {
        ok: false,
        error: `"${question.label}" needs an answer.${question.kind === 'measure' ? ` ${measureHint(measure)}` : ''}`,
      };
    }
    return { ok: true, value: undefined };
  }
  switch (question.kind) {
    case 'text':
    case 'longText': {
      const refused = question.required ? notAnAnswer(question, text) : undefined;
      if (refused) return { ok: false, error: refused };
      if (text.length > TEXT_LIMIT) {
        return {
          ok: false,
          error: `That answer is ${text.length} characters long; please keep it under ${TEXT_LIMIT}.`,
        };
      }
      return { ok: true, value: text };
    }
    case 'choice': {
      const choice = matchChoice(question.choices ?? [], text);
      if (!choice) {
        const options = (question.choices ?? []).map((c) => `\`${c.value}\``).join(', ');
        return {
          ok: false,
          error: `I couldn't read ${quoteInput(text)} as an answer to "${question.label}". Reply with one of ${options}.`,
        };
      }
      return { ok: true, value: choice };
    }
    case 'measure': {
      const parsed = parseMeasureNumber(text, measure.kind);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const measurement: Measurement = { value: parsed.value };
      if (parsed.numerator !== undefined && parsed.denominator !== undefined) {
        measurement.numerator = parsed.numerator;
        measurement.denominator = parsed.denominator;
      }
      if (parsed.approximate) measurement.approximate = true;
      return { ok: true, value: measurement };
    }
  }
}

function matchChoice(choices: Choice[], text: string): string | undefined {
  const t = withoutTrailing(text.toLowerCase(), /[.!]/);
  const n = Number(t);
  if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1]!.value;
  return (
    choices.find((c) => c.value === t)?.value ??
    choices.find((c) => c.label.toLowerCase() === t)?.value ??
    choices.find((c) => t.startsWith(c.value))?.value
  );
}

/** The inputs of a form for these questions, prefilled with answers given so far. */
export function formInputs(
  questions: Question[],
  current: Record<string, unknown>,
  measure: MeasureInfo,
): Input[] {
  return questions.map((q): Input => {
    const initial = displayAnswer(q, current[q.id], measure);
    const common = { id: q.id, label: q.label, required: q.required, ...(initial ? { initial } : {}) };
    if (q.kind === 'choice') return { kind: 'choice', ...common, choices: q.choices ?? [] };
    // A measure is typed as text: "12/30" and "40%" are not numbers to a number input.
    if (q.kind === 'measure') return { kind: 'text', ...common, hint: q.hint ?? '', maxLength: 60 };
    return {
      kind: 'text',
      ...common,
      maxLength: TEXT_LIMIT,
      ...(q.kind === 'longText' ? { multiline: true } : {}),
    };
  });
}

/** An answer as people read it. */
export function displayAnswer(question: Question, value: unknown, measure: MeasureInfo): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (question.kind === 'measure' && typeof value === 'object')
    return formatMeasureNumber(value as Measurement, measure.kind);
  if (question.kind === 'choice')
    return question.choices?.find((c) => c.value === value)?.label ?? String(value);
  return String(value);
}

/** Validates a complete set of answers against the phase's schema. */
export function completeAnswer(
  phase: Phase,
  values: Record<string, unknown>,
): { ok: true; answer: Record<string, unknown> } | { ok: false; missing: string[] } {
  const clean = Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
  const parsed = (answerSchemas[phase] as z.ZodType<Record<string, unknown>>).safeParse(clean);
  if (parsed.success) return { ok: true, answer: parsed.data };
  return { ok: false, missing: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))] };
}

/** The figure a phase records: the prediction, the result, or data so far. */
export function measurementOf(phase: Phase, answer: Record<string, unknown>): Measurement | undefined {
  const key =
    phase === 'plan' ? 'prediction' : phase === 'study' ? 'result' : phase === 'do' ? 'dataSoFar' : undefined;
  const value = key ? answer[key] : undefined;
  return value && typeof value === 'object' ? (value as Measurement) : undefined;
}
