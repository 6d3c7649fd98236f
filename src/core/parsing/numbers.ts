import type { MeasureKind } from '../domain.ts';
import { quoteInput } from '../quoted-input.ts';
import { FINAL_PUNCTUATION, failure, foldInput, type ParseFailure, withoutTrailing } from './result.ts';

// Reads the number someone types as a prediction or a result, in the kind of
// its measure. Misreading a number silently would corrupt a run chart, so
// every form that could mean two things is refused with the alternatives.
//
// Choices where people's habits differ:
// - A comma is a thousands separator only in well-formed groups of three
//   ("1,234", "12,345.5"). Any other comma ("3,5", "0,4", "12,30") could be a
//   decimal comma or a list, so it is refused.
// - For a proportion, a bare number from 0 to 1 is a fraction ("0.4"); a bare
//   number above 1 is refused, as it could be a count or a percentage.
// - Numerators and denominators are whole numbers. A count may have a
//   denominator: it is then a rate of events per exposure ("12 per 30"), and
//   its numerator may exceed its denominator.
// - For a value, "40%" is read as 40: the % is taken as the measure's unit.
// - Words after the number are units and are ignored ("7 students"), and so
//   is a final note in parentheses ("12/30 (40%)"), so that what
//   formatMeasureNumber writes can be read back.
// - Words before the number are a sentence around it ("I think around 70
//   percent"), unless they change what the number means ("less than 70%",
//   "not 12/30", "at least 5"), and so do words like "or more" after it:
//   those are refused, with the number itself offered as the answer.

export type ParsedMeasureNumber = {
  ok: true;
  value: number;
  numerator?: number;
  denominator?: number;
  approximate: boolean;
  /** The reading in one canonical spelling, to echo back: `12/30`, `40%`, `~7`, `12 per 30`. */
  normalized: string;
};

export type MeasureNumberResult = ParsedMeasureNumber | ParseFailure;

export type MeasureNumberParts = {
  value: number;
  numerator?: number;
  denominator?: number;
  approximate?: boolean;
};

const NUMBER_WORDS: readonly string[] = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

/** `zero`..`twenty` and `none` → their number. */
export function parseNumberWord(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w === 'none') return 0;
  const index = NUMBER_WORDS.indexOf(w);
  return index === -1 ? undefined : index;
}

const APPROXIMATE_WORDS = new Set([
  'about',
  'around',
  'roughly',
  'approximately',
  'approx',
  'appr',
  'circa',
  'ca',
  'nearly',
  'almost',
  'estimated',
  'est',
]);
const RATIO_WORDS = new Set(['of', 'per', 'in', 'over']);
// Words after a number are units and are ignored, except these, which change
// the number itself ("seven hundred", "7 and a half", "1.2k").
const SCALING_WORDS = new Set([
  'hundred',
  'thousand',
  'million',
  'billion',
  'trillion',
  'k',
  'dozen',
  'half',
  'quarter',
]);
const RATIO_SYMBOLS = new Set(['/', '⁄', '÷']);

const KIND_NAMES: Record<MeasureKind, string> = {
  proportion: 'a proportion',
  count: 'a count',
  value: 'a value',
};

/** Examples of what `parseMeasureNumber` reads for a kind, to close an error message. */
export function describeAcceptedForms(kind: MeasureKind): string {
  switch (kind) {
    case 'proportion':
      return '12/30, 12 of 30 or 40%';
    case 'count':
      return '7, about 7 or 12 per 30';
    case 'value':
      return '3.5, -2 or about 7';
  }
}

type Lexeme = { kind: 'num'; value: number } | { kind: 'word'; text: string } | { kind: 'sym'; text: string };

type Lexed = { ok: true; lexemes: Lexeme[] } | { ok: false; problem: 'comma' | 'unreadable' | 'huge' };

const DIGIT_RUN = /(?:\d|\.\d)[\d.,]*/y;
const LETTERS = /\p{L}+/uy;

function readDigitRun(raw: string): number | 'comma' | 'unreadable' {
  if (/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(raw)) return Number(raw);
  if (/^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/.test(raw)) return Number(raw.replaceAll(',', ''));
  return raw.includes(',') ? 'comma' : 'unreadable';
}

