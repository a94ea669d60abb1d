import { freshDatabase } from './fresh-database.ts';

export interface PostgresTarget {
  host: string;
  port: number;
  /** The database to name in a URL through a proxy in front of this target. */
  database: string;
  close(): Promise<void>;
}

/**
 * Something that speaks PostgreSQL on a TCP port, to put a proxy in front of (the gate's faults): a new database on
 * the server at `serverUrl` (DATABASE_URL in CI), or else PGlite in this process behind its socket server, so the
 * test runs without a server too.
 */
export async function postgresTarget(serverUrl: string | undefined): Promise<PostgresTarget> {
  if (serverUrl) {
    const fresh = await freshDatabase(serverUrl);
    const url = new URL(fresh.url as string);
    return {
      host: url.hostname,
      port: Number(url.port || 5432),
      database: url.pathname.slice(1),
      close: () => fresh.drop(),
    };
  }
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
  ]);
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    host: host as string,
    port: Number(port),
    database: 'postgres',
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
