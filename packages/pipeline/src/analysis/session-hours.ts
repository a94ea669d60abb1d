import { previousSession, type Session, sessionAtOrBefore } from '@stockpipe/shared';
import { HOUR_MS } from '../time/hours.ts';

/** A regular NYSE session and the UTC hours that trade in it. */
export interface SessionHours extends Session {
  /**
   * Starts (ms) of the UTC hours that overlap [open, close), in order. New York is a whole number of hours from
   * UTC, so the first is 9:00 New York time (it holds the 9:30 open) and the i-th is New York hour 9 + i.
   */
  hours: number[];
}

/** The sessions that trade at some instant of [from, to) (ms), oldest first: holidays and early closes as NYSE has them. */
export function sessionsBetween(from: number, to: number): SessionHours[] {
  const found: SessionHours[] = [];
  if (to <= from) return found;
  for (
    let session = sessionAtOrBefore(to - 1);
    session.close > from;
    session = previousSession(session.day)
  ) {
    found.push(withHours(session));
  }
  return found.reverse();
}

/** The session before `session`'s day, with its hours: whose last close an opening gap starts from. */
export function sessionBefore(session: Session): SessionHours {
  return withHours(previousSession(session.day));
}

function withHours(session: Session): SessionHours {
  const hours: number[] = [];
  for (let at = Math.floor(session.open / HOUR_MS) * HOUR_MS; at < session.close; at += HOUR_MS)
    hours.push(at);
  return { ...session, hours };
}
