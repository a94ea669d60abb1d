import { count } from '../format/count.ts';
import { GIVE_UP_AFTER } from '../run/catch-up-plan.ts';
import { NEUTRAL_BAND } from '../stages/score-label.ts';
import type { ChartAssets } from './chart-assets.ts';
import type { DashboardModel, TickerPanel } from './dashboard-data.ts';

/** Text for HTML: the posts are strangers' words and must never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// JSON inside <script>: `<` escaped so no text can close the element.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const number = (value: number | null, digits: number, signed = false) =>
  value === null ? '–' : `${signed && value > 0 ? '+' : ''}${value.toFixed(digits)}`;

/** One self-contained HTML page: styles, uPlot and the data inlined; it opens from disk with no network. */
export function renderDashboard(model: DashboardModel, assets: ChartAssets): string {
  const period = model.from
    ? `${model.from.slice(0, 16).replace('T', ' ')} – ${model.to.slice(0, 16).replace('T', ' ')} UTC`
    : '';
  const body =
    model.panels.length === 0
      ? `<p class="empty">No rows in the warehouse for ${escapeHtml(period)}. Run <code>pnpm demo</code> or <code>stockpipe run</code>, then build the dashboard again.</p>`
      : model.panels.map(panelHtml).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stockpipe · price and sentiment</title>
<style>${assets.style}</style>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
  <h1>stockpipe</h1>
  <p>Hourly close against the engagement-weighted sentiment of popular posts · ${escapeHtml(period)} · built ${escapeHtml(model.generatedAt.slice(0, 16).replace('T', ' '))} UTC</p>
  <p class="key"><span class="swatch close"></span>close <span class="swatch positive"></span>positive sentiment <span class="swatch negative"></span>negative sentiment <span class="swatch closed"></span>market closed <span class="swatch missing"></span>not loaded <span class="dot"></span>no posts</p>
</header>
<main>
${body}
</main>
<script>${assets.script}</script>
<script type="application/json" id="data">${scriptJson(model)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}

function panelHtml(panel: TickerPanel): string {
  const latest = panel.latest;
  const mix = (Object.entries(panel.labelMix) as [string, number][])
    .filter(([, n]) => n > 0)
    .map(
      ([label, n]) =>
        `<span class="mix ${label.toLowerCase()}" style="flex:${n}" title="${label}: ${n}">${label.toLowerCase()} ${n}</span>`,
    )
    .join('');
  const posts = panel.topPosts
    .map(
      (p) =>
        `<tr><td>${p.hour.replace('T', ' ')}:00</td><td class="text">${escapeHtml(p.text)}</td><td>${p.likes}</td><td>${p.reposts}</td><td class="${(p.label ?? 'none').toLowerCase()}">${p.label ? p.label.toLowerCase() : 'unscored'} ${number(p.score, 2, true)}</td></tr>`,
    )
    .join('\n');
  return `<section class="panel" data-ticker="${escapeHtml(panel.ticker)}">
  <h2>${escapeHtml(panel.ticker)}</h2>
  <dl class="latest">${
    latest
      ? `<div><dt>latest hour</dt><dd>${latest.hour.replace('T', ' ')}:00${latest.marketClosed ? ' · market closed' : ''}</dd></div>
    ${closeHtml(latest)}
    <div><dt>change</dt><dd>${latest.changePct === null ? '–' : `${number(latest.changePct, 2, true)} %`}</dd></div>
    <div><dt>sentiment</dt><dd>${number(latest.sentiment, 3, true)} ${latest.label ? latest.label.toLowerCase() : ''}</dd></div>
    <div><dt>posts</dt><dd>${latest.posts}</dd></div>`
      : '<div><dt>latest hour</dt><dd>no rows in this period</dd></div>'
  }
    <div><dt>period</dt><dd>${panel.totals.posts} posts, ${panel.totals.scored} scored, ${count(panel.totals.hoursLoaded, 'hour')} loaded</dd></div>
  </dl>
  <div class="chart" id="chart-${escapeHtml(panel.ticker)}"></div>
  ${ledgerStrip(panel)}
  <div class="mixbar">${mix || '<span class="mix none">no scored posts</span>'}</div>
  <details${posts ? ' open' : ''}><summary>Most engaged posts</summary>
  ${posts ? `<table><thead><tr><th>hour (UTC)</th><th>post</th><th>likes</th><th>reposts</th><th title="the post's score, Positive − Negative in [−1, 1], and its label by the same ±${NEUTRAL_BAND} band as the hour's">sentiment (score, label by ±${NEUTRAL_BAND})</th></tr></thead><tbody>${posts}</tbody></table>` : '<p class="empty">No posts kept for this period.</p>'}
  </details>
</section>`;
}

/** The latest hour's close; when the market was closed, the last close before it and when that was. */
function closeHtml(latest: NonNullable<TickerPanel['latest']>): string {
  const last = latest.lastClose;
  if (last === null) return '<div><dt>last close</dt><dd>none recent</dd></div>';
  if (last.hour === latest.hour) return `<div><dt>close</dt><dd>${number(last.close, 2)}</dd></div>`;
  return `<div><dt>last close</dt><dd>${number(last.close, 2)} <span class="at">at ${last.hour.replace('T', ' ')}:00 UTC</span></dd></div>`;
}

const LEDGER_WORDS = {
  loaded: 'loaded',
  closed: 'loaded, market closed',
  failed: 'failed',
  gave_up: `gave up after ${GIVE_UP_AFTER} failures`,
  missing: 'missing',
  unscheduled: 'not on the schedule',
} as const;

/** The ledger's hours as a strip of cells, as `stockpipe status` shows them; each cell says its hour and state. */
function ledgerStrip(panel: TickerPanel): string {
  const cells = panel.ledger
    .map((state, i) => {
      const hour = new Date((panel.times[i] ?? 0) * 1000).toISOString().slice(0, 13).replace('T', ' ');
      return `<span class="cell ${state}" title="${hour}:00 UTC: ${LEDGER_WORDS[state]}"></span>`;
    })
    .join('');
  return `<div class="ledger" aria-label="ledger of hours">${cells}</div>`;
}

const PAGE_STYLE = `
.ledger { display: flex; gap: 1px; margin: 4px 0 0; } .cell { flex: 1; height: 8px; border-radius: 1px; }
.cell.loaded { background: #2da44e; } .cell.closed { background: #8c959f; } .cell.failed { background: #cf222e; }
.cell.gave_up { background: #82071e; } .cell.missing { background: #eaeef2; } .cell.unscheduled { background: none; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
header { padding: 16px 24px; background: #fff; border-bottom: 1px solid #d0d7de; }
h1 { margin: 0 0 4px; font-size: 20px; } h2 { margin: 0 0 8px; font-size: 18px; }
header p { margin: 2px 0; color: #57606a; }
main { padding: 16px 24px; display: grid; gap: 16px; }
.panel { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 16px; }
.latest { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 0 0 8px; }
.latest dt { font-size: 11px; text-transform: uppercase; color: #57606a; } .latest dd { margin: 0; font-weight: 600; }
.latest .at { font-weight: 400; color: #57606a; }
.chart { min-height: 260px; }
.mixbar { display: flex; height: 18px; margin: 8px 0; font-size: 11px; border-radius: 3px; overflow: hidden; }
.mix { color: #fff; padding: 0 4px; white-space: nowrap; overflow: hidden; }
.mix.positive { background: #2da44e; } .mix.negative { background: #cf222e; } .mix.neutral { background: #8c959f; }
.mix.mixed { background: #bf8700; } .mix.none { background: #eaeef2; color: #57606a; flex: 1; }
table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { text-align: left; padding: 4px 6px; border-top: 1px solid #eaeef2; vertical-align: top; }
td.text { max-width: 60ch; } td.positive { color: #1a7f37; } td.negative { color: #cf222e; }
.empty { color: #57606a; }
.key { font-size: 12px; } .swatch { display: inline-block; width: 12px; height: 10px; margin: 0 4px 0 10px; vertical-align: middle; }
.swatch.close { background: #0969da; height: 3px; } .swatch.positive { background: #2da44e; } .swatch.negative { background: #cf222e; }
.swatch.closed { background: #eaeef2; border: 1px solid #d0d7de; } .swatch.missing { background: #fff1e5; border: 1px solid #ffd8b5; }
.dot { display: inline-block; width: 6px; height: 6px; border-radius: 3px; background: #8c959f; margin: 0 4px 0 10px; }
`;

// Runs in the browser: one uPlot per ticker. Hours with no value stay gaps; closed and missing hours are shaded.
const CHART_SCRIPT = `
(function () {
  var model = JSON.parse(document.getElementById('data').textContent);
  var HOUR = 3600;
  // Axis labels in UTC, 24-hour: the date where a day begins, the time elsewhere.
  function utcLabel(ts) {
    var iso = new Date(ts * 1000).toISOString();
    return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
  }
  function shade(u, panel) {
    var ctx = u.ctx, top = u.bbox.top, height = u.bbox.height;
    panel.times.forEach(function (t, i) {
      var state = panel.state[i];
      if (state === 'traded') return;
      var x0 = u.valToPos(t, 'x', true), x1 = u.valToPos(t + HOUR, 'x', true);
      ctx.fillStyle = state === 'closed' ? 'rgba(234,238,242,0.9)' : 'rgba(255,241,229,0.9)';
      ctx.fillRect(x0, top, x1 - x0, height);
    });
  }
  model.panels.forEach(function (panel) {
    var el = document.getElementById('chart-' + panel.ticker);
    var positive = panel.sentiment.map(function (s) { return s !== null && s > 0 ? s : null; });
    var negative = panel.sentiment.map(function (s) { return s !== null && s < 0 ? s : null; });
    var noPosts = panel.posts.map(function (n) { return n === 0 ? 0 : null; });
    var bars = uPlot.paths.bars({ size: [0.7, 40], align: 1 });
    var axes = [{ values: function (u, splits) { return splits.map(utcLabel); } }];
    var series = [{}];
    var data = [panel.times];
    // No traded hour, no price axis: an empty 0–1 scale would read as a price.
    if (panel.hasPrices) {
      axes.push({ scale: 'price', label: 'close', size: 60 });
      series.push({ label: 'close', scale: 'price', stroke: '#0969da', width: 2, spanGaps: false, points: { size: 4 } });
      data.push(panel.close);
    }
    axes.push({ scale: 'sentiment', side: 1, label: 'sentiment', grid: { show: false } });
    series.push(
      { label: 'positive', scale: 'sentiment', fill: 'rgba(45,164,78,0.55)', stroke: '#2da44e', paths: bars, points: { show: false } },
      { label: 'negative', scale: 'sentiment', fill: 'rgba(207,34,46,0.55)', stroke: '#cf222e', paths: bars, points: { show: false } },
      { label: 'no posts', scale: 'sentiment', stroke: '#8c959f', paths: function () { return null; }, points: { show: true, size: 6, fill: '#8c959f' } }
    );
    data.push(positive, negative, noPosts);
    new uPlot({
      width: Math.max(320, el.clientWidth),
      height: 260,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      legend: { show: true },
      scales: {
        x: { time: true, range: function (u, min, max) { return [min, max + HOUR]; } },
        sentiment: { range: [-1, 1] }
      },
      axes: axes,
      series: series,
      hooks: { drawClear: [function (u) { shade(u, panel); }] }
    }, data, el);
  });
})();
`;
