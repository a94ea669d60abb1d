import { awsEmulatorEnvironment } from '@stockpipe/testing';

/** Points this test file's AWS SDK clients at local endpoints, through the SDK's own variables only. */
export function useAwsEnvironment(endpoints: Record<string, string>): void {
  Object.assign(process.env, awsEmulatorEnvironment(endpoints), {
    AWS_MAX_ATTEMPTS: '3',
    AWS_RETRY_MODE: 'standard',
  });
}
