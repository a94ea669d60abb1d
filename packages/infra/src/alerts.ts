import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { alarmArnPattern } from './decisions/alarms.ts';
import { FAILED_TASK_MESSAGE, failedTaskPattern } from './decisions/job.ts';
import { emailFilterPolicy } from './decisions/notify.ts';
import { alertTopicPolicy } from './decisions/policies.ts';

export interface AlertsArgs {
  /** The Pulumi stack: its alarms, by name, may publish to the topic. */
  stack: string;
  emails: string[];
  /** `failures`: email gets failed runs and alarms only; `all`: every run's report too. */
  notifyOn: 'failures' | 'all';
}

/**
 * The topic every run notifies and every alarm goes to (email subscriptions from stack config, quiet by default),
 * and a rule that alerts it when the task stops with a non-zero exit code or never starts: the one failure the job
 * cannot report itself.
 */
export class Alerts extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;
  readonly #stack: string;

  constructor(name: string, args: AlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:alerts:Alerts', name, {}, opts);
    this.#stack = args.stack;
    this.topic = new aws.sns.Topic(`${name}-runs`, { displayName: 'stockpipe runs' }, { parent: this });
    const filter = emailFilterPolicy(args.notifyOn);
    args.emails.forEach((email, i) => {
      new aws.sns.TopicSubscription(
        `${name}-email-${i}`,
        {
          topic: this.topic.arn,
          protocol: 'email',
          endpoint: email,
          ...(filter ? { filterPolicy: JSON.stringify(filter), filterPolicyScope: 'MessageAttributes' } : {}),
        },
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
          .apply(([topic, ruleArn]) =>
            JSON.stringify(alertTopicPolicy(topic, ruleArn, alarmArnPattern(topic, this.#stack))),
          ),
      },
      { parent: this },
    );
    return rule;
  }
}
