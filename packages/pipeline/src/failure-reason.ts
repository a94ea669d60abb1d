interface Described {
  message?: string;
  code?: string;
  address?: string;
  port?: number;
  cause?: unknown;
  /** twitter-api-v2 means to keep the socket's error here rather than in `cause`… */
  requestError?: unknown;
  /** …and 1.29.1 keeps it here instead: its `requestError` getter reads a key it never sets. */
  _options?: { error?: unknown };
  errors?: unknown[];
}

/**
 * An error's message, with the system error underneath it when the message hides it: `fetch failed` says nothing,
 * `fetch failed (ECONNREFUSED 127.0.0.1:59999)` says what to check. What a person reads in the summary.
 */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : described(error);
  const root = systemCause(error, 0);
  if (!root?.code || message.includes(root.code)) return message;
  const where = root.address ? ` ${root.address}${root.port ? `:${root.port}` : ''}` : '';
  return `${message} (${root.code}${where})`;
}

// The deepest cause that carries a system error code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, ...).
function systemCause(error: unknown, depth: number): Described | undefined {
  if (!error || typeof error !== 'object' || depth > 8) return undefined;
  const e = error as Described;
  const inner = [e.cause, e.requestError, e._options?.error, ...(e.errors ?? [])]
    .map((next) => systemCause(next, depth + 1))
    .find((found) => found !== undefined);
  return inner ?? (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) ? e : undefined);
}

// Something thrown that is no Error (a library's plain object) reads as what it holds, not "[object Object]".
function described(thrown: unknown): string {
  if (!thrown || typeof thrown !== 'object') return String(thrown);
  const { message, name } = thrown as { message?: unknown; name?: unknown };
  if (typeof message === 'string') return message;
  try {
    return `${typeof name === 'string' ? `${name} ` : ''}${JSON.stringify(thrown)}`.slice(0, 300);
  } catch {
    return Object.prototype.toString.call(thrown);
  }
}
