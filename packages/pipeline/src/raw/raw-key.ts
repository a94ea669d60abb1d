import { hourKey } from '../time/hours.ts';

/** The file a staged body is kept in, in its hour's folder. */
const BODY = 'response.json';
/** What compliance removed from that body and why, beside it (no ids, no text). */
const REDACTIONS = 'redactions.json';
/** A body that did not read, set aside beside where it would be staged, and why: the body's key stays empty. */
const SET_ASIDE = { body: 'rejected.json', reason: 'rejected.reason.txt' } as const;

/** `x/recent-search/ticker=AMZN/hour=2026-11-28T16/response.json`: same source, ticker and hour, same key. */
export function rawKey(prefix: string, ticker: string, hourStart: Date): string {
  return `${tickerFolder(prefix, ticker)}hour=${hourKey(hourStart)}/${BODY}`;
}

/** The redaction record's key beside the body at `bodyKey`. */
export function redactionKey(bodyKey: string): string {
  return `${bodyKey.slice(0, -BODY.length)}${REDACTIONS}`;
}

/** Where a body that did not read is set aside, beside the key `bodyKey` it would have been staged at. */
export function asideKeys(bodyKey: string): { body: string; reason: string } {
  const folder = bodyKey.slice(0, -BODY.length);
  return { body: `${folder}${SET_ASIDE.body}`, reason: `${folder}${SET_ASIDE.reason}` };
}

/** `x/recent-search/ticker=AMZN/`: where every staged hour of a ticker sits, sorted by hour. */
export function tickerFolder(prefix: string, ticker: string): string {
  return `${prefix}/ticker=${ticker}/`;
}

/** The files of an hour's folder: the body, and the redaction record compliance may have put beside it. */
export const RAW_FILES = { body: BODY, redactions: REDACTIONS } as const;

/** The hour (`2026-11-28T16`) and file of a key in an hour's folder, or null for any other key. */
export function hourOfKey(key: string): { hour: string; file: string } | null {
  const match = /\/hour=(\d{4}-\d\d-\d\dT\d\d)\/([^/]+)$/.exec(key);
  return match ? { hour: match[1] as string, file: match[2] as string } : null;
}
