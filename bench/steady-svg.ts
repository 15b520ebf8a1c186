import type { SteadyResult } from './steady';

const COLORS = ['#1f6feb', '#d1242f', '#1a7f37'];

/**
 * Cost over the days of a year, one line per volume: trigger minutes a day (left, measured on the
 * full days) and cells used (right, every day), with the consumer account's 90 minutes.
 */
export function costOverDaysSvg(results: SteadyResult[]): string {
  const W = 860;
  const H = 420;
  const m = { left: 70, right: 250, top: 44, bottom: 56 };
  const dayX = (d: number) => m.left + (Math.log10(d) / Math.log10(365)) * (W - m.left - m.right);
  const minutes = results.flatMap((r) => r.days.map((d) => d.triggerMinutes ?? 0));
  const yMax = Math.max(120, Math.ceil(Math.max(...minutes) / 60) * 60);
  const y = (v: number) => H - m.bottom - (v / yMax) * (H - m.top - m.bottom);
  const cellsMax = Math.max(1, ...results.flatMap((r) => r.days.map((d) => d.cells)));
  const yc = (v: number) => H - m.bottom - (v / cellsMax) * (H - m.top - m.bottom);
  const p: string[] = [];
  p.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`);
  p.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  p.push(`<text x="${m.left}" y="22" font-size="15" font-weight="600">A year of steady traffic: trigger minutes a day (solid) and cells used (dashed)</text>`);
  for (let v = 0; v <= yMax; v += yMax / 6) {
    p.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`);
    p.push(`<text x="${m.left - 8}" y="${y(v) + 4}" text-anchor="end" fill="#555">${Math.round(v)}</text>`);
    p.push(`<text x="${W - m.right + 8}" y="${y(v) + 4}" fill="#888">${Math.round((v / yMax) * cellsMax).toLocaleString('en-US')}</text>`);
  }
  if (90 <= yMax) {
    p.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${y(90)}" y2="${y(90)}" stroke="#d1242f" stroke-dasharray="2 3"/>`);
    p.push(`<text x="${m.left + 4}" y="${y(90) - 4}" fill="#d1242f">90 min/day (consumer account)</text>`);
  }
  if (360 <= yMax) {
    p.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${y(360)}" y2="${y(360)}" stroke="#8250df" stroke-dasharray="2 3"/>`);
    p.push(`<text x="${m.left + 4}" y="${y(360) - 4}" fill="#8250df">360 min/day (Workspace account)</text>`);
  }
  for (const d of [1, 2, 7, 10, 30, 90, 365]) {
    p.push(`<line x1="${dayX(d)}" x2="${dayX(d)}" y1="${H - m.bottom}" y2="${H - m.bottom + 5}" stroke="#555"/>`);
    p.push(`<text x="${dayX(d)}" y="${H - m.bottom + 18}" text-anchor="middle" fill="#555">${d}</text>`);
  }
  p.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 16}" text-anchor="middle" fill="#333">day (log scale; days after the last simulated one have the Archive at its size for that day)</text>`);
  p.push(`<text x="18" y="${(m.top + H - m.bottom) / 2}" transform="rotate(-90 18 ${(m.top + H - m.bottom) / 2})" text-anchor="middle" fill="#333">trigger minutes a day</text>`);
  results.forEach((r, i) => {
    const c = COLORS[i % COLORS.length];
    const dayOf = (label: string) => Number(label);
    const full = r.days.filter((d) => d.triggerMinutes !== undefined);
    p.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${full.map((d) => `${dayX(dayOf(d.label)).toFixed(1)},${y(d.triggerMinutes ?? 0).toFixed(1)}`).join(' ')}"/>`);
    for (const d of full) p.push(`<circle cx="${dayX(dayOf(d.label)).toFixed(1)}" cy="${y(d.triggerMinutes ?? 0).toFixed(1)}" r="3" fill="${c}"/>`);
    p.push(`<polyline fill="none" stroke="${c}" stroke-width="1.5" stroke-dasharray="5 4" points="${r.days.map((d) => `${dayX(dayOf(d.label)).toFixed(1)},${yc(d.cells).toFixed(1)}`).join(' ')}"/>`);
    p.push(`<text x="${W - m.right + 90}" y="${m.top + 20 + i * 20}" fill="${c}">${r.perDay.toLocaleString('en-US')} orders/day</text>`);
  });
  p.push(`<text x="${W - m.right + 90}" y="${m.top + 90}" fill="#888">right axis: cells used</text>`);
  p.push('</svg>');
  return p.join('\n') + '\n';
}
