import { pino } from 'pino';

/** A logger that keeps its events, to check what a run says about each ticker. */
export function recordingLogger() {
  const events: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => events.push(JSON.parse(line)) });
  return { logger, events };
}
