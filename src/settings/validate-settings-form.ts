import { DEFAULT_SETTINGS, requiredSecrets, SECRET_FIELDS, SUPPLIER_CANCEL_CODES, type Settings } from './settings';

export type FieldErrors = Partial<Record<keyof Settings | 'form', string>>;

export type SettingsValidation = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

const KNOWN_FIELDS = new Set<string>(Object.keys(DEFAULT_SETTINGS));
const MIN_INTERVAL = 0.25;
const MAX_INTERVAL = 24;
const MAX_LOOKBACK = 30;
const MAX_ARCHIVE = 365;
const MIN_RECONCILE = 1;
const MAX_RECONCILE = 168;
/** MailApp allows 100 recipients a day on gmail.com: a few addresses, a few mails a day. */
const MAX_ALERT_EMAILS = 10;
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** "a@x.com, b@y.com" (commas, semicolons or spaces between): the addresses, or what is wrong. */
export function parseAlertEmails(value: unknown): string[] | string {
  const t = text(value);
  if (t === undefined) return 'Must be text: e-mail addresses separated by commas.';
  const list = t.split(/[,;\s]+/).filter(Boolean);
  const bad = list.find((e) => e.length > 254 || !EMAIL.test(e));
  if (bad !== undefined) return `"${bad.slice(0, 60)}" is not an e-mail address. Separate addresses with commas.`;
  if (list.length > MAX_ALERT_EMAILS) return `At most ${MAX_ALERT_EMAILS} addresses (Google limits how many people a script may e-mail a day).`;
  return [...new Set(list.map((e) => e.toLowerCase()))];
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function numberOf(value: unknown): number {
  const t = text(value);
  return t === undefined || t === '' ? NaN : Number(t);
}

/**
 * Checks a settings form from the sidebar (or from a forged google.script.run call: the input is
 * untrusted). Every problem is reported beside its field with a message a person can act on.
 * A blank secret keeps the saved one. Values are trimmed.
 */
export function validateSettingsForm(form: unknown, current: Settings): SettingsValidation {
  const errors: FieldErrors = {};
  if (typeof form !== 'object' || form === null || Array.isArray(form)) {
    return { ok: false, errors: { form: 'The settings form was empty or not a form.' } };
  }
  const input = form as Record<string, unknown>;
  const unknown = Object.keys(input).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length) errors.form = `Unknown setting ${unknown.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}; nothing was saved.`;

  const next: Settings = { ...current };

  const clientId = text(input.dscoClientId);
  if (clientId === undefined || clientId === '') errors.dscoClientId = 'Required: the DSCO API Client ID.';
  else if (clientId.length > 200 || /\s/.test(clientId)) errors.dscoClientId = 'This does not look like a DSCO Client ID (no spaces, at most 200 characters).';
  else next.dscoClientId = clientId;

  // An older sidebar sends no API choice: the saved one stays.
  const api = text(input.ssApiVersion);
  if (api === undefined || (api !== '' && api !== 'v1' && api !== 'v2')) errors.ssApiVersion = 'Choose ShipStation API V1 or V2.';
  else if (api !== '') next.ssApiVersion = api;
  const required = new Set<string>(requiredSecrets(next));

  for (const field of SECRET_FIELDS) {
    const value = text(input[field]);
    if (value === undefined) errors[field] = 'Must be text.';
    else if (value === '') {
      if (current[field] === '' && required.has(field)) errors[field] = 'Required.';
    } else if (value.length > 500 || /\s/.test(value)) errors[field] = 'This does not look like a key or secret (no spaces, at most 500 characters).';
    else next[field] = value;
  }

  const storeText = text(input.ssStoreId);
  if (storeText === undefined || storeText === '') errors.ssStoreId = 'Required: choose the ShipStation store the orders go to.';
  else if (!/^\d{1,12}$/.test(storeText) || Number(storeText) <= 0) errors.ssStoreId = 'A ShipStation store ID is a whole number, e.g. 123456.';
  else next.ssStoreId = Number(storeText);

  const interval = numberOf(input.pollIntervalHours);
  if (!Number.isFinite(interval)) errors.pollIntervalHours = 'Enter a number of hours, e.g. 1 or 0.25.';
  else if (interval < MIN_INTERVAL) errors.pollIntervalHours = 'Minimum 0.25 hours (15 minutes).';
  else if (interval > MAX_INTERVAL) errors.pollIntervalHours = 'Maximum 24 hours: retailers charge back late acknowledgements.';
  else if (Math.abs(interval * 4 - Math.round(interval * 4)) > 1e-9) errors.pollIntervalHours = 'Use steps of 0.25 hours (15 minutes), e.g. 0.75 or 1.5.';
  else next.pollIntervalHours = Math.round(interval * 4) / 4;

  const lookback = numberOf(input.lookbackDays);
  if (!Number.isInteger(lookback)) errors.lookbackDays = 'Enter a whole number of days, e.g. 7.';
  else if (lookback < 1 || lookback > MAX_LOOKBACK) errors.lookbackDays = `Between 1 and ${MAX_LOOKBACK} days.`;
  else next.lookbackDays = lookback;

  const env = text(input.dscoEnvironment);
  if (env !== 'production' && env !== 'staging') errors.dscoEnvironment = 'Choose production or staging.';
  else next.dscoEnvironment = env;

  for (const field of ['includeTestOrders', 'sendInvoices', 'sendInventory'] as const) {
    const value = input[field];
    if (value === undefined || value === null || value === '') next[field] = false;
    else if (typeof value === 'boolean') next[field] = value;
    else if (value === 'true' || value === 'on') next[field] = true;
    else if (value === 'false') next[field] = false;
    else errors[field] = 'Must be yes or no.';
  }

  const per = text(input.invoicePer);
  if (per === '') next.invoicePer = DEFAULT_SETTINGS.invoicePer;
  else if (per !== 'order' && per !== 'shipment') errors.invoicePer = 'Choose per order or per shipment.';
  else next.invoicePer = per;

  const fullHour = text(input.inventoryFullHour) === '' ? DEFAULT_SETTINGS.inventoryFullHour : numberOf(input.inventoryFullHour);
  if (!Number.isInteger(fullHour) || fullHour < 0 || fullHour > 23) errors.inventoryFullHour = 'An hour of the day, 0 to 23 (US Pacific time).';
  else next.inventoryFullHour = fullHour;

  const warehouse = text(input.inventoryWarehouseCode);
  if (warehouse === undefined || warehouse.length > 100) errors.inventoryWarehouseCode = 'A DSCO warehouse code, as in DSCO\'s Warehouse Manager (at most 100 characters), or blank.';
  else next.inventoryWarehouseCode = warehouse;

  const code = text(input.cancelCode);
  if (code === undefined || code === '') next.cancelCode = DEFAULT_SETTINGS.cancelCode;
  else if (!(code.toUpperCase() in SUPPLIER_CANCEL_CODES)) errors.cancelCode = `Choose one of ${Object.keys(SUPPLIER_CANCEL_CODES).join(', ')}.`;
  else next.cancelCode = code.toUpperCase();

  const archive = text(input.archiveAfterDays) === '' ? DEFAULT_SETTINGS.archiveAfterDays : numberOf(input.archiveAfterDays);
  if (!Number.isInteger(archive)) errors.archiveAfterDays = 'Enter a whole number of days, e.g. 30.';
  else if (archive < 1 || archive > MAX_ARCHIVE) errors.archiveAfterDays = `Between 1 and ${MAX_ARCHIVE} days.`;
  else next.archiveAfterDays = archive;

  const reconcile = text(input.reconcileHours) === '' ? DEFAULT_SETTINGS.reconcileHours : numberOf(input.reconcileHours);
  if (!Number.isInteger(reconcile)) errors.reconcileHours = 'Enter a whole number of hours, e.g. 24.';
  else if (reconcile < MIN_RECONCILE || reconcile > MAX_RECONCILE) errors.reconcileHours = `Between ${MIN_RECONCILE} and ${MAX_RECONCILE} hours.`;
  else next.reconcileHours = reconcile;
  const emails = parseAlertEmails(input.alertEmails);
  if (typeof emails === 'string') errors.alertEmails = emails;
  else next.alertEmails = emails.join(', ');

  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, settings: next };
}
