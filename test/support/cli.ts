import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The entry a user runs (it checks Node's version, then loads src/cli.ts).
const CLI = fileURLToPath(new URL('../../packages/pipeline/bin/stockpipe.js', import.meta.url));

export interface CliResult {
  code: number;
  /** The signal that ended it, if one did (then `code` is 1), so a failed expectation shows it. */
  signal?: NodeJS.Signals;
  stdout: string;
  stderr: string;
}

/** Runs `stockpipe ARGS` as a user would, in a clean environment plus `env`. */
export function stockpipe(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `stockpipe-${prefix}-`));
}

/** The JSON log lines of a run. */
export function logEvents(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** Everything it wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when it prints a line matching `pattern` (rejects if it exits first). */
  printed(pattern: RegExp): Promise<void>;
  exited: Promise<CliResult>;
}

/** Starts `stockpipe ARGS` and returns at once, for tests of processes side by side. */
export function startStockpipe(
  args: readonly string[],
  env: Record<string, string | undefined>,
  command: readonly string[] = [process.execPath, CLI],
): RunningCli {
  const [file = process.execPath, ...prefix] = command;
  const child = spawn(file, [...prefix, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const exited = new Promise<CliResult>((resolve) =>
    child.once('close', (code, signal) =>
      resolve(signal ? { code: 1, signal, stdout, stderr } : { code: code ?? 1, stdout, stderr }),
    ),
  );
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(stdout) && !pattern.test(stderr)) return;
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      exited.then(() => reject(new Error(`exited before printing ${pattern}:\n${stdout}\n${stderr}`)));
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, printed, exited };
}
