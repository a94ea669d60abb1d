import { readFileSync } from 'node:fs';

/** The node flags the image's ENTRYPOINT gives the job: benchmarks run the bundle as the image does. */
export function imageNodeFlags(): string[] {
  const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
  const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1];
  if (!entrypoint) throw new Error('the Dockerfile has no ENTRYPOINT in exec form');
  return (JSON.parse(entrypoint) as string[]).filter((arg) => arg.startsWith('--'));
}
