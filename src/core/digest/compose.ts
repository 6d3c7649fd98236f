import type { Block, Message } from '../message-model.ts';
import type { DigestAnalysis, MeasureAnalysis } from './analyse.ts';
import { attentionText } from './attention-text.ts';
import { listAnd, plural, weekRangeText } from './format.ts';
import { cyclesLine, participationLines } from './headline-text.ts';
import { learningText } from './learning-text.ts';
import { predictionsText } from './predictions-text.ts';
import { rulesLine } from './rules.ts';
import { textBlocks } from './text-blocks.ts';
import type { ChartImage, DigestData } from './types.ts';
import { type VariationText, variationText } from './variation-text.ts';

// The weekly digest as two messages: a short one for the channel (what stood
// out, the charts, one line each on decisions and who needs a nudge) and the
// details, posted in its thread so the channel stays quiet.

export interface ComposedDigest {
  main: Message;
  details: Message;
}

/** Above this many sites the per-site participation goes to the thread. */
const SITES_IN_HEADLINE = 12;

function measureSummary(a: MeasureAnalysis, v: VariationText): string[] {
  const cmp = a.comparison;
  const lines: string[] = [`**${a.measure.name}**`];
  if (cmp.sites.length >= 2) {
    if (v.beyondChance.length) {
      lines.push('Different beyond chance this week:');
      lines.push(...v.beyondChance.map((s) => `• ${s}.`));
    } else {
      lines.push(`No site is different beyond chance this week (${cmp.sites.length} sites compared).`);
    }
  } else {
    lines.push(`${cmp.method}.`);
  }
  if (v.signals.length) {
    lines.push('A signal in a site’s own weekly series:');
    lines.push(...v.signals.map((s) => `• ${s}.`));
  } else if (a.sites.some((s) => !s.run.tooShort)) {
    lines.push('No site’s own weekly series shows a signal.');
  }
  if (v.tooShortNames.length)
    lines.push(`Too few weeks to judge over time yet: ${listAnd(v.tooShortNames)}.`);
  return lines;
}

export function composeDigest(
  data: DigestData,
  analysis: DigestAnalysis,
  charts: readonly ChartImage[] = [],
): ComposedDigest {
  const range = weekRangeText(data.weekStartsOn, data.weekEndsOn);
  const rules = rulesLine(analysis.measures.map((m) => m.measure.kind));
  const participation = participationLines(data);
  const manySites = data.sites.length > SITES_IN_HEADLINE;
  const predictions = predictionsText(data, analysis.measures);
  const learning = learningText(data);
  const attention = attentionText(data);
  const variations = analysis.measures.map((a) => variationText(a));

  // The channel message.
  const headline = [`**This week** (${data.week}): ${cyclesLine(data)}`];
  if (participation.total) headline.push(participation.total);
  if (participation.perSite && !manySites) headline.push(participation.perSite);

  const variation: string[] = [];
  if (analysis.measures.length === 0) {
    variation.push(
      'No figures were recorded in the weeks shown, so there is no variation to report yet. Figures come from the Do ("data so far") and Study (result) check-ins.',
    );
  }
  analysis.measures.forEach((a, i) => {
    if (i > 0) variation.push('');
    variation.push(...measureSummary(a, variations[i]!));
  });

  const onward: string[] = [];
  if (predictions.thisWeek > 0) {
    onward.push(
      `**What surprised us:** ${plural(predictions.thisWeek, 'result')} came in this week, set against their predictions.`,
    );
  }
  if (learning.decisions > 0) {
    onward.push(`**Decisions:** ${learning.tally}, each with its lesson.`);
  }
  if (attention.summary) onward.push(`**Needs attention:** ${attention.summary}.`);
  onward.push('Every site’s numbers, the predictions, the lessons and who needs a nudge are in the thread.');

  const mainBlocks: Block[] = [
    { type: 'heading', text: `${data.network.name}: weekly digest, ${range}` },
    ...textBlocks(headline),
    ...textBlocks(variation),
    ...charts.map(
      (c): Block => ({
        type: 'image',
        pngBase64: c.pngBase64,
        alt: c.alt,
        title: c.title,
        fileName: c.fileName,
      }),
    ),
    ...textBlocks(onward),
    { type: 'context', text: rules },
  ];

  const flagged = analysis.measures.reduce(
    (n, a) => n + a.comparison.sites.filter((s) => s.verdict !== 'within').length,
    0,
  );
  const signalled = analysis.measures.reduce(
    (n, a) => n + a.sites.filter((s) => !s.run.tooShort && s.run.runsSignal).length,
    0,
  );
  const summary = `${data.network.name} weekly digest, ${range}: ${plural(flagged, 'site')} different beyond chance, ${plural(signalled, 'site')} with a signal over time.`;

  // The thread.
  const detailBlocks: Block[] = [{ type: 'heading', text: `Details: ${range}` }];
  if (participation.perSite && manySites) detailBlocks.push(...textBlocks([participation.perSite]));
  for (const [i, a] of analysis.measures.entries()) {
    const v = variations[i]!;
    detailBlocks.push(
      ...textBlocks([`**${a.measure.name}**`, ...v.comparisonDetail, '', ...v.overTimeDetail]),
    );
  }
  if (predictions.lines.length) detailBlocks.push({ type: 'divider' }, ...textBlocks(predictions.lines));
  if (learning.lines.length) detailBlocks.push({ type: 'divider' }, ...textBlocks(learning.lines));
  if (attention.lines.length) detailBlocks.push({ type: 'divider' }, ...textBlocks(attention.lines));
  detailBlocks.push({ type: 'context', text: rules });

  return {
    main: { summary, blocks: mainBlocks },
    details: { summary: `Details of the ${data.network.name} weekly digest, ${range}`, blocks: detailBlocks },
  };
}
