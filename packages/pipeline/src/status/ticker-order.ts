/**
 * The one order every command shows tickers in (status, dashboard, demo, digest, backfill and replay summaries,
 * analyze): the watchlist's, as written (the README's AMZN, AAPL, MSFT, …); tickers not on it after, A to Z.
 */
export function byWatchlist(watchlist: readonly string[]): (a: string, b: string) => number {
  const place = new Map(watchlist.map((ticker, i) => [ticker, i]));
  return (a, b) => {
    const [pa, pb] = [place.get(a) ?? watchlist.length, place.get(b) ?? watchlist.length];
    return pa !== pb ? pa - pb : a < b ? -1 : a > b ? 1 : 0;
  };
}

/** `tickers`, each once, in the watchlist's order. */
export function inWatchlistOrder(tickers: Iterable<string>, watchlist: readonly string[]): string[] {
  return [...new Set(tickers)].sort(byWatchlist(watchlist));
}
