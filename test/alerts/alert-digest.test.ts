import { describe, expect, it } from 'vitest';
import { sendDigest } from '../../src/alerts/alert-digest';
import type { AlertFacts, AlertKind } from '../../src/alerts/alert-kinds';
import type { KeyValueStore } from '../../src/core/ports/key-value-store';
import type { Mail, Mailer } from '../../src/core/ports/mailer';

function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return {
    get: (k) => m.get(k) ?? null,
    getAll: () => Object.fromEntries(m),
    set: (k, v) => void m.set(k, v),
    setAll: (v) => Object.entries(v).forEach(([k, x]) => m.set(k, x)),
    delete: (k) => void m.delete(k),
  };
}

function mailer(quota = 100, fail?: string): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    sent,
    remainingDailyQuota: () => quota,
    send: (mail) => {
      if (fail) throw new Error(fail);
      sent.push(mail);
    },
  };
}

/** A kind added later (e.g. orders at risk of their ship-by date) needs only an entry like this. */
const atRisk = (items: string[]): AlertKind => ({
  id: 'at-risk',
  heading: (n) => `${n} order(s) at risk of missing the ship-by date`,
  advice: 'Ship them today.',
  detect: () => items.map((id) => ({ key: id, text: `Order ${id} must ship by tomorrow.` })),
});

const facts = (now: number): AlertFacts => ({
  now,
  intervalHours: 1,
  health: { lastRunAt: now, lastSuccessAt: now, failures: 0, lastProblem: '' },
  formatTime: (ms) => new Date(ms).toISOString(),
  errorRows: () => [],
  errorsMayHaveChanged: false,
});

const HOUR = 3_600_000;

describe('the alert digest', () => {
  it('takes any kind from the list: new items once, at most one mail per kind an hour, with the link and the secret redacted', () => {
    const store = memoryStore();
    const m = mailer();
    const deps = { store, mailer: m, recipients: ['ops@example.com'], sheetUrl: 'https://sheet', secrets: ['s3cr3t-value'] };
    expect(sendDigest({ ...deps, kinds: [atRisk(['A', 'B'])] }, facts(0)).sent).toBe(true);
    expect(m.sent[0].subject).toBe('DSCO Sync: 2 order(s) at risk of missing the ship-by date');
    expect(m.sent[0].body).toContain('https://sheet');
    expect(sendDigest({ ...deps, kinds: [atRisk(['A', 'B', 'C'])] }, facts(HOUR / 2)).sent).toBe(false);
    expect(sendDigest({ ...deps, kinds: [atRisk(['A', 'B', 'C s3cr3t-value'])] }, facts(HOUR)).sent).toBe(true);
    expect(m.sent[1].body).toContain('Order C [redacted]');
    expect(m.sent[1].body).not.toContain('Order A');
    expect(sendDigest({ ...deps, kinds: [atRisk(['A', 'B', 'C s3cr3t-value'])] }, facts(5 * HOUR)).sent).toBe(false);
    // gone, then back: a new problem
    sendDigest({ ...deps, kinds: [atRisk([])] }, facts(6 * HOUR));
    expect(sendDigest({ ...deps, kinds: [atRisk(['A'])] }, facts(7 * HOUR)).sent).toBe(true);
  });

  it('keeps the items for the next run when the daily quota is used up or MailApp fails, and says why', () => {
    const store = memoryStore();
    const base = { store, recipients: ['a@example.com', 'b@example.com'], sheetUrl: 'u', secrets: [], kinds: [atRisk(['A'])] };
    expect(sendDigest({ ...base, mailer: mailer(1) }, facts(0))).toMatchObject({ sent: false, note: expect.stringMatching(/daily e-mail quota .* used up \(1 left\)/) });
    expect(sendDigest({ ...base, mailer: mailer(100, 'Invalid email: x') }, facts(0))).toMatchObject({ sent: false, note: 'Alert e-mail not sent: Invalid email: x' });
    const ok = mailer();
    expect(sendDigest({ ...base, mailer: ok }, facts(0)).sent).toBe(true);
    expect(ok.sent[0].body).toContain('Order A');
  });
});
