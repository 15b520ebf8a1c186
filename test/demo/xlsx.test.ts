import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { argb, buildWorkbook, columnLetter, loadTemplate, writeTemplateWorkbook } from '../../scripts/xlsx/write-workbook';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsco-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Formatting = { ref: string; rules: { formulae: string[]; style: { fill: { bgColor: { argb: string } }; font: { color: { argb: string } } } }[] };

describe('xlsx writer', () => {
  it('writes an empty workbook laid out by the template (npm run template)', async () => {
    const template = loadTemplate();
    const { file, tabs } = await writeTemplateWorkbook(path.join(dir, 'template.xlsx'), template);
    expect(tabs).toEqual(template.tabs.map((t) => t.name));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const t of template.tabs) {
      const ws = wb.getWorksheet(t.name)!;
      expect(ws.getRow(1).values).toEqual([undefined, ...t.headers]);
      expect(ws.state).toBe(t.hidden ? 'hidden' : 'visible');
      t.columnWidths?.forEach((px, i) => expect(ws.getColumn(i + 1).width).toBeCloseTo((px - 5) / 7, 1));
      const seeded = [...(t.defaultRows ?? []), ...(t.managedRows ?? [])];
      expect(ws.rowCount).toBe(1 + seeded.length);
      if (seeded.length) expect(ws.getRow(2).getCell(1).value).toBe(seeded[0][0] || null);
      if (t.statusColumn) {
        const col = columnLetter(t.statusColumn);
        // The status colours (the deadline highlights, on other columns, are tested below).
        const cf = (ws as unknown as { conditionalFormattings: Formatting[] }).conditionalFormattings.find((f) => f.ref.startsWith(`${col}2:`))!;
        expect(cf.ref).toBe(`${col}2:${col}1000`);
        const colors = template.statusColors ?? {};
        expect(cf.rules.map((r) => [r.formulae[0], r.style.fill.bgColor.argb, r.style.font.color.argb])).toEqual(
          Object.entries(colors).map(([status, c]) => [`${col}2="${status}"`, argb(c.background), argb(c.font)]),
        );
      }
      if (t.filter) expect(ws.autoFilter).toBe(`A1:${columnLetter(t.headers.length)}1`);
    }
  });

  it('shows dates as the spreadsheet’s wall-clock time, keeps text as text, and leaves an empty extra sheet out', () => {
    const template = loadTemplate();
    const logs = template.tabs.find((t) => t.name === 'Logs')!;
    const wb = buildWorkbook(
      template,
      [
        { name: 'Sheet1', rows: [] },
        { name: 'Logs', rows: [logs.headers, [new Date('2026-03-02T13:05:00Z'), 'INFO', '', '=SUM(A1)', '0042']] },
      ],
      { timeZone: 'America/New_York' },
    );
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Logs']);
    const row = wb.getWorksheet('Logs')!.getRow(2);
    expect(row.getCell(1).value).toEqual(new Date('2026-03-02T08:05:00Z'));
    expect(row.getCell(1).numFmt).toBe(template.dateFormat);
    expect(row.getCell(4).value).toBe('=SUM(A1)');
    expect(row.getCell(5).value).toBe('0042');
  });

  it("keeps the Overview's formulas as formulas and gives the Dashboard the Sheet's deadline highlights", () => {
    const template = loadTemplate();
    const late = `=COUNTIFS('Dashboard'!L2:L,"<"&TODAY())`;
    const wb = buildWorkbook(template, [
      { name: 'Overview', rows: [['Overview', 'Now'], ['Late', '#FORMULA']], formulas: [['', ''], ['', late]] },
      { name: 'Dashboard', rows: [template.tabs.find((t) => t.name === 'Dashboard')!.headers] },
    ]);
    expect(wb.getWorksheet('Overview')!.getCell('B2').value).toEqual({ formula: late.slice(1) });
    const rules = (wb.getWorksheet('Dashboard') as unknown as { conditionalFormattings: Formatting[] }).conditionalFormattings;
    const deadline = rules.filter((f) => /^[LN]2:/.test(f.ref));
    expect(deadline.map((f) => f.rules[0].formulae[0])).toEqual([
      'AND(ISNUMBER($L2),$E2<>"Shipped",$E2<>"Cancelled",INT($L2)<TODAY())',
      'AND(ISNUMBER($L2),$E2<>"Shipped",$E2<>"Cancelled",INT($L2)=TODAY())',
      'AND(ISNUMBER($N2),$E2<>"Shipped",$E2<>"Cancelled",INT($N2)<TODAY())',
      'AND(ISNUMBER($N2),$E2<>"Shipped",$E2<>"Cancelled",INT($N2)=TODAY())',
    ]);
  });
});
