import type { WarehouseWriter } from '../ports.ts';

/**
 * Holds the hours of a batch, works on the items whose hour it holds, and lets the hours go: how every command
 * writes, so two never write one ticker-hour at once. It waits for `waitFor` (default: the first item's hour) up to
 * the lock wait; items whose hour another run holds come back as `busy`, untouched.
 */
export async function withHeldHours<T, R>(
  warehouse: Pick<WarehouseWriter, 'lockHours'>,
  items: readonly T[],
  hourOf: (item: T) => Date,
  work: (held: T[]) => Promise<R>,
  options: { waitFor?: Date } = {},
): Promise<{ result: R; busy: T[] }> {
  const hours = [...new Map(items.map((item) => [hourOf(item).getTime(), hourOf(item)])).values()];
  const held = await warehouse.lockHours(hours, { waitFor: options.waitFor ?? hours[0] });
  try {
    const heldHours = new Set(held.hours.map((h) => h.getTime()));
    const isHeld = (item: T) => heldHours.has(hourOf(item).getTime());
    return { result: await work(items.filter(isHeld)), busy: items.filter((item) => !isHeld(item)) };
  } finally {
    await held.release();
  }
}
