import type { Block, Message } from '../message-model.ts';
import type { DigestAnalysis } from './analyse.ts';
import { attentionText } from './attention-text.ts';
import { celebrateLine, measureLines, namedSiteNames, nudgeLine, weekLine } from './first-message.ts';
import { listAnd, plural, weekRangeText } from './format.ts';
import { participationLine } from './headline-text.ts';
import { learningText } from './learning-text.ts';
import { predictionsText } from './predictions-text.ts';
import { READING_GUIDE } from './reading-guide.ts';
import { rulesLine } from './rules.ts';
import { siteOrder } from './site-order.ts';
import { textBlocks } from './text-blocks.ts';
import type { ChartImage, DigestData } from './types.ts';
import { variationText } from './variation-text.ts';

// The weekly digest as two messages. The first, for the channel, is read in
// a minute on a phone: the week in numbers, what to celebrate, the few sites
// that stand apart or changed, what surprised us, who needs a nudge, then
// the charts; in plain words, without a statistical term or a week number
// (first-message.ts). The details, posted in its thread, keep every figure,
// method and rule, and end with how to read the digest.

export interface ComposedDigest {
  main: Message;
  details: Message;
}

export function composeDigest(
  data: DigestData,
  analysis: DigestAnalysis,
  charts: readonly ChartImage[] = [],
): ComposedDigest {
  const range = weekRangeText(data.weekStartsOn, data.weekEndsOn);
  const order = siteOrder(analysis);
  const predictions = predictionsText(data, analysis.measures, order);
  const learning = learningText(data, order);
  const attention = attentionText(data);
  const variations = analysis.measures.map((a) => variationText(a));
  const named = namedSiteNames(analysis);

  // The channel message.
  const week = [weekLine(data)];
  const celebrate = celebrateLine(data, order);
  if (celebrate) week.push(celebrate);

  const sites: string[] = [];
  if (analysis.measures.length === 0) {
    sites.push(
      'No figures were recorded in the weeks shown, so there is nothing to compare across sites yet. Figures come from the Do ("data so far") and Study (result) check-ins.',
    );
  }
  analysis.measures.forEach((a, i) => {
    sites.push(...measureLines(a, variations[i]!));
  });

  const onward: string[] = [];
  if (predictions.surprise) onward.push(`**What surprised us:** ${predictions.surprise}`);
  for (const lesson of predictions.lessons) {
    onward.push(`**A lesson for the network:** ${lesson.charAt(0).toLowerCase()}${lesson.slice(1)}`);
  }
  const nudge = nudgeLine(data);
  if (nudge) onward.push(nudge);

  const after: string[] = [];
  const drawn = analysis.measures[0]?.chart;
  if (charts.length > 0 && drawn) {
    const highlighted = named.length
      ? `; ${listAnd(named)} ${named.length === 1 ? 'is' : 'are'} highlighted`
      : '';
    const panels =
      drawn.sites.length === drawn.order.length
        ? `${charts.length === 1 ? 'The chart has' : 'Each chart has'} one panel per site, ${drawn.orderWords}`
        : `The chart shows ${drawn.panelsWords.charAt(0).toLowerCase()}${drawn.panelsWords.slice(1).replace(/\.$/, '')}`;
    after.push(`${panels}. Lists in this digest follow the same order${highlighted}.`);
  }

  const mainBlocks: Block[] = [
    { type: 'heading', text: `${data.network.name}: weekly digest, ${range}` },
    ...textBlocks([...week, ...sites, ...onward]),
    ...charts.map(
      (c): Block => ({
        type: 'image',
        pngBase64: c.pngBase64,
        alt: c.alt,
        title: c.title,
        fileName: c.fileName,
      }),
    ),
    ...textBlocks(after),
    {
      type: 'context',
      text: 'Every site’s figures, the statistics behind these lines, the lessons and how to read the digest are in the thread.',
    },
  ];

  const standOut = named.length
    ? named.length <= 3
      ? `${listAnd(named)} ${named.length === 1 ? 'stands' : 'stand'} out`
      : `${plural(named.length, 'site')} stand out`
    : `${plural(data.cycles.started, 'cycle')} started, ${data.cycles.completed} completed`;
  const summary = `${data.network.name} weekly digest, ${range}: ${standOut}.`;

  // The thread.
  const detailBlocks: Block[] = [{ type: 'heading', text: `Details: ${range}` }];
  const participation = participationLine(data, order);
  if (participation) detailBlocks.push(...textBlocks([participation]));
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
  detailBlocks.push({ type: 'context', text: rulesLine(analysis.measures.map((m) => m.measure.kind)) });
  // Last, so that sections added to the thread (a monthly one, say) come before it.
  detailBlocks.push({ type: 'context', text: `How to read this digest: ${READING_GUIDE}` });

  return {
    main: { summary, blocks: mainBlocks },
    details: { summary: `Details of the ${data.network.name} weekly digest, ${range}`, blocks: detailBlocks },
  };
}
