import { z } from 'zod';

// The vocabulary of docs/architecture.md, as zod schemas where data crosses a
// boundary (commands, stored answers, exports) and as types for the rest.

/**
 * A chat platform's id ('slack', 'teams', 'shell', ...). The core keeps no
 * list of them: each adapter brings its own id (src/bot/chat-adapter.ts), and
 * the database checks only this shape (migrations/0006_platform_open.ts).
 */
export const platformSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'expected a platform id like "slack"');
export type Platform = z.infer<typeof platformSchema>;

export const roleSchema = z.enum(['educator', 'facilitator', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const measureKindSchema = z.enum(['proportion', 'count', 'value']);
export type MeasureKind = z.infer<typeof measureKindSchema>;

export const betterSchema = z.enum(['higher', 'lower']);
export type Better = z.infer<typeof betterSchema>;

export const phaseSchema = z.enum(['plan', 'do', 'study', 'act']);
export type Phase = z.infer<typeof phaseSchema>;
export type CyclePhase = Phase | 'closed';

export const decisionSchema = z.enum(['adopt', 'adapt', 'abandon']);
export type Decision = z.infer<typeof decisionSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-12-01');

export const networkSchema = z.object({
  id: z.number().int(),
  name: z.string().min(1).max(120),
  aim: z.string().max(2000),
  timeZone: z.string().min(1),
  digestWeekday: z.number().int().min(1).max(7),
  digestHour: z.number().int().min(0).max(23),
});
export type Network = z.infer<typeof networkSchema>;

export const siteSchema = z.object({
  id: z.number().int(),
  networkId: z.number().int(),
  name: z.string().min(1).max(120),
  timeZone: z.string().nullable(),
});
export type Site = z.infer<typeof siteSchema>;

export const memberSchema = z.object({
  id: z.number().int(),
  networkId: z.number().int(),
  personId: z.number().int(),
  siteId: z.number().int().nullable(),
  role: roleSchema,
  displayName: z.string(),
  timeZone: z.string().nullable(),
  pausedUntil: isoDate.nullable(),
});
export type Member = z.infer<typeof memberSchema>;

export const measureSchema = z.object({
  id: z.number().int(),
  networkId: z.number().int(),
  name: z.string().min(1).max(120),
  kind: measureKindSchema,
  unit: z.string().max(40),
  better: betterSchema,
});
export type Measure = z.infer<typeof measureSchema>;

export const changeIdeaSchema = z.object({
  id: z.number().int(),
  networkId: z.number().int(),
  text: z.string().min(1).max(500),
  driverId: z.number().int().nullable(),
});
export type ChangeIdea = z.infer<typeof changeIdeaSchema>;

export const cycleSchema = z.object({
  id: z.number().int(),
  networkId: z.number().int(),
  siteId: z.number().int(),
  ownerMemberId: z.number().int().nullable(),
  changeIdeaId: z.number().int(),
  measureId: z.number().int(),
  question: z.string().max(1000),
  startsOn: isoDate,
  endsOn: isoDate,
  phase: z.enum(['plan', 'do', 'study', 'act', 'closed']),
  parentCycleId: z.number().int().nullable(),
  decision: decisionSchema.nullable(),
});
export type Cycle = z.infer<typeof cycleSchema>;

// A prediction or a result: a value, or a numerator and a denominator (whose
// ratio is the value), always in the measure's kind.
export const measurementSchema = z
  .object({
    value: z.number().finite(),
    numerator: z.number().finite().nonnegative().optional(),
    denominator: z.number().finite().positive().optional(),
    approximate: z.boolean().optional(),
  })
  .refine((m) => (m.numerator === undefined) === (m.denominator === undefined), {
    message: 'a numerator needs a denominator',
  });
export type Measurement = z.infer<typeof measurementSchema>;

export const TEXT_LIMIT = 3000;
const answerText = z.string().trim().max(TEXT_LIMIT);

// The answers of each phase, after the IHI PDSA worksheet.
export const planAnswerSchema = z.object({
  question: answerText.min(1),
  change: answerText.min(1),
  prediction: measurementSchema,
  predictionReason: answerText.optional(),
  logistics: answerText.min(1), // who, what, when, where
  dataCollection: answerText.min(1),
});
export type PlanAnswer = z.infer<typeof planAnswerSchema>;

export const doAnswerSchema = z.object({
  asPlanned: z.enum(['yes', 'partly', 'no']),
  unexpected: answerText.optional(),
  dataSoFar: measurementSchema.optional(),
});
export type DoAnswer = z.infer<typeof doAnswerSchema>;

export const studyAnswerSchema = z.object({
  result: measurementSchema,
  learned: answerText.min(1),
  surprised: answerText.optional(),
});
export type StudyAnswer = z.infer<typeof studyAnswerSchema>;

export const actAnswerSchema = z.object({
  decision: decisionSchema,
  nextStep: answerText.min(1),
});
export type ActAnswer = z.infer<typeof actAnswerSchema>;

export const answerSchemas = {
  plan: planAnswerSchema,
  do: doAnswerSchema,
  study: studyAnswerSchema,
  act: actAnswerSchema,
} as const;
export type AnswerOf<P extends Phase> = z.infer<(typeof answerSchemas)[P]>;
