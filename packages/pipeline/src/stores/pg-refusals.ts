import pg from 'pg';

/**
 * Whether the database refused a value rather than failed: SQLSTATE class 22 (data exception: out of range,
 * invalid text) or 23 (integrity: a CHECK, a foreign key). Such a refusal is a row's fault; anything else (the
 * connection gone, a timeout) is no row's, and fails the whole load.
 */
function isRefusal(error: unknown): boolean {
  return answered(error) && /^2[23]/.test((error as pg.DatabaseError).code ?? '');
}

/** Whether an error is the database's answer (an ErrorResponse, with its SQLSTATE), so the connection is still in step. */
export function answered(error: unknown): boolean {
  return error instanceof pg.DatabaseError;
}

/**
 * Writes `items` with `write` inside the caller's transaction: in one go while the database takes them all, and
 * when it refuses, one at a time, each in a savepoint, so that only what it refuses stays out (with its reason).
 * One quick statement in the usual case; a refusal costs a statement per item.
 */
export async function writeAccepted<T>(
  client: pg.PoolClient,
  items: readonly T[],
  write: (items: readonly T[]) => Promise<number>,
): Promise<{ changed: number; refused: { item: T; reason: string }[] }> {
  const attempt = async (some: readonly T[]): Promise<number> => {
    await client.query('SAVEPOINT stockpipe_write');
    try {
      const changed = await write(some);
      await client.query('RELEASE SAVEPOINT stockpipe_write');
      return changed;
    } catch (error) {
      if (isRefusal(error)) await client.query('ROLLBACK TO SAVEPOINT stockpipe_write');
      throw error;
    }
  };
  try {
    return { changed: await attempt(items), refused: [] };
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
  let changed = 0;
  const refused: { item: T; reason: string }[] = [];
  for (const item of items) {
    try {
      changed += await attempt([item]);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      refused.push({ item, reason: (error as Error).message });
    }
  }
  return { changed, refused };
}
