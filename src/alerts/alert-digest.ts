import { errorMessage } from '../core/errors';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { Mailer } from '../core/ports/mailer';
import { redact } from '../core/redact';
import { fnv1a } from '../core/text/fnv1a';
import { ALERT_KINDS, type AlertFacts, type AlertKind } from './alert-kinds';
import { HOUR_MS as HOUR } from '../core/time/durations';

/** Keys remembered per kind (8 characters each): well under a Script Property's 9 KB. */
const MAX_KEYS = 400;
const MAX_LISTED = 20;
const ERRORS_PENDING = 'alerts.errors.pending';

interface KindState {
  /** When this kind was last mailed; null if never. */
  sentAt: number | null;
  /** Hashes of the items already mailed that are still a problem. */
  keys: string[];
}

export interface DigestOutcome {
  sent: boolean;
  /** For the Logs tab. */
  note?: string;
}

export interface DigestDeps {
  store: KeyValueStore;
  mailer: Mailer;
  recipients: string[];
  sheetUrl: string;
  secrets: readonly string[];
  kinds?: readonly AlertKind[];
}

/** A cycle found new Error rows: the next digest reads the Dashboard (one property write, no mail). */
export function noteNewErrors(store: KeyValueStore): void {
  store.set(ERRORS_PENDING, 'true');
}

export function errorsMayHaveChanged(store: KeyValueStore): boolean {
  return store.get(ERRORS_PENDING) === 'true';
}

/**
 * The opt-in alert e-mail. Each kind reports only items it has not mailed before, at most once an
 * hour; items held back by the hour go out in the next digest after it. A problem that went away
 * is forgotten, so the same problem coming back later is mailed again. All due kinds share one mail.
 */
export function sendDigest(deps: DigestDeps, facts: AlertFacts): DigestOutcome {
  const sections: string[] = [];
  const headings: string[] = [];
  const commits: (() => void)[] = [];
  for (const kind of deps.kinds ?? ALERT_KINDS) {
    const items = kind.detect(facts);
    if (kind.id === 'errors' && items !== undefined) commits.push(() => deps.store.delete(ERRORS_PENDING));
    if (items === undefined) continue;
    const stateKey = `alerts.${kind.id}`;
    const state = readState(deps.store.get(stateKey));
    const hashed = items.map((i) => ({ ...i, hash: fnv1a(i.key) }));
    const still = state.keys.filter((k) => hashed.some((i) => i.hash === k));
    const fresh = hashed.filter((i) => !state.keys.includes(i.hash));
    const due = fresh.length > 0 && (state.sentAt === null || facts.now - state.sentAt >= HOUR);
    if (!due) {
      if (still.length !== state.keys.length) deps.store.set(stateKey, JSON.stringify({ ...state, keys: still }));
      // Held back by the hour: look again next time.
      if (fresh.length && kind.id === 'errors') commits.push(() => noteNewErrors(deps.store));
      continue;
    }
    headings.push(kind.heading(fresh.length));
    const listed = fresh.slice(0, MAX_LISTED).map((i) => `- ${i.text}`);
    if (fresh.length > MAX_LISTED) listed.push(`- and ${fresh.length - MAX_LISTED} more.`);
    sections.push([kind.heading(fresh.length), ...listed, kind.advice].join('\n'));
    const keys = [...still, ...fresh.map((i) => i.hash)].slice(-MAX_KEYS);
    commits.push(() => deps.store.set(stateKey, JSON.stringify({ sentAt: facts.now, keys })));
  }
  if (!sections.length || !deps.recipients.length) {
    if (!sections.length) for (const c of commits) c();
    return { sent: false };
  }
  const quota = deps.mailer.remainingDailyQuota();
  if (quota < deps.recipients.length) {
    return { sent: false, note: `Alert e-mail not sent: Google's daily e-mail quota for this account is used up (${quota} left). It is sent once the quota allows.` };
  }
  const body = [
    ...sections,
    `Open the Sheet: ${deps.sheetUrl}`,
    'You get this because your address is in DSCO Sync → Settings → Alert e-mails. Remove it there to stop these mails.',
  ].join('\n\n');
  try {
    deps.mailer.send({ to: deps.recipients, subject: redact(`DSCO Sync: ${headings.join('; ')}`, deps.secrets), body: redact(body, deps.secrets) });
  } catch (e) {
    return { sent: false, note: `Alert e-mail not sent: ${redact(errorMessage(e), deps.secrets)}` };
  }
  for (const c of commits) c();
  return { sent: true, note: `Alert e-mail sent to ${deps.recipients.length} address(es): ${headings.join('; ')}.` };
}

function readState(text: string | null): KindState {
  try {
    const s = JSON.parse(text ?? '') as Partial<KindState>;
    const sentAt = typeof s.sentAt === 'number' && Number.isFinite(s.sentAt) ? s.sentAt : null;
    return { sentAt, keys: Array.isArray(s.keys) ? s.keys.filter((k) => typeof k === 'string') : [] };
  } catch {
    return { sentAt: null, keys: [] };
  }
}
