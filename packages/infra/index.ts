import * as pulumi from '@pulumi/pulumi';
import { Alerts } from './src/alerts.ts';
import { Dashboard } from './src/dashboard.ts';
import { Database } from './src/database.ts';
import { costEstimate, costOutput } from './src/decisions/cost.ts';
import { operatorCommands, taskEnvironment } from './src/decisions/job.ts';
import { taskRolePolicy } from './src/decisions/policies.ts';
import { parseSettings } from './src/decisions/settings.ts';
import { FailedTaskAlert } from './src/failed-task-alert.ts';
import { Job } from './src/job.ts';
import { Monitoring } from './src/monitoring.ts';
import { Network } from './src/network.ts';
import { Schedule } from './src/schedule.ts';
import { XTokenSecret } from './src/secrets.ts';
import { Storage } from './src/storage.ts';

// The stack, composed; every decision lives in src/decisions and is tested there.
const config = new pulumi.Config('stockpipe');
const settings = parseSettings((key) => config.get(key));
const stack = pulumi.getStack();

const network = new Network('stockpipe');
const storage = new Storage('stockpipe', {
  production: settings.production,
  rawRetentionDays: settings.rawRetentionDays,
  rawNoncurrentDays: settings.rawNoncurrentDays,
});
const alerts = new Alerts('stockpipe', { emails: settings.alertEmails, notifyOn: settings.notifyOn });
const database = new Database('stockpipe', {
  vpcId: network.vpcId,
  publicSubnetIds: network.publicSubnetIds,
  isolatedSubnetIds: network.isolatedSubnetIds,
  clientSecurityGroupId: network.jobSecurityGroupId,
  publicCidrs: settings.databasePublicCidrs,
  instanceClass: settings.databaseInstanceClass,
  storageGb: settings.databaseStorageGb,
  engineMajor: settings.databaseEngineMajor,
  backupRetentionDays: settings.backupRetentionDays,
  production: settings.production,
});
const xToken =
  settings.source === 'live'
    ? new XTokenSecret('stockpipe', { token: config.requireSecret('xBearerToken') })
    : undefined;
const xTokenArn = xToken ? xToken.arn : pulumi.output(undefined);

const job = new Job('stockpipe', {
  cpu: settings.taskCpu,
  memory: settings.taskMemory,
  logRetentionDays: settings.logRetentionDays,
  imagesToKeep: settings.imagesToKeep,
  production: settings.production,
  environment: pulumi
    .all([
      storage.bucket.id,
      storage.postsTable.name,
      storage.pricesTable.name,
      alerts.topic.arn,
      database.address,
      database.secretArn,
      xTokenArn,
    ])
    .apply(
      ([rawBucket, postsTable, pricesTable, topicArn, databaseHost, databaseSecretArn, xTokenSecretArn]) =>
        taskEnvironment(settings, {
          stack,
          rawBucket,
          postsTable,
          pricesTable,
          topicArn,
          databaseHost,
          databaseSecretArn,
          xTokenSecretArn,
        }),
    ),
  taskPolicy: pulumi
    .all([
      storage.bucket.arn,
      storage.postsTable.arn,
      storage.pricesTable.arn,
      alerts.topic.arn,
      database.secretArn,
      xTokenArn,
    ])
    .apply(([bucketArn, postsTableArn, pricesTableArn, topicArn, databaseSecretArn, xTokenSecretArn]) =>
      JSON.stringify(
        taskRolePolicy({
          comprehend: settings.sentiment === 'comprehend',
          compliance: settings.source === 'live',
          bucketArn,
          postsTableArn,
          pricesTableArn,
          topicArn,
          secretArns: [databaseSecretArn, ...(xTokenSecretArn ? [xTokenSecretArn] : [])],
        }),
      ),
    ),
});
const schedule = new Schedule('stockpipe', {
  schedule: settings.schedule,
  compliance: settings.complianceSchedule,
  digest: settings.digestSchedule,
  analyze: settings.analyzeSchedule,
  clusterArn: job.cluster.arn,
  taskDefinitionArn: job.taskDefinition.arn,
  taskRoleArn: job.taskRole.arn,
  executionRoleArn: job.executionRole.arn,
  subnetIds: network.publicSubnetIds,
  securityGroupId: network.jobSecurityGroupId,
});
new FailedTaskAlert('stockpipe', {
  stack,
  topicArn: alerts.topic.arn,
  clusterArn: job.cluster.arn,
  taskDefinitionFamily: job.taskDefinition.family,
});
const monitoring = new Monitoring('stockpipe', {
  stack,
  logGroupName: job.logGroup.name,
  topicArn: alerts.topic.arn,
  deadLetterQueueName: schedule.deadLetterQueue.name,
  schedule: settings.schedule,
  compliance: settings.complianceSchedule,
  xMonthlyBudgetUsd: settings.xMonthlyBudgetUsd,
});
const dashboard = new Dashboard('stockpipe', {
  stack,
  logGroupName: job.logGroup.name,
  alarmArns: monitoring.alarms.map((alarm) => alarm.arn),
  xMonthlyBudgetUsd: settings.xMonthlyBudgetUsd,
});

const commands = pulumi
  .all([
    job.cluster.name,
    job.taskDefinition.family,
    network.publicSubnetIds,
    network.jobSecurityGroupId,
    job.logGroup.name,
  ])
  .apply(([cluster, taskDefinition, subnets, securityGroup, logGroup]) =>
    operatorCommands({ cluster, taskDefinition, subnets, securityGroup, logGroup }),
  );

export const rawBucket = storage.bucket.id;
export const postsTable = storage.postsTable.name;
export const pricesTable = storage.pricesTable.name;
export const databaseEndpoint = database.address;
export const databaseSecretArn = database.secretArn;
export const topicArn = alerts.topic.arn;
export const cluster = job.cluster.name;
export const taskDefinition = job.taskDefinition.arn;
export const logGroup = job.logGroup.name;
export const runNowCommand = commands.runNowCommand;
export const backfillCommand = commands.backfillCommand;
export const replayCommand = commands.replayCommand;
export const complianceCommand = commands.complianceCommand;
export const digestCommand = commands.digestCommand;
/** `stockpipe status` in a task: its grid of tickers × hours lands in the log group (see tailLogsCommand). */
export const statusCommand = commands.statusCommand;
export const tailLogsCommand = commands.tailLogsCommand;
export const dashboardUrl = dashboard.url;
/** What a month of this stack costs, itemised: X's posts, Comprehend and AWS (`stockpipe plan` uses the same model). */
export const monthlyCost = pulumi.output(costOutput(costEstimate(settings)));
