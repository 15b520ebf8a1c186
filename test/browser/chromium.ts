import fs from 'node:fs';

/** The browser the sidebar test launches: Debian's Chromium, or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Without the background-networking flags Chromium's own connections are refused by a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** CI=true (or any value but '', 0 or false) means a missing Chromium is a failure, not a skip. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? '').trim().toLowerCase();
  return v !== '' && v !== '0' && v !== 'false';
}

export function chromiumInstalled(path: string = CHROMIUM): boolean {
  try {
    fs.accessSync(path, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How to get the browser test to run, in one line (printed at the end of `npm test` when it was skipped). */
export const INSTALL_HINT = `install Debian's Chromium with \`sudo bash .ci/install-chromium.sh\` (or point CHROMIUM_PATH at a Chromium), then run \`npx vitest run test/browser\``;
