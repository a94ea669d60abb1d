import * as pulumi from '@pulumi/pulumi';

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  state: Record<string, unknown>;
}

const ACCOUNT = '123456789012';

// What AWS would answer for the resources whose outputs the program reads. awsx components are remote: the mock
// sees only the component, so it returns the outputs the program uses.
function outputsOf(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const service = type.split(':')[1]?.split('/')[0] ?? 'x';
  const common = { arn: `arn:aws:${service}:us-east-1:${ACCOUNT}:${name}`, name: inputs.name ?? name };
  switch (type) {
    case 'awsx:ec2:Vpc':
      return {
        vpcId: 'vpc-1',
        publicSubnetIds: ['subnet-public-a', 'subnet-public-b'],
        isolatedSubnetIds: ['subnet-isolated-a', 'subnet-isolated-b'],
        privateSubnetIds: [],
        routeTables: [{ id: 'rtb-public' }, { id: 'rtb-isolated-a' }, { id: 'rtb-isolated-b' }],
      };
    case 'awsx:ecr:Image':
      return { imageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/stockpipe@sha256:abc` };
    case 'aws:s3/bucket:Bucket':
      return { arn: `arn:aws:s3:::${name}-bucket`, bucket: `${name}-bucket` };
    case 'aws:rds/instance:Instance':
      return {
        address: 'stockpipe.abc.us-east-1.rds.amazonaws.com',
        masterUserSecrets: [{ secretArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:rds!db-1` }],
      };
    case 'aws:ecr/repository:Repository':
      return { ...common, repositoryUrl: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/${name}` };
    case 'aws:ecs/taskDefinition:TaskDefinition':
      return {
        arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${inputs.family}:1`,
        family: inputs.family,
      };
    case 'aws:sqs/queue:Queue':
      return { ...common, url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}` };
    default:
      return common;
  }
}

/** Runs the whole Pulumi program under mocks with the given stack config; returns every registered resource. */
export async function runProgram(
  config: Record<string, string>,
): Promise<{ resources: Registered[]; outputs: Record<string, unknown> }> {
  const resources: Registered[] = [];
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([key, value]) => [`stockpipe:${key}`, value])),
    ['stockpipe:xBearerToken'],
  );
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => {
        const state = { ...inputs, ...outputsOf(type, name, inputs) };
        resources.push({ type, name, inputs, state });
        return { id: `${name}-id`, state };
      },
      call: ({ token, inputs }) =>
        token === 'aws:index/getRegion:getRegion' ? { region: 'us-east-1', name: 'us-east-1' } : inputs,
    },
    'stockpipe',
    'test',
    false,
  );
  const program = (await import('../index.ts')) as Record<string, pulumi.Output<unknown>>;
  const entries = await Promise.all(
    Object.entries(program).map(
      ([key, output]) =>
        new Promise<[string, unknown]>((resolve) => output.apply((value) => resolve([key, value]))),
    ),
  );
  // Resources no output depends on may still be registering: wait for every registration to finish.
  await pulumi.runtime.disconnect();
  return { resources, outputs: Object.fromEntries(entries) };
}

export const ofType = (resources: Registered[], type: string) => resources.filter((r) => r.type === type);

/** Resolves an input that the program passed as JSON text (policies, container definitions). */
export const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
