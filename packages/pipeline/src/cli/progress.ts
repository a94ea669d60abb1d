import { SingleBar } from 'cli-progress';
import type { TickerOutcome } from '../run-report.ts';
import { hourKey } from '../time/hours.ts';

/** What a long command shows as it goes: a bar on a terminal, one JSON line per hour otherwise. */
export interface Progress {
  /** The ticker-hours of a batch are done, with how each ended. */
  advance(outcomes: readonly TickerOutcome[]): void;
  /** Ticker-hours passed over (nothing to do for them). */
  skip(count: number): void;
  /** Requests wait for X's window until then. */
  waiting(until: Date): void;
  /** What is left of X's window, shown beside the bar. */
  xLeft(remaining: number | undefined): void;
  stop(): void;
}

export function progress(options: {
  total: number;
  label: string;
  terminal: NodeJS.WriteStream | null;
  line: (json: string) => void;
  /** False when nothing is asked of X (sample data, a replay): the bar says nothing of X or its window. */
  usesX?: boolean;
}): Progress {
  return options.terminal
    ? terminalBar(options.total, options.label, options.terminal, options.usesX ?? true)
    : jsonLines(options);
}

function terminalBar(total: number, label: string, stream: NodeJS.WriteStream, usesX: boolean): Progress {
  const started = Date.now();
  let done = 0;
  const bar = new SingleBar({
    stream,
    format: `${label} {bar} {value}/{total} ticker-hours | {rate}/s | ETA {eta_formatted}${usesX ? ' | X {x}' : ''}`,
    hideCursor: true,
    etaBuffer: 50,
  });
  bar.start(total, 0, { rate: '0.0', x: 'window not known yet' });
  const rate = () => (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
  return {
    advance(outcomes) {
      done += outcomes.length;
      bar.update(done, { rate: rate() });
    },
    skip(count) {
      done += count;
      bar.update(done, { rate: rate() });
    },
    waiting(until) {
      bar.update(done, { x: `waiting for the window's reset at ${until.toISOString().slice(11, 19)}Z` });
    },
    xLeft(remaining) {
      if (!usesX) return;
      bar.update(done, {
        x: remaining === undefined ? 'window not known yet' : `${remaining} requests left`,
      });
    },
    stop: () => bar.stop(),
  };
}

function jsonLines({
  total,
  label,
  line,
}: {
  total: number;
  label: string;
  line: (json: string) => void;
}): Progress {
  let done = 0;
  return {
    advance(outcomes) {
      for (const [hour, ofHour] of Map.groupBy(outcomes, (o) => hourKey(o.hourStart))) {
        done += ofHour.length;
        const failed = ofHour.filter((o) => o.status === 'failed');
        line(
          JSON.stringify({
            stage: label,
            hour,
            tickers: ofHour.map((o) => o.ticker),
            loaded: ofHour.length - failed.length,
            failed: failed.map((o) => (o.status === 'failed' ? `${o.ticker}: ${o.stage}: ${o.reason}` : '')),
            done,
            total,
          }),
        );
      }
    },
    skip(count) {
      done += count;
    },
    waiting(until) {
      line(JSON.stringify({ stage: label, waitingForX: until.toISOString(), done, total }));
    },
    xLeft() {},
    stop() {},
  };
}
