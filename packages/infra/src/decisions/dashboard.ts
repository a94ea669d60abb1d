import {
  COMPLIANCE_METRICS,
  type ComplianceMetricField,
  METRIC_DIMENSION,
  METRIC_NAMESPACE,
  RUN_METRICS,
  RUN_STATUS_METRICS,
  type RunMetricField,
} from '@stockpipe/shared';
import { FAILURES_BY_TICKER_AND_STAGE } from './queries.ts';

interface DashboardInputs {
  region: string;
  stack: string;
  logGroup: string;
  alarmArns: string[];
  xMonthlyBudgetUsd: number;
}

type MetricRow = (string | Record<string, string>)[];
interface Graph {
  title: string;
  metrics: MetricRow[];
  stat: 'Sum' | 'Maximum';
  budget?: number;
}

const WIDTH = 6;
const HEIGHT = 6;

/**
 * The stack's dashboard: its alarms' states; the job's metrics (names from shared's declaration) over the last day
 * by hour and the last week by day; and the last day's failures by ticker and stage from the logs.
 */
export function dashboardBody(r: DashboardInputs) {
  const dimension = [METRIC_DIMENSION.name, r.stack];
  const metric = (field: RunMetricField, options: Record<string, string> = {}): MetricRow => [
    METRIC_NAMESPACE,
    RUN_METRICS[field].name,
    ...dimension,
    { label: RUN_METRICS[field].what, ...options },
  ];
  const compliance = (field: ComplianceMetricField): MetricRow => [
    METRIC_NAMESPACE,
    COMPLIANCE_METRICS[field].name,
    ...dimension,
    { label: COMPLIANCE_METRICS[field].what },
  ];
  const runs = (status: keyof typeof RUN_STATUS_METRICS): MetricRow => [
    METRIC_NAMESPACE,
    RUN_STATUS_METRICS[status],
    ...dimension,
    { label: `runs ${status}` },
  ];
  const graphs: Graph[] = [
    { title: 'Runs', metrics: [runs('succeeded'), runs('failed')], stat: 'Sum' },
    { title: 'Tickers of the run’s hour', metrics: [metric('loaded'), metric('failed')], stat: 'Sum' },
    {
      title: 'Rows loaded, hours healed',
      metrics: [metric('rowsLoaded'), metric('healed')],
      stat: 'Sum',
    },
    { title: 'Posts', metrics: [metric('postsRead'), metric('postsScored')], stat: 'Sum' },
    { title: 'Run duration (ms)', metrics: [metric('ms')], stat: 'Maximum' },
    { title: 'Peak memory (MB)', metrics: [metric('peakRssMb')], stat: 'Maximum' },
    {
      title: 'X this billing month',
      metrics: [metric('xPostsThisMonth'), metric('xProjectedMonthUsd', { yAxis: 'right' })],
      stat: 'Maximum',
      budget: r.xMonthlyBudgetUsd,
    },
    {
      title: 'Compliance: posts checked with X, removed',
      metrics: [compliance('postsChecked'), compliance('postsRemoved')],
      stat: 'Sum',
    },
  ];
  // Four graphs a row; each period's block of rows below the last.
  const blockHeight = Math.ceil(graphs.length / 4) * HEIGHT;
  const rowOf = (title: string, start: string, period: number, y: number) =>
    graphs.map((graph, i) => ({
      type: 'metric',
      x: (i % 4) * WIDTH,
      y: y + Math.floor(i / 4) * HEIGHT,
      width: WIDTH,
      height: HEIGHT,
      properties: {
        title: `${graph.title}, ${title}`,
        view: 'timeSeries',
        region: r.region,
        metrics: graph.metrics,
        stat: graph.stat,
        period,
        start,
        ...(graph.budget === undefined
          ? {}
          : {
              annotations: { horizontal: [{ label: 'budget (USD)', value: graph.budget, yAxis: 'right' }] },
            }),
      },
    }));
  return {
    start: '-PT24H',
    periodOverride: 'inherit',
    widgets: [
      {
        type: 'alarm',
        x: 0,
        y: 0,
        width: 24,
        height: 3,
        properties: { title: `stockpipe ${r.stack}: alarms`, alarms: r.alarmArns },
      },
      ...rowOf('last day, by hour', '-PT24H', 3600, 3),
      ...rowOf('last week, by day', '-P7D', 86400, 3 + blockHeight),
      {
        type: 'log',
        x: 0,
        y: 3 + 2 * blockHeight,
        width: 24,
        height: 6,
        properties: {
          title: 'Failures by ticker and stage, last day',
          region: r.region,
          view: 'table',
          query: `SOURCE '${r.logGroup}' | ${FAILURES_BY_TICKER_AND_STAGE.replaceAll('\n', ' ')}`,
        },
      },
    ],
  };
}

/** `stockpipe-<stack>`: a dashboard's name takes letters, digits, `-` and `_` only (a stack's may hold a `.`). */
export function dashboardName(stack: string): string {
  return `stockpipe-${stack.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The dashboard in the CloudWatch console. */
export function dashboardUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${name}`;
}
