import { openWarehouse } from '@stockpipe/pipeline/warehouse';

/** Every row the CLI loaded, read through the same warehouse code (server or the data dir's PGlite). */
export async function readRows(
  databaseUrl: string | undefined,
  dataDir: string,
  tickers: readonly string[] = ['AAPL', 'AMZN', 'MSFT', 'NVDA', 'TSLA'],
) {
  const open = await openWarehouse({ url: databaseUrl, dataDir });
  try {
    return await open.warehouse.rows(tickers, new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 0, 1)));
  } finally {
    await open.close();
  }
}
