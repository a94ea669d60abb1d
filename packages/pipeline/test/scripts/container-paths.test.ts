import { readFileSync } from 'node:fs';
import { CONTAINER_PATHS } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';

// Infra points the task at files by these paths; the Dockerfile puts them there. The two must agree.
const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
const workdir = /^WORKDIR (\S+)$/m.exec(runtime)?.[1] ?? '';
const copied = [...runtime.matchAll(/^COPY .* (\S+)$/gm)].map(([, target]) =>
  (target as string).replace(/^\.\//, `${workdir}/`),
);

describe('the image and CONTAINER_PATHS', () => {
  it('put the job in the app folder', () => {
    expect(workdir).toBe(CONTAINER_PATHS.app);
    expect(runtime).toContain(`"${CONTAINER_PATHS.app}/dist/stockpipe.mjs"`);
  });

  it('copy the RDS CA bundle, the migrations and the model where the paths say', () => {
    expect(copied).toContain(CONTAINER_PATHS.rdsCaBundle);
    expect(copied).toContain(CONTAINER_PATHS.migrations);
    expect(copied.some((target) => CONTAINER_PATHS.model.startsWith(`${target}/`))).toBe(true);
  });
});
