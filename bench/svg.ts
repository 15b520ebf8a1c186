import type { RunSummary } from './summarize';
import { BUDGET_MS, LIMIT_MS } from './summarize';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df'];

/**
 * Simulated Apps Script time per execution against N (log scale), one line per shipment mode for
 * the mean and dots for every execution, with the engine's 4.5-minute budget and the 6-minute limit.
 */
export function timePerExecutionSvg(runs: RunSummary[]): string {
  const W = 860;
  const H = 440;
  const m = { left: 70, right: 230, top: 44, bottom: 60 };
  const ns = [...new Set(runs.map((r) => r.n))].sort((a, b) => a - b);
  const lo = Math.log10(Math.min(...ns)) - 0.15;
  const hi = Math.log10(Math.max(...ns)) + 0.15;
  const yMax = 400;
  const x = (n: number) => m.left + ((Math.log10(n) - lo) / (hi - lo)) * (W - m.left - m.right);
  const y = (s: number) => H - m.bottom - (Math.min(s, yMax) / yMax) * (H - m.top - m.bottom);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${m.left}" y="22" font-size="15" font-weight="600">Simulated Apps Script time per execution</text>`);
  // grid and axes
  for (let s = 0; s <= yMax; s += 60) {
    parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${y(s)}" y2="${y(s)}" stroke="#eee"/>`);
    parts.push(`<text x="${m.left - 8}" y="${y(s) + 4}" text-anchor="end" fill="#555">${s}</text>`);
  }
  for (const n of ns) {
    parts.push(`<line x1="${x(n)}" x2="${x(n)}" y1="${m.top}" y2="${H - m.bottom}" stroke="#eee"/>`);
    parts.push(`<text x="${x(n)}" y="${H - m.bottom + 18}" text-anchor="middle" fill="#555">${n.toLocaleString('en-US')}</text>`);
  }
  parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${H - m.bottom}" y2="${H - m.bottom}" stroke="#333"/>`);
  parts.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${H - m.bottom}" stroke="#333"/>`);
  parts.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 18}" text-anchor="middle">N new orders (+ N shipments, 5% cancellations), log scale</text>`);
  parts.push(`<text transform="translate(18 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">seconds per execution</text>`);
  // limits
  for (const [ms, label, color] of [[BUDGET_MS, 'engine budget 4.5 min', '#9a6700'], [LIMIT_MS, 'Apps Script limit 6 min', '#d1242f']] as const) {
    const s = ms / 1000;
    parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${y(s)}" y2="${y(s)}" stroke="${color}" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${m.left + 6}" y="${y(s) - 5}" fill="${color}">${label}</text>`);
  }
  // series
  const modes = [...new Set(runs.map((r) => r.mode))];
  modes.forEach((mode, i) => {
    const color = COLORS[i % COLORS.length];
    const series = runs.filter((r) => r.mode === mode).sort((a, b) => a.n - b.n);
    const dx = (i - (modes.length - 1) / 2) * 8;
    for (const r of series) {
      for (const s of r.simSecondsPerExecution.all) parts.push(`<circle cx="${x(r.n) + dx}" cy="${y(s)}" r="3" fill="${color}" fill-opacity="0.35"/>`);
    }
    const pts = series.map((r) => `${x(r.n) + dx},${y(r.simSecondsPerExecution.mean)}`).join(' ');
    parts.push(`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const r of series) {
      parts.push(`<circle cx="${x(r.n) + dx}" cy="${y(r.simSecondsPerExecution.mean)}" r="4.5" fill="${color}"/>`);
      const ty = y(r.simSecondsPerExecution.mean) + (i % 2 === 0 ? 17 : -8);
      parts.push(`<text x="${x(r.n) + dx + 7}" y="${ty}" fill="${color}" font-size="11">${r.executions} run${r.executions === 1 ? '' : 's'} to drain</text>`);
    }
    const ly = m.top + 10 + i * 40;
    parts.push(`<line x1="${W - m.right + 6}" x2="${W - m.right + 30}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${W - m.right + 36}" y="${ly + 4}">${esc(mode === 'auto' ? 'auto (batch > 2)' : 'singleShipment only')}</text>`);
    parts.push(`<text x="${W - m.right + 36}" y="${ly + 18}" fill="#555" font-size="11">line: mean; dots: each run</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
