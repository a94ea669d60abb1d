import { randomUUID } from 'node:crypto';
import { hourKey } from '../time/hours.ts';

/** `2026-11-28T16-1a2b3c4d`: an hourly run's id, sortable by hour, unique per run. */
export function hourRunId(hourStart: Date): string {
  return `${hourKey(hourStart)}-${shortId()}`;
}

/** `backfill-1a2b3c4d`: a command's run id, naming the command in the ledger and the logs. */
export function commandRunId(command: string): string {
  return `${command}-${shortId()}`;
}

const shortId = () => randomUUID().slice(0, 8);
