import { CONFIG_VARIABLES, CONTAINER_PATHS } from '@stockpipe/shared';
import type { Settings } from './settings.ts';

/** Where the database lives: private in isolated subnets, unless the stack lists CIDRs that may reach it. */
export function databasePlacement(publicCidrs: readonly string[]) {
  const isPublic = publicCidrs.length > 0;
  return {
    publiclyAccessible: isPublic,
    subnets: isPublic ? ('public' as const) : ('isolated' as const),
    ingressCidrs: [...publicCidrs],
  };
}

export interface TaskEnvironmentInputs {
  /** The Pulumi stack: the dimension of the job's metrics. */
  stack: string;
  rawBucket: string;
  postsTable: string;
  pricesTable: string;
  topicArn: string;
  databaseHost: string;
  databaseSecretArn: string;
  /** Absent with sample data, which needs no X token. */
  xTokenSecretArn?: string;
}

/**
 * The job's environment, from the shared config contract: names and ARNs only. The X token and the database
 * password reach the job as Secrets Manager ARNs it reads itself, so no secret value is in the task definition.
 */
export function taskEnvironment(
  settings: Settings,
  r: TaskEnvironmentInputs,
): { name: string; value: string }[] {
  const environment: Record<string, string> = {
    STOCKPIPE_WATCHLIST: settings.watchlistText,
    STOCKPIPE_SOURCE: settings.source,
    STOCKPIPE_STORE: 'aws',
    STOCKPIPE_SENTIMENT: settings.sentiment,
    STOCKPIPE_SCHEDULE: settings.schedule.text,
    STOCKPIPE_RAW_RETENTION_DAYS: String(settings.rawRetentionDays),
    STOCKPIPE_POSTS_RETENTION_DAYS: String(settings.postsRetentionDays),
    STOCKPIPE_STACK: r.stack,
    X_MAX_RESULTS: String(settings.xMaxResults),
    X_MONTHLY_BUDGET_USD: String(settings.xMonthlyBudgetUsd),
    RAW_BUCKET: r.rawBucket,
    POSTS_TABLE: r.postsTable,
    PRICES_TABLE: r.pricesTable,
    SNS_TOPIC_ARN: r.topicArn,
    DATABASE_URL: `postgresql://${r.databaseHost}:5432/stockpipe`,
    DATABASE_SECRET_ARN: r.databaseSecretArn,
    DATABASE_CA_FILE: CONTAINER_PATHS.rdsCaBundle,
    LOG_LEVEL: 'info',
    ...(r.xTokenSecretArn ? { X_BEARER_TOKEN_SECRET_ARN: r.xTokenSecretArn } : {}),
  };
  const unknown = Object.keys(environment).filter((name) => !(CONFIG_VARIABLES as string[]).includes(name));
  if (unknown.length > 0) throw new Error(`not in the config contract: ${unknown.join(', ')}`);
  return Object.entries(environment).map(([name, value]) => ({ name, value }));
}

/**
 * EventBridge pattern for a run that went wrong: the task stopped with a non-zero exit code, or never started.
 */
export function failedTaskPattern(clusterArn: string, taskDefinitionFamily: string) {
  return {
    source: ['aws.ecs'],
    'detail-type': ['ECS Task State Change'],
    detail: {
      clusterArn: [clusterArn],
      group: [`family:${taskDefinitionFamily}`],
      lastStatus: ['STOPPED'],
      $or: [{ containers: { exitCode: [{ 'anything-but': 0 }] } }, { stopCode: ['TaskFailedToStart'] }],
    },
  };
}

/** The alert's text: which task, why it stopped, where to look. EventBridge fills the <placeholders>. */
export const FAILED_TASK_MESSAGE = {
  paths: {
    task: '$.detail.taskArn',
    reason: '$.detail.stoppedReason',
    stopCode: '$.detail.stopCode',
    exitCode: '$.detail.containers[0].exitCode',
    time: '$.time',
  },
  template:
    '"stockpipe job failed at <time>: task <task> stopped (<stopCode>, exit code <exitCode>): <reason>. The logs are in CloudWatch; see the stack output tailLogsCommand."',
};

