/**
 * The settings sidebar (dist/Sidebar.html) in Debian's headless Chromium, driven by playwright-core,
 * talking through a google.script.run stub to the real server functions of dist/Code.js in the
 * Apps Script simulator, wired to the fake DSCO and ShipStation servers.
 *
 * Needs /usr/bin/chromium (or CHROMIUM_PATH): `.ci/install-chromium.sh` installs it. Without it
 * the tests are skipped, except in CI (CI=true), where a missing browser fails them.
 * Screenshots of each state go to test-results/sidebar/<state>@<height>px.png: the 300 px sidebar as
 * a person sees it at 600, 720 and 900 px high (viewport captures, not stitched full pages).
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_V2_API_KEY } from '../../sandbox/fakes/shipstation-v2';
import { createHarness, type Harness, SECRETS, SETTINGS_FORM, STORE_ID } from '../support/harness';
import { INSTALL_HINT } from './chromium';
import { CHROMIUM, chromiumInstalled, domText, inCi, launchChromium, openSidebar, SCREENSHOTS, type Sidebar, storeOptions } from './sidebar-page';

const installed = chromiumInstalled();
const ci = inCi();
const SKIP_REASON = `${CHROMIUM} is not installed: ${INSTALL_HINT}; set CI=true to make this a failure`;
if (!installed && !ci) console.warn(`Sidebar browser tests skipped: ${SKIP_REASON}.`);

const SAVED = '✓ Saved';
const SECRET_INPUTS = ['dscoClientSecret', 'ssApiKey', 'ssApiSecret'] as const;
const prop = (h: Harness, key: string) => h.sim.properties.script.getProperty(`settings.${key}`);
const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();

async function allErrors(page: Page): Promise<Record<string, string>> {
  return page.$$eval('.error[data-for]', (els) =>
    Object.fromEntries(els.map((el) => [el.getAttribute('data-for') ?? '', (el.textContent ?? '').trim()]).filter(([, t]) => t !== '')),
  );
}

async function expectNoSecrets(page: Page, secrets: readonly string[] = SECRETS): Promise<void> {
  const dom = await domText(page);
  for (const secret of secrets) {
    expect(dom.filter((t) => t.includes(secret)), `secret ${JSON.stringify(secret)} in the page`).toEqual([]);
  }
}

/** Nothing a server function sent back to the page carries a secret. */
function expectRepliesFreeOf(sb: Sidebar, secrets: readonly string[] = SECRETS): void {
  for (const call of sb.calls) {
    const reply = JSON.stringify({ result: call.result ?? null, error: call.error ?? null });
    for (const secret of secrets) expect(reply, `reply of ${call.name}`).not.toContain(secret);
  }
}

/** Status lines as the user reads them. */
async function statusLines(page: Page): Promise<string[]> {
  const t = await page.$eval('#status', (el) => (el as HTMLElement).innerText);
  return t.split('\n').map((l) => l.trim()).filter(Boolean);
}

