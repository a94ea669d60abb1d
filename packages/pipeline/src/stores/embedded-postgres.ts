import { mkdir } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL that `pg` connects to, like any server. */
  url: string;
  stop(): Promise<void>;
}

/** Server-sized defaults (128 MB of shared buffers) all live in this process's memory; a job's warehouse needs less. */
export const EMBEDDED_SETTINGS = ['shared_buffers=16MB'];
/** 1 MB WAL segments instead of 16 MB: less for initdb to write and for PGlite to copy when it creates a cluster. */
const INITDB_OPTIONS = ['--wal-segsize=1', ...EMBEDDED_SETTINGS.flatMap((s) => ['--set', s])];

/**
 * PostgreSQL with no server to install: PGlite (PostgreSQL in WebAssembly), file-backed in `dir`, served on a
 * loopback port so the same `pg` code talks to it and to RDS. One process at a time owns the folder.
 */
export async function startEmbeddedPostgres(dir: string, port = 0): Promise<EmbeddedPostgres> {
  await mkdir(dir, { recursive: true });
  // V8 recompiles hot WebAssembly with TurboFan: for PostgreSQL's parser that takes ~600 MB for a second or more.
  // Its baseline code (Liftoff) serves a job's queries; the flags must be set before PGlite compiles its module.
  setFlagsFromString('--no-wasm-dynamic-tiering --no-wasm-tier-up');
  const db = await PGlite.create({
    dataDir: dir,
    initDbStartParams: INITDB_OPTIONS,
    // Also on the command line, so a data dir created before these settings runs with them too.
    startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS.flatMap((s) => ['-c', s])],
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 4 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres@${address}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
