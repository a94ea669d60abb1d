import { ConfigError } from '@stockpipe/shared';
import pg, { type PoolConfig } from 'pg';
import { parse } from 'pg-connection-string';

/**
 * How long the job lets a database take, on every connection: to connect; a statement, on the server; a session
 * left in a transaction (a client that died or went silent mid-way), on the server; and any query's answer, on the
 * client (a connection that stops answering, which no server-side setting sees). TCP keepalive finds a peer gone.
 */
export const DATABASE_TIMEOUTS = {
  connectionTimeoutMillis: 10_000,
  statement_timeout: 60_000,
  idle_in_transaction_session_timeout: 60_000,
  query_timeout: 75_000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
} satisfies PoolConfig;

export interface DatabaseCredentials {
  username: string;
  password: string;
}

/** RDS endpoints, whose certificates chain to the RDS CA bundle rather than to a public root. */
function isRdsHost(url: string): boolean {
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
  // The URL's fields one by one rather than pg's connectionString, which pg reads last, over everything given beside
  // it: its (empty) user and password won over the secret's (RDS got no password), and an `sslmode` over the CA.
  const { user, password, ...fields } = parse(url);
  const config: PoolConfig = { ...withoutNulls(fields), max: options.max };
  if (options.credentials) {
    config.user = options.credentials.username;
    config.password = options.credentials.password;
  } else {
    Object.assign(config, withoutNulls({ user, password }));
  }
  if (options.caPem) {
    config.ssl = { ca: options.caPem, rejectUnauthorized: true };
  } else if (isRdsHost(url)) {
    throw new ConfigError([
      'DATABASE_CA_FILE: expected the RDS CA bundle to verify TLS to an RDS endpoint (got unset)',
    ]);
  }
  return config;
}

function withoutNulls(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
  );
}

/**
 * pg's client, made to close its socket when connecting fails. pg leaves it open when authentication fails on
 * the client's side (a server that wants a password, none given), and the server then holds it for its
 * authentication_timeout (60 s), keeping a finished job alive. The error says what to do. And a connection cut
 * while the client is checked out is the query's failure, not the process's: pg also emits it as an 'error'
 * event, which unheard ends the process (the pool hears only its idle clients).
 */
export class ClosingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => {});
  }

  // pg-pool connects with a callback; without one, a promise, as pg's own.
  override connect(): Promise<pg.Client>;
  override connect(callback: (error: Error | null) => void): void;
  override connect(callback?: (error: Error | null) => void): Promise<pg.Client> | undefined {
    const connecting = new Promise<pg.Client>((resolve, reject) => {
      super.connect((error: Error | null) => {
        if (!error) return resolve(this);
        this.connection.stream.destroy();
        reject(explainConnectError(error));
      });
    });
    if (!callback) return connecting;
    connecting.then(() => callback(null), callback);
  }
}

/** pg's wording for a missing password is about SCRAM messages; say what the user can change. */
function explainConnectError(error: Error): Error {
  if (/password must be a (non-empty )?string/i.test(error.message)) {
    return new Error(
      'the database asks for a password and DATABASE_URL has none (put it in the URL, or set DATABASE_SECRET_ARN)',
      { cause: error },
    );
  }
  return error;
}
