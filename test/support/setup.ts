import { aroundEach } from 'vitest';
import { inTestScope } from './cli.ts';

// Every test in a scope of its own: the CLIs it left running when it ended (it timed out) are killed, so that none
// of its work lands in the next test.
aroundEach((runTest, { task }) => inTestScope(task.name, runTest));
