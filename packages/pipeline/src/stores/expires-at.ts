import { DAY_MS } from '../time/hours.ts';

/**
 * The epoch second at which a post document written at `writtenAt` expires: DynamoDB's TTL attribute. Counted from
 * the write, as S3 counts a raw body's age, so a document outlives the body it was read from.
 */
export function expiresAt(writtenAt: Date, days: number): number {
  return Math.floor((writtenAt.getTime() + days * DAY_MS) / 1000);
}
