#!/usr/bin/env node
// Plain JavaScript that any Node can read: an older one, which cannot load TypeScript, is told what to install in
// one line instead of failing with a stack on the first `.ts` import. The bundle (dist/) is built for Node 24 alone.
const NEEDED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < NEEDED_MAJOR) {
  process.stderr.write(
    `stockpipe: needs Node ${NEEDED_MAJOR} or newer; this is Node ${process.versions.node} (${process.execPath})\n`,
  );
  process.exit(2);
}
const { runAsCommand } = await import('../src/cli.ts');
await runAsCommand();
