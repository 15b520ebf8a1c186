import type { Reporter, TestModule } from 'vitest/node';
import { CHROMIUM, chromiumInstalled, inCi, INSTALL_HINT } from '../browser/chromium';

const BROWSER_TEST = /test[\\/]browser[\\/][^\\/]+\.test\.ts$/;

/** The closing line of a run that included the browser test but could not run it, or null. */
export function browserSkipNotice(opts: { ranBrowserTest: boolean; installed: boolean; ci: boolean; chromium?: string }): string | null {
  if (!opts.ranBrowserTest || opts.installed || opts.ci) return null;
  return `SKIPPED: the sidebar browser test (test/browser) did not run, because ${opts.chromium ?? CHROMIUM} is not installed. To run it: ${INSTALL_HINT}.`;
}

/**
 * A vitest reporter listed after the default one, so that `npm test` without Chromium ends by
 * saying that the browser test was skipped and how to install it, instead of one warning lost at the top.
 */
export default class BrowserSkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const notice = browserSkipNotice({
      ranBrowserTest: testModules.some((m) => BROWSER_TEST.test(m.moduleId)),
      installed: chromiumInstalled(),
      ci: inCi(),
    });
    if (notice) process.stdout.write(`\n\x1b[33m${notice}\x1b[0m\n`);
  }
}
