import { LOG_EVENTS } from '@stockpipe/shared';

/** A saved CloudWatch Logs Insights query on the job's log group. */
interface SavedQuery {
  name: string;
  queryString: string;
}

/** Where a run id goes in the saved "one run" query: replace it with the run id from a notice or a log line. */
const RUN_ID_PLACEHOLDER = 'RUN_ID';

/** The failures of the period by ticker and stage, most first, with the last reason: what the dashboard shows. */
export const FAILURES_BY_TICKER_AND_STAGE = [
  'fields @timestamp, hour, ticker, stage, reason',
  `| filter msg = "${LOG_EVENTS.stageFailed}"`,
  '| stats count(*) as failures, latest(reason) as lastReason, latest(hour) as lastHour by ticker, stage',
  '| sort failures desc',
].join('\n');

/**
 * Saved in the stack's folder of Logs Insights (`stockpipe/<stack>/…`): the failures by ticker and stage, the
 * slowest stages, and one run's whole story by its run id. They read the job's log events (shared's LOG_EVENTS).
 */
export function savedQueries(stack: string): SavedQuery[] {
  const folder = `stockpipe/${stack}`;
  return [
    { name: `${folder}/failures by ticker and stage`, queryString: FAILURES_BY_TICKER_AND_STAGE },
    {
      name: `${folder}/slowest stages`,
      queryString: [
        'fields stage, ms, ticker',
        `| filter msg = "${LOG_EVENTS.stage}" or msg = "${LOG_EVENTS.runFinished}"`,
        '| stats count(*) as events, avg(ms) as avgMs, pct(ms, 95) as p95Ms, max(ms) as maxMs by stage',
        '| sort maxMs desc',
      ].join('\n'),
    },
    {
      name: `${folder}/one run by run id`,
      queryString: [
        'fields @timestamp, msg, stage, ticker, ms, reason, status',
        `| filter runId = "${RUN_ID_PLACEHOLDER}"`,
        '| sort @timestamp asc',
      ].join('\n'),
    },
  ];
}
