/**
 * Where this task's logs go, read from the ECS task metadata endpoint (ECS sets ECS_CONTAINER_METADATA_URI_V4):
 * the awslogs group and stream, for the run's notification. Outside ECS, or on any error, there is none.
 */
export async function ecsLogLocation(
  metadataUri: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<string | undefined> {
  if (!metadataUri) return undefined;
  try {
    const response = await fetchImpl(metadataUri, { signal: AbortSignal.timeout(2_000) });
    const metadata = (await response.json()) as { LogOptions?: Record<string, string> };
    const group = metadata.LogOptions?.['awslogs-group'];
    const stream = metadata.LogOptions?.['awslogs-stream'];
    return group && stream ? `CloudWatch Logs ${group}, stream ${stream}` : undefined;
  } catch {
    return undefined;
  }
}
