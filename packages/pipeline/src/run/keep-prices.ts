import { failureReason } from '../failure-reason.ts';
import type { Logger } from '../log.ts';
import { timed } from '../log.ts';
import type { PriceSource, RawStore } from '../ports.ts';
import { rawKey } from '../raw/raw-key.ts';
import type { TickerHour } from './outcome.ts';

/**
 * A ticker-hour the run may not read X for (the month's X budget is spent): its price bars are still fetched and
 * kept raw, since Yahoo keeps 30-minute bars only about 60 days; the ticker-hour then fails at extract, so that it
 * heals next month or by backfill, from these bars and the posts read then. A failure here is logged, not fatal.
 */
export async function keepPrices(
  deps: { prices: PriceSource; raw: RawStore },
  item: TickerHour,
  runId: string,
  log: Logger,
): Promise<void> {
  const { entry, hourStart } = item;
  try {
    const bars = await timed(log, 'extract', { source: 'prices' }, () =>
      deps.prices.fetchBars(entry.ticker, hourStart),
    );
    await timed(log, 'raw', {}, () =>
      deps.raw.put(rawKey(deps.prices.rawPrefix, entry.ticker, hourStart), bars, runId),
    );
  } catch (error) {
    log.warn(
      { ticker: entry.ticker, stage: 'extract', reason: failureReason(error), err: error },
      'prices not kept',
    );
  }
}
