import { ConfigError } from '@stockpipe/shared';
import { HOUR_MS, hourLabel, parseHour } from './hours.ts';

/** Hours from `--from` to `--to`, both included, UTC. */
export interface HourRange {
  from: Date;
  to: Date;
}

/** Reads `--from`/`--to`: whole UTC hours that have ended, `--from` not after `--to`. A bad one exits 2. */
export function parseHourRange(fromText: string, toText: string, now: Date): HourRange {
  const from = parseHour(fromText, now, '--from');
  const to = parseHour(toText, now, '--to');
  if (from > to) {
    throw new ConfigError([
      `--from: ${hourLabel(from)} is after --to ${hourLabel(to)}; expected --from at or before --to`,
    ]);
  }
  return { from, to };
}

export function hourCount({ from, to }: HourRange): number {
  return (to.getTime() - from.getTime()) / HOUR_MS + 1;
}

/** The range in chunks of at most `size` consecutive hours, oldest first. */
export function* hourChunks(range: HourRange, size: number): Generator<Date[]> {
  for (let at = range.from.getTime(); at <= range.to.getTime(); at += size * HOUR_MS) {
    const chunk: Date[] = [];
    for (let h = at; h < at + size * HOUR_MS && h <= range.to.getTime(); h += HOUR_MS)
      chunk.push(new Date(h));
    yield chunk;
  }
}
