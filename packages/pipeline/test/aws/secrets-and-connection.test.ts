import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type FakeServer, startFakeSecretsManager } from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerTokenFrom, databaseCredentialsFrom, readSecret } from '../../src/aws/secrets.ts';
import { createLogger } from '../../src/log.ts';
import { poolConfigFor } from '../../src/stores/pg-connection.ts';
import { useAwsEnvironment } from '../support/aws-env.ts';

const tokenArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:stockpipe/x-token-AbCdEf';
const dbArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1234-XyZ';
let secrets: FakeServer;
beforeAll(async () => {
  secrets = await startFakeSecretsManager({
    [tokenArn]: 'AAAAAAAAAAAAAAAAAAAAAtoken',
    [dbArn]: JSON.stringify({ username: 'stockpipe', password: 'p@ss:w/rd' }),
  });
  useAwsEnvironment({ SECRETS_MANAGER: secrets.url });
});
afterAll(() => secrets.close());

describe('secrets', () => {
  it('reads the X token and the RDS-managed credentials from Secrets Manager', async () => {
    const client = new SecretsManagerClient({});
    expect(bearerTokenFrom(await readSecret(client, tokenArn))).toBe('AAAAAAAAAAAAAAAAAAAAAtoken');
    expect(databaseCredentialsFrom(await readSecret(client, dbArn))).toEqual({
      username: 'stockpipe',
      password: 'p@ss:w/rd',
    });
    await expect(readSecret(client, `${tokenArn}-missing`)).rejects.toThrow(
      /can't find the specified secret/,
    );
  });

  it('accepts a JSON token secret, and says what is missing', () => {
    expect(bearerTokenFrom('{"token":"abc"}')).toBe('abc');
    expect(() => bearerTokenFrom('{"nope":1}')).toThrow(/without a "token" field/);
    expect(() => databaseCredentialsFrom('plain')).toThrow(/not JSON/);
    expect(() => databaseCredentialsFrom('{"username":"u"}')).toThrow(/lacks "username" or "password"/);
  });

  it('never writes a secret to the log', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { destination: { write: (line: string) => lines.push(line) } });
    logger.info(
      { config: { password: 'p@ss:w/rd', bearerToken: 'AAAA', databaseUrl: 'postgresql://u:p@h/db' } },
      'config',
    );
    expect(lines.join('')).not.toMatch(/p@ss|AAAA|u:p@h/);
  });
});

describe('poolConfigFor', () => {
  const rds = 'postgresql://stockpipe.abc123.us-east-1.rds.amazonaws.com:5432/stockpipe';

  it('verifies TLS against the given CA, and takes credentials from the secret, not the URL', () => {
    const config = poolConfigFor(rds, {
      credentials: { username: 'u', password: 'p' },
      caPem: 'PEM',
      max: 3,
    });
    expect(config).toMatchObject({ ssl: { ca: 'PEM', rejectUnauthorized: true }, max: 3 });
    // As pg reads it: a connection string's empty user and password must not win over the secret's (they did).
    const client = new pg.Client(config);
    expect({ user: client.user, password: client.password, host: client.host, port: client.port }).toEqual({
      user: 'u',
      password: 'p',
      host: 'stockpipe.abc123.us-east-1.rds.amazonaws.com',
      port: 5432,
    });
    expect(client.database).toBe('stockpipe');
  });

  it('keeps verifying against the CA whatever sslmode the URL names', () => {
    for (const sslmode of ['no-verify', 'require', 'disable']) {
      const config = poolConfigFor(`postgresql://db.example.com/app?sslmode=${sslmode}`, {
        caPem: 'PEM',
        max: 3,
      });
      const client = new pg.Client(config);
      expect(client.ssl, sslmode).toEqual({ ca: 'PEM', rejectUnauthorized: true });
    }
  });

  it('keeps the user and password of a URL given no secret', () => {
    const client = new pg.Client(poolConfigFor('postgresql://reader:s3cret@127.0.0.1:5432/test', { max: 3 }));
    expect({ user: client.user, password: client.password, database: client.database }).toEqual({
      user: 'reader',
      password: 's3cret',
      database: 'test',
    });
  });

  it('refuses to reach RDS without a CA to verify it', () => {
    expect(() => poolConfigFor(rds, { max: 3 })).toThrow(/DATABASE_CA_FILE: expected the RDS CA bundle/);
  });

  it('connects plainly to a local server when no CA is configured', () => {
    expect(poolConfigFor('postgresql://postgres@127.0.0.1:5432/test', { max: 3 }).ssl).toBeUndefined();
  });
});
