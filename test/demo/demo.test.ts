import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORDERS } from '../../demo/scenario';
import { loadTemplate } from '../../scripts/xlsx/write-workbook';
import { ROOT } from '../../sandbox/paths';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));

describe('npm start: the demo day, end to end', () => {
  let dir: string;
  let xlsx: string;
  let stdout: string;
  let code: number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsco-demo-'));
    xlsx = path.join(dir, 'demo.xlsx');
    try {
      ({ stdout } = await run(TSX, ['demo/start.ts', `--out=${xlsx}`], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 }));
      code = 0;
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      stdout = `${err.stdout ?? ''}\n${err.stderr ?? ''}`;
      code = typeof err.code === 'number' ? err.code : -1;
    }
  }, 70_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs every cycle and reports that every order ended as expected', () => {
    expect(stdout).toContain('✓ All 12 orders ended as the scenario expects');
    expect(code).toBe(0);
    const cycles = stdout.split('\n').filter((l) => l.includes('⟳'));
    expect(cycles).toHaveLength(8);
    for (const l of cycles) expect(l).toMatch(/pulled \d+ · created \d+ · acknowledged \d+ · shipped \d+ · cancelled \d+ · errors \d+/);
    expect(cycles[0]).toMatch(/Sync now\s+pulled 9 · created 8 · acknowledged 8 · shipped 0 · cancelled 0 · errors 1/);
    expect(stdout).toMatch(/Dashboard \(12 orders\)/);
    expect(stdout).toMatch(/Logs \(the last 15 of \d+ rows\)/);
    expect(Math.max(...stdout.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(120);
  });

  it('invoices each shipped order once and sends the Inventory tab, in the timeline and the workbook', async () => {
    const cycles = stdout.split('\n').filter((l) => l.includes('⟳'));
    expect(cycles.some((l) => / · invoiced \d/.test(l))).toBe(true);
    expect(cycles.some((l) => / · inventory \d/.test(l))).toBe(true);
    expect(stdout.replace(/\s+/g, ' ')).toMatch(/5 invoices, one per shipped order; the Inventory tab's 7 rows as expected/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const inventory = wb.getWorksheet('Inventory')!;
    expect(text(inventory.getRow(2).getCell(6).value)).toBe('Accepted by DSCO');
    const units = wb.getWorksheet('Dashboard')!.getColumn(10).values.map((v) => text(v as ExcelJS.CellValue));
    expect(units.filter((u) => u.endsWith('· invoiced'))).toHaveLength(5);
  });

  it('writes the spreadsheet with the template’s tabs, headers, frozen rows, hidden tabs and status colours', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const template = loadTemplate();
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(template.tabs.map((t) => t.name));
    for (const t of template.tabs) {
      const ws = wb.getWorksheet(t.name)!;
      expect(t.headers.map((_h, i) => text(ws.getRow(1).getCell(i + 1).value))).toEqual(t.headers);
      expect(ws.state).toBe(t.hidden ? 'hidden' : 'visible');
      if (t.frozenRows) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: t.frozenRows });
    }
    const dashboard = wb.getWorksheet('Dashboard')!;
    const rules = (dashboard as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings;
    expect(rules.flatMap((r) => r.rules.map((x) => x.formulae[0]))).toEqual(
      expect.arrayContaining(['E2="Received"', 'E2="Sent to SS"', 'E2="Shipped"', 'E2="Cancelled"', 'E2="Error"']),
    );
  });

  it('ends every seeded order in the expected status, once, with the Error rows saying what to do', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const rows: string[][] = [];
    wb.getWorksheet('Dashboard')!.eachRow((row, n) => {
      if (n > 1) rows.push(Array.from({ length: 9 }, (_v, i) => text(row.getCell(i + 1).value)));
    });
    expect(rows).toHaveLength(DEMO_ORDERS.length);
    expect(new Set(rows.map((r) => r[1])).size).toBe(rows.length);
    for (const order of DEMO_ORDERS) {
      const mine = rows.filter((r) => r[2].startsWith(`${order.po} / ${order.retailer}`));
      expect(mine, order.po).toHaveLength(1);
      const [, , , , status, tracking, , , error] = mine[0];
      expect({ po: order.po, status }).toEqual({ po: order.po, status: order.expect.status });
      if (order.expect.tracking) expect(tracking).toBe(order.expect.tracking.join(', '));
      if (order.expect.error) expect(error).toMatch(order.expect.error);
      else expect(error).toBe('');
    }
    const errors = rows.filter((r) => r[4] === 'Error').map((r) => r[8]);
    expect(errors).toEqual([
      expect.stringMatching(/incomplete ship-to address for PO BBK-551977 \(missing city, postal code\)/),
      expect.stringMatching(/^No Carrier Map row for ShipStation carrier "ups" and service "ups_ground_saver": add ups \/ ups_ground_saver/),
    ]);
  });
});

describe('npm start -- --shipstation=v2: the same day against ShipStation API V2', () => {
  it('ends every order as the scenario expects on V2, with no V2 contract violation', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsco-demo-v2-'));
    try {
      const { stdout } = await run(TSX, ['demo/start.ts', '--shipstation=v2', `--out=${path.join(dir, 'demo.xlsx')}`], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 60_000,
      });
      expect(stdout).toContain('one simulated day (ShipStation API V2)');
      expect(stdout).toMatch(/✓ All 12 orders ended as the scenario expects[\s\S]*no DSCO or ShipStation\s+V2 contract violations/);
      // The second label of an order already sent is reported once in Logs, not at every run.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, 'demo.xlsx'));
      const logs = wb.getWorksheet('Logs')!.getColumn(5).values.map((v) => text(v as ExcelJS.CellValue));
      expect(logs.filter((m) => /Tracking 794612340002 covers no open quantity/.test(m))).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 70_000);
});
