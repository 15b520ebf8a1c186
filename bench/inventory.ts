/**
 * npm run bench:inventory — what the inventory feed costs per run at 1,000 and 10,000 SKUs: the built
 * bundle in the Apps Script simulator against the fake DSCO, with the costs `npm run bench` charges
 * (300 ms + 1 ms/KiB per UrlFetch, 100 ms + 0.05 ms per cell per Sheets call). Runs, 15 minutes
 * apart: the first send of every row, its confirmation, an idle run, 1% of the rows changed, its
 * confirmation, and the daily full resend. Reports only; writes bench/results/inventory.json.
 *
 *   npx tsx bench/inventory.ts [--n=1000,10000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarness } from '../test/support/harness';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const hit = process.argv.find((a) => a.startsWith('--n='));
const NS = (hit ? hit.slice(4) : '1000,10000').split(',').map(Number).filter((n) => n > 0);
const MIN = 60_000;

interface RunFigures {
  run: string;
  inventoryPosts: number;
  inventoryLogReads: number;
  dscoCalls: number;
  sheetsCalls: number;
  simSeconds: number;
}

function measure(n: number): RunFigures[] {
  // 2026-03-02T15:00Z is 07:00 US Pacific: the full resend is set for 09:00.
  const h = createHarness({ sim: { costs: { urlFetchMs: 300, sheetsCallMs: 100, sheetsPerCellMs: 0.05 } } });
  h.install({ sendInventory: true, inventoryWarehouseCode: 'WH1', inventoryFullHour: 9 } as never);
  const rows = Array.from({ length: n }, (_, i) => [`SKU-${String(i).padStart(6, '0')}`, i % 13, '', '']);
  for (const [sku] of rows) h.dsco.seedItem(String(sku));
  const sheet = h.sim.spreadsheet.getSheetByName('Inventory')!;
  if (n + 1 > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, n, 4).setValues(rows);
  const out: RunFigures[] = [];
  const run = (label: string, gapMs = 15 * MIN) => {
    h.clock.advance(gapMs);
    const requests = h.dsco.requests.length;
    const sheets = h.sim.counts.sheets ?? 0;
    const start = h.clock.now();
    h.call('syncNow');
    const made = h.dsco.requests.slice(requests);
    out.push({
      run: label,
      inventoryPosts: made.filter((r) => r.path === '/inventory/batch/small').length,
      inventoryLogReads: made.filter((r) => r.path === '/inventory/log').length,
      dscoCalls: made.length,
      sheetsCalls: (h.sim.counts.sheets ?? 0) - sheets,
      simSeconds: Math.round((h.clock.now() - start) / 1000),
    });
  };
  run('every row, first send');
  run('confirmation');
  run('idle (nothing changed)');
  const changed = Math.max(1, Math.round(n / 100));
  sheet.getRange(2, 2, changed, 1).setValues(Array.from({ length: changed }, (_, i) => [100 + i]));
  run(`${changed} rows changed`);
  run('confirmation');
  run('daily full resend (09:00 Pacific)', 60 * MIN);
  run('confirmation');
  return out;
}

const results: Record<string, RunFigures[]> = {};
for (const n of NS) {
  results[n] = measure(n);
  console.log(`\n=== ${n.toLocaleString('en-US')} SKUs ===`);
  console.log('run                                | inventory POSTs | log reads | DSCO calls | Sheets calls | sim s');
  for (const r of results[n]) {
    console.log(`${r.run.padEnd(34)} | ${String(r.inventoryPosts).padStart(15)} | ${String(r.inventoryLogReads).padStart(9)} | ${String(r.dscoCalls).padStart(10)} | ${String(r.sheetsCalls).padStart(12)} | ${String(r.simSeconds).padStart(5)}`);
  }
}
fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
fs.writeFileSync(path.join(HERE, 'results', 'inventory.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), results }, null, 1)}\n`);
