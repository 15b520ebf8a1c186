/**
 * `npm run template`: writes out/dsco-sync-template.xlsx, an empty workbook with the tabs,
 * headers, column widths, frozen header rows, Carrier Map defaults and status colours of
 * sheets-template/template.json. Usage: tsx scripts/xlsx/write-template.ts [output.xlsx]
 */
import path from 'node:path';
import { loadTemplate, ROOT, writeTemplateWorkbook } from './write-workbook';

const out = process.argv[2] ?? path.join(ROOT, 'out', 'dsco-sync-template.xlsx');
const { file, tabs } = await writeTemplateWorkbook(out, loadTemplate());
console.log(`Wrote ${path.relative(process.cwd(), file) || file} (tabs: ${tabs.join(', ')}).`);
