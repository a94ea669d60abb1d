import { beforeAll, describe, expect, it } from 'vitest';
import { ofType, parsed, type Registered, runProgram } from './mock-program.ts';

// The default stack of a new user: live data, Comprehend, a private database, one alert address.
let resources: Registered[];
let outputs: Record<string, unknown>;
const TOKEN = 'AAAA-secret-x-bearer-token';

beforeAll(async () => {
  ({ resources, outputs } = await runProgram({
    xBearerToken: TOKEN,
    alertEmails: JSON.stringify(['ops@example.com']),
  }));
});

const one = (type: string): Registered => {
  const found = ofType(resources, type);
  expect(found, type).toHaveLength(1);
  return found[0] as Registered;
};

describe('the stockpipe stack, under Pulumi mocks', () => {
  it('has no NAT gateway: the VPC sets the strategy to None, and none is declared', () => {
    const vpc = one('awsx:ec2:Vpc');
    expect(vpc.inputs.natGateways).toEqual({ strategy: 'None' });
    expect((vpc.inputs.subnetSpecs as { type: string }[]).map((s) => s.type)).toEqual(['Public', 'Isolated']);
    expect(ofType(resources, 'aws:ec2/natGateway:NatGateway')).toEqual([]);
    const endpoints = ofType(resources, 'aws:ec2/vpcEndpoint:VpcEndpoint');
    expect(endpoints.map((e) => [e.inputs.serviceName, e.inputs.vpcEndpointType])).toEqual([
      ['com.amazonaws.us-east-1.s3', 'Gateway'],
      ['com.amazonaws.us-east-1.dynamodb', 'Gateway'],
    ]);
    expect(endpoints[0]?.inputs.routeTableIds).toEqual(['rtb-public', 'rtb-isolated-a', 'rtb-isolated-b']);
  });

  it('gives the job a security group with no inbound rule', () => {
    const job = ofType(resources, 'aws:ec2/securityGroup:SecurityGroup').find(
      (g) => g.name === 'stockpipe-job',
    );
    expect(job?.inputs.ingress ?? []).toEqual([]);
  });

  it('blocks public access to every bucket, encrypts it, refuses plain HTTP, versions it and expires old versions', () => {
    const buckets = ofType(resources, 'aws:s3/bucket:Bucket');
    expect(buckets.length).toBeGreaterThan(0);
    for (const bucket of buckets) {
      const id = `${bucket.name}-id`;
      const forBucket = (type: string) => ofType(resources, type).filter((r) => r.inputs.bucket === id);
      expect(forBucket('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock')[0]?.inputs).toMatchObject({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      const sse = forBucket(
        'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
      );
      expect(sse[0]?.inputs.rules).toEqual([
        expect.objectContaining({ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }),
      ]);
      const policy = parsed(forBucket('aws:s3/bucketPolicy:BucketPolicy')[0]?.inputs.policy);
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      expect(
        forBucket('aws:s3/bucketVersioning:BucketVersioning')[0]?.inputs.versioningConfiguration,
      ).toEqual({ status: 'Enabled' });
      const lifecycle = forBucket('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration');
      expect(lifecycle).toHaveLength(1);
      // Bodies go after 90 days, an older version a week after it was replaced, and the markers that leaves.
      expect(lifecycle[0]?.inputs.rules).toEqual([
        { id: 'expire-raw-responses', status: 'Enabled', filter: {}, expiration: { days: 90 } },
        {
          id: 'expire-replaced-raw-responses',
          status: 'Enabled',
          filter: {},
          noncurrentVersionExpiration: { noncurrentDays: 7 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
        {
          id: 'remove-expired-delete-markers',
          status: 'Enabled',
          filter: {},
          expiration: { expiredObjectDeleteMarker: true },
        },
      ]);
      // A trial stack: pulumi destroy empties and removes the bucket.
      expect(bucket.inputs.forceDestroy).toBe(true);
    }
  });

  it('keeps both tables on demand with point-in-time recovery; post documents, which hold text, expire by TTL', () => {
    const tables = ofType(resources, 'aws:dynamodb/table:Table');
    const keyed = Object.fromEntries(tables.map((t) => [String(t.inputs.rangeKey), t.inputs]));
    expect(Object.keys(keyed).sort()).toEqual(['hour', 'sk']);
    expect(keyed.sk?.ttl).toEqual({ attributeName: 'expiresAt', enabled: true });
    expect(keyed.hour?.ttl).toBeUndefined();
    for (const table of tables) {
      expect(table.inputs).toMatchObject({
        billingMode: 'PAY_PER_REQUEST',
        pointInTimeRecovery: { enabled: true },
      });
    }
  });

  it('runs the database private and encrypted, TLS forced, with an RDS-managed password', () => {
    const db = one('aws:rds/instance:Instance');
    expect(db.inputs).toMatchObject({
      engine: 'postgres',
      instanceClass: 'db.t4g.micro',
      publiclyAccessible: false,
      storageEncrypted: true,
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
    });
    expect(db.inputs.password).toBeUndefined();
    expect(one('aws:rds/subnetGroup:SubnetGroup').inputs.subnetIds).toEqual([
      'subnet-isolated-a',
      'subnet-isolated-b',
    ]);
    expect(one('aws:rds/parameterGroup:ParameterGroup').inputs.parameters).toEqual([
      { name: 'rds.force_ssl', value: '1' },
    ]);
    const dbGroup = ofType(resources, 'aws:ec2/securityGroup:SecurityGroup').find(
      (g) => g.name === 'stockpipe-db',
    );
    expect(dbGroup?.inputs.ingress).toEqual([
      expect.objectContaining({ fromPort: 5432, toPort: 5432, securityGroups: ['stockpipe-job-id'] }),
    ]);
  });

  it('gives every log group a retention', () => {
    const groups = ofType(resources, 'aws:cloudwatch/logGroup:LogGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(group.inputs.retentionInDays).toBe(30);
  });

  it('puts the config contract in the task environment, and no secret: the token reaches the job by ARN', () => {
    const [container] = parsed(one('aws:ecs/taskDefinition:TaskDefinition').inputs.containerDefinitions);
    const environment = Object.fromEntries(
      container.environment.map((e: { name: string; value: string }) => [e.name, e.value]),
    );
    expect(environment).toMatchObject({
      STOCKPIPE_STORE: 'aws',
      STOCKPIPE_SOURCE: 'live',
      STOCKPIPE_SENTIMENT: 'comprehend',
      STOCKPIPE_SCHEDULE: 'hourly',
      STOCKPIPE_STACK: 'test',
      X_MONTHLY_BUDGET_USD: '225',
      DATABASE_URL: 'postgresql://stockpipe.abc.us-east-1.rds.amazonaws.com:5432/stockpipe',
      DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1',
      X_BEARER_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:stockpipe-x-token',
    });
    expect(JSON.stringify(container)).not.toContain(TOKEN);
    expect(environment.X_BEARER_TOKEN).toBeUndefined();
    expect(container.logConfiguration.logDriver).toBe('awslogs');
    const definition = one('aws:ecs/taskDefinition:TaskDefinition').inputs;
    expect(definition).toMatchObject({ cpu: '256', memory: '512', requiresCompatibilities: ['FARGATE'] });
    expect(definition.executionRoleArn).not.toEqual(definition.taskRoleArn);
    // The token goes only to Secrets Manager, and Pulumi keeps it marked secret (encrypted in state).
    expect(one('aws:secretsmanager/secretVersion:SecretVersion').inputs.secretString).toEqual({
      '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270',
      value: TOKEN,
    });
  });

  it('lets the task role do exactly what the job does, on its own resources', () => {
    const policy = parsed(
      ofType(resources, 'aws:iam/rolePolicy:RolePolicy').find((p) => p.name === 'stockpipe-task')?.inputs
        .policy,
    );
    expect(policy.Statement).toEqual([
      {
        Sid: 'StageRawResponses',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::stockpipe-raw-bucket/*',
      },
      // Replay and backfill read the staged bodies: objects, and the listing, of this bucket only.
      {
        Sid: 'ReadRawResponses',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::stockpipe-raw-bucket/*',
      },
      {
        Sid: 'ListRawResponses',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::stockpipe-raw-bucket',
      },
      {
        Sid: 'StorePostsAndPrices',
        Effect: 'Allow',
        Action: 'dynamodb:BatchWriteItem',
        Resource: [
          'arn:aws:dynamodb:us-east-1:123456789012:stockpipe-posts',
          'arn:aws:dynamodb:us-east-1:123456789012:stockpipe-prices',
        ],
      },
      // Compliance lists the stored posts (the posts table only), and deletes a rewritten body's older versions.
      {
        Sid: 'ListStoredPosts',
        Effect: 'Allow',
        Action: ['dynamodb:Query', 'dynamodb:Scan'],
        Resource: 'arn:aws:dynamodb:us-east-1:123456789012:stockpipe-posts',
      },
      {
        Sid: 'ListRawVersions',
        Effect: 'Allow',
        Action: 's3:ListBucketVersions',
        Resource: 'arn:aws:s3:::stockpipe-raw-bucket',
      },
      {
        Sid: 'DeleteOldRawVersions',
        Effect: 'Allow',
        Action: 's3:DeleteObjectVersion',
        Resource: 'arn:aws:s3:::stockpipe-raw-bucket/*',
      },
      { Sid: 'ScoreSentiment', Effect: 'Allow', Action: 'comprehend:BatchDetectSentiment', Resource: '*' },
      {
        Sid: 'NotifyRuns',
        Effect: 'Allow',
        Action: 'sns:Publish',
        Resource: 'arn:aws:sns:us-east-1:123456789012:stockpipe-runs',
      },
      {
        Sid: 'ReadSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1',
          'arn:aws:secretsmanager:us-east-1:123456789012:stockpipe-x-token',
        ],
      },
    ]);
  });

  it('has no wildcard action anywhere, and a wildcard resource only where AWS allows nothing narrower', () => {
    for (const rolePolicy of ofType(resources, 'aws:iam/rolePolicy:RolePolicy')) {
      for (const statement of parsed(rolePolicy.inputs.policy).Statement) {
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
        if (statement.Resource === '*')
          expect(['comprehend:BatchDetectSentiment', 'ecr:GetAuthorizationToken']).toContain(
            statement.Action,
          );
      }
    }
  });

  it('runs the job hourly in UTC a few minutes past the hour, with retries and a dead-letter queue', () => {
    const schedule = ofType(resources, 'aws:scheduler/schedule:Schedule').find(
      (s) => s.name === 'stockpipe-hourly',
    ) as Registered;
    expect(schedule.inputs).toMatchObject({
      scheduleExpression: 'cron(5 * * * ? *)',
      scheduleExpressionTimezone: 'UTC',
    });
    const target = schedule.inputs.target as Record<string, Record<string, unknown>>;
    expect(target.retryPolicy).toEqual({ maximumRetryAttempts: 3, maximumEventAgeInSeconds: 1800 });
    expect(target.deadLetterConfig?.arn).toBe(ofType(resources, 'aws:sqs/queue:Queue')[0]?.state.arn);
    expect(target.ecsParameters).toMatchObject({
      launchType: 'FARGATE',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/stockpipe-job:1',
      networkConfiguration: { assignPublicIp: true, subnets: ['subnet-public-a', 'subnet-public-b'] },
    });
    const policy = parsed(
      ofType(resources, 'aws:iam/rolePolicy:RolePolicy').find((p) => p.name === 'stockpipe-scheduler')?.inputs
        .policy,
    );
    expect(
      policy.Statement.map((s: { Action: string; Resource: unknown }) => [s.Action, s.Resource]),
    ).toEqual([
      ['ecs:RunTask', 'arn:aws:ecs:us-east-1:123456789012:task-definition/stockpipe-job:1'],
      [
        'iam:PassRole',
        [
          'arn:aws:iam:us-east-1:123456789012:stockpipe-task',
          'arn:aws:iam:us-east-1:123456789012:stockpipe-execution',
        ],
      ],
      ['sqs:SendMessage', 'arn:aws:sqs:us-east-1:123456789012:stockpipe-dlq'],
    ]);
  });

  it('runs the same task definition as `stockpipe compliance` daily at 03:30 UTC, retried and dead-lettered alike', () => {
    const schedules = ofType(resources, 'aws:scheduler/schedule:Schedule');
    // No daily digest unless `digestSchedule` asks for one.
    expect(schedules.map((s) => s.name).sort()).toEqual([
      'stockpipe-analyze',
      'stockpipe-compliance',
      'stockpipe-hourly',
    ]);
    const [hourly, compliance] = ['stockpipe-hourly', 'stockpipe-compliance'].map(
      (name) => schedules.find((s) => s.name === name)?.inputs as Record<string, unknown>,
    );
    expect(compliance).toMatchObject({
      scheduleExpression: 'cron(30 3 * * ? *)',
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
    });
    const target = compliance?.target as Record<string, unknown>;
    const hourlyTarget = hourly?.target as Record<string, unknown>;
    expect(target.arn).toBe('arn:aws:scheduler:::aws-sdk:ecs:runTask');
    expect(parsed(target.input)).toEqual({
      Cluster: 'arn:aws:ecs:us-east-1:123456789012:stockpipe',
      TaskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/stockpipe-job:1',
      LaunchType: 'FARGATE',
      Count: 1,
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          Subnets: ['subnet-public-a', 'subnet-public-b'],
          SecurityGroups: ['stockpipe-job-id'],
          AssignPublicIp: 'ENABLED',
        },
      },
      Overrides: { ContainerOverrides: [{ Name: 'pipeline', Command: ['compliance'] }] },
    });
    // The same role (RunTask on this task definition, its roles passed), retries and dead-letter queue.
    for (const field of ['roleArn', 'retryPolicy', 'deadLetterConfig'])
      expect(target[field], field).toEqual(hourlyTarget[field]);
  });

  it('runs the same task definition as `stockpipe analyze --save` daily at 04:00 UTC, retried and dead-lettered alike', () => {
    const schedules = ofType(resources, 'aws:scheduler/schedule:Schedule');
    const [hourly, analyze] = ['stockpipe-hourly', 'stockpipe-analyze'].map(
      (name) => schedules.find((s) => s.name === name)?.inputs as Record<string, unknown>,
    );
    expect(analyze).toMatchObject({
      scheduleExpression: 'cron(0 4 * * ? *)',
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
    });
    const target = analyze?.target as Record<string, unknown>;
    const hourlyTarget = hourly?.target as Record<string, unknown>;
    expect(target.arn).toBe('arn:aws:scheduler:::aws-sdk:ecs:runTask');
    expect(parsed(target.input)).toMatchObject({
      TaskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/stockpipe-job:1',
      Overrides: { ContainerOverrides: [{ Name: 'pipeline', Command: ['analyze', '--save'] }] },
    });
    for (const field of ['roleArn', 'retryPolicy', 'deadLetterConfig'])
      expect(target[field], field).toEqual(hourlyTarget[field]);
  });

  it('alerts the topic when the task stops with a non-zero exit or fails to start; emails subscribe to it', () => {
    const rule = one('aws:cloudwatch/eventRule:EventRule');
    // Named from their component, as every resource is: none has a fixed name.
    for (const type of [
      'aws:cloudwatch/eventRule:EventRule',
      'aws:cloudwatch/eventTarget:EventTarget',
      'aws:sns/topicPolicy:TopicPolicy',
    ])
      expect(one(type).name, type).toBe('stockpipe-task-failed');
    const pattern = parsed(rule.inputs.eventPattern);
    expect(pattern.detail.lastStatus).toEqual(['STOPPED']);
    expect(pattern.detail.$or).toEqual([
      { containers: { exitCode: [{ 'anything-but': 0 }] } },
      { stopCode: ['TaskFailedToStart'] },
    ]);
    const target = one('aws:cloudwatch/eventTarget:EventTarget');
    expect(target.inputs.arn).toBe('arn:aws:sns:us-east-1:123456789012:stockpipe-runs');
    expect((target.inputs.inputTransformer as { inputTemplate: string }).inputTemplate).toMatch(
      /stockpipe job failed/,
    );
    expect(one('aws:sns/topicSubscription:TopicSubscription').inputs).toMatchObject({
      protocol: 'email',
      endpoint: 'ops@example.com',
    });
  });

  it('emails failures and alarms only: every message without a `status` passes, of those with one only failed', () => {
    const subscription = one('aws:sns/topicSubscription:TopicSubscription').inputs;
    expect(subscription.filterPolicyScope).toBe('MessageAttributes');
    expect(parsed(subscription.filterPolicy)).toEqual({ status: ['failed', 'digest', { exists: false }] });
  });

  it('lets CloudWatch publish this stack’s alarms to the topic, and EventBridge its failed-task rule', () => {
    const policy = parsed(one('aws:sns/topicPolicy:TopicPolicy').inputs.policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Condition: {
          ArnEquals: { 'aws:SourceArn': 'arn:aws:cloudwatch:us-east-1:123456789012:stockpipe-task-failed' },
        },
      }),
      {
        Sid: 'CloudWatchAlarms',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: 'arn:aws:sns:us-east-1:123456789012:stockpipe-runs',
        Condition: {
          ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:stockpipe-test-*' },
        },
      },
    ]);
  });

  it('makes the job’s metrics from its run and compliance finished events, in namespace stockpipe, the stack their dimension', () => {
    const filters = ofType(resources, 'aws:cloudwatch/logMetricFilter:LogMetricFilter');
    expect(filters).toHaveLength(14);
    const logGroup = one('aws:cloudwatch/logGroup:LogGroup').state.name;
    for (const filter of filters) {
      expect(filter.inputs.logGroupName).toBe(logGroup);
      expect(filter.inputs.pattern).toMatch(/^\{ \(\$\.msg = "(run|compliance) finished"\)/);
      expect(filter.inputs.metricTransformation).toMatchObject({
        namespace: 'stockpipe',
        dimensions: { Stack: '$.stack' },
      });
    }
  });

  it('alarms to the topic on ALARM and on OK, for no successful run, failing tickers, dead letters, X spend and a silent compliance check', () => {
    const alarms = ofType(resources, 'aws:cloudwatch/metricAlarm:MetricAlarm');
    const topic = 'arn:aws:sns:us-east-1:123456789012:stockpipe-runs';
    expect(alarms.map((a) => a.inputs.name).sort()).toEqual([
      'stockpipe-test-compliance-silent',
      'stockpipe-test-dead-letters',
      'stockpipe-test-no-successful-run',
      'stockpipe-test-tickers-failing',
      'stockpipe-test-x-spend',
    ]);
    for (const alarm of alarms) {
      expect(alarm.inputs).toMatchObject({ alarmActions: [topic], okActions: [topic] });
      expect(String(alarm.inputs.alarmDescription).length).toBeGreaterThan(80);
    }
    const [silence, failing, deadLetters, spend] = [
      'no-successful-run',
      'tickers-failing',
      'dead-letters',
      'x-spend',
    ].map((name) => alarms.find((a) => a.inputs.name === `stockpipe-test-${name}`)?.inputs);
    expect(silence).toMatchObject({
      metricName: 'RunsSucceeded',
      dimensions: { Stack: 'test' },
      evaluationPeriods: 2,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
    });
    expect(failing).toMatchObject({
      metricName: 'TickersFailed',
      evaluationPeriods: 3,
      treatMissingData: 'ignore',
    });
    const queue = one('aws:sqs/queue:Queue').state.name;
    expect(deadLetters).toMatchObject({
      namespace: 'AWS/SQS',
      dimensions: { QueueName: queue },
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
    });
    expect(spend).toMatchObject({ metricName: 'XProjectedMonthUsd', threshold: 225 });
  });

  it('draws a dashboard of the metrics the job emits, the alarms and the last failures; saves three queries', () => {
    const dashboard = one('aws:cloudwatch/dashboard:Dashboard');
    expect(dashboard.inputs.dashboardName).toBe('stockpipe-test');
    const body = parsed(dashboard.inputs.dashboardBody);
    const names = new Set(
      body.widgets
        .filter((w: { type: string }) => w.type === 'metric')
        .flatMap((w: { properties: { metrics: string[][] } }) => w.properties.metrics.map((m) => m[1])),
    );
    const filtered = new Set(
      ofType(resources, 'aws:cloudwatch/logMetricFilter:LogMetricFilter').map(
        (f) => (f.inputs.metricTransformation as { name: string }).name,
      ),
    );
    expect(names).toEqual(filtered);
    const alarmWidget = body.widgets.find((w: { type: string }) => w.type === 'alarm');
    expect([...alarmWidget.properties.alarms].sort()).toEqual(
      ofType(resources, 'aws:cloudwatch/metricAlarm:MetricAlarm')
        .map((a) => a.state.arn)
        .sort(),
    );
    const logGroup = one('aws:cloudwatch/logGroup:LogGroup').state.name;
    const logWidget = body.widgets.find((w: { type: string }) => w.type === 'log');
    expect(logWidget.properties.query).toContain(`SOURCE '${logGroup}'`);
    const queries = ofType(resources, 'aws:cloudwatch/queryDefinition:QueryDefinition');
    expect(queries.map((q) => q.inputs.name)).toEqual([
      'stockpipe/test/failures by ticker and stage',
      'stockpipe/test/slowest stages',
      'stockpipe/test/one run by run id',
    ]);
    for (const query of queries) expect(query.inputs.logGroupNames).toEqual([logGroup]);
  });

  it('keeps the last 10 images in ECR and builds the image from the pipeline’s Dockerfile', () => {
    const lifecycle = parsed(one('aws:ecr/lifecyclePolicy:LifecyclePolicy').inputs.policy);
    expect(lifecycle.rules[0].selection).toMatchObject({ countType: 'imageCountMoreThan', countNumber: 10 });
    expect(String(one('awsx:ecr:Image').inputs.dockerfile)).toMatch(/packages\/pipeline\/Dockerfile$/);
  });

  it('exports what an operator needs, with ready commands', () => {
    expect(outputs).toMatchObject({
      rawBucket: 'stockpipe-raw-id',
      databaseEndpoint: 'stockpipe.abc.us-east-1.rds.amazonaws.com',
      logGroup: expect.any(String),
      runNowCommand: expect.stringMatching(
        /^aws ecs run-task --cluster .* --launch-type FARGATE --network-configuration 'awsvpcConfiguration=\{subnets=\[subnet-public-a,subnet-public-b\]/,
      ),
      tailLogsCommand: expect.stringMatching(/^aws logs tail .* --follow/),
      backfillCommand: expect.stringMatching(
        /^aws ecs run-task .* --overrides '\{"containerOverrides":\[\{"name":"pipeline","command":\["backfill","--from","FROM","--to","TO","--yes"\]\}\]\}'$/,
      ),
      replayCommand: expect.stringMatching(/"command":\["replay","--from","FROM","--to","TO"\]/),
      complianceCommand: expect.stringMatching(/"command":\["compliance"\]\}\]\}'$/),
      digestCommand: expect.stringMatching(/"command":\["digest","--day","DAY"\]\}\]\}'$/),
      statusCommand: expect.stringMatching(
        /^aws ecs run-task --cluster .* --launch-type FARGATE .* --overrides '\{"containerOverrides":\[\{"name":"pipeline","command":\["status"\]\}\]\}'$/,
      ),
      dashboardUrl:
        'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/stockpipe-test',
      monthlyCost: {
        lines: expect.arrayContaining([
          'X posts read: 5 tickers × 10 posts × 730 runs × $0.005 = $182.50',
          'X post counts: 5 tickers × 730 runs × 1 request × $0.005 = $18.25',
        ]),
        totalUsd: '$231.17',
      },
    });
  });
});
