import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../sandbox/simulator/index';

const SRC = `
  function mail(to, subject, body) { MailApp.sendEmail(to, subject, body); return MailApp.getRemainingDailyQuota(); }
  function mailObject(m) { MailApp.sendEmail(m); }
  function quota() { return MailApp.getRemainingDailyQuota(); }`;

describe('MailApp', () => {
  it('sends as the effective user and counts every recipient against the daily quota', () => {
    const sim = createSimulator();
    sim.loadSource(SRC);
    expect(sim.call('quota')).toBe(100);
    expect(sim.call('mail', 'a@example.com, b@example.com', 'Subject', 'Body')).toBe(98);
    sim.call('mailObject', { to: 'c@example.com', cc: 'd@example.com', subject: 'S', body: 'B' });
    expect(sim.call('quota')).toBe(96);
    expect(sim.mail.map((m) => [m.to, m.cc, m.subject, m.from])).toEqual([
      [['a@example.com', 'b@example.com'], [], 'Subject', 'ops@example.com'],
      [['c@example.com'], ['d@example.com'], 'S', 'ops@example.com'],
    ]);
  });

  it('refuses an invalid address, a missing recipient and mail over the quota; the quota resets after 24 h', () => {
    const sim = createSimulator();
    sim.loadSource(SRC);
    expect(() => sim.call('mail', 'not-an-address', 'S', 'B')).toThrow('Exception: Invalid email: not-an-address');
    expect(() => sim.call('mailObject', { subject: 'S', body: 'B' })).toThrow('Exception: Failed to send email: no recipient');
    const fifty = Array.from({ length: 50 }, (_, i) => `u${i}@example.com`).join(',');
    sim.call('mail', fifty, 'S', 'B');
    sim.call('mail', fifty, 'S', 'B');
    expect(() => sim.call('mail', 'one@example.com', 'S', 'B')).toThrow('Exception: Service invoked too many times for one day: email.');
    expect(sim.mail).toHaveLength(2);
    sim.clock.advance(24 * 3_600_000);
    expect(sim.call('quota')).toBe(100);
  });
});
