import pg from 'pg';

/** The PostgreSQL server benchmarks load into: DATABASE_URL, else the local one, else none (then PGlite). */
export async function serverUrl(): Promise<string | undefined> {
  const candidate = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return candidate;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}
