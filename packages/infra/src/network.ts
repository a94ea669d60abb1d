import * as aws from '@pulumi/aws';
import * as awsx from '@pulumi/awsx';
import * as pulumi from '@pulumi/pulumi';

/**
 * A VPC without NAT gateways (they would cost more than the rest of the stack): the task runs in public subnets
 * with a public IP and no inbound rule, the database in isolated subnets, and S3 and DynamoDB are reached through
 * free gateway endpoints.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly publicSubnetIds: pulumi.Output<string[]>;
  readonly isolatedSubnetIds: pulumi.Output<string[]>;
  /** The job's security group: no inbound rule at all; out to the internet (X, Yahoo) and AWS APIs. */
  readonly jobSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:network:Network', name, {}, opts);
    const vpc = new awsx.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: '10.42.0.0/16',
        numberOfAvailabilityZones: 2,
        natGateways: { strategy: awsx.ec2.NatGatewayStrategy.None },
        subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
        subnetSpecs: [
          { type: awsx.ec2.SubnetType.Public, cidrMask: 24 },
          { type: awsx.ec2.SubnetType.Isolated, cidrMask: 24 },
        ],
        enableDnsHostnames: true,
      },
      { parent: this },
    );
    const region = aws.getRegionOutput({}, { parent: this }).region;
    const routeTableIds = vpc.routeTables.apply((tables) => pulumi.all(tables.map((t) => t.id)));
    for (const service of ['s3', 'dynamodb']) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service}`,
        {
          vpcId: vpc.vpcId,
          serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
          vpcEndpointType: 'Gateway',
          routeTableIds,
        },
        { parent: this },
      );
    }
    const jobSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-job`,
      {
        vpcId: vpc.vpcId,
        description: 'stockpipe job: outbound only',
        egress: [
          {
            protocol: '-1',
            fromPort: 0,
            toPort: 0,
            cidrBlocks: ['0.0.0.0/0'],
            description: 'APIs and the database',
          },
        ],
      },
      { parent: this },
    );
    this.jobSecurityGroupId = jobSecurityGroup.id;
    this.vpcId = vpc.vpcId;
    this.publicSubnetIds = vpc.publicSubnetIds;
    this.isolatedSubnetIds = vpc.isolatedSubnetIds;
    this.registerOutputs({ vpcId: this.vpcId });
  }
}
