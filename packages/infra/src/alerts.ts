import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { emailFilterPolicy } from './decisions/notify.ts';

export interface AlertsArgs {
  emails: string[];
  /** `failures`: email gets failed runs and alarms only; `all`: every run's report too. */
  notifyOn: 'failures' | 'all';
}

/**
 * The topic every run notifies and every alarm goes to (email subscriptions from stack config, quiet by default).
 * What publishes to it is allowed by FailedTaskAlert, made once the job exists.
 */
export class Alerts extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;

  constructor(name: string, args: AlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:alerts:Alerts', name, {}, opts);
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
}
