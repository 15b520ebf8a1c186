import { describe, expect } from 'vitest';
import { secretValues, expectNoLeaks } from './support/leaks';
import { MIN, RIG_SECRETS, type Rig } from './support/rig';
import { checkAfterFault, faultScenario, reliabilityTest, settleAndCheck, stageWorkload } from './support/scenario';

/**
 * Secrets under pressure: servers and services that echo credentials back in error messages, and
 * failures whose text carries them. Every scenario of this suite also ends with expectNoLeaks
 * (cells of every tab, Logs, entry-point results and thrown messages, console, toasts and alerts,
 * request URLs and bodies, Script Properties); here the faults are built to carry secrets.
 */

const basic = (r: Rig) => secretValues(r).find((s) => s.endsWith('=') || /^[A-Za-z0-9+/]+$/.test(s) && s.length > 30)!;
const bearer = (r: Rig) => [...r.tokens].at(-1) ?? 'eyJnone';

describe('credentials echoed back by the APIs', () => {
  reliabilityTest('secrets', 'DSCO echoes the Authorization header in an error body', ({ rig }) => {
    faultScenario(rig(), (r) =>
      r.wire.enqueue({ kind: 'echo-bearer', service: 'dsco', path: /^\/order\/page\?/, count: 6, answer: (req) => ({ status: 400, headers: {}, body: JSON.stringify({ messages: [{ code: 'BAD', severity: 'error', description: `Rejected Authorization: ${req.headers.authorization} for ${req.url}` }] }) }) }),
    );
  });

  reliabilityTest('secrets', 'DSCO echoes the bare access token in an error body', ({ rig }) => {
    const r = rig();
    faultScenario(r, (x) =>
      x.wire.enqueue({ kind: 'echo-token', service: 'dsco', path: '/order/acknowledge', count: 2, answer: (req) => ({ status: 400, headers: {}, body: JSON.stringify({ messages: [{ code: 'BAD', severity: 'error', description: `token ${req.headers.authorization?.split(' ')[1]} is not allowed` }] }) }) }),
    );
    expect(r.figures.faults['echo-token']).toBeGreaterThan(0);
  });

  reliabilityTest('secrets', 'the DSCO sign-in echoes the form with the client secret', ({ rig }) => {
    const r = rig();
    stageWorkload(r);
    r.clock.advance(60 * MIN); // the cached token has expired
    r.wire.enqueue({ kind: 'echo-client-secret', service: 'dsco', path: '/oauth2/token', count: 10, answer: (req) => ({ status: 400, headers: {}, body: JSON.stringify({ error: 'invalid_request', error_description: `could not parse ${req.body}` }) }) });
    const out = r.sync();
    // A refused sign-in stops the run (every call would fail the same way); no order is blamed for it.
    expect(out.result?.fatal).toMatch(/DSCO sign-in \(token request\) failed \(HTTP 400\)/);
    expect(r.dashboard().filter((x) => x.status === 'Error')).toEqual([]);
    checkAfterFault(r);
    r.call<unknown>('testConnection');
    expectNoLeaks(r);
    settleAndCheck(r);
  });

  reliabilityTest('secrets', 'ShipStation echoes the API key, the Basic credentials and the secret in errors', ({ rig }) => {
    faultScenario(rig(), (r) => {
      const echo = (req: { headers: Record<string, string> }) => `Authorization: ${req.headers.authorization} (key ${RIG_SECRETS.ssApiKey}, secret ${RIG_SECRETS.ssApiSecret})`;
      r.wire.enqueue({ kind: 'echo-basic', service: 'ss', path: /^\/shipments/, count: 6, answer: (req) => ({ status: 500, headers: {}, body: JSON.stringify({ Message: 'An error has occurred.', ExceptionMessage: echo(req) }) }) });
      r.wire.enqueue({
        kind: 'echo-basic',
        service: 'ss',
        path: '/orders/createorders',
        apply: true,
        rewrite: (real, req) => {
          const body = JSON.parse(real.body) as { results: { success: boolean; errorMessage: string | null }[] };
          body.results[0]!.success = false;
          body.results[0]!.errorMessage = `Store rejected: ${echo(req)}`;
          return { ...real, body: JSON.stringify(body) };
        },
      });
    }, { allowError: (_id, error) => /ShipStation refused the order: Store rejected/.test(error) });
  });

  reliabilityTest('secrets', 'ShipStation answers 401 with the credentials in the body', ({ rig }) => {
    const r = rig();
    stageWorkload(r);
    r.wire.enqueue({ kind: 'echo-basic', service: 'ss', count: 20, answer: (req) => ({ status: 401, headers: {}, body: `Unauthorized: ${req.headers.authorization} ${RIG_SECRETS.ssApiKey}:${RIG_SECRETS.ssApiSecret}` }) });
    const out = r.sync();
    expect(out.result?.fatal).toMatch(/HTTP 401/);
    r.call('testConnection');
    expectNoLeaks(r);
    r.wire.clear();
    settleAndCheck(r);
  });
});

describe('failures whose text carries secrets', () => {
  reliabilityTest('secrets', 'UrlFetchApp throws with the Authorization header in its message', ({ rig }) => {
    faultScenario(rig(), (r) => {
      r.wire.enqueue({ kind: 'urlfetch-throws-with-header', service: 'ss', count: 3, throws: (req) => `Connection reset; request was Authorization: ${req.headers.authorization}` });
      r.wire.enqueue({ kind: 'urlfetch-throws-with-header', service: 'dsco', count: 3, throws: (req) => `TLS failure sending ${req.headers.authorization}` });
    });
  });

  reliabilityTest('secrets', 'Sheets fails with a message that contains the secrets (manual and scheduled runs)', ({ rig }) => {
    const r = rig();
    stageWorkload(r);
    r.failSheets({ count: 3, message: `Service Spreadsheets failed: ${Object.values(RIG_SECRETS).join(' ')} ${basic(r)} bearer ${bearer(r)}` });
    r.sync();
    r.clock.advance(2 * 60 * MIN);
    r.failSheets({ count: 50, message: `Service Spreadsheets failed: ${RIG_SECRETS.ssApiSecret}` });
    r.sync('runScheduledSync');
    expect(r.calls.some((c) => c.error?.includes('Service Spreadsheets failed'))).toBe(true);
    expectNoLeaks(r);
    settleAndCheck(r);
  });

  reliabilityTest('secrets', 'the entry points the browser calls never return a secret', ({ rig }) => {
    const r = rig();
    stageWorkload(r);
    for (const fn of ['getSettings', 'getSchedule', 'testConnection']) r.call(fn);
    r.call('saveSettings', { ...r.form });
    r.call('saveSettings', { ...r.form, pollIntervalHours: 'abc' });
    expect(r.calls.filter((c) => ['getSettings', 'getSchedule', 'testConnection', 'saveSettings'].includes(c.fn)).length).toBeGreaterThanOrEqual(5);
    expectNoLeaks(r);
  });
});
