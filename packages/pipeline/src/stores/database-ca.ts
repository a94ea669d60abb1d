import { readFile } from 'node:fs/promises';
import { type Config, ConfigError } from '@stockpipe/shared';

/**
 * The PEM bundle that verifies the database server's certificate (DATABASE_CA_FILE), read only when there is a
 * server to verify. A file that cannot be read is the environment's mistake: one line naming the variable, exit 2,
 * before anything is fetched or staged.
 */
export async function readDatabaseCa(config: Pick<Config, 'databaseUrl' | 'databaseCaFile'>) {
  if (!config.databaseUrl || !config.databaseCaFile) return undefined;
  try {
    return await readFile(config.databaseCaFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError([
      `DATABASE_CA_FILE: cannot read ${config.databaseCaFile} (${code}); expected a PEM bundle of CA certificates`,
    ]);
  }
}
