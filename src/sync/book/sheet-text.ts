/**
 * Text bound for a free-text cell (columns that are not plain-text formatted). Sheets turns a typed string that starts with =, +, - or @ into a formula;
 * retailer-supplied text must never become one, so such text gets Sheets' own text marker, a
 * leading apostrophe (Sheets stores the text and does not show the apostrophe).
 */
export function sheetText(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/** The value a cell gave back, as text without the apostrophe marker. */
export function cellText(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return s.startsWith("'") ? s.slice(1) : s;
}
