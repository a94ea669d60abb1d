/**
 * The environment that points the AWS SDK at local endpoints the way a user would: through the SDK's own
 * variables only (`AWS_ENDPOINT_URL_<SERVICE>`), with the credentials s3rver accepts.
 */
export function awsEmulatorEnvironment(endpoints: Record<string, string>): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    // s3rver accepts only these; the other emulators and fakes accept anything.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    // s3rver stores a checksummed streaming upload chunk-encoded; plain bodies keep the bytes intact.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    ...Object.fromEntries(
      Object.entries(endpoints).map(([service, url]) => [`AWS_ENDPOINT_URL_${service}`, url]),
    ),
  };
}
