import { existsSync, openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ConfigError } from '@stockpipe/shared';
import { resource } from '../resources.ts';
import { createAside } from './create-aside.ts';
import { startGuard } from './embedded-guard.ts';

export interface EmbeddedPostgres {
  /** A postgres:// URL that `pg` connects to, like any server. */
  url: string;
  stop(): Promise<void>;
}

/** Server-sized defaults (128 MB of shared buffers) all live in this process's memory; a job's warehouse needs less. */
const SETTINGS = ['shared_buffers=16MB'];
/** 1 MB WAL segments instead of 16 MB: a smaller cluster to create, copy and keep. */
export const INITDB_OPTIONS = ['--wal-segsize=1', ...SETTINGS.flatMap((s) => ['--set', s])];
/** A new cluster as PGlite's initdb makes it with INITDB_OPTIONS (scripts/warehouse-template.ts writes it). */
export const CLUSTER_TEMPLATE = resource('warehouse/fresh-cluster.tar.gz');

/**
 * PostgreSQL with no server to install: PGlite (PostgreSQL in WebAssembly), file-backed in `dir`, served on a
 * loopback port so the same `pg` code talks to it and to RDS. The caller holds the data dir's lock (open-warehouse.ts):
 * one process at a time opens the folder.
 */
export async function startEmbeddedPostgres(
  dir: string,
  serve?: { port: number; host?: string; idleInTransactionMs: number },
): Promise<EmbeddedPostgres> {
  // V8 recompiles hot WebAssembly with TurboFan: for PostgreSQL's parser that takes ~600 MB for a second or more.
  // Its baseline code (Liftoff) serves a job's queries; the flags must be set before PGlite compiles its module.
  setFlagsFromString('--no-wasm-dynamic-tiering --no-wasm-tier-up');
  // Also on the command line, so a data dir created before these settings runs with them too.
  const startParams = [...PGlite.defaultStartParams, ...SETTINGS.flatMap((s) => ['-c', s])];
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    // PGlite's own initdb runs a second instance and copies its result over (≈500 MB at peak); a template is a copy,
    // made aside and moved in place once PostgreSQL has started on it: never half a warehouse at `dir`.
    await createAside(dir, async (aside) => {
      const made = await PGlite.create({
        dataDir: aside,
        loadDataDir: await openAsBlob(CLUSTER_TEMPLATE, { type: 'application/x-gzip' }),
        startParams,
      }).catch((error: unknown) => {
        throw creationError(error, dir);
      });
      await made.close();
    });
  }
  const db = await PGlite.create({ dataDir: dir, startParams });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  let guard: Awaited<ReturnType<typeof startGuard>> | undefined;
  try {
    await server.start();
    // Served to other processes, behind a guard (embedded-guard.ts): no client can hold or wedge the job's database.
    if (serve) {
      const [host, port] = server.getServerConn().split(':');
      guard = await startGuard({ target: { host: host as string, port: Number(port) }, ...serve });
    }
  } catch (error) {
    // Nothing may stay open behind a failed start, or the process would never end.
    await server.stop().catch(() => {});
    await db.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError([
        `--port: ${serve?.host ?? '127.0.0.1'}:${serve?.port} is in use by another program; choose another port`,
      ]);
    }
    throw error;
  }
  const address = guard ? `127.0.0.1:${guard.port}` : server.getServerConn();
  return {
    url: `postgresql://postgres@${address}/postgres`,
    async stop() {
      await guard?.stop();
      await server.stop();
      await db.close();
    },
  };
}

/** The file-system errors PGlite's WebAssembly reports by number (WASI's), as Node names them. */
const WASI_ERRNO: Record<number, [code: string, text: string]> = {
  2: ['EACCES', 'permission denied'],
  19: ['EDQUOT', 'disk quota exceeded'],
  29: ['EIO', 'input/output error'],
  51: ['ENOSPC', 'no space left on device'],
  63: ['EPERM', 'operation not permitted'],
  69: ['EROFS', 'read-only file system'],
};

/** What PGlite threw as it made a cluster (an Emscripten ErrnoError is no Error, and read "[object Object]"). */
function creationError(error: unknown, dir: string): Error {
  const { errno, message, name } = (error ?? {}) as { errno?: number; message?: string; name?: string };
  const known = errno === undefined ? undefined : WASI_ERRNO[errno];
  const what = known ? `${known[1]} (${known[0]})` : (message ?? `${name ?? String(error)} errno ${errno}`);
  return new Error(
    `the embedded warehouse could not be created in ${dir}: ${what}; nothing half-made was kept, so the next start creates it again`,
    { cause: error },
  );
}