describe.runIf(installed || ci)('settings sidebar in headless Chromium', () => {
  let browser: Browser;
  let sidebars: Sidebar[] = [];

  beforeAll(async () => {
    if (!installed) throw new Error(`CI=${process.env.CI}: ${CHROMIUM} is missing; CI must run .ci/install-chromium.sh before the tests`);
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const sb of sidebars) {
      expect(sb.pageErrors, 'errors in the page').toEqual([]);
      expect(sb.strayRequests, 'the sidebar must be self-contained').toEqual([]);
      await sb.close();
    }
    sidebars = [];
  });

  async function open(h: Harness): Promise<Sidebar> {
    const sb = await openSidebar(browser, h);
    sidebars.push(sb);
    await sb.settled();
    return sb;
  }

  it('shows the defaults on a fresh install, with no secret marked as saved', async () => {
    const h = createHarness();
    const sb = await open(h);
    const { page } = sb;
    expect(sb.calls.map((c) => c.name)).toContain('getSettings');
    expect(await page.inputValue('#dscoClientId')).toBe('');
    expect(await page.inputValue('#ssStoreId')).toBe('');
    expect(await page.inputValue('#pollIntervalHours')).toBe('1');
    expect(await page.inputValue('#lookbackDays')).toBe('7');
    expect(await page.inputValue('#dscoEnvironment')).toBe('production');
    expect(await page.inputValue('#cancelCode')).toBe('CXSO');
    expect(await page.isChecked('#includeTestOrders')).toBe(false);
    for (const f of SECRET_INPUTS) {
      expect(await text(page, `[data-secret="${f}"]`)).toBe('');
      expect(await page.getAttribute(`#${f}`, 'placeholder')).toBe('');
    }
    expect(await allErrors(page)).toEqual({});
    await sb.screenshot('01-fresh');
  });

  it('shows saved settings; secrets only as "✓ Saved", never their values', async () => {
    const h = createHarness();
    h.install({ dscoEnvironment: 'staging', includeTestOrders: true, cancelCode: 'CXSB', pollIntervalHours: '0.75', lookbackDays: '3' });
    const sb = await open(h);
    const { page } = sb;
    expect(await page.inputValue('#dscoClientId')).toBe(SETTINGS_FORM.dscoClientId);
    expect(await page.inputValue('#ssStoreId')).toBe(String(STORE_ID));
    expect(await page.inputValue('#pollIntervalHours')).toBe('0.75');
    expect(await page.inputValue('#lookbackDays')).toBe('3');
    expect(await page.inputValue('#dscoEnvironment')).toBe('staging');
    expect(await page.inputValue('#cancelCode')).toBe('CXSB');
    expect(await page.isChecked('#includeTestOrders')).toBe(true);
    for (const f of SECRET_INPUTS) {
      expect(await text(page, `[data-secret="${f}"]`)).toBe(SAVED);
      expect(await page.inputValue(`#${f}`)).toBe('');
      expect(await page.getAttribute(`#${f}`, 'placeholder'), 'a hint that a secret is saved').toBeTruthy();
    }
    await expectNoSecrets(page);
    expectRepliesFreeOf(sb);
    await sb.screenshot('02-loaded');
  });

  it('saves a filled-in form to Script Properties and clears the secret inputs', async () => {
    const h = createHarness();
    const sb = await open(h);
    const { page } = sb;
    await page.fill('#dscoClientId', SETTINGS_FORM.dscoClientId);
    await page.fill('#dscoClientSecret', SETTINGS_FORM.dscoClientSecret);
    await page.selectOption('#dscoEnvironment', 'staging');
    await page.check('#includeTestOrders');
    await page.fill('#ssApiKey', SETTINGS_FORM.ssApiKey);
    await page.fill('#ssApiSecret', SETTINGS_FORM.ssApiSecret);
    await page.fill('#ssStoreId', String(STORE_ID));
    await page.selectOption('#cancelCode', 'CXSS');
    await page.fill('#pollIntervalHours', '0.5');
    await page.fill('#lookbackDays', '14');
    await sb.screenshot('03-filled');

    // While the server works, both buttons are disabled and the user is told.
    const release = sb.hold();
    await page.click('#save');
    await page.locator('#status', { hasText: 'Saving' }).waitFor();
    expect(await page.isDisabled('#save')).toBe(true);
    expect(await page.isDisabled('#test')).toBe(true);
    await sb.screenshot('04-saving');
    release();

    await page.locator('#status', { hasText: 'Settings saved.' }).waitFor();
    expect(await page.getAttribute('#status', 'class')).toContain('ok');
    expect(await page.isEnabled('#save')).toBe(true);
    expect(await page.isEnabled('#test')).toBe(true);
    const saveCall = sb.calls.find((c) => c.name === 'saveSettings')!;
    expect(saveCall.args).toHaveLength(1);
    expect(saveCall.args[0]).toMatchObject({ dscoClientId: SETTINGS_FORM.dscoClientId, ssStoreId: String(STORE_ID), includeTestOrders: true });

    expect(prop(h, 'dscoClientId')).toBe(SETTINGS_FORM.dscoClientId);
    expect(prop(h, 'dscoClientSecret')).toBe(SETTINGS_FORM.dscoClientSecret);
    expect(prop(h, 'ssApiKey')).toBe(SETTINGS_FORM.ssApiKey);
    expect(prop(h, 'ssApiSecret')).toBe(SETTINGS_FORM.ssApiSecret);
    expect(prop(h, 'ssStoreId')).toBe(String(STORE_ID));
    expect(prop(h, 'dscoEnvironment')).toBe('staging');
    expect(prop(h, 'includeTestOrders')).toBe('true');
    expect(prop(h, 'cancelCode')).toBe('CXSS');
    expect(prop(h, 'pollIntervalHours')).toBe('0.5');
    expect(prop(h, 'lookbackDays')).toBe('14');

    for (const f of SECRET_INPUTS) {
      expect(await page.inputValue(`#${f}`)).toBe('');
      expect(await text(page, `[data-secret="${f}"]`)).toBe(SAVED);
    }
    await expectNoSecrets(page);
    expectRepliesFreeOf(sb);
    await sb.screenshot('05-saved');

    // Saving again with the secret inputs left blank keeps the saved secrets.
    await page.fill('#lookbackDays', '10');
    await sb.act(() => page.click('#save'));
    expect((await statusLines(page))[0]).toMatch(/^Settings saved\./);
    expect(prop(h, 'lookbackDays')).toBe('10');
    expect(prop(h, 'dscoClientSecret')).toBe(SETTINGS_FORM.dscoClientSecret);
    expect(prop(h, 'ssApiKey')).toBe(SETTINGS_FORM.ssApiKey);
    expect(prop(h, 'ssApiSecret')).toBe(SETTINGS_FORM.ssApiSecret);
    await expectNoSecrets(page);
  });

  it('shows field errors beside the fields and saves nothing', async () => {
    const h = createHarness();
    h.install();
    const before = { ...h.sim.properties.script.getProperties() };
    const sb = await open(h);
    const { page } = sb;
    await page.fill('#pollIntervalHours', '0.1');
    await page.fill('#ssStoreId', 'abc');
    await page.click('#save');
    await page.locator('#status', { hasText: 'Nothing was saved' }).waitFor();
    expect(await page.getAttribute('#status', 'class')).toContain('fail');

    expect(await allErrors(page)).toEqual({
      pollIntervalHours: 'Minimum 0.25 hours (15 minutes).',
      ssStoreId: 'A ShipStation store ID is a whole number, e.g. 123456.',
    });
    // Beside the field: just below its input, left-aligned with it, before the next field's label.
    for (const field of ['pollIntervalHours', 'ssStoreId']) {
      const input = (await page.locator(`#${field}`).boundingBox())!;
      const error = (await page.locator(`.error[data-for="${field}"]`).boundingBox())!;
      expect(error.y, `${field}: error below its input`).toBeGreaterThanOrEqual(input.y + input.height - 1);
      expect(error.y - (input.y + input.height), `${field}: error close to its input`).toBeLessThan(40);
      expect(Math.abs(error.x - input.x), `${field}: error aligned with its input`).toBeLessThan(2);
      expect(await page.isVisible(`.error[data-for="${field}"]`)).toBe(true);
    }
    expect(h.sim.properties.script.getProperties()).toEqual(before);
    await expectNoSecrets(page);
    await sb.screenshot('06-field-errors');

    // Fixing the fields clears the errors.
    await page.fill('#pollIntervalHours', '0.25');
    await page.fill('#ssStoreId', '99');
    await page.click('#save');
    await page.locator('#status', { hasText: 'Settings saved.' }).waitFor();
    expect(await allErrors(page)).toEqual({});
    expect(prop(h, 'pollIntervalHours')).toBe('0.25');
    expect(prop(h, 'ssStoreId')).toBe('99');
  });

  it('tests the connections, reports DSCO and ShipStation separately and lists the stores', async () => {
    const h = createHarness();
    h.install();
    const sb = await open(h);
    const { page } = sb;
    expect(await storeOptions(page)).toEqual([]);
    await page.click('#test');
    await page.locator('#status', { hasText: 'ShipStation:' }).waitFor();
    expect(await statusLines(page)).toEqual([
      'DSCO: ✓ Connected: DSCO accepted the credentials.',
      'ShipStation: ✓ Connected: orders go to store "Acme Dropship".',
    ]);
    expect(await page.getAttribute('#status', 'class')).toContain('ok');
    expect(await page.isEnabled('#test')).toBe(true);

    const reply = sb.calls.find((c) => c.name === 'testConnection')!.result as { shipstation: { stores: { storeId: number }[] } };
    const options = await storeOptions(page);
    expect(options.map((o) => o.value)).toEqual(reply.shipstation.stores.map((s) => String(s.storeId)));
    expect(options).toEqual([
      { value: String(STORE_ID), label: expect.stringContaining('Acme Dropship') },
      { value: '99', label: expect.stringContaining('Other Store') },
    ]);
    await expectNoSecrets(page);
    expectRepliesFreeOf(sb);
    await sb.screenshot('07-connection-ok');
  });

  it('ShipStation API V2: shows only the V2 key, saves it write-only, and Test connection says what V2 could not check', async () => {
    const h = createHarness({ shipstation: 'v2' });
    h.call('saveSettings', SETTINGS_FORM);
    const sb = await open(h);
    const { page } = sb;
    expect(await page.isVisible('#ssApiKey')).toBe(true);
    expect(await page.isVisible('#ssV2ApiKey')).toBe(false);
    await page.selectOption('#ssApiVersion', 'v2');
    expect(await page.isVisible('#ssApiKey')).toBe(false);
    expect(await page.isVisible('#ssV2ApiKey')).toBe(true);
    await page.fill('#ssV2ApiKey', DEFAULT_V2_API_KEY);
    await page.click('#save');
    await page.locator('#status', { hasText: 'Settings saved.' }).waitFor();
    expect(prop(h, 'ssApiVersion')).toBe('v2');
    expect(prop(h, 'ssV2ApiKey')).toBe(DEFAULT_V2_API_KEY);
    expect(await page.inputValue('#ssV2ApiKey')).toBe('');
    expect(await text(page, '[data-secret="ssV2ApiKey"]')).toBe(SAVED);
    await page.click('#test');
    await page.locator('#status', { hasText: 'ShipStation:' }).waitFor();
    expect((await statusLines(page))[1]).toMatch(/^ShipStation: ✓ Connected \(API V2\): .*V2 cannot list stores, so store 22766 could not be checked/);
    await expectNoSecrets(page);
    expectRepliesFreeOf(sb);
    await sb.screenshot('07b-connection-v2');
  });

  it('reports a wrong DSCO secret on the DSCO line only, without showing the secret', async () => {
    const wrong = 'wrong-dsco-secret-1234';
    const h = createHarness();
    h.install({ dscoClientSecret: wrong });
    const sb = await open(h);
    const { page } = sb;
    await page.click('#test');
    await page.locator('#status', { hasText: 'ShipStation:' }).waitFor();
    const [dsco, ss] = await statusLines(page);
    expect(dsco).toMatch(/^DSCO: ✗ .*(401|credentials|Client Secret)/);
    expect(ss).toBe('ShipStation: ✓ Connected: orders go to store "Acme Dropship".');
    expect(await page.getAttribute('#status', 'class')).toContain('fail');
    expect((await storeOptions(page)).length).toBe(2);
    await expectNoSecrets(page, [...SECRETS, wrong]);
    expectRepliesFreeOf(sb, [...SECRETS, wrong]);
    await sb.screenshot('08-connection-dsco-fails');
  });

  it('reports a wrong ShipStation secret, typed but not saved, on the ShipStation line only', async () => {
    const wrong = 'wrong-ss-secret-5678';
    const h = createHarness();
    h.install();
    const sb = await open(h);
    const { page } = sb;
    await page.fill('#ssApiSecret', wrong);
    await page.click('#test');
    await page.locator('#status', { hasText: 'ShipStation:' }).waitFor();
    const [dsco, ss] = await statusLines(page);
    expect(dsco).toBe('DSCO: ✓ Connected: DSCO accepted the credentials.');
    expect(ss).toMatch(/^ShipStation: ✗ .*HTTP 401/);
    expect(sb.calls.find((c) => c.name === 'testConnection')!.args[0]).toMatchObject({ ssApiSecret: wrong, ssApiKey: '' });
    expect(await page.getAttribute('#status', 'class')).toContain('fail');
    expect(await storeOptions(page)).toEqual([]);
    expect(prop(h, 'ssApiSecret')).toBe(SETTINGS_FORM.ssApiSecret);
    expectRepliesFreeOf(sb, [...SECRETS, wrong]);
    await sb.screenshot('09-connection-shipstation-fails');
  });

  it('first setup in the README order: type the credentials, Test connection, pick the store from the list, Save', async () => {
    const h = createHarness();
    const sb = await open(h);
    const { page } = sb;
    await page.fill('#dscoClientId', SETTINGS_FORM.dscoClientId);
    await page.fill('#dscoClientSecret', SETTINGS_FORM.dscoClientSecret);
    await page.fill('#ssApiKey', SETTINGS_FORM.ssApiKey);
    await page.fill('#ssApiSecret', SETTINGS_FORM.ssApiSecret);
    await sb.act(() => page.click('#test'));
    expect(await statusLines(page)).toEqual(['DSCO: ✓ Connected: DSCO accepted the credentials.', 'ShipStation: ✓ Connected: 2 store(s). Choose the store the orders go to.']);
    expect(await page.isVisible('#storePicker')).toBe(true);
    await sb.screenshot('12-first-setup-stores-listed');
    await page.selectOption('#storePicker', String(STORE_ID));
    expect(await page.inputValue('#ssStoreId')).toBe(String(STORE_ID));
    await sb.act(() => page.click('#save'));
    expect((await statusLines(page))[0]).toMatch(/^Settings saved\./);
    expect(prop(h, 'ssStoreId')).toBe(String(STORE_ID));
    expect(await text(page, '#schedule')).toMatch(/^Every hour, run by ops@example.com\./);
    expectRepliesFreeOf(sb);
    await sb.screenshot('13-first-setup-saved');
  });

  it('says who can read the keys, in one line, and saves the alert e-mails', async () => {
    const h = createHarness();
    h.install();
    const sb = await open(h);
    const { page } = sb;
    expect(await text(page, '[data-testid="security"]')).toMatch(/^Anyone who can edit this Sheet can read these keys \(Extensions → Apps Script → Project Settings\)/);
    await page.fill('#alertEmails', 'ops@example.com; not an address');
    await sb.act(() => page.click('#save'));
    expect((await allErrors(page)).alertEmails).toMatch(/is not an e-mail address/);
    await page.fill('#alertEmails', 'ops@example.com, boss@example.com');
    await sb.act(() => page.click('#save'));
    expect(prop(h, 'alertEmails')).toBe('ops@example.com, boss@example.com');
    await sb.screenshot('14-alerts');
  });

  it('shows who runs the schedule, the last successful sync, a sync that stopped, and "not running"', async () => {
    const h = createHarness();
    h.install();
    h.sim.triggers.fire('runScheduledSync');
    h.sim.setUser('colleague@example.com');
    let sb = await open(h);
    expect(await text(sb.page, '#schedule')).toMatch(/^Every hour, run by ops@example.com\. Next sync due around/);
    expect(await text(sb.page, '#health')).toMatch(/^Last successful sync Mar 2, 10:00 AM\.$/);
    await sb.page.locator('#health').scrollIntoViewIfNeeded();
    await sb.screenshot('15-schedule-healthy');
    await sb.close();
    sidebars = sidebars.filter((x) => x !== sb);

    h.ss.faults.enqueue({ status: 401, body: '{"Message":"Authorization has been denied for this request."}', count: Infinity });
    h.clock.advance(60 * 60_000);
    expect(() => h.sim.triggers.fire('runScheduledSync')).toThrow(/HTTP 401/);
    h.clock.advance(4 * 60 * 60_000); // the owner's trigger is gone: no run for more than two intervals
    sb = await open(h);
    expect(await text(sb.page, '#schedule')).toMatch(/^Not running: no scheduled sync for more than two intervals .* Take over scheduled sync/);
    expect(await text(sb.page, '#health')).toMatch(/^Last successful sync Mar 2, 10:00 AM\. The last sync stopped: ShipStation .*HTTP 401/);
    expect(await sb.page.getAttribute('#health', 'class')).toContain('fail');
    await sb.page.locator('#health').scrollIntoViewIfNeeded();
    await sb.screenshot('16-schedule-not-running');
  });

  it('shows a server failure (the failure handler) and gives the buttons back', async () => {
    const h = createHarness();
    h.install();
    const sb = await open(h);
    const { page } = sb;
    h.killAfter(() => true); // testConnection dies at Apps Script's time limit after its first request
    await page.click('#test');
    await page.locator('#status', { hasText: 'Something went wrong' }).waitFor();
    expect(await statusLines(page)).toEqual(['Something went wrong: Exceeded maximum execution time. Try again; if it keeps happening, see the Logs tab.']);
    expect(await page.getAttribute('#status', 'class')).toContain('fail');
    expect(await page.isEnabled('#save')).toBe(true);
    expect(await page.isEnabled('#test')).toBe(true);
    await expectNoSecrets(page);
    await sb.screenshot('10-server-failure');
  });

  it('fits a 300 px sidebar without scrolling sideways, even with a vertical scrollbar', async () => {
    const h = createHarness();
    h.install();
    const sb = await open(h);
    const { page } = sb;
    await sb.screenshot('11-fits-300px');
    const m = await page.evaluate(() => ({ client: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth }));
    expect(m.scroll, 'page wider than the sidebar').toBeLessThanOrEqual(m.client);
  });
});

if (!installed && !ci) {
  describe('settings sidebar in headless Chromium', () => {
    it.skip(`skipped: ${SKIP_REASON}`, () => undefined);
  });
}
