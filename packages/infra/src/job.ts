import { fileURLToPath } from 'node:url';
import * as aws from '@pulumi/aws';
import * as awsx from '@pulumi/awsx';
import * as pulumi from '@pulumi/pulumi';
import { ecrLifecyclePolicy, JOB_CONTAINER } from './decisions/job.ts';
import { assumeRolePolicy, executionRolePolicy } from './decisions/policies.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface JobArgs {
  cpu: number;
  memory: number;
  logRetentionDays: number;
  imagesToKeep: number;
  production: boolean;
  environment: pulumi.Input<{ name: string; value: string }[]>;
  /** The task role's policy, JSON: what the job may do, decided in decisions/policies.ts. */
  taskPolicy: pulumi.Input<string>;
}

/**
 * The job: its image (built from packages/pipeline/Dockerfile into ECR), a cluster, a log group with retention,
 * and a Fargate task definition with separate roles: the execution role pulls and logs, the task role does the work.
 */
export class Job extends pulumi.ComponentResource {
  readonly cluster: aws.ecs.Cluster;
  readonly taskDefinition: aws.ecs.TaskDefinition;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly taskRole: aws.iam.Role;
  readonly executionRole: aws.iam.Role;

  constructor(name: string, args: JobArgs, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:job:Job', name, {}, opts);
    const parent = { parent: this };
    const repository = new aws.ecr.Repository(
      `${name}-image`,
      {
        forceDelete: !args.production,
        imageScanningConfiguration: { scanOnPush: true },
        imageTagMutability: 'MUTABLE',
      },
      parent,
    );
    new aws.ecr.LifecyclePolicy(
      `${name}-image`,
      { repository: repository.name, policy: JSON.stringify(ecrLifecyclePolicy(args.imagesToKeep)) },
      parent,
    );
    const image = new awsx.ecr.Image(
      `${name}-image`,
      {
        repositoryUrl: repository.repositoryUrl,
        context: REPO_ROOT,
        dockerfile: `${REPO_ROOT}packages/pipeline/Dockerfile`,
        platform: 'linux/amd64',
      },
      parent,
    );
    this.cluster = new aws.ecs.Cluster(`${name}`, {}, parent);
    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { retentionInDays: args.logRetentionDays },
      parent,
    );

    this.executionRole = new aws.iam.Role(
      `${name}-execution`,
      { assumeRolePolicy: JSON.stringify(assumeRolePolicy('ecs-tasks.amazonaws.com')) },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-execution`,
      {
        role: this.executionRole.id,
        policy: pulumi
          .all([repository.arn, this.logGroup.arn])
          .apply(([repositoryArn, logGroupArn]) =>
            JSON.stringify(executionRolePolicy({ repositoryArn, logGroupArn })),
          ),
      },
      parent,
    );
    this.taskRole = new aws.iam.Role(
      `${name}-task`,
      { assumeRolePolicy: JSON.stringify(assumeRolePolicy('ecs-tasks.amazonaws.com')) },
      parent,
    );
    new aws.iam.RolePolicy(`${name}-task`, { role: this.taskRole.id, policy: args.taskPolicy }, parent);

    const region = aws.getRegionOutput({}, parent).region;
    this.taskDefinition = new aws.ecs.TaskDefinition(
      `${name}`,
      {
        family: 'stockpipe-job',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: String(args.cpu),
        memory: String(args.memory),
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
        executionRoleArn: this.executionRole.arn,
        taskRoleArn: this.taskRole.arn,
        containerDefinitions: pulumi.jsonStringify([
          {
            name: JOB_CONTAINER,
            image: image.imageUri,
            essential: true,
            command: ['run'],
            environment: args.environment,
            readonlyRootFilesystem: true,
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': this.logGroup.name,
                'awslogs-region': region,
                'awslogs-stream-prefix': 'job',
              },
            },
          },
        ]),
      },
      parent,
    );
    this.registerOutputs({ taskDefinitionArn: this.taskDefinition.arn });
  }
}
