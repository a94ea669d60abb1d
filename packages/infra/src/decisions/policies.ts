/** IAM policy documents as plain data, so each control is a statement a test can read. */
interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  /** Absent only in trust policies, where IAM forbids it. */
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: unknown;
}
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

const policy = (...Statement: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

export interface TaskResources {
  /** Whether the job scores with Comprehend (else the local model needs no permission). */
  comprehend: boolean;
  /** Whether the job keeps X's posts, which `stockpipe compliance` checks and removes (not on sample data). */
  compliance: boolean;
  bucketArn: string;
  postsTableArn: string;
  pricesTableArn: string;
  topicArn: string;
  secretArns: string[];
}

/** Exactly what the job does, on exactly its resources. Comprehend has no resource-level permissions: `*`. */
export function taskRolePolicy(r: TaskResources): PolicyDocument {
  return policy(
    { Sid: 'StageRawResponses', Effect: 'Allow', Action: 's3:PutObject', Resource: `${r.bucketArn}/*` },
    // Replay and backfill read what was staged instead of asking X and Yahoo again.
    { Sid: 'ReadRawResponses', Effect: 'Allow', Action: 's3:GetObject', Resource: `${r.bucketArn}/*` },
    { Sid: 'ListRawResponses', Effect: 'Allow', Action: 's3:ListBucket', Resource: r.bucketArn },
    {
      Sid: 'StorePostsAndPrices',
      Effect: 'Allow',
      Action: 'dynamodb:BatchWriteItem',
      Resource: [r.postsTableArn, r.pricesTableArn],
    },
    // Compliance: the stored posts listed, those X says must go removed (BatchWriteItem above deletes them), and
    // the older versions of a rewritten raw body deleted.
    ...(r.compliance
      ? ([
          {
            Sid: 'ListStoredPosts',
            Effect: 'Allow',
            Action: ['dynamodb:Query', 'dynamodb:Scan'],
            Resource: r.postsTableArn,
          },
          { Sid: 'ListRawVersions', Effect: 'Allow', Action: 's3:ListBucketVersions', Resource: r.bucketArn },
          {
            Sid: 'DeleteOldRawVersions',
            Effect: 'Allow',
            Action: 's3:DeleteObjectVersion',
            Resource: `${r.bucketArn}/*`,
          },
        ] satisfies Statement[])
      : []),
    ...(r.comprehend
      ? [
          {
            Sid: 'ScoreSentiment',
            Effect: 'Allow',
            Action: 'comprehend:BatchDetectSentiment',
            Resource: '*',
          } as const,
        ]
      : []),
    { Sid: 'NotifyRuns', Effect: 'Allow', Action: 'sns:Publish', Resource: r.topicArn },
    { Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: r.secretArns },
  );
}

/** What ECS needs to start the task: pull its image and write its logs. The ECR token has no narrower resource. */
export function executionRolePolicy(r: { repositoryArn: string; logGroupArn: string }): PolicyDocument {
  return policy(
    { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'PullImage',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: r.repositoryArn,
    },
    {
      Sid: 'WriteLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${r.logGroupArn}:*`,
    },
  );
}

/** The scheduler may start this task definition, hand it its two roles, and dead-letter what it cannot start. */
export function schedulerRolePolicy(r: {
  taskDefinitionArn: string;
  taskRoleArn: string;
  executionRoleArn: string;
  deadLetterQueueArn: string;
}): PolicyDocument {
  return policy(
    { Sid: 'RunTheJob', Effect: 'Allow', Action: 'ecs:RunTask', Resource: r.taskDefinitionArn },
    {
      Sid: 'PassItsRoles',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: [r.taskRoleArn, r.executionRoleArn],
    },
    { Sid: 'DeadLetter', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: r.deadLetterQueueArn },
  );
}

/** Refuses any request to the bucket that does not use TLS. */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return policy({
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}

/**
 * Who besides the job may publish to the alert topic: EventBridge, for the failed-task rule only, and CloudWatch,
 * for this stack's alarms only. (A topic policy replaces SNS's default one, so each must be named.)
 */
export function alertTopicPolicy(topicArn: string, ruleArn: string, alarmArnPattern: string): PolicyDocument {
  return policy(
    {
      Sid: 'EventBridgeFailureAlerts',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
    },
    {
      Sid: 'CloudWatchAlarms',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: { ArnLike: { 'aws:SourceArn': alarmArnPattern } },
    },
  );
}

/** Who may take a role: one AWS service. */
export const assumeRolePolicy = (service: string): PolicyDocument =>
  policy({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
