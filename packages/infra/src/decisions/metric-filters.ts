import {
  LOG_EVENTS,
  METRIC_DIMENSION,
  METRIC_EVENTS,
  type MetricUnit,
  RUN_STATUS_METRICS,
} from '@stockpipe/shared';

/** A CloudWatch Logs metric filter on the job's log group, as data. */
interface MetricFilterSpec {
  metric: string;
  pattern: string;
  value: string;
  unit: MetricUnit;
}

const FINISHED = `($.msg = "${LOG_EVENTS.runFinished}")`;

/**
 * The job's metrics, from its `run finished` and `compliance finished` events (names and fields from shared's
 * declaration): a run's status counts 1 in RunsSucceeded or RunsFailed; every other metric is a numeric field of
 * its event, taken only when the event has it (`>= 0` matches numbers alone), so a field left out makes no
 * datapoint rather than a zero.
 */
export function metricFilters(): MetricFilterSpec[] {
  return [
    ...Object.entries(RUN_STATUS_METRICS).map(([status, metric]) => ({
      metric,
      pattern: `{ ${FINISHED} && ($.status = "${status}") }`,
      value: '1',
      unit: 'Count' as const,
    })),
    ...METRIC_EVENTS.flatMap(({ event, metrics }) =>
      Object.entries(metrics).map(([field, { name, unit }]) => ({
        metric: name,
        pattern: `{ ($.msg = "${event}") && ($.${field} >= 0) }`,
        value: `$.${field}`,
        unit,
      })),
    ),
  ];
}

/** Every metric's one dimension: the stack, from the event's own field. */
export const METRIC_DIMENSIONS = { [METRIC_DIMENSION.name]: `$.${METRIC_DIMENSION.field}` };
