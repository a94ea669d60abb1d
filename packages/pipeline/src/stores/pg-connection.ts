import type { PoolConfig } from 'pg';

export interface DatabaseCredentials {
  username: string;
  password: string;
}

/** RDS endpoints, whose certificates chain to the RDS CA bundle rather than to a public root. */
export function isRdsHost(url: string): boolean {
  return new URL(url).hostname.endsWith('.rds.amazonaws.com');
}

/**
 * The `pg` pool settings for a server URL: credentials from the secret when given (they never appear in the URL
 * or a log), and verified TLS against `caPem` for RDS or whenever a CA is configured. RDS without a CA is refused
 * rather than connected to unverified.
 */
export function poolConfigFor(
  url: string,
  options: { credentials?: DatabaseCredentials; caPem?: string; max: number },
): PoolConfig {
  const config: PoolConfig = { connectionString: url, max: options.max, connectionTimeoutMillis: 10_000 };
  if (options.credentials) {
    config.user = options.credentials.username;
    config.password = options.credentials.password;
  }
  if (options.caPem) {
    config.ssl = { ca: options.caPem, rejectUnauthorized: true };
  } else if (isRdsHost(url)) {
    throw new Error('DATABASE_CA_FILE: expected the RDS CA bundle to verify TLS to an RDS endpoint');
  }
  return config;
}
