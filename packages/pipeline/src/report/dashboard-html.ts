import { count } from '../format/count.ts';
import { escapeHtml } from '../format/escape-html.ts';
import { NEUTRAL_BAND } from '../stages/score-label.ts';
import type { ChartAssets } from './chart-assets.ts';
import type { DashboardModel, TickerPanel, TopPostRow } from './dashboard-data.ts';
import { RANGE_NAMES, RANGES, type RangeName, topPostLimits } from './dashboard-range.ts';

// JSON inside <script>: `<` escaped so no text can close the element.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const number = (value: number | null, digits: number, signed = false) =>
  value === null ? '–' : `${signed && value > 0 ? '+' : ''}${value.toFixed(digits)}`;
const utc = (iso: string) => iso.slice(0, 16).replace('T', ' ');

// Past this many tickers the post tables start folded, so a long page lays out quickly.
const OPEN_POSTS_UP_TO = 20;

export interface RenderOptions {
  /** Served by `stockpipe serve`: the range chooser links to `?range=…`; in a file it names the flag instead. */
  served?: boolean;
  /** More of each ticker's panel, after its own (the lead–lag analysis, say): HTML, its text escaped. */
  blocks?: readonly ((panel: TickerPanel) => string)[];
}

/** One self-contained HTML page: styles, uPlot and the data inlined; it opens from disk with no network. */
export function renderDashboard(
  model: DashboardModel,
  assets: ChartAssets,
  options: RenderOptions = {},
): string {
  const period = model.from ? `${utc(model.from)} – ${utc(model.to)} UTC` : '';
  const body =
    model.panels.length === 0
      ? `<p class="empty">No rows in the warehouse for ${escapeHtml(period)}. Run <code>pnpm demo</code> or <code>stockpipe run</code>, then build the dashboard again.</p>`
      : model.panels.map((panel, index) => panelHtml(model, panel, index, options.blocks ?? [])).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stockpipe · price and sentiment</title>
<style>${assets.style}</style>
<style>${assets.pageStyle}</style>
</head>
<body${options.served ? ' data-served="true"' : ''}>
<header>
  <h1>stockpipe</h1>
  ${sourceHtml(model)}
  ${rangesHtml(model, options.served ?? false)}
  <p>${escapeHtml(period)} · built ${escapeHtml(utc(model.generatedAt))} UTC</p>
  ${readingHtml(model)}
</header>
<main>
${body}
</main>
<script>${assets.script}</script>
<script type="application/json" id="data">${scriptJson(pageData(model))}</script>
<script>${assets.pageScript}</script>
</body>
</html>
`;
}

/**
 * What dashboard-page.js draws from: the frame and each panel's series. The rest of the model (latest figures,
 * top posts) is in the HTML already, and is not sent twice.
 */
function pageData(model: DashboardModel) {
  const { from, hourCount, view, hourly, band, grid } = model;
  const panels = model.panels.map(({ close, hours, days, ledger, ledgerNotes }) => ({
    close,
    hours,
    days,
    ledger,
    ledgerNotes,
  }));
  return { from, hourCount, view, hourly, band, grid, panels };
}

/** Says when rows shown are the sample's made-up posts and prices: each row records its source. */
function sourceHtml(model: DashboardModel): string {
  const { sample, live, unknown } = model.sources;
  if (sample === 0) return '';
  const which =
    live + unknown === 0 ? 'every row shown' : `${sample} of the ${sample + live + unknown} rows shown`;
  return `<p class="sample"><strong>Sample data</strong>: made-up posts and prices from stockpipe's sample sources, not X or Yahoo (${which}, as the rows record).</p>`;
}

const RANGE_WORDS: Record<RangeName, string> = { '24h': '24 h', week: 'week', month: 'month', all: 'all' };

/** The range chooser: links where the page is served; in a file, the flag that builds each range. */
function rangesHtml(model: DashboardModel, served: boolean): string {
  const items = RANGE_NAMES.map((name) => {
    const current = name === model.range ? ' aria-current="page"' : '';
    const hours = RANGES[name];
    const title = hours === null ? 'everything the warehouse holds' : `the last ${hours} hours`;
    return served
      ? `<a href="?range=${name}"${current} title="${title}">${RANGE_WORDS[name]}</a>`
      : `<span${current} title="${title}: stockpipe dashboard --range ${name}">${RANGE_WORDS[name]}</span>`;
  }).join('');
  const custom =
    model.range === null ? `<span aria-current="true">${count(model.hourCount, 'hour')}</span>` : '';
  const how = served
    ? ''
    : '<span class="how">choose with <code>stockpipe dashboard --range 24h|week|month|all</code></span>';
  return `<nav class="ranges" aria-label="range">${custom}${items}${how}</nav>`;
}

/** How to read the charts: what each band is, and what the sentiment is a mean of. */
function readingHtml(model: DashboardModel): string {
  const key = `<p class="key"><span class="swatch close"></span>close <span class="swatch positive"></span>positive <span class="swatch negative"></span>negative <span class="swatch weak"></span>within ±${NEUTRAL_BAND}, neutral <span class="swatch band"></span>neutral band <span class="swatch posts"></span>posts <span class="swatch closed"></span>market closed <span class="swatch missing"></span>not loaded <span class="dot"></span>no posts</p>`;
  if (model.view === 'hours')
    return `<p>Each hour's close against the engagement-weighted sentiment of its popular posts (each post weighs 1 + ln(1 + likes + 2·reposts + 2·quotes + replies)), and how many posts there were. Drag across a chart to zoom, double-click to zoom out.</p>${key}`;
  return `<p>Traded hours side by side: nights, weekends and holidays are left out, so the close is one line, and a rule marks each session, named by its date. <strong>Sentiment per day</strong>: the engagement-weighted mean of the day's scored posts, each weighing 1 + ln(1 + likes + 2·reposts + 2·quotes + replies) as in its hour, over the session's UTC day; weekends and holidays count toward the next session. Grey bars: posts a day (a day holding a weekend divided by its three days). Drag across a chart to zoom into hours, double-click to zoom out, click a day for its hours${model.hourly ? '' : ' (this long a page keeps days only: the click says how to see them)'}.</p>${key}`;
}

