import { join } from 'node:path';
import {
  type FakeServer,
  type FreshDatabase,
  freshDatabase,
  type PostgresGate,
  startFakeSecretsManager,
  startPostgresGate,
  TEST_CERTS,
} from '@stockpipe/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, stockpipe, tempDir } from './support/cli.ts';

// Every command that reads or writes the warehouse opens it the same way: with DATABASE_CA_FILE verifying TLS, and
// with the credentials of DATABASE_SECRET_ARN. Before, status and dashboard took the URL alone (issue #19).
const HOUR = '2024-12-06T15:00Z';
const COMMANDS: { name: string; args: (dir: string) => string[] }[] = [
  { name: 'run', args: () => ['run', '--hour', HOUR, '--watchlist', 'AMZN'] },
  { name: 'status', args: () => ['status', '--from', HOUR, '--to', HOUR, '--watchlist', 'AMZN'] },
  { name: 'dashboard', args: (dir) => ['dashboard', '--until', HOUR, '--out', join(dir, 'page.html')] },
  { name: 'digest', args: () => ['digest', '--day', '2024-12-06', '--watchlist', 'AMZN'] },
  { name: 'backfill', args: () => ['backfill', '--from', HOUR, '--to', HOUR, '--watchlist', 'AMZN'] },
  { name: 'replay', args: () => ['replay', '--from', HOUR, '--to', HOUR, '--watchlist', 'AMZN'] },
  { name: 'analyze', args: () => ['analyze', '--from', HOUR, '--to', HOUR, '--watchlist', 'AMZN', '--save'] },
];
const server = process.env.DATABASE_URL;

async function everyCommand(env: Record<string, string>): Promise<Record<string, CliResult>> {
  const dir = await tempDir('access');
  const results: Record<string, CliResult> = {};
  // One after the other: replay reads what run staged.
  for (const command of COMMANDS)
    results[command.name] = await stockpipe(command.args(dir), { STOCKPIPE_DATA_DIR: dir, ...env });
  return results;
}

const said = (result: CliResult | undefined) => `${result?.stdout}\n${result?.stderr}`;

describe('every command reaches an RDS endpoint the same way', () => {
  const rds = 'postgresql://stockpipe.c1abcdefghij.us-east-1.rds.amazonaws.com:5432/stockpipe';

  it('refuses it without DATABASE_CA_FILE, naming the variable (exit 2)', async () => {
    const results = await everyCommand({ DATABASE_URL: rds });
    for (const command of COMMANDS) {
      expect(results[command.name]?.code, command.name).toBe(2);
      expect(results[command.name]?.stderr, command.name).toMatch(
        /DATABASE_CA_FILE: expected the RDS CA bundle/,
      );
    }
  });

  it('goes on to connect with DATABASE_CA_FILE (here the host cannot be found)', async () => {
    const results = await everyCommand({ DATABASE_URL: rds, DATABASE_CA_FILE: TEST_CERTS.caFile });
    for (const command of COMMANDS) {
      expect(results[command.name]?.code, command.name).toBe(1);
      expect(said(results[command.name]), command.name).not.toMatch(/DATABASE_CA_FILE/);
      expect(said(results[command.name]), command.name).toMatch(/ENOTFOUND|getaddrinfo/);
    }
  });
});

describe.skipIf(!server)('every command behind a server that demands TLS and a password', () => {
  let database: FreshDatabase;
  let gate: PostgresGate | undefined;
  let secrets: FakeServer;
  const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-access';

  beforeAll(async () => {
    secrets = await startFakeSecretsManager({
      [arn]: JSON.stringify({ username: 'postgres', password: 'gate-password' }),
    });
  });
  afterAll(() => secrets.close());
  afterEach(async () => {
    await gate?.close();
    await database?.drop();
  });

  async function behindGate(options: { tls?: boolean; password?: string }) {
    database = await freshDatabase(server);
    const target = new URL(database.url as string);
    gate = await startPostgresGate({
      target: { host: target.hostname, port: Number(target.port) },
      ...options,
    });
    return gate.url(target.pathname.slice(1));
  }

  it('verifies TLS against DATABASE_CA_FILE, and refuses a certificate that CA did not sign', async () => {
    const url = await behindGate({ tls: true });
    const results = await everyCommand({
      DATABASE_URL: url,
      DATABASE_CA_FILE: TEST_CERTS.caFile,
      USER: 'postgres',
    });
    for (const command of COMMANDS) expect(results[command.name]?.code, said(results[command.name])).toBe(0);
    expect(gate?.clients.length).toBeGreaterThanOrEqual(COMMANDS.length);
    expect(gate?.clients.every((c) => c.tls)).toBe(true);

    const wrong = await everyCommand({
      DATABASE_URL: url,
      DATABASE_CA_FILE: TEST_CERTS.otherCaFile,
      USER: 'postgres',
    });
    for (const command of COMMANDS) {
      expect(wrong[command.name]?.code, command.name).toBe(1);
      expect(said(wrong[command.name]), command.name).toMatch(/self[- ]signed|unable to verify|certificate/i);
    }
  });

  it('logs in with the user and password of DATABASE_SECRET_ARN, never printing them', async () => {
    const url = await behindGate({ password: 'gate-password' });
    const aws = {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    };
    // Without the secret, no command gets in: the server asks a password the URL does not have.
    const without = await everyCommand({ DATABASE_URL: url, USER: 'postgres', ...aws });
    for (const command of COMMANDS) {
      expect(without[command.name]?.code, command.name).toBe(1);
      expect(said(without[command.name]), command.name).toMatch(
        /password authentication failed|asks for a password/,
      );
    }

    const results = await everyCommand({
      DATABASE_URL: url,
      DATABASE_SECRET_ARN: arn,
      USER: 'nobody',
      ...aws,
    });
    for (const command of COMMANDS) {
      expect(results[command.name]?.code, said(results[command.name])).toBe(0);
      expect(said(results[command.name])).not.toContain('gate-password');
    }
    expect(gate?.clients.filter((c) => c.admitted).every((c) => c.user === 'postgres')).toBe(true);
  });
});
