import { COMPLIANCE_METRIC_COUNT, CUSTOM_METRIC_COUNT } from './metrics.ts';
import { type Schedule, scheduledHoursPerMonth } from './schedule.ts';

/**
 * What a configuration costs a month, itemised: X's posts, Comprehend and the AWS stack. `pulumi up` prints it for
 * the stack's settings and `stockpipe plan` for the job's environment, from this one model, so the two agree.
 * Prices are us-east-1 list prices and X's pay-per-use price, checked November 2026: prices drift, the arithmetic
 * stays.
 */
export const PRICES = {
  /** X pay-per-use, per post returned; X_COST_PER_POST_USD overrides it. */
  xPost: 0.005,
  /**
   * X pay-per-use, per recent-counts request (billed per request, not per post counted; one request counts up to
   * 7 days of hours); X_COST_PER_COUNTS_REQUEST_USD overrides it.
   */
  xCountsRequest: 0.005,
  /** Per 100-character unit, 3 units at least per document: a post costs 3. */
  comprehendUnit: 0.0001,
  rdsHour: { 'db.t4g.micro': 0.016, 'db.t4g.small': 0.032, 'db.t4g.medium': 0.065 } as Record<string, number>,
  rdsGp3GbMonth: 0.115,
  fargateVcpuHour: 0.04048,
  fargateGbHour: 0.004445,
  publicIpv4Hour: 0.005,
  secretMonth: 0.4,
  logsIngestGb: 0.5,
  /** Prorated by the hours a metric receives data. */
  customMetricMonth: 0.3,
  alarmMonth: 0.1,
  ecrGbMonth: 0.1,
};

/** The sizes a stack runs at unless its config says otherwise. */
export const STACK_SIZE_DEFAULTS = {
  databaseInstanceClass: 'db.t4g.micro',
  databaseStorageGb: 20,
  taskCpu: 256,
  taskMemory: 512,
  imagesToKeep: 10,
};
type StackSize = typeof STACK_SIZE_DEFAULTS;

/** The stack's alarms: no successful run, tickers failing, dead letters, X spend (packages/infra/src/decisions/alarms.ts). */
export const STACK_ALARM_COUNT = 4;

const MONTH_HOURS = 730;
// The pushed image, compressed: Node 24 distroless (~53 MB) and the job (~7 MB).
const IMAGE_GB = 0.06;

export interface CostInputs {
  tickers: number;
  /** X_MAX_RESULTS: the most posts X returns, and bills, per ticker-hour. */
  xMaxResults: number;
  xCostPerPostUsd: number;
  /** What X bills per counts request; its list price when absent. */
  xCostPerCountsRequestUsd?: number;
  schedule: Schedule;
  source: 'live' | 'sample';
  sentiment: 'comprehend' | 'local';
  stack: StackSize;
  /** How long a run takes, start to end. */
  runMinutes?: number;
  /** Runs of the compliance check a month (about 30.4 daily; 0: none, e.g. on sample data, which X never saw). */
  complianceRunsPerMonth?: number;
  /** Runs a month of the other scheduled tasks, the digest and `analyze --save` together (0 or absent: none). */
  reportRunsPerMonth?: number;
}

export interface CostLine {
  item: string;
  arithmetic: string;
  monthlyUsd: number;
}

/**
 * A month of the configuration, every post X could return counted (quiet hours return fewer), and one counts request
 * per ticker a run (the hour's post volume).
 */
