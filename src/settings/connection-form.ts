import { SECRET_FIELDS, type Settings } from './settings';

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

/**
 * The settings a connection test uses: what is typed in the sidebar (the same form saveSettings
 * takes), a blank secret meaning the saved one. Nothing is validated or saved here: a missing value
 * shows up as that service's failure, and the store is optional (the test lists the stores).
 * Without a form (an older sidebar), the saved settings.
 */
export function connectionSettings(form: unknown, saved: Settings): Settings {
  if (typeof form !== 'object' || form === null || Array.isArray(form)) return saved;
  const f = form as Record<string, unknown>;
  const next: Settings = { ...saved, dscoClientId: text(f.dscoClientId) };
  for (const field of SECRET_FIELDS) next[field] = text(f[field]) || saved[field];
  const env = text(f.dscoEnvironment);
  next.dscoEnvironment = env === 'staging' ? 'staging' : env === 'production' ? 'production' : saved.dscoEnvironment;
  const store = text(f.ssStoreId);
  next.ssStoreId = /^\d{1,12}$/.test(store) && Number(store) > 0 ? Number(store) : null;
  return next;
}
