import { measurementOf } from '../../core/checkin-questions.ts';
import type { MeasureKind, Measurement } from '../../core/domain.ts';
import { message } from '../../core/message-model.ts';
import { formatMeasureNumber } from '../../core/parsing/numbers.ts';
import { checkinsForExport, cyclesForExport } from '../../store/views/cycle-outcomes.ts';
import { privately } from '../outbound.ts';
import { requireRole } from '../permissions.ts';
import type { CommandSpec } from './command.ts';
import { toCsv } from './csv.ts';
import { recordedFigure } from './cycle-outcomes.ts';
import { theoryExport } from './export-theory.ts';
import { exportMine } from './privacy.ts';

export const exportCommand: CommandSpec = {
  name: 'export',
  group: 'Digest and data',
  summary:
    'download the network’s cycles, check-ins, site conditions and driver diagram as CSV files (or your own data: export me)',
  who: 'facilitators and admins; anyone for `export me`',
  usage: ['export', 'export me'],
  examples: ['/pdsa export', '/pdsa export me'],
  details:
    'Four files: cycles.csv (one row per cycle, with its prediction and result, its change idea’s drivers and its site’s conditions when it began), checkins.csv (one row per check-in, with every answer as JSON), site-conditions.csv (every site’s condition values over time) and driver-diagram.csv (the drivers and the ideas on them). `export me` (anyone) gives you everything the bot keeps about you.',
  async run(ctx, { tokens }) {
    if (tokens[0]?.toLowerCase() === 'me') return exportMine(ctx);
    const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'export the network’s data');
    const n = caller.network.id;
    const stamp = ctx.now.toISOString().slice(0, 10);
    const theory = await theoryExport(ctx.trx, n, stamp);
    const cycles = await cyclesForExport(ctx.trx, n);
    const cyclesCsv = toCsv(
      [
        'cycle_number',
        'site',
        'change_idea_number',
        'change_idea',
        'measure',
        'measure_kind',
        'owner',
        'question',
        'starts_on',
        'ends_on',
        'phase',
        'decision',
        'parent_cycle_number',
        'prediction_value',
        'prediction_numerator',
        'prediction_denominator',
        'result_value',
        'result_numerator',
        'result_denominator',
        // As people read them, with "~" for a figure typed as approximate.
        'prediction',
        'result',
        ...theory.cycleHeader,
      ],
      cycles.map((c) => [
        c.number,
        c.site,
        c.ideaNumber,
        c.idea,
        c.measure,
        c.kind,
        c.owner,
        c.question,
        c.starts_on,
        c.ends_on,
        c.phase,
        c.decision,
        c.parentNumber,
        c.pv,
        c.pn,
        c.pd,
        c.rv,
        c.rn,
        c.rd,
        shownFigure(recordedFigure(c.pv, c.pn, c.pd, c.planAnswer?.prediction), c.kind),
        shownFigure(recordedFigure(c.rv, c.rn, c.rd, c.studyAnswer?.result), c.kind),
        ...theory.cycleCells({ siteId: c.siteId, ideaId: c.ideaId, startsOn: c.starts_on }),
      ]),
    );
    const checkins = await checkinsForExport(ctx.trx, n);
    const checkinsCsv = toCsv(
      [
        'checkin_id',
        'cycle_number',
        'site',
        'member',
        'phase',
        'status',
        'due_at',
        'answered_at',
        'version',
        'value',
        'numerator',
        'denominator',
        'answer_json',
        // The check-in's figure as people read it, with "~" when typed as approximate.
        'figure',
      ],
      checkins.map((c) => [
        c.id,
        c.cycleNumber,
        c.site,
        c.member,
        c.phase,
        c.status,
        c.due_at,
        c.answered_at,
        c.version,
        c.value,
        c.numerator,
        c.denominator,
        c.answer,
        shownFigure(c.answer ? measurementOf(c.phase, c.answer) : undefined, c.kind),
      ]),
    );
    return {
      replies: [
        privately(
          message(
            `Export of ${caller.network.name}: ${cycles.length} cycles, ${checkins.length} check-ins`,
            {
              type: 'text',
              text: `**${caller.network.name}**: ${cycles.length} cycles and ${checkins.length} check-ins.`,
            },
            {
              type: 'file',
              fileName: `pdsa-cycles-${stamp}.csv`,
              mimeType: 'text/csv',
              content: cyclesCsv,
              title: 'Cycles',
            },
            {
              type: 'file',
              fileName: `pdsa-checkins-${stamp}.csv`,
              mimeType: 'text/csv',
              content: checkinsCsv,
              title: 'Check-ins',
            },
            ...theory.files,
          ),
        ),
      ],
    };
  },
};

const shownFigure = (figure: Measurement | undefined, kind: MeasureKind) =>
  figure ? formatMeasureNumber(figure, kind) : null;
