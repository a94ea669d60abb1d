import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Schedule as JobSchedule } from '@stockpipe/shared';
import { assumeRolePolicy, schedulerRolePolicy } from './decisions/policies.ts';

export interface ScheduleArgs {
  /** hourly, market-hours (in New York time) or a cron expression: the expression and its time zone. */
  schedule: JobSchedule;
  clusterArn: pulumi.Input<string>;
  taskDefinitionArn: pulumi.Input<string>;
  taskRoleArn: pulumi.Input<string>;
  executionRoleArn: pulumi.Input<string>;
  subnetIds: pulumi.Input<string[]>;
  securityGroupId: pulumi.Input<string>;
}

/**
 * EventBridge Scheduler runs the task on the stack's schedule (every hour by default, a few minutes past), in the
 * schedule's time zone so market hours follow New York's daylight saving: retried when ECS cannot start it, and
 * dead-lettered to SQS when the retries run out, so no missed hour goes unnoticed.
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
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 1800 },
          deadLetterConfig: { arn: this.deadLetterQueue.arn },
        },
      },
      parent,
    );
    this.registerOutputs({ deadLetterQueueUrl: this.deadLetterQueue.url });
  }
}
