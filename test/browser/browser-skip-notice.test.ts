import { describe, expect, it } from 'vitest';
import { browserSkipNotice } from '../support/browser-skip-reporter';

describe('the closing line of npm test when the browser test could not run', () => {
  it('says the browser test was skipped and how to install Chromium', () => {
    const notice = browserSkipNotice({ ranBrowserTest: true, installed: false, ci: false, chromium: '/usr/bin/chromium' });
    expect(notice).toMatch(/^SKIPPED: the sidebar browser test \(test\/browser\) did not run, because \/usr\/bin\/chromium is not installed\./);
    expect(notice).toContain('sudo bash .ci/install-chromium.sh');
    expect(notice).toContain('npx vitest run test/browser');
  });

  it('says nothing when the browser ran, in CI (where a missing browser fails the test), or when the browser test was not part of the run', () => {
    expect(browserSkipNotice({ ranBrowserTest: true, installed: true, ci: false })).toBeNull();
    expect(browserSkipNotice({ ranBrowserTest: true, installed: false, ci: true })).toBeNull();
    expect(browserSkipNotice({ ranBrowserTest: false, installed: false, ci: false })).toBeNull();
  });
});
