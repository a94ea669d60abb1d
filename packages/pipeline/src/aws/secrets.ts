import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The text of a Secrets Manager secret. Its value is never logged. */
export async function readSecret(client: SecretsManagerClient, arn: string): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!SecretString) throw new Error(`secret ${arn} holds no SecretString`);
  return SecretString;
}

/** The X bearer token: the secret's whole text, or a `token` / `bearerToken` field when it is JSON. */
export function bearerTokenFrom(secret: string): string {
  const trimmed = secret.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  const json = JSON.parse(trimmed) as Record<string, unknown>;
  const token = json.token ?? json.bearerToken ?? json.X_BEARER_TOKEN;
  if (typeof token !== 'string' || token === '')
    throw new Error('the X token secret is JSON without a "token" field');
  return token;
}

/** The RDS-managed master secret: JSON with `username` and `password`. */
export function databaseCredentialsFrom(secret: string): { username: string; password: string } {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(secret) as Record<string, unknown>;
  } catch {
    throw new Error('the database secret is not JSON; expected {"username": ..., "password": ...}');
  }
  if (typeof json.username !== 'string' || typeof json.password !== 'string') {
    throw new Error('the database secret lacks "username" or "password"');
  }
  return { username: json.username, password: json.password };
}
