import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  /** A URL to a new, empty database; undefined when no server is configured (tests then use embedded PGlite). */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * A new database on the server at `serverUrl` (DATABASE_URL in CI), so every test file starts empty and the
 * server's state between runs never matters. Without a server, tests fall back to PGlite.
 */
export async function freshDatabase(serverUrl: string | undefined): Promise<FreshDatabase> {
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `stockpipe_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