function lex(s: string): Lexed {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === ' ') {
      i += 1;
      continue;
    }
    // A sign belongs to the number only where a number may start, so that
    // "7-8" reads as a range rather than as 7 followed by -8.
    let sign = 1;
    let start = i;
    const previous = i === 0 ? ' ' : s[i - 1]!;
    if (
      (ch === '-' || ch === '+') &&
      /[\s~≈(]/.test(previous) &&
      /^(?:\d|\.\d)/.test(s.slice(i + 1, i + 3))
    ) {
      sign = ch === '-' ? -1 : 1;
      start = i + 1;
    }
    DIGIT_RUN.lastIndex = start;
    const digits = DIGIT_RUN.exec(s);
    if (digits) {
      // A full stop or comma right after a number ends the sentence, not the number.
      const raw = withoutTrailing(digits[0], /[.,]/);
      const read = readDigitRun(raw);
      if (typeof read === 'string') return { ok: false, problem: read };
      if (!Number.isFinite(read)) return { ok: false, problem: 'huge' };
      lexemes.push({ kind: 'num', value: sign * read });
      i = start + raw.length;
      continue;
    }
    LETTERS.lastIndex = i;
    const letters = LETTERS.exec(s);
    if (letters) {
      const word = letters[0];
      const fromWord = parseNumberWord(word);
      lexemes.push(fromWord === undefined ? { kind: 'word', text: word } : { kind: 'num', value: fromWord });
      i += word.length;
      continue;
    }
    const symbol = String.fromCodePoint(s.codePointAt(i)!);
    lexemes.push({ kind: 'sym', text: symbol });
    i += symbol.length;
  }
  return { ok: true, lexemes };
}

type Quantity =
  | { form: 'bare'; n: number }
  | { form: 'percent'; n: number }
  | { form: 'ratio'; n: number; d: number };

type Reading =
  | { ok: true; quantity: Quantity; approximate: boolean; qualified: boolean }
  | { ok: false; problem: 'unreadable' | 'several' };

// Words that make a number a bound, a range or its opposite.
const QUALIFIERS = new Set([
  'not',
  'no',
  'never',
  'less',
  'fewer',
  'more',
  'over',
  'under',
  'above',
  'below',
  'least',
  'most',
  'than',
  'between',
  'up',
  'upto',
  'max',
  'maximum',
  'min',
  'minimum',
  'except',
  'minus',
  'plus',
  'beyond',
  'exceeding',
  'within',
]);
const AFTER_OR = new Set([
  'more',
  'less',
  'fewer',
  'higher',
  'lower',
  'above',
  'below',
  'over',
  'under',
  'up',
  'greater',
]);
// Symbols a sentence may put before its number ("my guess: 12/30").
const LEAD_SYMBOLS = new Set([':', ',', ';']);

/** A final "or more", "at least", "max" after the number. */
function endsQualified(rest: readonly Lexeme[]): boolean {
  const words = rest.filter((l) => l.kind === 'word').map((l) => (l as { text: string }).text);
  return words.some(
    (w, i) =>
      ((w === 'or' || w === 'and') && AFTER_OR.has(words[i + 1] ?? '')) ||
      (w === 'at' && (words[i + 1] === 'least' || words[i + 1] === 'most')) ||
      w === 'max' ||
      w === 'maximum' ||
      w === 'minimum' ||
      w === 'tops',
  );
}

/**
 * Splits a sentence at its number: the words before it, and the number
 * with what follows (an approximate word or sign just before the number
 * goes with it: "I think around 70%").
 */
