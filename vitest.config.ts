import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/support/build-bundle.ts'],
    // The JSON report lets .ci/run print a plain "N passed, N failed" line. The last one ends the
    // output with a notice when the sidebar browser test was skipped (no Chromium) and how to install it.
    reporters: ['default', 'json', './test/support/browser-skip-reporter.ts'],
    outputFile: { json: 'out/vitest.json' },
  },
});
