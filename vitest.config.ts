import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One worker per CPU, not vitest's default of one fewer: the slowest files spend most of
    // their time waiting on child processes (cfn-lint, terraform, moto_server, the built CLI
    // killed at each failpoint). On 2 CPUs the default gives one worker; measured there, the
    // suite took 530 s wall with one worker and 367 s with two (690 s CPU either way).
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
