import { z } from 'zod';

export const TickerSchema = z.string().regex(/^[A-Z][A-Z0-9.-]{0,9}$/, 'a ticker such as AMZN or BRK.B');

export const WatchEntrySchema = z.object({ ticker: TickerSchema, query: z.string().min(1) });
export type WatchEntry = z.infer<typeof WatchEntrySchema>;

export const WATCHLIST_FORMAT = 'TICKER:query pairs separated by commas, e.g. AMZN:#Amazon,MSFT:#Microsoft';

/** `AMZN:#Amazon,MSFT:#Microsoft` → entries; a bare ticker searches for its cashtag. */
export const WatchlistSchema = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0)
      .map((part) => {
        const colon = part.indexOf(':');
        const ticker = (colon === -1 ? part : part.slice(0, colon)).trim().toUpperCase();
        const query = colon === -1 ? `$${ticker}` : part.slice(colon + 1).trim();
        return { ticker, query };
      }),
  )
  .pipe(
    z
      .array(WatchEntrySchema)
      .min(1)
      .refine((entries) => new Set(entries.map((e) => e.ticker)).size === entries.length, 'each ticker once'),
  );
