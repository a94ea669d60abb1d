import type { z } from 'zod';

/** Reads a staged body with the schema of what we expect; a mismatch names the field, and the raw body stays staged. */
export function parseRaw<T extends z.ZodType>(schema: T, body: Uint8Array, what: string): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    throw new Error(`${what} is not JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new Error(`${what} did not match the expected shape: ${issues}`);
}