function splitAtNumber(lexemes: readonly Lexeme[]): { lead: Lexeme[]; tail: Lexeme[] } {
  const first = lexemes.findIndex((l) => l.kind === 'num');
  if (first <= 0) return { lead: [], tail: [...lexemes] };
  let start = first;
  const before = lexemes[first - 1];
  if (
    isSymbol(before, '~') ||
    isSymbol(before, '≈') ||
    (before?.kind === 'word' && APPROXIMATE_WORDS.has(before.text))
  ) {
    start = first - 1;
  } else if (
    isSymbol(before, '.') &&
    lexemes[first - 2]?.kind === 'word' &&
    APPROXIMATE_WORDS.has((lexemes[first - 2] as { text: string }).text)
  ) {
    start = first - 2;
  }
  return { lead: lexemes.slice(0, start), tail: lexemes.slice(start) };
}

function isWord(lexeme: Lexeme | undefined, ...words: string[]): boolean {
  return lexeme?.kind === 'word' && words.includes(lexeme.text);
}

function isSymbol(lexeme: Lexeme | undefined, symbols: ReadonlySet<string> | string): boolean {
  if (lexeme?.kind !== 'sym') return false;
  return typeof symbols === 'string' ? lexeme.text === symbols : symbols.has(lexeme.text);
}

function read(lexemes: readonly Lexeme[]): Reading {
  let i = 0;
  let approximate = false;
  const at = (k: number) => lexemes[k];
  // "7ish", "7-ish"
  const skipIsh = () => {
    if (isWord(at(i), 'ish')) {
      approximate = true;
      i += 1;
    } else if (isSymbol(at(i), '-') && isWord(at(i + 1), 'ish')) {
      approximate = true;
      i += 2;
    }
  };
  const number = (): number | undefined => {
    const lexeme = at(i);
    if (lexeme?.kind !== 'num') return undefined;
    i += 1;
    return lexeme.value;
  };

  const first = at(0);
  if (first?.kind === 'word' && APPROXIMATE_WORDS.has(first.text)) {
    approximate = true;
    i = isSymbol(at(1), '.') ? 2 : 1;
  } else if (isSymbol(first, '~') || isSymbol(first, '≈')) {
    approximate = true;
    i = 1;
  }

  const n = number();
  if (n === undefined) return { ok: false, problem: 'unreadable' };
  skipIsh();

  let quantity: Quantity = { form: 'bare', n };
  if (isSymbol(at(i), '%') || isWord(at(i), 'percent', 'pct')) {
    quantity = { form: 'percent', n };
    i += 1;
    skipIsh();
  } else if (isWord(at(i), 'per') && isWord(at(i + 1), 'cent')) {
    quantity = { form: 'percent', n };
    i += 2;
    skipIsh();
  } else if (isSymbol(at(i), RATIO_SYMBOLS)) {
    i += 1;
    const d = number();
    if (d === undefined) return { ok: false, problem: 'unreadable' };
    quantity = { form: 'ratio', n, d };
    skipIsh();
  } else {
    // "of", "per"… before a number join a ratio; before a word they start a
    // unit ("3 per week", "12 of them").
    const width = isWord(at(i), 'out') && isWord(at(i + 1), 'of') ? 2 : isWord(at(i), ...RATIO_WORDS) ? 1 : 0;
    if (width > 0 && at(i + width)?.kind === 'num') {
      i += width;
      quantity = { form: 'ratio', n, d: number()! };
      skipIsh();
    }
  }

  const rest = lexemes.slice(i);
  if (rest.some((lexeme) => lexeme.kind === 'num')) return { ok: false, problem: 'several' };
  if (rest.length > 0 && rest[0]!.kind !== 'word') return { ok: false, problem: 'unreadable' };
  if (rest.some((lexeme) => lexeme.kind === 'word' && SCALING_WORDS.has(lexeme.text))) {
    return { ok: false, problem: 'unreadable' };
  }
  const last = rest.length;
  if (
    (isWord(rest[0], 'or') && isWord(rest[1], 'so')) ||
    (isWord(rest[last - 2], 'or') && isWord(rest[last - 1], 'so'))
  ) {
    approximate = true;
  }
  return { ok: true, quantity, approximate, qualified: endsQualified(rest) };
}

/** A number in plain decimal notation, never with an exponent, so that it can be typed back. */
function plain(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 21 });
}

/**
 * Reads a prediction or a result typed for a measure of `kind`. Never throws;
 * when ok, every number in the result is finite.
 */
