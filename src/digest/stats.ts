import type { DigestAnalysis, DigestData } from '../core/digest/index.ts';

/**
 * The statistics of a digest as JSON: what the sentences were written from,
 * for `pdsa-bot digest --json` and for `digests.content`.
 */
export function digestStats(data: DigestData, analysis: DigestAnalysis) {
  return {
    network: data.network,
    week: data.week,
    weeks: data.weeks,
    cycles: data.cycles,
    participation: data.participation.map((p) => ({
      site: data.sites.find((s) => s.id === p.siteId)?.name ?? String(p.siteId),
      asked: p.asked,
      answered: p.answered,
    })),
    measures: analysis.measures.map((a) => ({
      measure: a.measure,
      weeks: a.weeks,
      comparison: a.comparison,
      apart: a.apart,
      sites: a.sites.map((s) => ({
        site: s.site.name,
        size: s.size,
        values: s.values,
        runChart: s.run,
        longestRun: s.longestRun,
        ownLimits: s.ownLimits,
      })),
    })),
    predictions: data.predictions.length,
    decisions: data.decisions.length,
    overdue: data.overdue.total,
    unreachable: data.unreachable.total,
  };
}
