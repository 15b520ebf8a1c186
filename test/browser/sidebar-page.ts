/// <reference lib="dom" />
/**
 * The settings sidebar in headless Chromium, with `google.script.run` backed by the real server
 * functions of the built bundle running in the Apps Script simulator.
 *
 * The page gets the HTML that `showSettings()` hands to `SpreadsheetApp.getUi().showSidebar()`
 * (dist/Sidebar.html through the simulator's HtmlService), served from a routed URL so that the
 * stub below is installed before the sidebar's own script runs. Every other request is refused and
 * recorded: the sidebar must be self-contained.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Harness } from '../support/harness';
import { ROOT } from '../../sandbox/paths';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

export { CHROMIUM, chromiumInstalled, inCi } from './chromium';

export const SCREENSHOTS = path.join(ROOT, 'test-results', 'sidebar');
export const SIDEBAR_HEIGHT = 720;
/**
 * Sidebar heights the screenshots are taken at: what the sidebar gets below Sheets' toolbars in a
 * 1366×768 laptop window (about 600 px), a 1440×900 one (720) and a 1920×1080 screen (900).
 */
export const SCREENSHOT_HEIGHTS = [600, 720, 900] as const;
const SIDEBAR_URL = 'https://sidebar.apps-script.test/userCodeAppPanel';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    // Show real scrollbars: in Sheets they take width from the 300 px sidebar.
    ignoreDefaultArgs: ['--hide-scrollbars'],
    timeout: 15_000,
  });
}

export interface ServerCall {
  name: string;
  args: unknown[];
  result?: unknown;
  error?: string;
}

type Reply = { ok: true; value: unknown } | { ok: false, name: string; message: string };