export function parseMeasureNumber(text: string, kind: MeasureKind): MeasureNumberResult {
  const typed = quoteInput(text);
  const forms = describeAcceptedForms(kind);
  const noun = KIND_NAMES[kind];
  // A final note in parentheses is a comment: "12/30 (40%)".
  const folded = withoutTrailing(foldInput(text).replace(/(\S)\s*\([^()]*\)$/, '$1'), FINAL_PUNCTUATION);
  if (folded === '') return failure(`Please type a number for ${noun}, for example ${forms}.`);

  const lexed = lex(folded);
  if (!lexed.ok) {
    switch (lexed.problem) {
      case 'comma':
        return failure(
          `I can't tell what the comma in ${typed} means. Use a dot for decimals (3.5), commas only between thousands (1,234), or a slash for "out of" (3/5).`,
        );
      case 'huge':
        return failure(`${typed} is too large a number for ${noun}. Try ${forms}.`);
      case 'unreadable':
        return failure(`I couldn't read ${typed} as ${noun}. Try ${forms}.`);
    }
  }
  const { lead, tail } = splitAtNumber(lexed.lexemes);
  const leadIsWords = lead.every((l) => l.kind === 'word' || (l.kind === 'sym' && LEAD_SYMBOLS.has(l.text)));
  if (!leadIsWords) return failure(`I couldn't read ${typed} as ${noun}. Try ${forms}.`);
  const leadQualifies = lead.some((l) => l.kind === 'word' && QUALIFIERS.has(l.text));
  const reading = read(tail);
  if (!reading.ok) {
    return reading.problem === 'several'
      ? failure(
          `${typed} has more than one number, so I can't tell which one to record. Type one, like ${forms}.`,
        )
      : failure(`I couldn't read ${typed} as ${noun}. Try ${forms}.`);
  }
  const { quantity, approximate } = reading;
  const checked = checkKind(quantity, kind, typed);
  if (!checked.ok) return checked;
  const normalized = approximate ? `~${checked.normalized}` : checked.normalized;
  if (leadQualifies || reading.qualified) {
    return failure(
      `I can record only the number itself, so I can't take ${typed} as it is. If you mean ${normalized}, type ${normalized}.`,
    );
  }
  return { ...checked, approximate, normalized };
}

type Checked =
  | { ok: true; value: number; numerator?: number; denominator?: number; normalized: string }
  | ParseFailure;

function checkKind(q: Quantity, kind: MeasureKind, typed: string): Checked {
  switch (kind) {
    case 'proportion':
      return checkProportion(q, typed);
    case 'count':
      return checkCount(q, typed);
    case 'value':
      return checkValue(q, typed);
  }
}

function checkRatio(n: number, d: number, typed: string, example: string): ParseFailure | undefined {
  if (!Number.isInteger(n) || !Number.isInteger(d)) {
    return failure(`Both numbers in ${typed} need to be whole numbers, like ${example}.`);
  }
  if (n < 0 || d < 0) return failure(`The numbers in ${typed} can't be negative. Try ${example}.`);
  if (d === 0)
    return failure(`The second number in ${typed} is 0, and nothing can be out of 0. Try ${example}.`);
  return undefined;
}

function checkProportion(q: Quantity, typed: string): Checked {
  switch (q.form) {
    case 'ratio': {
      const problem = checkRatio(q.n, q.d, typed, '12/30');
      if (problem) return problem;
      if (q.n > q.d) {
        // Never the numbers swapped: 30/999 is as unlikely a reading of "999 of 30" as any.
        return failure(
          `In ${typed} the first number (${plain(q.n)}) can't be larger than the second (${plain(q.d)}): a proportion is a part of a whole, like 12/30 for 12 out of 30.`,
        );
      }
      return { ok: true, value: q.n / q.d, numerator: q.n, denominator: q.d, normalized: `${q.n}/${q.d}` };
    }
    case 'percent':
      if (q.n < 0 || q.n > 100) {
        return failure(`${typed} is outside 0% to 100%, so it can't be a proportion. Try 40% or 12/30.`);
      }
      // Shifting the decimal point in text gives 0.333 for 33.3%, where 33.3 / 100 gives 0.33299999999999996.
      return { ok: true, value: Number(`${plain(q.n)}e-2`), normalized: `${plain(q.n)}%` };
    case 'bare':
      if (q.n < 0)
        return failure(`A proportion can't be negative, and ${typed} is. Try 12/30, 12 of 30 or 40%.`);
      if (q.n > 1) return refuseBareProportion(q.n, typed);
      return { ok: true, value: q.n, normalized: plain(q.n) };
  }
}

