/**
 * Renders the Dashboard and Overview tabs of the demo's workbook (out/dsco-sync-demo.xlsx, written by
 * `npm start`) to HTML the way Sheets draws them (column widths, bold frozen header, status colours,
 * the deadline highlights, the Overview's column chart drawn from the same cells) and captures them
 * with Debian's Chromium: docs/dashboard.png and docs/overview.png for the README.
 *
 *   npm start && npx tsx scripts/xlsx/render-screenshots.ts [workbook.xlsx]
 *
 * The formulas (late and due today, the highlights) are evaluated here with the demo's last moment
 * as "today", since the workbook is a snapshot of that day.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/browser/chromium';
import { SHEET_TEMPLATE } from '../../src/sheet/sheet-template';
import { DUE_TODAY_COLORS, LATE_COLORS } from '../../src/sheet/deadline-highlights';
import { TABS } from '../../src/storage/storage-map';

const file = path.resolve(process.argv[2] ?? 'out/dsco-sync-demo.xlsx');
const DOCS = path.resolve('docs');
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const px = (excelWidth: number | undefined) => Math.round((excelWidth ?? 12) * 7 + 5);
const day = (d: Date) => d.toISOString().slice(0, 10);

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 16).replace('T', ' ');
  if (typeof v === 'object' && 'formula' in v) return '';
  return String(v);
}

function rowsOf(ws: ExcelJS.Worksheet, width: number): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => out.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value)));
  return out;
}

const PAGE = (body: string) =>
  `<!doctype html><meta charset="utf-8"><style>
  body{margin:0;font:13px Arial,Helvetica,sans-serif;color:#202124;background:#fff}
  .tab{padding:6px 10px;background:#f1f3f4;border-bottom:1px solid #dadce0;font-weight:bold;color:#188038}
  table{border-collapse:collapse;table-layout:fixed}
  td,th{border:1px solid #e2e3e3;padding:3px 5px;height:19px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;text-align:left}
  th{background:#f8f9fa;font-weight:bold;border-bottom:2px solid #bdc1c6}
  td.num{text-align:right}
  </style><body>${body}</body>`;

function table(widths: number[], rows: { cells: string[]; styles?: string[]; classes?: string[] }[], header: string[]): string {
  const cols = widths.map((w) => `<col style="width:${w}px">`).join('');
  const head = `<tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.cells.map((c, i) => `<td class="${r.classes?.[i] ?? ''}" style="${r.styles?.[i] ?? ''}">${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table style="width:${widths.reduce((a, b) => a + b, 0)}px"><colgroup>${cols}</colgroup>${head}${body}</table>`;
}

function dashboardHtml(ws: ExcelJS.Worksheet): { html: string; today: string } {
  const d = TABS.dashboard;
  const all = rowsOf(ws, d.width);
  const [header, ...rows] = all;
  const updated = rows.map((r) => r[d.col.updated - 1]).filter((v): v is Date => v instanceof Date);
  const today = day(new Date(Math.max(...updated.map((u) => u.getTime()))));
  const widths = Array.from({ length: d.width }, (_, i) => px(ws.getColumn(i + 1).width));
  const colors = SHEET_TEMPLATE.statusColors;
  const body = rows.map((r) => {
    const status = String(r[d.col.status - 1] ?? '');
    const open = status !== 'Shipped' && status !== 'Cancelled';
    const styles = r.map((v, i) => {
      if (i === d.col.status - 1 && colors[status]) return `background:${colors[status].background};color:${colors[status].font}`;
      if ((i === d.col.shipBy - 1 || i === d.col.cancelAfter - 1) && open && v instanceof Date) {
        const c = day(v) < today ? LATE_COLORS : day(v) === today ? DUE_TODAY_COLORS : undefined;
        if (c) return `background:${c.background};color:${c.font}`;
      }
      return '';
    });
    return { cells: r.map(text), styles };
  });
  return { html: PAGE(`<div class="tab">Dashboard — ${rows.length} orders (deadline colours as of ${today})</div>${table(widths, body, header.map(text))}`), today };
}

function chartSvg(days: [string, number, number][], title: string): string {
  const W = 500, H = 300, left = 40, bottom = 50, top = 40, right = 10;
  const max = Math.max(1, ...days.flatMap((x) => [x[1], x[2]]));
  const step = (W - left - right) / days.length;
  const y = (v: number) => H - bottom - ((H - bottom - top) * v) / max;
  const bars = days
    .map(([label, a, b], i) => {
      const x = left + i * step;
      const bw = step / 2 - 1;
      const tick = i % 5 === 4 || i === days.length - 1 ? `<text x="${x + step / 2}" y="${H - bottom + 14}" font-size="10" text-anchor="middle">${esc(label)}</text>` : '';
      return `<rect x="${x + 1}" y="${y(a)}" width="${bw}" height="${H - bottom - y(a)}" fill="#4285f4"/><rect x="${x + 1 + bw}" y="${y(b)}" width="${bw}" height="${H - bottom - y(b)}" fill="#ea4335"/>${tick}`;
    })
    .join('');
  const grid = [0, 0.5, 1].map((f) => `<line x1="${left}" x2="${W - right}" y1="${y(max * f)}" y2="${y(max * f)}" stroke="#e0e0e0"/><text x="${left - 4}" y="${y(max * f) + 4}" font-size="10" text-anchor="end">${Math.round(max * f)}</text>`).join('');
  const legend = `<rect x="${left}" y="${H - 22}" width="10" height="10" fill="#4285f4"/><text x="${left + 14}" y="${H - 13}" font-size="11">Orders in</text><rect x="${left + 90}" y="${H - 22}" width="10" height="10" fill="#ea4335"/><text x="${left + 104}" y="${H - 13}" font-size="11">Shipments</text>`;
  return `<svg width="${W}" height="${H}" style="border:1px solid #dadce0;background:#fff;margin-top:12px"><text x="${W / 2}" y="22" font-size="14" text-anchor="middle">${esc(title)}</text>${grid}${bars}${legend}</svg>`;
}

function overviewHtml(ws: ExcelJS.Worksheet, dashboard: ExcelJS.Worksheet, today: string): string {
  const o = TABS.overview;
  const d = TABS.dashboard;
  const dash = rowsOf(dashboard, d.width).slice(1);
  const openShipBy = dash.filter((r) => !['Shipped', 'Cancelled'].includes(String(r[d.col.status - 1]))).map((r) => r[d.col.shipBy - 1]).filter((v): v is Date => v instanceof Date);
  const evaluate = (v: ExcelJS.CellValue): string => {
    if (!(v && typeof v === 'object' && 'formula' in v)) return text(v);
    const f = String(v.formula);
    return String(f.includes('">="&TODAY()') ? openShipBy.filter((s) => day(s) === today).length : openShipBy.filter((s) => day(s) < today).length);
  };
  const [header, ...rows] = rowsOf(ws, o.width);
  const figures = rows.filter((r) => r[0]).map((r) => ({ cells: [text(r[0]), evaluate(r[1])], classes: ['', typeof r[1] === 'number' || (r[1] && typeof r[1] === 'object') ? 'num' : ''] }));
  const days = rows.filter((r) => r[2]).map((r) => [text(r[2]), Number(r[3]) || 0, Number(r[4]) || 0] as [string, number, number]);
  const widths = [0, 1].map((i) => px(ws.getColumn(i + 1).width));
  const dayWidths = [2, 3, 4].map((i) => px(ws.getColumn(i + 1).width));
  const last7 = days.slice(-12).map((x) => ({ cells: [x[0], String(x[1]), String(x[2])], classes: ['', 'num', 'num'] }));
  const chart = SHEET_TEMPLATE.tabs.find((t) => t.name === o.name)?.chart;
  return PAGE(
    `<div class="tab">Overview</div><div style="display:flex;gap:0;align-items:flex-start"><div>${table(widths, figures, [text(header[0]), text(header[1])])}${chartSvg(days, chart?.title ?? '')}</div>` +
      `<div>${table(dayWidths, last7, [text(header[2]), text(header[3]), text(header[4])])}<div style="color:#5f6368;padding:4px 6px">… the last 12 of 30 days</div></div></div>`,
  );
}

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const dashboard = wb.getWorksheet(TABS.dashboard.name)!;
  const overview = wb.getWorksheet(TABS.overview.name)!;
  const { html: dashHtml, today } = dashboardHtml(dashboard);
  const pages: [string, string][] = [
    ['dashboard.png', dashHtml],
    ['overview.png', overviewHtml(overview, dashboard, today)],
  ];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (const [name, html] of pages) {
      const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
      await page.setContent(html);
      const size = await page.evaluate(() => ({ w: document.body.scrollWidth, h: document.body.scrollHeight }));
      await page.setViewportSize({ width: size.w, height: size.h });
      await page.screenshot({ path: path.join(DOCS, name), fullPage: true });
      fs.writeFileSync(path.join('out', name.replace('.png', '.html')), html);
      console.log(`docs/${name} (${size.w}×${size.h})`);
    }
  } finally {
    await browser.close();
  }
}

void main();