export interface Sidebar {
  page: Page;
  context: BrowserContext;
  /** Every google.script.run call, in order, with what the page received. */
  calls: ServerCall[];
  /** Requests other than the sidebar itself (refused). */
  strayRequests: string[];
  /** Uncaught page errors and console errors. */
  pageErrors: string[];
  /** Holds replies to google.script.run until the returned function is called (to see busy states). */
  hold(): () => void;
  /** Resolves when every google.script.run call made so far has been answered and its handler has run. */
  settled(minCalls?: number): Promise<void>;
  /** Does `action`, then waits until the server calls it started have been answered and handled. */
  act(action: () => Promise<unknown>): Promise<void>;
  /**
   * test-results/sidebar/<name>@<height>px.png: what the 300 px sidebar shows at each of
   * SCREENSHOT_HEIGHTS (the viewport, as a person sees it, never a stitched full page), scrolled as
   * the page is. The viewport goes back to SIDEBAR_HEIGHT afterwards.
   */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Top-level functions of the loaded bundle: what Apps Script exposes on google.script.run (minus private `name_`). */
function serverFunctionNames(h: Harness): string[] {
  const names = vm.runInContext(
    `Object.keys(globalThis).filter(function (k) { return typeof globalThis[k] === 'function'; })`,
    h.sim.context,
  ) as string[];
  return Array.from(names).filter((n) => !n.endsWith('_'));
}

/** Runs in the page before the sidebar's script: a google.script.run that behaves like Apps Script's. */
function installGoogleScriptRun(names: string[]): void {
  type Handler = ((value: unknown, userObject: unknown) => void) | null;
  type Bridge = (name: string, argsJson: string) => Promise<{ ok: boolean; value?: unknown; name?: string; message?: string }>;
  const w = window as unknown as Record<string, unknown>;
  const state = { started: 0, done: 0 };
  w.__gasState = state;
  function runner(success: Handler, failure: Handler, userObject: unknown): Record<string, unknown> {
    const r: Record<string, unknown> = {
      withSuccessHandler: (fn: Handler) => runner(fn, failure, userObject),
      withFailureHandler: (fn: Handler) => runner(success, fn, userObject),
      withUserObject: (o: unknown) => runner(success, failure, o),
    };
    names.forEach((name) => {
      r[name] = (...args: unknown[]) => {
        // Apps Script serialises the arguments when the call is made (Dates, functions and DOM nodes other than a form are not allowed).
        const argsJson = JSON.stringify(args);
        state.started++;
        (w.__gasCall as Bridge)(name, argsJson).then(
          (reply) => {
            try {
              if (reply.ok) {
                if (success) success(reply.value, userObject);
              } else {
                const err = new Error(reply.message);
                err.name = reply.name || 'Error';
                if (failure) failure(err, userObject);
                else console.error('Uncaught ' + err.name + ': ' + err.message);
              }
            } finally {
              state.done++;
            }
          },
          (e: unknown) => {
            state.done++;
            console.error('google.script.run bridge failed: ' + String(e));
          },
        );
        // Like Apps Script: the call returns nothing; the handlers run later.
      };
    });
    return r;
  }
  const host = {
    origin: 'https://docs.google.com',
    close: () => { w.__hostClosed = true; },
    setHeight: () => undefined,
    setWidth: () => undefined,
    editor: { focus: () => undefined },
  };
  w.google = { script: { run: runner(null, null, undefined), host } };
}

export async function openSidebar(browser: Browser, h: Harness): Promise<Sidebar> {
  h.call('showSettings');
  const shown = h.sim.ui.sidebars[h.sim.ui.sidebars.length - 1];
  if (!shown) throw new Error('showSettings() did not show a sidebar');
  const width = shown.width ?? 300;

  // A sidebar is as wide as showSidebar says; 720 px is a laptop's sidebar height. Time zone and
  // locale are fixed (the spreadsheet's zone in the simulator) so screenshots do not vary by machine.
  const context = await browser.newContext({
    viewport: { width, height: SIDEBAR_HEIGHT },
    deviceScaleFactor: 1,
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  context.setDefaultTimeout(5_000);
  const calls: ServerCall[] = [];
  const strayRequests: string[] = [];
  const pageErrors: string[] = [];
  let gate: Promise<void> | undefined;

  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === SIDEBAR_URL) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: shown.html });
    strayRequests.push(url);
    return route.abort('blockedbyclient');
  });
  await context.exposeFunction('__gasCall', async (name: string, argsJson: string): Promise<Reply> => {
    const args = JSON.parse(argsJson) as unknown[];
    const call: ServerCall = { name, args };
    calls.push(call);
    if (gate) await gate;
    try {
      const result = h.call(name, ...args);
      // Apps Script returns a JSON-like copy (undefined stays undefined).
      const value = result === undefined ? undefined : JSON.parse(JSON.stringify(result));
      call.result = value;
      return { ok: true, value };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      call.error = err.message;
      return { ok: false, name: err.name, message: err.message };
    }
  });
  await context.addInitScript(installGoogleScriptRun, serverFunctionNames(h));

  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()}`);
  });
  await page.goto(SIDEBAR_URL);

  const sidebar: Sidebar = {
    page,
    context,
    calls,
    strayRequests,
    pageErrors,
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
    async settled(minCalls = 1) {
      await page.waitForFunction((min) => {
        const s = (window as unknown as { __gasState: { started: number; done: number } }).__gasState;
        return s.started >= min && s.done === s.started;
      }, minCalls);
    },
    async act(action) {
      const before = await page.evaluate(() => (window as unknown as { __gasState: { started: number } }).__gasState.started);
      await action();
      await sidebar.settled(before + 1);
    },
    async screenshot(name) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      for (const height of SCREENSHOT_HEIGHTS) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}@${height}px.png`), fullPage: false, animations: 'disabled', caret: 'hide' });
      }
      await page.setViewportSize({ width, height: SIDEBAR_HEIGHT });
    },
    close: () => context.close(),
  };
  return sidebar;
}

/** Every place a secret could leak into the page: serialised DOM, live input values, attributes. */
export async function domText(page: Page): Promise<string[]> {
  const live = await page.evaluate(() => {
    const out: string[] = [];
    document.querySelectorAll('*').forEach((el) => {
      Array.from(el.attributes).forEach((a) => out.push(`${a.name}=${a.value}`));
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) out.push(`value=${el.value}`);
      if (el instanceof HTMLInputElement) out.push(`placeholder=${el.placeholder}`, `defaultValue=${el.defaultValue}`);
    });
    out.push(`title=${document.title}`);
    return out;
  });
  return [await page.content(), ...live];
}

/** The options the store field offers (a datalist on the input, or a select). */
export async function storeOptions(page: Page): Promise<{ value: string; label: string }[]> {
  return page.evaluate(() => {
    const el = document.getElementById('ssStoreId');
    const list = el instanceof HTMLSelectElement ? el.options : el instanceof HTMLInputElement && el.list ? el.list.querySelectorAll('option') : [];
    return Array.from(list as ArrayLike<HTMLOptionElement>).map((o) => ({ value: o.value, label: (o.label || o.textContent || '').trim() }));
  });
}