export function monthlyCost(inputs: CostInputs): { lines: CostLine[]; totalUsd: number; xUsd: number } {
  const { stack, tickers, xMaxResults } = inputs;
  const runs = scheduledHoursPerMonth(inputs.schedule);
  const runsText = trim(runs);
  const posts = tickers * xMaxResults * runs;
  const rdsRate = PRICES.rdsHour[stack.databaseInstanceClass] ?? Number.NaN;
  const vcpu = stack.taskCpu / 1024;
  const gb = stack.taskMemory / 1024;
  const taskHours = (runs * (inputs.runMinutes ?? 2)) / 60;
  const live = inputs.source === 'live';
  const secrets = live ? 2 : 1;
  const metricShare = Math.min(1, runs / MONTH_HOURS);
  const xLines: CostLine[] = [
    live
      ? {
          item: 'X posts read',
          arithmetic: `${tickers} ticker${tickers === 1 ? '' : 's'} × ${xMaxResults} posts × ${runsText} runs × $${inputs.xCostPerPostUsd}`,
          monthlyUsd: posts * inputs.xCostPerPostUsd,
        }
      : { item: 'X posts read', arithmetic: 'sample data: nothing read from X', monthlyUsd: 0 },
    countsLine(inputs, runs),
  ];
  const lines: CostLine[] = [
    ...xLines,
    inputs.sentiment === 'comprehend'
      ? {
          item: 'Comprehend sentiment',
          arithmetic: `${trim(posts)} posts × 3 units × $${PRICES.comprehendUnit}`,
          monthlyUsd: posts * 3 * PRICES.comprehendUnit,
        }
      : { item: 'Sentiment: the bundled local model', arithmetic: 'runs inside the task', monthlyUsd: 0 },
    {
      item: `RDS ${stack.databaseInstanceClass}`,
      arithmetic: `${MONTH_HOURS} h × $${rdsRate}`,
      monthlyUsd: MONTH_HOURS * rdsRate,
    },
    {
      item: `RDS storage ${stack.databaseStorageGb} GB gp3`,
      arithmetic: `${stack.databaseStorageGb} × $${PRICES.rdsGp3GbMonth}`,
      monthlyUsd: stack.databaseStorageGb * PRICES.rdsGp3GbMonth,
    },
    {
      item: `Fargate ${vcpu} vCPU / ${gb} GB`,
      arithmetic: `${taskHours.toFixed(1)} task-h × (${vcpu} × $${PRICES.fargateVcpuHour} + ${gb} × $${PRICES.fargateGbHour})`,
      monthlyUsd: taskHours * (vcpu * PRICES.fargateVcpuHour + gb * PRICES.fargateGbHour),
    },
    {
      item: 'Public IPv4 for the task',
      arithmetic: `${taskHours.toFixed(1)} h × $${PRICES.publicIpv4Hour}`,
      monthlyUsd: taskHours * PRICES.publicIpv4Hour,
    },
    {
      item: live
        ? 'Secrets Manager (X token; the RDS-managed secret)'
        : 'Secrets Manager (the RDS-managed secret)',
      arithmetic: `${secrets} × $${PRICES.secretMonth}`,
      monthlyUsd: secrets * PRICES.secretMonth,
    },
    {
      item: 'CloudWatch Logs',
      arithmetic: `~0.1 GB × $${PRICES.logsIngestGb}`,
      monthlyUsd: 0.1 * PRICES.logsIngestGb,
    },
    {
      item: 'CloudWatch metrics and alarms',
      arithmetic: `${CUSTOM_METRIC_COUNT} metrics × $${PRICES.customMetricMonth}${metricShare < 1 ? ` × ${metricShare.toFixed(2)} of the month` : ''} + ${STACK_ALARM_COUNT} alarms × $${PRICES.alarmMonth}`,
      monthlyUsd:
        CUSTOM_METRIC_COUNT * PRICES.customMetricMonth * metricShare + STACK_ALARM_COUNT * PRICES.alarmMonth,
    },
    ...complianceLine(inputs, vcpu * PRICES.fargateVcpuHour + gb * PRICES.fargateGbHour),
    ...reportLine(inputs, vcpu * PRICES.fargateVcpuHour + gb * PRICES.fargateGbHour),
    {
      item: `ECR, ${stack.imagesToKeep} images kept`,
      arithmetic: `${stack.imagesToKeep} × ${IMAGE_GB} GB × $${PRICES.ecrGbMonth}`,
      monthlyUsd: stack.imagesToKeep * IMAGE_GB * PRICES.ecrGbMonth,
    },
  ];
  const totalUsd = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  // What X bills, posts and counts: what X_MONTHLY_BUDGET_USD is measured against.
  const xUsd = xLines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  return { lines, totalUsd, xUsd };
}

/** The hour's post volume: a run asks X's recent counts once per ticker, for its own hour and those it heals. */
function countsLine(inputs: CostInputs, runs: number): CostLine {
  const item = 'X post counts';
  if (inputs.source !== 'live')
    return { item, arithmetic: 'sample data: nothing counted by X', monthlyUsd: 0 };
  const price = inputs.xCostPerCountsRequestUsd ?? PRICES.xCountsRequest;
  return {
    item,
    arithmetic: `${inputs.tickers} ticker${inputs.tickers === 1 ? '' : 's'} × ${trim(runs)} runs × 1 request × $${price}`,
    monthlyUsd: inputs.tickers * runs * price,
  };
}

/**
 * The compliance check: a task like a run's, its two metrics (billed by the hours they receive data: one a run)
 * and its silence alarm.
 */
function complianceLine(inputs: CostInputs, taskHourUsd: number): CostLine[] {
  const runs = inputs.complianceRunsPerMonth ?? 0;
  if (runs === 0) return [];
  const task = dailyTask(inputs, runs, taskHourUsd);
  const share = Math.min(1, runs / MONTH_HOURS);
  return [
    {
      item: 'Compliance check (task, metrics, alarm)',
      arithmetic:
        `${task.arithmetic} + ` +
        `${COMPLIANCE_METRIC_COUNT} metrics × $${PRICES.customMetricMonth} × ${share.toFixed(2)} of the month + 1 alarm × $${PRICES.alarmMonth}`,
      monthlyUsd:
        task.monthlyUsd + COMPLIANCE_METRIC_COUNT * PRICES.customMetricMonth * share + PRICES.alarmMonth,
    },
  ];
}

/** The daily digest and analysis: each a task like a run's, which reads the warehouse and writes little. */
function reportLine(inputs: CostInputs, taskHourUsd: number): CostLine[] {
  const runs = inputs.reportRunsPerMonth ?? 0;
  if (runs === 0) return [];
  return [{ item: 'Digest and analysis tasks', ...dailyTask(inputs, runs, taskHourUsd) }];
}

/** A scheduled task's runs as Fargate task-hours, each with the task's public IPv4 address. */
function dailyTask(inputs: CostInputs, runs: number, taskHourUsd: number) {
  const taskHours = (runs * (inputs.runMinutes ?? 2)) / 60;
  return {
    arithmetic: `${taskHours.toFixed(1)} task-h × ($${taskHourUsd.toFixed(4)} + $${PRICES.publicIpv4Hour} IPv4)`,
    monthlyUsd: taskHours * (taskHourUsd + PRICES.publicIpv4Hour),
  };
}

/** Runs a month of the scheduled tasks given, together; a task that is off (null) runs none. */
export function runsPerMonth(...schedules: (Schedule | null)[]): number {
  return schedules.reduce((sum, schedule) => sum + (schedule ? scheduledHoursPerMonth(schedule) : 0), 0);
}

/** `152.25` → `152.3`, `730` → `730`: counts as people write them. */
function trim(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}
