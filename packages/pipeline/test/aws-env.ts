/** Points the AWS SDK at local endpoints the way a user would: through its own environment variables only. */
export function useAwsEnvironment(endpoints: Record<string, string>): void {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    // s3rver accepts only these; the other emulators and fakes accept anything.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    // s3rver stores a checksummed streaming upload chunk-encoded; plain bodies keep the bytes intact.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_MAX_ATTEMPTS: '3',
    AWS_RETRY_MODE: 'standard',
  });
  for (const [service, url] of Object.entries(endpoints)) process.env[`AWS_ENDPOINT_URL_${service}`] = url;
}
