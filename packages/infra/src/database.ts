import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { databasePlacement } from './decisions/job.ts';

export interface DatabaseArgs {
  vpcId: pulumi.Input<string>;
  publicSubnetIds: pulumi.Input<string[]>;
  isolatedSubnetIds: pulumi.Input<string[]>;
  /** The job's security group: the only one that may reach 5432, unless CIDRs are listed too. */
  clientSecurityGroupId: pulumi.Input<string>;
  publicCidrs: string[];
  instanceClass: string;
  storageGb: number;
  engineMajor: string;
  backupRetentionDays: number;
  production: boolean;
}

/** RDS PostgreSQL: encrypted, TLS forced, RDS-managed master password, private unless CIDRs are listed. */
export class Database extends pulumi.ComponentResource {
  readonly address: pulumi.Output<string>;
  readonly secretArn: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:database:Database', name, {}, opts);
    const parent = { parent: this };
    const placement = databasePlacement(args.publicCidrs);
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-db`,
      {
        vpcId: args.vpcId,
        description: 'PostgreSQL for stockpipe: the job, and listed CIDRs only',
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 5432,
            toPort: 5432,
            securityGroups: [args.clientSecurityGroupId],
            description: 'the job',
          },
          ...placement.ingressCidrs.map((cidr) => ({
            protocol: 'tcp',
            fromPort: 5432,
            toPort: 5432,
            cidrBlocks: [cidr],
            description: 'BI clients listed in stack config',
          })),
        ],
      },
      parent,
    );
    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-db`,
      { subnetIds: placement.subnets === 'public' ? args.publicSubnetIds : args.isolatedSubnetIds },
      parent,
    );
    const parameters = new aws.rds.ParameterGroup(
      `${name}-db`,
      { family: `postgres${args.engineMajor}`, parameters: [{ name: 'rds.force_ssl', value: '1' }] },
      parent,
    );
    const instance = new aws.rds.Instance(
      `${name}-db`,
      {
        engine: 'postgres',
        engineVersion: args.engineMajor,
        instanceClass: args.instanceClass,
        allocatedStorage: args.storageGb,
        storageType: 'gp3',
        storageEncrypted: true,
        dbName: 'stockpipe',
        username: 'stockpipe',
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [securityGroup.id],
        parameterGroupName: parameters.name,
        publiclyAccessible: placement.publiclyAccessible,
        backupRetentionPeriod: args.backupRetentionDays,
        autoMinorVersionUpgrade: true,
        deletionProtection: args.production,
        skipFinalSnapshot: !args.production,
        finalSnapshotIdentifier: args.production ? `${name}-final` : undefined,
        copyTagsToSnapshot: true,
      },
      parent,
    );
    this.address = instance.address;
    this.secretArn = instance.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn ?? '');
    this.registerOutputs({ address: this.address });
  }
}
