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

/** Above this many sites, one week's comparison across sites can name a site (reference/variation.md §3). */
const ONE_WEEK_JUDGES_ABOVE = 10;

/** Which sites differ from the rest, over recent weeks and this week, or why none is named. */
function acrossSites(a: MeasureAnalysis, v: VariationText): string[] {
  const recent = a.apart;
  const lines: string[] = [...v.apart.sentences.map((s) => `${s}.`)];
  if (v.apart.more) lines.push(v.apart.more);
  if (v.apart.differing) lines.push(`${v.apart.differing}.`);
  if (v.beyondChance.length) {
    lines.push('Different beyond chance this week:');
    lines.push(...v.beyondChance.map((s) => `• ${s}.`));
  }
  const compared = a.sites.length;
  const oneWeekJudges = a.comparison.sites.length > ONE_WEEK_JUDGES_ABOVE;
  const weeks = recent.window === 1 ? 'the last week' : `the last ${recent.window} weeks`;
  if (!recent.judged) {
    lines.push(
      `Too few weeks yet to tell whether a site stands apart from the rest: ${plural(recent.weeksWithFigures, 'week')} of figures so far, ${recent.weeksNeeded} needed.`,
    );
    if (lines.length === 1 && oneWeekJudges) {
      lines.push(`No site is beyond its expected range this week (${compared} sites compared).`);
    }
  } else if (lines.length === 0) {
    if (compared === 2) {
      lines.push(`The two sites have not differed beyond week-to-week noise over ${weeks}.`);
    } else {
      const when = oneWeekJudges ? `, this week or over ${weeks}` : ` over ${weeks}`;
      lines.push(`No site stands apart from the rest of the network${when} (${compared} sites compared).`);
    }
  }
  return lines;
}

function measureSummary(a: MeasureAnalysis, v: VariationText): string[] {
  const lines: string[] = [`**${a.measure.name}**`];
  if (a.comparison.sites.length >= 2 || a.sites.length >= 2) lines.push(...acrossSites(a, v));
  else lines.push(`${a.comparison.method}.`);
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

  const flagged = analysis.measures.reduce((n, a) => {
    const named = new Set(a.apart.apart.map((s) => s.site));
    for (const s of a.comparison.sites) if (s.verdict !== 'within') named.add(s.site);
    return n + named.size;
  }, 0);
  const signalled = analysis.measures.reduce(
    (n, a) => n + a.sites.filter((s) => !s.run.tooShort && s.run.runsSignal).length,
    0,
  );
  const summary = `${data.network.name} weekly digest, ${range}: ${plural(flagged, 'site')} apart from the rest, ${plural(signalled, 'site')} with a signal over time.`;

  // The thread.
  const detailBlocks: Block[] = [{ type: 'heading', text: `Details: ${range}` }];
  if (participation.perSite && manySites) detailBlocks.push(...textBlocks([participation.perSite]));
  for (const [i, a] of analysis.measures.entries()) {
    const v = variations[i]!;
    detailBlocks.push(
      ...textBlocks([
        `**${a.measure.name}**`,
        ...v.comparisonDetail,
        '',
        ...v.apart.detail,
        '',
        ...v.overTimeDetail,
      ]),
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
