import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Schedule as JobSchedule } from '@stockpipe/shared';
import { commandRunTask, RUN_TASK_TARGET } from './decisions/job.ts';
import { assumeRolePolicy, schedulerRolePolicy } from './decisions/policies.ts';

export interface ScheduleArgs {
  /** hourly, market-hours (in New York time) or a cron expression: the expression and its time zone. */
  schedule: JobSchedule;
  /** When the compliance check runs (daily by default); null: never. */
  compliance: JobSchedule | null;
  /** When the daily digest is published (off by default); null: never. */
  digest: JobSchedule | null;
  /** When the lead–lag analysis is refreshed and saved (daily by default); null: never. */
  analyze: JobSchedule | null;
  clusterArn: pulumi.Input<string>;
  taskDefinitionArn: pulumi.Input<string>;
  taskRoleArn: pulumi.Input<string>;
  executionRoleArn: pulumi.Input<string>;
  subnetIds: pulumi.Input<string[]>;
  securityGroupId: pulumi.Input<string>;
}

/**
 * EventBridge Scheduler runs the task on the stack's schedule (every hour by default, a few minutes past), in the
 * schedule's time zone so market hours follow New York's daylight saving, and the same task definition once a day as
 * `stockpipe compliance`, as `stockpipe analyze --save` and (when asked) as `stockpipe digest`: each retried when ECS
 * cannot start it, and dead-lettered to the one SQS queue when the retries run out, so no missed run goes unnoticed.
 * A daily task that fails alerts like a run: the failed-task rule watches the task definition, whatever its command.
 */
export class Schedule extends pulumi.ComponentResource {
  readonly deadLetterQueue: aws.sqs.Queue;

  constructor(name: string, args: ScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:schedule:Schedule', name, {}, opts);
    const parent = { parent: this };
    this.deadLetterQueue = new aws.sqs.Queue(
      `${name}-dlq`,
      { messageRetentionSeconds: 14 * 24 * 3600, sqsManagedSseEnabled: true },
      parent,
    );
    const role = new aws.iam.Role(
      `${name}-scheduler`,
      { assumeRolePolicy: JSON.stringify(assumeRolePolicy('scheduler.amazonaws.com')) },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-scheduler`,
      {
        role: role.id,
        policy: pulumi
          .all([args.taskDefinitionArn, args.taskRoleArn, args.executionRoleArn, this.deadLetterQueue.arn])
          .apply(([taskDefinitionArn, taskRoleArn, executionRoleArn, deadLetterQueueArn]) =>
            JSON.stringify(
              schedulerRolePolicy({ taskDefinitionArn, taskRoleArn, executionRoleArn, deadLetterQueueArn }),
            ),
          ),
      },
      parent,
    );
    const retries = { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 1800 };
    new aws.scheduler.Schedule(
      `${name}-hourly`,
      {
        description: `stockpipe (${args.schedule.text}): process the last complete UTC hour`,
        scheduleExpression: args.schedule.expression,
        scheduleExpressionTimezone: args.schedule.timeZone,
        flexibleTimeWindow: { mode: 'OFF' },
        target: {
          arn: args.clusterArn,
          roleArn: role.arn,
          ecsParameters: {
            taskDefinitionArn: args.taskDefinitionArn,
            launchType: 'FARGATE',
            taskCount: 1,
            networkConfiguration: {
              subnets: args.subnetIds,
              securityGroups: [args.securityGroupId],
              assignPublicIp: true,
            },
          },
          retryPolicy: retries,
          deadLetterConfig: { arn: this.deadLetterQueue.arn },
        },
      },
      parent,
    );
    const daily = [
      {
        key: 'compliance',
        schedule: args.compliance,
        command: ['compliance'],
        what: 'remove the posts X says must go, expire what is old',
      },
      {
        key: 'digest',
        schedule: args.digest,
        command: ['digest'],
        what: "publish yesterday's digest (hours loaded, failures, the biggest sentiment moves)",
      },
      {
        key: 'analyze',
        schedule: args.analyze,
        command: ['analyze', '--save'],
        what: 'refresh the lead–lag analysis the dashboard draws, over every hour held',
      },
    ];
    for (const { key, schedule, command, what } of daily) {
      if (!schedule) continue;
      new aws.scheduler.Schedule(
        `${name}-${key}`,
        {
          description: `stockpipe ${key} (${schedule.text}): ${what}`,
          scheduleExpression: schedule.expression,
          scheduleExpressionTimezone: schedule.timeZone,
          flexibleTimeWindow: { mode: 'OFF' },
          target: {
            arn: RUN_TASK_TARGET,
            roleArn: role.arn,
            input: pulumi
              .all([args.clusterArn, args.taskDefinitionArn, args.subnetIds, args.securityGroupId])
              .apply(([clusterArn, taskDefinitionArn, subnetIds, securityGroupId]) =>
                JSON.stringify(
                  commandRunTask({ clusterArn, taskDefinitionArn, subnetIds, securityGroupId }, command),
                ),
              ),
            retryPolicy: retries,
            deadLetterConfig: { arn: this.deadLetterQueue.arn },
          },
        },
        parent,
      );
    }
    this.registerOutputs({ deadLetterQueueUrl: this.deadLetterQueue.url });
  }
}
