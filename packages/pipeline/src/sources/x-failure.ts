import { X_RECENT_DAYS } from './x-reach.ts';

/** What an X API answer that is not a success means for the run, decided from the answer alone. */
export type XVerdict =
  | { kind: 'transient'; message: string }
  | { kind: 'rate_limited'; resetAt: Date; message: string }
  | { kind: 'fatal'; message: string };

export interface XAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text: X does not always send JSON (a 429 may be `text/plain`). */
  body: string;
}

/**
 * X's error answers, told apart: 401/403 are credentials; a 429 is either the 15-minute rate limit (wait for
 * `x-rate-limit-reset`) or the monthly usage cap (waiting will not help: its body says so, and
 * `x-rate-limit-remaining` is not 0); 5xx is worth a retry; a 400 about start_time means the hour is beyond
 * the `endpoint`'s X_RECENT_DAYS days (recent search's, recent counts').
 */
export function classifyXAnswer(
  answer: XAnswer,
  hourStart: Date,
  now: Date,
  endpoint = 'recent search',
): XVerdict {
  const { status, body } = answer;
  const detail = describeBody(body);
  if (status === 401 || status === 403) {
    return {
      kind: 'fatal',
      message: `X refused the credentials (${status}${detail ? `: ${detail}` : ''}); check X_BEARER_TOKEN or the secret X_BEARER_TOKEN_SECRET_ARN points at`,
    };
  }
  if (status === 429) {
    // Requests left in the window yet refused: the cap. Only a number says so (a proxy's 'zero' says nothing).
    const remaining = Number(header(answer, 'x-rate-limit-remaining'));
    const usageCapped = /usagecap|usage-capped|usage cap/i.test(body) || remaining > 0;
    if (usageCapped) {
      return {
        kind: 'fatal',
        message: `X usage cap reached, not the rate limit: waiting will not help until the cap resets${detail ? ` (${detail})` : ''}`,
      };
    }
    const reset = Number(header(answer, 'x-rate-limit-reset'));
    const resetAt =
      Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(now.getTime() + 15 * 60_000);
    return {
      kind: 'rate_limited',
      resetAt,
      message: `X rate limit reached; it resets at ${resetAt.toISOString()}`,
    };
  }
  if (status >= 500)
    return { kind: 'transient', message: `X answered ${status}${detail ? `: ${detail}` : ''}` };
  const daysAgo = (now.getTime() - hourStart.getTime()) / 86_400_000;
  if (status === 400 && /start_time/i.test(body) && daysAgo > X_RECENT_DAYS - 1) {
    return {
      kind: 'fatal',
      message: `X ${endpoint} reaches back ${X_RECENT_DAYS} days and ${hourStart.toISOString()} is ${Math.floor(daysAgo)} days old; point X_API_BASE_URL at an archive that serves it (X said: ${detail})`,
    };
  }
  return { kind: 'fatal', message: `X answered ${status}${detail ? `: ${detail}` : ''}` };
}

function header(answer: XAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// X's problem bodies carry `detail`/`title`, validation errors an `errors[].message`; anything else is shown short.
function describeBody(body: string): string {
  try {
    const json = JSON.parse(body) as { detail?: string; title?: string; errors?: { message?: string }[] };
    const first = json.errors?.[0]?.message;
    return [json.title, json.detail, first].filter(Boolean).join(': ');
  } catch {
    return body.trim().slice(0, 200);
  }
}