// Above 1, a bare number is no fraction: it may be a count out of a total
// left unsaid, or a percentage without its sign.
function refuseBareProportion(n: number, typed: string): ParseFailure {
  const shown = plain(n);
  const ways: string[] = [];
  if (Number.isInteger(n)) {
    const total = n < 30 ? 30 : 10 ** Math.ceil(Math.log10(n + 1));
    ways.push(`with its total, like ${shown}/${total}`);
  }
  if (n <= 100) ways.push(`as a percentage, ${shown}%`);
  if (ways.length === 0)
    return failure(`${typed} is more than 1, so it can't be a proportion. Try 12/30, 12 of 30 or 40%.`);
  return failure(`${typed} is more than 1, so it can't be a fraction. Type it ${ways.join(', or ')}.`);
}

function checkCount(q: Quantity, typed: string): Checked {
  switch (q.form) {
    case 'ratio': {
      const problem = checkRatio(q.n, q.d, typed, '12 per 30');
      if (problem) return problem;
      return {
        ok: true,
        value: q.n / q.d,
        numerator: q.n,
        denominator: q.d,
        normalized: `${q.n} per ${q.d}`,
      };
    }
    case 'percent':
      return failure(
        `This measure counts things, so ${typed} can't be a percentage. Type how many, like 7 or 12 per 30.`,
      );
    case 'bare':
      if (q.n < 0) return failure(`A count can't be negative, and ${typed} is. Type how many, like 7 or 0.`);
      if (!Number.isInteger(q.n)) {
        return failure(`A count is a whole number, and ${typed} isn't. Try 7, about 7 or 12 per 30.`);
      }
      return { ok: true, value: q.n, normalized: plain(q.n) };
  }
}

function checkValue(q: Quantity, typed: string): Checked {
  switch (q.form) {
    case 'ratio':
      return failure(
        `This measure takes a single number, so I can't record ${typed}. Try 3.5, -2 or about 7.`,
      );
    case 'percent':
      return { ok: true, value: q.n, normalized: `${plain(q.n)}%` };
    case 'bare':
      return { ok: true, value: q.n, normalized: plain(q.n) };
  }
}

/** Rounds away floating-point noise (0.30000000000000004 → 0.3) before display. */
function tidy(n: number): string {
  return plain(Number(n.toPrecision(12)));
}

function percentText(fraction: number): string {
  const percent = fraction * 100;
  const oneDecimal = Math.round(percent * 10) / 10;
  // A tiny non-zero share must not show as 0%.
  const shown = oneDecimal === 0 && percent !== 0 ? Number(percent.toPrecision(2)) : oneDecimal;
  return `${tidy(shown)}%`;
}

/** Writes a measurement for people: `12/30 (40%)`, `40%`, `12 per 30`, `~7`, `3.5`. */
export function formatMeasureNumber(m: MeasureNumberParts, kind: MeasureKind): string {
  const prefix = m.approximate ? '~' : '';
  const hasRatio = m.numerator !== undefined && m.denominator !== undefined;
  switch (kind) {
    case 'proportion':
      return hasRatio
        ? `${prefix}${tidy(m.numerator!)}/${tidy(m.denominator!)} (${percentText(m.value)})`
        : `${prefix}${percentText(m.value)}`;
    case 'count':
      return hasRatio
        ? `${prefix}${tidy(m.numerator!)} per ${tidy(m.denominator!)}`
        : `${prefix}${tidy(m.value)}`;
    case 'value':
      return `${prefix}${tidy(m.value)}`;
  }
}
