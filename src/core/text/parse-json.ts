/** Parses JSON text; undefined when the text is not JSON (an HTML error page, a truncated body). */
export function tryParseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The start of a body, on one line, for an error message a person can read. */
export function snippet(text: string, max = 160): string {
  const oneLine = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
