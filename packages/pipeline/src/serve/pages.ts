import { type Config, isScheduledHour } from '@stockpipe/shared';
import { escapeHtml } from '../format/escape-html.ts';
import type { WarehouseReader } from '../ports.ts';
import { closedDaysNote } from '../report/closed-days-note.ts';
import { periodFromQuery, periodHours, rangeOf } from '../report/dashboard-range.ts';
import { dashboardHtml, firstRecordedHour } from '../report/write-dashboard.ts';
import { hoursBetween, renderStatus, statusCells } from '../status/grid.ts';
import { tickersToShow } from '../status/tickers-to-show.ts';
import { HOUR_MS, lastCompleteHour } from '../time/hours.ts';
import type { BeyondCatchUp } from './hourly-job.ts';

// The served dashboard asks /healthz now and then, and reloads when a run has finished since it was drawn.
const RELOAD_AFTER_RUNS = `<script>(() => {
  let seen;
  const look = () => fetch('/healthz').then((r) => r.json()).then((h) => {
    const at = h.lastRun && h.lastRun.finishedAt;
    if (seen !== undefined && at !== seen) location.reload();
    seen = at;
  }).catch(() => {});
  look();
  setInterval(look, 30000);
})();</script>`;

/**
 * The dashboard of the period a query asks for (`?range=week`, `?hours=72&until=…`, as the flags do), with the
 * range chooser as links: it reloads itself after each run.
 */
export async function dashboardPage(
  warehouse: WarehouseReader,
  query: URLSearchParams,
  now: Date,
): Promise<string> {
  const choice = periodFromQuery(query);
  const first = choice.range === 'all' ? await firstRecordedHour(warehouse, undefined) : null;
  const html = await dashboardHtml(warehouse, {
    hours: periodHours(choice, now, first),
    range: rangeOf(choice),
    served: true,
    now,
  });
  return html.replace('</body>', `${RELOAD_AFTER_RUNS}</body>`);
}

/** The status grid of the last `hours` hours, as `stockpipe status` prints it, and the gap catch-up will not heal. */
export async function statusPage(
  warehouse: WarehouseReader,
  config: Pick<Config, 'watchlist' | 'schedule'>,
  hours: number,
  now: Date,
  beyond: BeyondCatchUp | null,
): Promise<string> {
  const last = lastCompleteHour(now);
  const from = new Date(last.getTime() - (hours - 1) * HOUR_MS);
  const end = new Date(last.getTime() + HOUR_MS);
  const tickers = await tickersToShow(undefined, config.watchlist, warehouse, { from, to: end });
  const range = hoursBetween(from, last);
  const cells = statusCells(tickers, range, await warehouse.ledger(tickers, from, end), (hour) =>
    isScheduledHour(hour, config.schedule),
  );
  const gap = beyond
    ? `<p class="beyond">Hours from ${beyond.from.toISOString()} to ${beyond.to.toISOString()} were not run and are beyond catch-up. To load them: <code>${escapeHtml(beyond.command)}</code></p>`
    : '';
  const closedDays = closedDaysNote(range);
  const closed = closedDays ? `<p>${escapeHtml(closedDays)}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stockpipe status</title>
<meta http-equiv="refresh" content="60">
<style>body{font:14px system-ui,sans-serif;margin:1.5rem}pre{font:13px ui-monospace,monospace;line-height:1.3}
.beyond{background:#fff3cd;padding:.5rem}</style></head><body>
<h1>stockpipe status</h1><p><a href="/">dashboard</a> · <a href="/healthz">health</a> · <a href="/metrics">metrics</a></p>
${gap}${closed}<pre>${escapeHtml(renderStatus(tickers, range, cells))}</pre></body></html>`;
}
