import { ConfigError } from '@stockpipe/shared';

interface RegionalClient {
  config: { region: () => Promise<string> };
}

/**
 * Fails at start, as a configuration error, when the SDK finds no region for a client (AWS_REGION, or a profile's
 * region): otherwise every call fails later, ticker by ticker, with the SDK's "Region is missing".
 */
export async function requireRegion<T extends RegionalClient>(client: T, why: string): Promise<T> {
  const region = await client.config.region().catch(() => undefined);
  if (!region) {
    throw new ConfigError([
      `AWS_REGION: expected the AWS region (${why}); set AWS_REGION, or AWS_PROFILE with a region`,
    ]);
  }
  return client;
}
