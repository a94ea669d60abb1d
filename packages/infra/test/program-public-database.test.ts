import { beforeAll, describe, expect, it } from 'vitest';
import { ofType, type Registered, runProgram } from './mock-program.ts';

// A production stack with sample data, the local scorer, and a database that Power BI may reach from one office.
let resources: Registered[];
beforeAll(async () => {
  ({ resources } = await runProgram({
    source: 'sample',
    sentiment: 'local',
    production: 'true',
    databasePublicCidrs: JSON.stringify(['203.0.113.0/24']),
  }));
});

describe('a production stack whose database lists CIDRs for BI', () => {
  it('makes the database public for the listed CIDRs only, in public subnets', () => {
    const db = ofType(resources, 'aws:rds/instance:Instance')[0];
    expect(db?.inputs).toMatchObject({
      publiclyAccessible: true,
      storageEncrypted: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
    });
    expect(ofType(resources, 'aws:rds/subnetGroup:SubnetGroup')[0]?.inputs.subnetIds).toEqual([
      'subnet-public-a',
      'subnet-public-b',
    ]);
    const ingress = ofType(resources, 'aws:ec2/securityGroup:SecurityGroup').find(
      (g) => g.name === 'stockpipe-db',
    )?.inputs.ingress;
    expect(ingress).toEqual([
      expect.objectContaining({ securityGroups: ['stockpipe-job-id'] }),
      expect.objectContaining({ fromPort: 5432, cidrBlocks: ['203.0.113.0/24'] }),
    ]);
  });

  it('protects the data from pulumi destroy', () => {
    expect(ofType(resources, 'aws:s3/bucket:Bucket')[0]?.inputs.forceDestroy).toBe(false);
    for (const table of ofType(resources, 'aws:dynamodb/table:Table'))
      expect(table.inputs.deletionProtectionEnabled).toBe(true);
  });

  it('needs no X token, no Comprehend and no compliance permission for sample data and the local scorer', () => {
    expect(ofType(resources, 'aws:secretsmanager/secret:Secret')).toEqual([]);
    const policy = JSON.parse(
      String(
        ofType(resources, 'aws:iam/rolePolicy:RolePolicy').find((p) => p.name === 'stockpipe-task')?.inputs
          .policy,
      ),
    );
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'StageRawResponses',
      'ReadRawResponses',
      'ListRawResponses',
      'StorePostsAndPrices',
      'NotifyRuns',
      'ReadSecrets',
    ]);
  });

  it('keeps no X content on sample data, so checks none: no compliance schedule, alarm or permission', () => {
    // The daily analysis reads the warehouse alone, so sample data is analysed too.
    expect(ofType(resources, 'aws:scheduler/schedule:Schedule').map((s) => s.name)).toEqual([
      'stockpipe-hourly',
      'stockpipe-analyze',
    ]);
    const alarms = ofType(resources, 'aws:cloudwatch/metricAlarm:MetricAlarm').map((a) => a.inputs.name);
    expect(alarms).not.toContain('stockpipe-test-compliance-silent');
  });
});
