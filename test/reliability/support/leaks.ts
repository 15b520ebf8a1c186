import { expect } from 'vitest';
import { RIG_SECRETS, type Rig } from './rig';

/** An `Authorization: …`, `Basic …` or `bearer …` value (a word after it, not the words themselves). */
const AUTH_VALUE = [
  /authorization["']?\s*[:=]\s*["']?(?!\[redacted\])[A-Za-z0-9._~+/=-]{6,}/i,
  // a credential, not a word: at least one digit, '+' or '/' among 12 or more characters
  /\bbasic\s+(?!\[redacted\])(?=[A-Za-z0-9+/]*[0-9+/])[A-Za-z0-9+/]{12,}={0,2}/i,
  /\bbearer\s+(?!\[redacted\])(?=[A-Za-z0-9._~+/-]*[0-9+/_-])[A-Za-z0-9._~+/-]{12,}=*/i,
];

/** The secret values a scan looks for: the settings' secrets, the Basic credentials, the DSCO tokens issued. */
export function secretValues(rig: Rig): string[] {
  const basic = Buffer.from(`${RIG_SECRETS.ssApiKey}:${RIG_SECRETS.ssApiSecret}`, 'utf8').toString('base64');
  return [...Object.values(RIG_SECRETS), basic, ...rig.tokens].filter((s) => s.length >= 8);
}

/** Every text a secret must never reach, with where it came from. */
function surfaces(rig: Rig): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const add = (where: string, v: unknown) => {
    if (v === undefined || v === null || v === '') return;
    out.push({ where, text: typeof v === 'string' ? v : JSON.stringify(v) });
  };
  for (const sheet of rig.sim.spreadsheet.getSheets()) {
    const range = sheet.getDataRange();
    const values = range.getValues();
    const formulas = range.getFormulas();
    values.forEach((line, i) => line.forEach((v, j) => add(`${sheet.getName()}!R${i + 1}C${j + 1}`, v instanceof Date ? '' : v)));
    formulas.forEach((line, i) => line.forEach((f, j) => add(`${sheet.getName()}!R${i + 1}C${j + 1} formula`, f)));
  }
  for (const c of rig.calls) {
    add(`${c.fn}() result`, c.result);
    add(`${c.fn}() error`, c.error);
  }
  for (const l of rig.sim.logs) add(`console.${l.level}`, l.message);
  for (const t of rig.sim.ui.toasts) add('toast', t.message);
  for (const a of rig.sim.ui.alerts) add('alert', `${a.title ?? ''} ${a.prompt}`);
  for (const r of rig.sim.network.requests) {
    add(`${r.method} URL`, r.url);
    // The token request carries the client secret by design (form body); nothing else may.
    if (!/\/oauth2\/token(\?|$)/.test(r.url)) add(`${r.method} ${r.url.split('?')[0]} body`, r.body);
  }
  // Script Properties hold the settings (secrets included) by design; every other property must not.
  for (const [k, v] of Object.entries(rig.props())) if (!k.startsWith('settings.')) add(`Script Property ${k}`, `${k}=${v}`);
  return out;
}

/**
 * No secret, no DSCO token and no Authorization/Basic/bearer value in any cell of any tab, any
 * entry point's result or thrown message (what the browser and Apps Script's log see), the console,
 * the toasts and alerts, any outgoing request URL or body (the token request's form body and the
 * Authorization headers excepted), or any Script Property other than the settings.
 */
export function expectNoLeaks(rig: Rig, opts: { alsoSecret?: string[] } = {}): void {
  const secrets = [...secretValues(rig), ...(opts.alsoSecret ?? [])];
  const leaks: string[] = [];
  const all = surfaces(rig);
  for (const { where, text } of all) {
    for (const s of secrets) if (text.includes(s)) leaks.push(`${where}: contains a secret (${s.slice(0, 4)}…)`);
    for (const re of AUTH_VALUE) {
      const m = re.exec(text);
      if (m) leaks.push(`${where}: ${m[0].slice(0, 24)}…`);
    }
  }
  rig.figures.leakScans++;
  rig.figures.valuesScanned += all.length;
  rig.figures.leaks += leaks.length;
  expect(leaks, 'secrets or credentials where they must not be').toEqual([]);
}
