import { count } from '../format/count.ts';
import type { RunNotice } from '../ports.ts';
import type { RunReport, TickerOutcome } from '../run-report.ts';
import { hourKey, hourLabel } from '../time/hours.ts';
import { budgetLines } from './budget-notice.ts';

/** SNS caps a subject at 100 printable ASCII characters. */
const SUBJECT_LIMIT = 100;

/** The run's one message: status, hour, a line per ticker, failures with their reasons, duration. */
export function composeNotice(report: RunReport): RunNotice {
  const loaded = report.tickers.filter((t) => t.status === 'loaded').length;
  const hour = hourKey(report.hourStart);
  const healed = report.healed.filter((t) => t.status === 'loaded').length;
  const subject =
    `stockpipe ${report.status}: ${hour}:00Z, ${loaded}/${report.tickers.length} tickers loaded` +
    (healed > 0 ? `, ${healed} earlier healed` : '');
  const message = [
    `stockpipe run ${report.runId} ${report.status}`,
    `hour: ${report.hourStart.toISOString()} (UTC, one hour)`,
    `duration: ${(report.durationMs / 1000).toFixed(2)} s`,
    ...(report.logLocation ? [`logs: ${report.logLocation}`] : []),
    ...budgetLines(report),
    '',
    ...report.tickers.map(tickerLine),
    ...(report.healed.length > 0
      ? [
          '',
          `caught up ${report.healed.length} earlier ticker-hours (failed or missing before):`,
          ...report.healed.map(healedLine),
        ]
      : []),
  ].join('\n');
  return { status: report.status, subject: asciiSubject(subject), message };
}

function tickerLine(outcome: TickerOutcome): string {
  const ticker = outcome.ticker.padEnd(6);
  if (outcome.status === 'failed') return `${ticker} FAILED at ${outcome.stage}: ${outcome.reason}`;
  const row = outcome.row;
  const sentiment =
    row.sentimentScore === null
      ? 'no scored posts'
      : `sentiment ${signed(row.sentimentScore)} ${row.sentimentLabel}`;
  const price = row.marketClosed || row.close === null ? 'market closed' : `close ${row.close.toFixed(2)}`;
  return `${ticker} ${count(row.postCount, 'post')}, ${sentiment}, ${price}`;
}

function healedLine(outcome: TickerOutcome): string {
  const at = `${hourLabel(outcome.hourStart)}`;
  return outcome.status === 'loaded'
    ? `${outcome.ticker.padEnd(6)} ${at} loaded`
    : `${outcome.ticker.padEnd(6)} ${at} FAILED at ${outcome.stage}: ${outcome.reason}`;
}

function signed(score: number): string {
  return `${score >= 0 ? '+' : ''}${score.toFixed(3)}`;
}

function asciiSubject(subject: string): string {
  const ascii = subject.replace(/[^\x20-\x7E]/g, '?');
  return ascii.length <= SUBJECT_LIMIT ? ascii : `${ascii.slice(0, SUBJECT_LIMIT - 3)}...`;
}