/** ECR keeps the last `count` images and expires older ones. */
export function ecrLifecyclePolicy(count: number) {
  return {
    rules: [
      {
        rulePriority: 1,
        description: `keep the last ${count} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: count },
        action: { type: 'expire' },
      },
    ],
  };
}

/**
 * Replay is CPU-bound (~2.5 ms a ticker-hour from S3, mostly the AWS SDK): on the hourly task's 0.25 vCPU a year of
 * 500 tickers would take half a day. One vCPU for the length of a replay costs cents (Fargate task-level override).
 */
const REPLAY_TASK_SIZE = { cpu: '1024', memory: '2048' } as const;

/**
 * Ready-to-paste commands: run the job now, backfill or replay a range (FROM and TO are placeholders for UTC
 * hours, e.g. 2026-11-01T00:00Z), run the compliance check now, print the last day's status grid, and follow the
 * logs. A task has no terminal: what `status` prints lands in the log group, and a backfill cannot confirm its cost,
 * so it says `--yes`: check the cost first with `stockpipe backfill … --dry-run`.
 */
export function operatorCommands(r: {
  cluster: string;
  taskDefinition: string;
  subnets: string[];
  securityGroup: string;
  logGroup: string;
}) {
  const network = `awsvpcConfiguration={subnets=[${r.subnets.join(',')}],securityGroups=[${r.securityGroup}],assignPublicIp=ENABLED}`;
  const runTask = `aws ecs run-task --cluster ${r.cluster} --task-definition ${r.taskDefinition} --launch-type FARGATE --network-configuration '${network}'`;
  const withCommand = (command: string[], size: Partial<typeof REPLAY_TASK_SIZE> = {}) =>
    `${runTask} --overrides '${JSON.stringify({ ...size, containerOverrides: [{ name: JOB_CONTAINER, command }] })}'`;
  return {
    runNowCommand: runTask,
    backfillCommand: withCommand(['backfill', '--from', 'FROM', '--to', 'TO', '--yes']),
    replayCommand: withCommand(['replay', '--from', 'FROM', '--to', 'TO'], REPLAY_TASK_SIZE),
    complianceCommand: withCommand(['compliance']),
    digestCommand: withCommand(['digest', '--day', 'DAY']),
    statusCommand: withCommand(['status']),
    tailLogsCommand: `aws logs tail ${r.logGroup} --follow --format short`,
  };
}

/**
 * What a daily schedule (compliance, digest) asks EventBridge Scheduler to call: ECS RunTask on the job's task
 * definition, its container's command overridden. A universal target (`aws-sdk:ecs:runTask`), whose input is the
 * RunTask request itself in the API's own (PascalCase) names, so the override is explicit rather than left to how a
 * templated target reads its input.
 */
export function commandRunTask(
  r: {
    clusterArn: string;
    taskDefinitionArn: string;
    subnetIds: string[];
    securityGroupId: string;
  },
  command: string[],
) {
  return {
    Cluster: r.clusterArn,
    TaskDefinition: r.taskDefinitionArn,
    LaunchType: 'FARGATE',
    Count: 1,
    NetworkConfiguration: {
      AwsvpcConfiguration: {
        Subnets: r.subnetIds,
        SecurityGroups: [r.securityGroupId],
        AssignPublicIp: 'ENABLED',
      },
    },
    Overrides: { ContainerOverrides: [{ Name: JOB_CONTAINER, Command: command }] },
  };
}

/** The Scheduler's universal target for ECS RunTask. */
export const RUN_TASK_TARGET = 'arn:aws:scheduler:::aws-sdk:ecs:runTask';

/** The task definition's one container, by name: what a command override names. */
export const JOB_CONTAINER = 'pipeline';
