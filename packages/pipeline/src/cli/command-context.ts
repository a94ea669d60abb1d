import { resolve } from 'node:path';
import { type Config, parseConfig } from '@stockpipe/shared';
import type { CommandIo } from './command-io.ts';

/** What every command's definition is given: its config, the user's paths, its output and its exit code. */
export interface CommandContext {
  /** Parsed when the command runs, not before: `--help` needs no valid environment. */
  config(): Config;
  /** A path the user gave, taken from where they ran the command. */
  fromUser(path: string): string;
  /** Where the user ran the command. */
  userDir: string;
  io: CommandIo;
  exit(code: number): void;
}

/**
 * `pnpm stockpipe` runs in the repository root; pnpm says where the user was in INIT_CWD. Paths a user gives
 * (STOCKPIPE_DATA_DIR, --out, an eval file) are taken from there; the default data dir stays at the root.
 */
export function commandContext(
  env: Record<string, string | undefined>,
  io: CommandIo,
  exit: (code: number) => void,
): CommandContext {
  const userDir = env.INIT_CWD ?? process.cwd();
  const fromUser = (path: string) => resolve(userDir, path);
  const dataDir = env.STOCKPIPE_DATA_DIR?.trim();
  return {
    config: () => parseConfig(dataDir ? { ...env, STOCKPIPE_DATA_DIR: fromUser(dataDir) } : env),
    fromUser,
    userDir,
    io,
    exit,
  };
}
