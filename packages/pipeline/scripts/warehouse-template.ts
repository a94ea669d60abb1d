// `pnpm --filter @stockpipe/pipeline warehouse-template`: writes warehouse/fresh-cluster.tar.gz, the cluster PGlite's
// initdb makes with the embedded warehouse's options. A new data dir is loaded from it instead of running initdb.
// Rerun after upgrading PGlite: test/embedded-postgres-settings.test.ts fails when the template no longer starts.
import { mkdir, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { CLUSTER_TEMPLATE, INITDB_OPTIONS } from '../src/stores/embedded-postgres.ts';

const db = await PGlite.create({ initDbStartParams: INITDB_OPTIONS });
// Data files up to date, so the first start from the template replays next to no WAL.
await db.exec('CHECKPOINT');
const tarball = await db.dumpDataDir('gzip');
await db.close();
await mkdir(new URL('.', CLUSTER_TEMPLATE), { recursive: true });
await writeFile(CLUSTER_TEMPLATE, Buffer.from(await tarball.arrayBuffer()));
console.log(`${CLUSTER_TEMPLATE.pathname} ${(tarball.size / 1024 / 1024).toFixed(1)} MB`);
