import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Tests spawn bin.js, which runs lib/: compile it first.
    globalSetup: ['./tests/support/compileOnce.ts'],
    // Removes the temporary folders each test file made (tests/support/fixtures.ts tempDir).
    setupFiles: ['./tests/support/removeTempDirs.ts'],
    // The CLI tests spawn real processes; give them room on a 2-core machine.
    testTimeout: 30_000,
    reporters: ['default', './tests/support/summaryReporter.ts'],
  },
});
