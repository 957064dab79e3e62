import type { PipelineStage } from '../../db/model/pipeline';
import { formatAmount, formatShare } from './format';

/**
 * The pipeline in words, one sentence a line, for the line above the chart and its description: what
 * runs now, what the pipeline adds and by when, each against China's total where there is one.
 */
export function describePipeline(stage: PipelineStage): string[] {
  const { china, unit } = stage;
  const first = stage.cumulative[0];
  const last = stage.cumulative[stage.cumulative.length - 1];
  const undated = stage.facilities.filter((f) => f.status !== 'operating' && f.startYear === null);
  const undatedAmount = formatAmount(
    undated.reduce((total, f) => total + f.capacity.value, 0),
    unit,
  );
  const undatedVerb = undated.length === 1 ? 'has' : 'have';
  const noChina = china ? '' : ' No China capacity figure is counted for this stage.';
  if (!first || !last)
    return [
      `No ex-China facility has a stated start year: ${undated.length} under construction or planned (${undatedAmount}).`,
      ...(noChina ? [noChina.trim()] : []),
    ];

  const ofChina = (value: number) =>
    china && china.value > 0 ? `, ${formatShare(value / china.value)} of China’s ${formatAmount(china.value, unit)}` : '';
  const now =
    first.operating.value > 0
      ? `Ex-China: ${formatAmount(first.operating.value, unit)} operating in ${first.year}${ofChina(first.operating.value)}.`
      : `Ex-China: no operating facility with a capacity claim.`;
  const adds = [last.underConstruction.value > 0 ? 'under construction' : null, last.planned.value > 0 ? 'planned' : null].filter(
    (words) => words !== null,
  );
  const pipeline =
    adds.length > 0
      ? `With what is ${adds.join(' and ')}: ${formatAmount(last.total.value, unit)} by ${last.year}${ofChina(last.total.value)}.${
          undated.length > 0 ? ` ${undated.length} more (${undatedAmount}) ${undatedVerb} no stated start year.` : ''
        }`
      : undated.length > 0
        ? `Under construction or planned: ${undated.length} ${undated.length === 1 ? 'facility' : 'facilities'} (${undatedAmount}), with no stated start year.`
        : 'Nothing is under construction or planned.';
  return [`${now}${noChina}`, pipeline];
}
