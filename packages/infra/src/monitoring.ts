import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { METRIC_NAMESPACE, type Schedule } from '@stockpipe/shared';
import { alarmSpecs } from './decisions/alarms.ts';
import { METRIC_DIMENSIONS, metricFilters } from './decisions/metric-filters.ts';

export interface MonitoringArgs {
  stack: string;
  logGroupName: pulumi.Input<string>;
  topicArn: pulumi.Input<string>;
  deadLetterQueueName: pulumi.Input<string>;
  schedule: Schedule;
  compliance: Schedule | null;
  xMonthlyBudgetUsd: number;
}

/**
 * The job's metrics, made by metric filters on its log group from each run's `run finished` event and each
 * compliance check's `compliance finished` (no agent, and every region has them), and the alarms on them, which tell the alert topic when they fire and when they clear.
 */
export class Monitoring extends pulumi.ComponentResource {
  readonly alarms: aws.cloudwatch.MetricAlarm[];

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:monitoring:Monitoring', name, {}, opts);
    const parent = { parent: this };
    for (const filter of metricFilters()) {
      new aws.cloudwatch.LogMetricFilter(
        `${name}-${filter.metric}`,
        {
          logGroupName: args.logGroupName,
          pattern: filter.pattern,
          metricTransformation: {
            namespace: METRIC_NAMESPACE,
            name: filter.metric,
            value: filter.value,
            unit: filter.unit,
            dimensions: METRIC_DIMENSIONS,
          },
        },
        parent,
      );
    }
    this.alarms = alarmSpecs(args).map(
      (spec) =>
        new aws.cloudwatch.MetricAlarm(
          spec.name,
          {
            name: spec.name,
            alarmDescription: spec.description,
            namespace: spec.namespace,
            metricName: spec.metricName,
            dimensions: spec.dimensions,
            statistic: spec.statistic,
            period: spec.period,
            evaluationPeriods: spec.evaluationPeriods,
            datapointsToAlarm: spec.datapointsToAlarm,
            threshold: spec.threshold,
            comparisonOperator: spec.comparisonOperator,
            treatMissingData: spec.treatMissingData,
            alarmActions: [args.topicArn],
            okActions: [args.topicArn],
          },
          parent,
        ),
    );
    this.registerOutputs({ alarmArns: this.alarms.map((a) => a.arn) });
  }
}
