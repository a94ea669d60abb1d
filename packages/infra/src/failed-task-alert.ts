import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { alarmArnPattern } from './decisions/alarms.ts';
import { FAILED_TASK_MESSAGE, failedTaskPattern } from './decisions/job.ts';
import { alertTopicPolicy } from './decisions/policies.ts';

export interface FailedTaskAlertArgs {
  /** The Pulumi stack: its alarms, by name, may publish to the topic. */
  stack: string;
  topicArn: pulumi.Input<string>;
  clusterArn: pulumi.Input<string>;
  taskDefinitionFamily: pulumi.Input<string>;
}

/**
 * A rule that alerts the topic when the job's task stops with a non-zero exit code or never starts, whatever its
 * command: the one failure the job cannot report itself. It needs the job, which needs the topic, so it is its own
 * component, made once both exist. The topic's policy lives here: it names the rule, and the stack's alarms.
 */
export class FailedTaskAlert extends pulumi.ComponentResource {
  constructor(name: string, args: FailedTaskAlertArgs, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:alerts:FailedTaskAlert', name, {}, opts);
    // These three were children of Alerts: the alias moves them instead of replacing them (a replaced topic policy
    // is deleted after its successor is made, which would leave the topic AWS's default policy).
    const parent = { parent: this, aliases: [{ parent: pulumi.createUrn(name, 'stockpipe:alerts:Alerts') }] };
    const rule = new aws.cloudwatch.EventRule(
      `${name}-task-failed`,
      {
        description: 'stockpipe task stopped with a non-zero exit code or failed to start',
        eventPattern: pulumi
          .all([args.clusterArn, args.taskDefinitionFamily])
          .apply(([cluster, family]) => JSON.stringify(failedTaskPattern(cluster, family))),
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-task-failed`,
      {
        rule: rule.name,
        arn: args.topicArn,
        inputTransformer: {
          inputPaths: FAILED_TASK_MESSAGE.paths,
          inputTemplate: FAILED_TASK_MESSAGE.template,
        },
      },
      parent,
    );
    new aws.sns.TopicPolicy(
      `${name}-task-failed`,
      {
        arn: args.topicArn,
        policy: pulumi
          .all([args.topicArn, rule.arn])
          .apply(([topic, ruleArn]) =>
            JSON.stringify(alertTopicPolicy(topic, ruleArn, alarmArnPattern(topic, args.stack))),
          ),
      },
      parent,
    );
    this.registerOutputs({ ruleArn: rule.arn });
  }
}
