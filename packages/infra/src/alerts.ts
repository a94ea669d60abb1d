import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { FAILED_TASK_MESSAGE, failedTaskPattern } from './decisions/job.ts';
import { alertTopicPolicy } from './decisions/policies.ts';

/**
 * The topic every run notifies (email subscriptions from stack config), and a rule that alerts it when the task
 * stops with a non-zero exit code or never starts: the one failure the job cannot report itself.
 */
export class Alerts extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;

  constructor(name: string, args: { emails: string[] }, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:alerts:Alerts', name, {}, opts);
    this.topic = new aws.sns.Topic(`${name}-runs`, { displayName: 'stockpipe runs' }, { parent: this });
    args.emails.forEach((email, i) => {
      new aws.sns.TopicSubscription(
        `${name}-email-${i}`,
        { topic: this.topic.arn, protocol: 'email', endpoint: email },
        { parent: this },
      );
    });
    this.registerOutputs({ topicArn: this.topic.arn });
  }

  /** Once the job exists: alert on its failed tasks. */
  watchTask(
    clusterArn: pulumi.Input<string>,
    taskDefinitionFamily: pulumi.Input<string>,
  ): aws.cloudwatch.EventRule {
    const rule = new aws.cloudwatch.EventRule(
      'stockpipe-task-failed',
      {
        description: 'stockpipe task stopped with a non-zero exit code or failed to start',
        eventPattern: pulumi
          .all([clusterArn, taskDefinitionFamily])
          .apply(([cluster, family]) => JSON.stringify(failedTaskPattern(cluster, family))),
      },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      'stockpipe-task-failed',
      {
        rule: rule.name,
        arn: this.topic.arn,
        inputTransformer: {
          inputPaths: FAILED_TASK_MESSAGE.paths,
          inputTemplate: FAILED_TASK_MESSAGE.template,
        },
      },
      { parent: this },
    );
    new aws.sns.TopicPolicy(
      'stockpipe-task-failed',
      {
        arn: this.topic.arn,
        policy: pulumi
          .all([this.topic.arn, rule.arn])
          .apply(([topic, ruleArn]) => JSON.stringify(alertTopicPolicy(topic, ruleArn))),
      },
      { parent: this },
    );
    return rule;
  }
}
