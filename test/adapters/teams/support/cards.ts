import { readFileSync } from 'node:fs';
import { Ajv, type AnySchemaObject, type ErrorObject } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import ajvFormats from 'ajv-formats';

// Checking cards against the official Adaptive Card 1.5 schema, and reading
// what they say. The schema forbids properties it does not know, and Teams
// adds one at the top level (`msteams`), so that one is checked here and
// taken off before validation.

// The schema names itself with draft-04's `id`; Ajv wants draft-06's `$id`.
const { id, ...schema } = JSON.parse(
  readFileSync(new URL('../fixtures/schemas/adaptive-card.1.5.0.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its plugin is the default export's `default`.
ajvFormats.default(ajv);
ajv.addMetaSchema(draft06 as AnySchemaObject);
const validate = ajv.compile({ $id: String(id), ...schema });

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Schema errors of a card as readable lines; [] when it is valid. */
export function cardErrors(card: unknown): string[] {
  const { msteams, ...rest } = card as Record<string, unknown>;
  const problems: string[] = [];
  if (msteams !== undefined && JSON.stringify(msteams) !== JSON.stringify({ width: 'Full' })) {
    problems.push(`unexpected msteams property: ${JSON.stringify(msteams)}`);
  }
  if (!validate(rest)) problems.push(...(validate.errors ?? []).map(describe));
  return problems;
}

function describe(e: ErrorObject): string {
  return `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`;
}

/** The Adaptive Cards an activity (as posted to the connector) carries. */
export function cardsOf(activity: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const attachments = (activity?.attachments ?? []) as { contentType?: string; content?: unknown }[];
  return attachments
    .filter((a) => a.contentType === ADAPTIVE_CARD)
    .map((a) => a.content as Record<string, unknown>);
}

/** Every text a card shows (text blocks, facts, labels, button titles), one per line. */
export function cardText(card: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
    if (n.type === 'FactSet')
      for (const f of n.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    if (typeof n.label === 'string') out.push(n.label);
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && typeof n.title === 'string')
      out.push(`[${n.title}]`);
    for (const key of ['body', 'items', 'actions', 'columns']) walk(n[key]);
  };
  walk(card.body);
  return out.join('\n');
}

/** The Action.Submit data of every button and form of a card. */
export function submitData(card: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Submit') out.push(n.data as Record<string, unknown>);
    for (const key of ['body', 'items', 'actions', 'columns']) walk(n[key]);
  };
  walk(card.body);
  return out;
}
