import {
  COMPLIANCE_METRICS,
  longestGapHours,
  METRIC_DIMENSION,
  METRIC_NAMESPACE,
  RUN_METRICS,
  RUN_STATUS_METRICS,
  type Schedule,
} from '@stockpipe/shared';

/** A CloudWatch alarm as data: what it watches, when it fires, and what its email tells the reader to do. */
interface AlarmSpec<Q = string> {
  name: string;
  description: string;
  namespace: string;
  metricName: string;
  /** `Q`: what names the queue, a string here, Pulumi's output of it in the program. */
  dimensions: Record<string, string | Q>;
  statistic: 'Sum' | 'Maximum' | 'SampleCount';
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: 'GreaterThanThreshold' | 'LessThanThreshold';
  treatMissingData: 'breaching' | 'notBreaching' | 'ignore';
}

const HOUR = 3600;
// An alarm may look back 7 days at most (periods of an hour or more).
const MAX_EVALUATION_HOURS = 168;

/** Every alarm of a stack is named with this prefix: the topic lets CloudWatch publish for these alone. */
const alarmNamePrefix = (stack: string) => `stockpipe-${stack}-`;

/** The ARNs of the stack's alarms, in the topic's region and account (`arn:aws:sns:REGION:ACCOUNT:name`). */
export function alarmArnPattern(topicArn: string, stack: string): string {
  const [, partition, , region, account] = topicArn.split(':');
  return `arn:${partition}:cloudwatch:${region}:${account}:alarm:${alarmNamePrefix(stack)}*`;
}

interface AlarmInputs<Q = string> {
  stack: string;
  schedule: Schedule;
  /** The compliance check's schedule; null when the stack has none. */
  compliance: Schedule | null;
  xMonthlyBudgetUsd: number;
  deadLetterQueueName: Q;
}

/**
 * The stack's alarms, each to the alert topic on ALARM and on OK, not on every run:
 * - no successful run for the longest gap between scheduled hours plus one (2 hours hourly; a weekend and an hour
 *   with market hours): missing data breaches, so a job that never runs is noticed;
 * - some ticker failing in each of 3 hourly periods in a row;
 * - the scheduler's dead-letter queue holding a message (a run it could not start);
 * - X's spend this billing month projected over the budget;
 * - no compliance check that got X's answer for its longest gap and a day more (48 hours daily): a check that stops
 *   running leaves the stores out of line with X, and nothing else would say so.
 * Missing data leaves tickers failing, dead letters and X spend as they are, so a stopped job neither raises nor
 * clears them.
 */
export function alarmSpecs<Q = string>(r: AlarmInputs<Q>): AlarmSpec<Q>[] {
  const prefix = alarmNamePrefix(r.stack);
  const job = { namespace: METRIC_NAMESPACE, dimensions: { [METRIC_DIMENSION.name]: r.stack } };
  const silenceHours = longestGapHours(r.schedule) + 1;
  const silence: AlarmSpec<Q>[] =
    silenceHours > MAX_EVALUATION_HOURS
      ? []
      : [
          {
            ...job,
            name: `${prefix}no-successful-run`,
            description:
              `No stockpipe run succeeded in the last ${silenceHours} hours (no run at all counts). Check that the ` +
              'schedule is enabled and the dead-letter queue is empty, then read the last runs (saved query "one ' +
              'run by run id"). Catch-up heals the missed hours once runs succeed again.',
            metricName: RUN_STATUS_METRICS.succeeded,
            statistic: 'Sum',
            period: HOUR,
            evaluationPeriods: silenceHours,
            datapointsToAlarm: silenceHours,
            threshold: 1,
            comparisonOperator: 'LessThanThreshold',
            treatMissingData: 'breaching',
          },
        ];
  const complianceHours = r.compliance ? longestGapHours(r.compliance) + 24 : Number.POSITIVE_INFINITY;
  const complianceSilence: AlarmSpec<Q>[] =
    complianceHours > MAX_EVALUATION_HOURS
      ? []
      : [
          {
            ...job,
            name: `${prefix}compliance-silent`,
            description:
              `No compliance check got X's answer in the last ${complianceHours} hours: deleted and protected posts ` +
              'may still be stored. Read the last `compliance finished` event and the failures before it (saved ' +
              'query "one run by run id"): X refusing the token, a schedule turned off, a task that cannot start ' +
              '(dead-letter queue). `pulumi stack output complianceCommand` runs it now.',
            metricName: COMPLIANCE_METRICS.postsChecked.name,
            statistic: 'SampleCount',
            period: HOUR,
            evaluationPeriods: complianceHours,
            datapointsToAlarm: complianceHours,
            threshold: 1,
            comparisonOperator: 'LessThanThreshold',
            treatMissingData: 'breaching',
          },
        ];
  return [
    ...silence,
    {
      ...job,
      name: `${prefix}tickers-failing`,
      description:
        "Some ticker failed in each of the last 3 hours. The dashboard's failures widget, or the saved query " +
        '"failures by ticker and stage", says which and why: an X or Yahoo outage heals by itself (catch-up); a ' +
        'bad ticker or search needs the watchlist fixed; "X budget reached" means the month\'s X budget is spent.',
      metricName: RUN_METRICS.failed.name,
      statistic: 'Sum',
      period: HOUR,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'ignore',
    },
    {
      name: `${prefix}dead-letters`,
      description:
        'EventBridge Scheduler could not start the job (its retries ran out) and left the attempt in the ' +
        'dead-letter queue. Read the message for the reason (permissions, Fargate capacity, a deleted task ' +
        'definition), fix it, then purge the queue; catch-up heals the missed hours.',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: r.deadLetterQueueName },
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
    {
      ...job,
      name: `${prefix}x-spend`,
      description:
        `X's spend this billing month is projected past the budget ($${r.xMonthlyBudgetUsd}); once it is spent, ` +
        'runs stop reading X until the count resets. Lower stockpipe:xMaxResults, choose the market-hours ' +
        'schedule, shorten the watchlist, or raise stockpipe:xMonthlyBudgetUsd; `stockpipe plan` prices each.',
      metricName: RUN_METRICS.xProjectedMonthUsd.name,
      statistic: 'Maximum',
      period: HOUR,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: r.xMonthlyBudgetUsd,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'ignore',
    },
    ...complianceSilence,
  ];
}