function panelHtml(
  model: DashboardModel,
  panel: TickerPanel,
  index: number,
  blocks: readonly ((panel: TickerPanel) => string)[],
): string {
  const latest = panel.latest;
  const mix = (Object.entries(panel.labelMix) as [string, number][])
    .filter(([, n]) => n > 0)
    .map(
      ([label, n]) =>
        `<span class="mix ${label.toLowerCase()}" style="flex:${n}" title="${label}: ${n}">${label.toLowerCase()} ${n}</span>`,
    )
    .join('');
  const ticker = escapeHtml(panel.ticker);
  return `<section class="panel" data-ticker="${ticker}" data-index="${index}">
  <h2>${ticker}</h2>
  <dl class="latest">${
    latest
      ? `<div><dt>latest hour</dt><dd>${latest.hour.replace('T', ' ')}:00${latest.marketClosed ? ' · market closed' : ''}</dd></div>
    ${closeHtml(latest)}
    <div><dt>change</dt><dd>${latest.changePct === null ? '–' : `${number(latest.changePct, 2, true)} %`}</dd></div>
    <div><dt>sentiment</dt><dd>${number(latest.sentiment, 3, true)} ${latest.label ? latest.label.toLowerCase() : ''}</dd></div>
    <div><dt>posts</dt><dd>${latest.posts}</dd></div>`
      : '<div><dt>latest hour</dt><dd>no rows in this period</dd></div>'
  }
    <div><dt>period</dt><dd>${count(panel.totals.posts, 'post')}, ${panel.totals.scored} scored, ${count(panel.totals.hoursLoaded, 'hour')} loaded</dd></div>
  </dl>
  <div class="chart" id="chart-${ticker}"></div>
  <div class="ledger" aria-label="ledger of ${model.view === 'hours' ? 'hours' : 'days'}"></div>
  <div class="day-detail" hidden></div>
  <div class="mixbar">${mix || '<span class="mix none">no scored posts</span>'}</div>
  ${postsHtml(model, panel)}${blocks.map((block) => block(panel)).join('\n')}
</section>`;
}

/** The most engaged posts: by engagement for a day or two; grouped by day, newest first, for longer periods. */
function postsHtml(model: DashboardModel, panel: TickerPanel): string {
  const open = model.panels.length <= OPEN_POSTS_UP_TO && panel.topPosts.length > 0 ? ' open' : '';
  if (panel.topPosts.length === 0)
    return `<details><summary>Most engaged posts</summary><p class="empty">No posts kept for this period.</p></details>`;
  const byDay = model.view === 'sessions';
  const row = (p: TopPostRow) =>
    `<tr><td>${byDay ? p.hour.slice(11) : p.hour.replace('T', ' ')}:00</td><td class="text">${escapeHtml(p.text)}</td><td class="num">${p.likes}</td><td class="num">${p.reposts}</td><td class="${(p.label ?? 'none').toLowerCase()}">${number(p.score, 2, true)} ${p.label ? p.label.toLowerCase() : 'unscored'}</td></tr>`;
  const head = `<thead><tr><th>${byDay ? 'hour' : 'hour (UTC)'}</th><th>post</th><th>likes</th><th>reposts</th><th title="the post's score, Positive − Negative in [−1, 1], and its label by the same ±${NEUTRAL_BAND} band as the hour's">sentiment (score, label by ±${NEUTRAL_BAND})</th></tr></thead>`;
  if (!byDay)
    return `<details${open}><summary>Most engaged posts</summary><table>${head}<tbody>${panel.topPosts.map(row).join('\n')}</tbody></table></details>`;
  const days = Map.groupBy(panel.topPosts, (p) => p.hour.slice(0, 10));
  const groups = [...days]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(
      ([day, posts]) =>
        `<tbody><tr class="day"><th colspan="5">${weekday(day)} ${day} (UTC)</th></tr>${posts.map(row).join('\n')}</tbody>`,
    )
    .join('');
  return `<details${open}><summary>Most engaged posts, at most ${topPostLimits('sessions').perDay} a day, by day</summary><table>${head}${groups}</table></details>`;
}

const weekday = (day: string) =>
  ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${day}T00:00Z`).getUTCDay()];

/** The latest hour's close; when the market was closed, the last close before it and when that was. */
function closeHtml(latest: NonNullable<TickerPanel['latest']>): string {
  const last = latest.lastClose;
  if (last === null) return '<div><dt>last close</dt><dd>none recent</dd></div>';
  if (last.hour === latest.hour) return `<div><dt>close</dt><dd>${number(last.close, 2)}</dd></div>`;
  return `<div><dt>last close</dt><dd>${number(last.close, 2)} <span class="at">at ${last.hour.replace('T', ' ')}:00 UTC</span></dd></div>`;
}
