import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Test files share a worker's module cache (each test builds its own world: simulator, fakes,
    // clock), which saves re-importing the sandbox for each of ~90 files: npm test fits 2 minutes on 2 cores.
    isolate: false,
    globalSetup: ['test/support/build-bundle.ts'],
    // The JSON report lets .ci/run print a plain "N passed, N failed" line. The last one ends the
    // output with a notice when the sidebar browser test was skipped (no Chromium) and how to install it.
    reporters: ['default', 'json', './test/support/browser-skip-reporter.ts'],
    outputFile: { json: 'out/vitest.json' },
  },
});
