import type { SimClock } from '../clock';
import { exception } from './sim-exception';

/** MailApp quotas (developers.google.com/apps-script/guides/services/quotas): recipients per day, per message. */
export const MAIL_RECIPIENTS_PER_DAY = 100;
export const MAIL_RECIPIENTS_PER_MESSAGE = 50;
export const MAIL_SUBJECT_MAX = 250;
const DAY_MS = 86_400_000;
const ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

export interface SentMail {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  /** The effective user of the execution that sent it. */
  from: string;
  at: number;
}

interface MessageOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
}

/**
 * MailApp: sendEmail(recipient, subject, body[, options]) and sendEmail(message). Addresses are
 * comma-separated; an invalid one throws "Invalid email: …". Every recipient (to, cc, bcc) counts
 * against the sender's daily quota (100 on gmail.com), which resets 24 h after the first mail of
 * the window; over it, "Service invoked too many times for one day: email.". Each mail is
 * recorded in `sim.mail`.
 */
export class SimMailApp {
  static readonly simKind = 'MailApp';
  private windowStart = 0;
  private used = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly user: () => string,
    readonly sent: SentMail[],
    private readonly perDay = MAIL_RECIPIENTS_PER_DAY,
  ) {}

  private _roll(): void {
    if (this.clock.now() - this.windowStart >= DAY_MS) {
      this.windowStart = this.clock.now();
      this.used = 0;
    }
  }

  getRemainingDailyQuota(): number {
    this._roll();
    return this.perDay - this.used;
  }

  sendEmail(...args: unknown[]): void {
    let m: MessageOptions;
    if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) m = args[0] as MessageOptions;
    else if (args.length >= 3) m = { ...((args[3] ?? {}) as MessageOptions), to: String(args[0]), subject: String(args[1]), body: String(args[2]) };
    else throw exception("The parameters don't match the method signature for MailApp.sendEmail.");
    const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const to = list(m.to);
    const cc = list(m.cc);
    const bcc = list(m.bcc);
    const all = [...to, ...cc, ...bcc];
    if (all.length === 0) throw exception('Failed to send email: no recipient');
    for (const a of all) if (!ADDRESS.test(a)) throw exception(`Invalid email: ${a}`);
    if (all.length > MAIL_RECIPIENTS_PER_MESSAGE) throw exception('Limit Exceeded: Email Recipients Per Message.');
    const subject = String(m.subject ?? '');
    if (subject.length > MAIL_SUBJECT_MAX) throw exception('Argument too large: subject');
    if (m.body === undefined && m.htmlBody === undefined) throw exception('Invalid argument: body');
    this._roll();
    if (this.used + all.length > this.perDay) throw exception('Service invoked too many times for one day: email.');
    this.used += all.length;
    const mail: SentMail = { to, cc, bcc, subject, body: String(m.body ?? ''), from: this.user(), at: this.clock.now() };
    if (m.htmlBody !== undefined) mail.htmlBody = String(m.htmlBody);
    this.sent.push(mail);
  }
}
