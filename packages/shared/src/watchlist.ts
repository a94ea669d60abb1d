import { z } from 'zod';
import { ConfigError } from './errors.ts';

const TICKER_RULE = "a ticker is 1–10 of A–Z, 0–9, '.', '-', starting with a letter";
export const TickerSchema = z.string().regex(/^[A-Z][A-Z0-9.-]{0,9}$/, TICKER_RULE);

export const WatchEntrySchema = z.object({
  ticker: TickerSchema,
  query: z.string().min(1),
  /** A ticker kept for its prices alone (the analysis's benchmark): never searched on X. */
  pricesOnly: z.literal(true).optional(),
});
export type WatchEntry = z.infer<typeof WatchEntrySchema>;

export const WATCHLIST_FORMAT = 'TICKER:query pairs separated by commas, e.g. AMZN:#Amazon,MSFT:#Microsoft';

/**
 * Tickers a run may take. 500 is the size the benchmark measures (`pnpm bench`). A live run makes one X search
 * per ticker and X allows 450 a 15-minute window, so past 450 a run waits for the window's reset: give it the
 * time (STOCKPIPE_RUN_BUDGET_SECONDS) or split the list.
 */
export const MAX_WATCHLIST = 500;

/**
 * `AMZN:#Amazon,MSFT:#Microsoft` → entries; a bare ticker searches for its cashtag. Every problem is its own issue,
 * naming the entry and the rule it breaks.
 */
export const WatchlistSchema = z.string().transform((text, ctx) => {
  const { entries, problems } = readWatchlist(text);
  for (const message of problems) ctx.addIssue({ code: 'custom', message });
  return problems.length > 0 ? z.NEVER : entries;
});

function readWatchlist(text: string): { entries: WatchEntry[]; problems: string[] } {
  if (text.trim() === '') return { entries: [], problems: [`empty; expected ${WATCHLIST_FORMAT}`] };
  const entries: WatchEntry[] = [];
  const problems: string[] = [];
  text.split(',').forEach((raw, i) => {
    const part = raw.trim();
    if (part === '') {
      problems.push(`entry ${i + 1} is empty (a trailing or doubled comma)`);
      return;
    }
    const colon = part.indexOf(':');
    const written = (colon === -1 ? part : part.slice(0, colon)).trim();
    // Only ASCII is upper-cased: 'ß' and 'ﬀ' would become the tickers SS and FF; left as written, they are refused.
    const ticker = /^[\x20-\x7e]*$/.test(written) ? written.toUpperCase() : written;
    const query = colon === -1 ? `$${ticker}` : part.slice(colon + 1).trim();
    if (!TickerSchema.safeParse(ticker).success) problems.push(`"${written}": ${TICKER_RULE}`);
    else if (query === '') problems.push(`"${part}": the search after ':' is empty`);
    else entries.push({ ticker, query });
  });
  const seen = new Map<string, number>();
  for (const { ticker } of entries) seen.set(ticker, (seen.get(ticker) ?? 0) + 1);
  for (const [ticker, count] of seen) {
    if (count > 1)
      problems.push(`"${ticker}" appears ${count === 2 ? 'twice' : `${count} times`}; each ticker once`);
  }
  return { entries, problems };
}

/**
 * The watchlist of a command that searches X (run, backfill, serve, demo), refused past MAX_WATCHLIST. Checked there
 * and not when the list is read: status, plan, dashboard and digest make no X request and take any length.
 */
export function withinSearchLimit(watchlist: readonly WatchEntry[], source: string): WatchEntry[] {
  if (watchlist.length > MAX_WATCHLIST) {
    throw new ConfigError([
      `${source}: ${watchlist.length} tickers; at most ${MAX_WATCHLIST} a run (X allows 450 searches per 15 minutes: split the list)`,
    ]);
  }
  return [...watchlist];
}

/** The watchlist when none is configured, as STOCKPIPE_WATCHLIST or the stack's config would spell it. */
export const DEFAULT_WATCHLIST_TEXT = 'AMZN:#Amazon,AAPL:#Apple,MSFT:#Microsoft,TSLA:#Tesla,NVDA:#Nvidia';
