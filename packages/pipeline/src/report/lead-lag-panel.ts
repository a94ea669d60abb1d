import { DEFAULT_ANALYSIS_OPTIONS } from '../analysis/analysis-hour.ts';
import type { SavedLeadLag, TickerAnalysis } from '../analysis/analyze-run.ts';
import { strongestLag, VERDICT_WORDS } from '../analysis/verdict-words.ts';
import { largest } from '../extremes.ts';
import { escapeHtml } from '../format/escape-html.ts';

const WIDTH = 360;
const HEIGHT = 150;
const PAD = { left: 40, right: 8, top: 10, bottom: 22 };

/**
 * The lead–lag panel of one ticker: its verdict in words with the figures behind it, the correlogram r(k) with its
 * 95% whiskers (a filled dot where the test survives the run's correction), and the mean cumulative abnormal
 * return after post-volume spikes by polarity. It draws what `analyze --json` printed and saved; it computes
 * nothing. Without a saved analysis it says which command makes one.
 */
export function leadLagPanel(saved: SavedLeadLag | undefined): string {
  const { alpha, minHours, fullPowerHours } = DEFAULT_ANALYSIS_OPTIONS;
  if (!saved)
    return `<div class="lead-lag"><h3>Does sentiment lead the price?</h3><p class="note">Not analysed yet: <code>stockpipe analyze --save</code> answers it (the stack does daily).</p></div>`;
  const { analysis: t } = saved;
  const lag = strongestLag(t);
  const range = `${saved.from.toISOString().slice(0, 10)} – ${saved.to.toISOString().slice(0, 10)}`;
  const figures =
    t.verdict === 'too_few_hours'
      ? `${t.hours} aligned hours; at least ${minHours} are needed.`
      : `${t.hours} aligned hours${t.underpowered ? ` (under ${fullPowerHours}: underpowered)` : ''}; ${saved.comparisons} tests corrected together (Benjamini–Hochberg, q ≤ ${alpha})${
          lag
            ? `; strongest: r(${lag.lag > 0 ? '+' : ''}${lag.lag}) = ${lag.r?.toFixed(2)} [${lag.lo?.toFixed(2)}, ${lag.hi?.toFixed(2)}], q = ${lag.q?.toFixed(3)}`
            : ''
        }.`;
  return `<div class="lead-lag">
  <h3>Does sentiment lead the price? <span class="verdict ${escapeHtml(t.verdict)}">${escapeHtml(t.verdict.replaceAll('_', ' '))}</span></h3>
  <p>${escapeHtml(VERDICT_WORDS[t.verdict])}. ${escapeHtml(figures)} <span class="note">${escapeHtml(range)}, hourly returns within NYSE sessions; Granger is not causation.</span></p>
  ${t.crossCorrelation.length > 0 ? correlogram(t, alpha) : ''}${t.events && t.events.count > 0 ? eventCurves(t) : ''}
</div>`;
}

function correlogram(t: TickerAnalysis, alpha: number): string {
  const lags = t.crossCorrelation.map((c) => c.lag);
  const max = Math.max(0.1, ...t.crossCorrelation.flatMap((c) => [Math.abs(c.lo ?? 0), Math.abs(c.hi ?? 0)]));
  const x = (lag: number) =>
    PAD.left +
    ((lag - (lags[0] ?? 0)) / Math.max(1, (lags.at(-1) ?? 0) - (lags[0] ?? 0))) *
      (WIDTH - PAD.left - PAD.right);
  const y = (r: number) => PAD.top + ((max - r) / (2 * max)) * (HEIGHT - PAD.top - PAD.bottom);
  const marks = t.crossCorrelation
    .filter((c) => c.r !== null)
    .map((c) => {
      const significant = c.q !== null && c.q <= alpha;
      return `<line x1="${x(c.lag)}" x2="${x(c.lag)}" y1="${y(c.lo ?? 0)}" y2="${y(c.hi ?? 0)}" class="whisker"/><circle cx="${x(c.lag)}" cy="${y(c.r as number)}" r="3.5" class="${significant ? 'significant' : 'plain'}"><title>r(${c.lag}) = ${c.r?.toFixed(3)} [${c.lo?.toFixed(3)}, ${c.hi?.toFixed(3)}], ${c.n} pairs, q = ${c.q?.toFixed(3)}</title></circle>`;
    })
    .join('');
  const ticks = lags
    .map((lag) => `<text x="${x(lag)}" y="${HEIGHT - 6}" class="tick">${lag > 0 ? '+' : ''}${lag}</text>`)
    .join('');
  return `<figure><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" class="correlogram" role="img" aria-label="cross-correlation of sentiment and later returns by lag">
  <line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(0)}" y2="${y(0)}" class="axis"/>
  <text x="2" y="${y(max) + 4}" class="ytick">${max.toFixed(2)}</text><text x="2" y="${y(0) + 4}" class="ytick">0</text><text x="2" y="${y(-max) + 4}" class="ytick">${(-max).toFixed(2)}</text>
  ${marks}${ticks}</svg><figcaption>r(k): sentiment at t and the return k traded hours later (k &gt; 0: sentiment first), with 95% Newey–West intervals; filled where q ≤ ${alpha}.</figcaption></figure>`;
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

function eventCurves(t: TickerAnalysis): string {
  const events = t.events;
  if (!events) return '';
  const series = (['positive', 'negative', 'neutral'] as const)
    .map((polarity) => ({ polarity, ...events.polarity[polarity] }))
    .filter((s) => s.n > 0);
  const values = series.flatMap((s) => [...s.car, ...s.lo, ...s.hi]).filter((v): v is number => v !== null);
  const max = Math.max(0.001, largest(values.map(Math.abs)));
  const horizon = Math.max(largest(series.map((s) => s.car.length)), 1);
  const x = (h: number) => PAD.left + ((h - 1) / Math.max(1, horizon - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((max - v) / (2 * max)) * (HEIGHT - PAD.top - PAD.bottom);
  const lines = series
    .map((s) => {
      const points = s.car.map((v, i) => (v === null ? null : `${x(i + 1)},${y(v)}`)).filter(Boolean);
      return `<polyline points="${points.join(' ')}" class="car ${s.polarity}"><title>${s.polarity}: ${s.n} events</title></polyline>`;
    })
    .join('');
  const ticks = Array.from(
    { length: horizon },
    (_, i) => `<text x="${x(i + 1)}" y="${HEIGHT - 6}" class="tick">${i + 1}h</text>`,
  ).join('');
  const legend = series.map((s) => `${s.polarity} ${s.n}`).join(', ');
  return `<figure><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" class="events" role="img" aria-label="cumulative abnormal return after post-volume spikes">
  <line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(0)}" y2="${y(0)}" class="axis"/>
  <text x="2" y="${y(max) + 4}" class="ytick">${percent(max)}</text><text x="2" y="${y(0) + 4}" class="ytick">0</text><text x="2" y="${y(-max) + 4}" class="ytick">${percent(-max)}</text>${lines}${ticks}</svg>
  <figcaption>Mean cumulative abnormal return 1–${horizon} traded hours after a post-volume spike, by the spike hour's sentiment (${escapeHtml(legend)} events).</figcaption></figure>`;
}
