/** Calls made to each service during a run: logged with the run, so cost and batching stay visible. */
export class ServiceCalls {
  readonly #counts = new Map<string, number>();

  count(service: string, calls = 1): void {
    this.#counts.set(service, (this.#counts.get(service) ?? 0) + calls);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Calls since an earlier snapshot. */
  since(before: Record<string, number>): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.snapshot())
        .map(([service, n]) => [service, n - (before[service] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
  }
}

// Any SDK v3 client: only its middleware stack is touched.
interface MiddlewareClient {
  middlewareStack: { add(middleware: never, options: never): void };
}
type Next = (args: unknown) => Promise<unknown>;

/** Counts every HTTP attempt an AWS SDK client makes, retries included. */
export function countCalls<T extends MiddlewareClient>(client: T, service: string, calls: ServiceCalls): T {
  const counter = (next: Next) => async (args: unknown) => {
    calls.count(service);
    return next(args);
  };
  client.middlewareStack.add(
    counter as never,
    { step: 'finalizeRequest', name: `stockpipeCount-${service}`, priority: 'low' } as never,
  );
  return client;
}
