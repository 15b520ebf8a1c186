/**
 * Writes docs/reliability.md from the JSON report of a reliability run:
 *
 *   vitest run test/reliability --reporter=default --reporter=json --outputFile.json=out/reliability.json
 *   tsx scripts/reliability-report.ts [out/reliability.json] [docs/reliability.md]
 *
 * Each reliability test stores what it measured in its task meta (`meta.reliability`, see
 * test/reliability/support/figures.ts); vitest's JSON reporter writes it next to the test's result,
 * so the document always shows the figures of one complete run. Exits 1 (after writing) when a test
 * failed, or when the run found a duplicate, a lost order or row, or a leak.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { META_KEY, type Area, type Figures } from '../test/reliability/support/figures';
import { KNOWN_ISSUES, type KnownIssueId } from '../test/reliability/support/known-issues';

interface Assertion {
  ancestorTitles: string[];
  title: string;
  fullName: string;
  status: string;
  duration?: number;
  failureMessages: string[];
  meta?: Record<string, unknown>;
}

interface Report {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  startTime: number;
  success: boolean;
  testResults: { name: string; startTime: number; endTime: number; assertionResults: Assertion[] }[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = path.resolve(ROOT, process.argv[2] ?? 'out/reliability.json');
const output = path.resolve(ROOT, process.argv[3] ?? 'docs/reliability.md');

if (!fs.existsSync(input)) {
  console.error(`No report at ${path.relative(ROOT, input)}: run the reliability tests with the JSON reporter first (npm run reliability).`);
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(input, 'utf8')) as Report;

interface Row {
  file: string;
  group: string;
  title: string;
  status: string;
  figures: Figures;
}

const rows: Row[] = [];
const plain: Assertion[] = [];
for (const file of report.testResults) {
  for (const a of file.assertionResults) {
    const f = a.meta?.[META_KEY] as Figures | undefined;
    if (f) rows.push({ file: path.relative(ROOT, file.name), group: a.ancestorTitles.join(' › '), title: a.title, status: a.status, figures: f });
    else plain.push(a);
  }
}

const sum = (pick: (f: Figures) => number) => rows.reduce((n, r) => n + pick(r.figures), 0);
const faultsByKind = new Map<string, number>();
for (const r of rows) for (const [k, v] of Object.entries(r.figures.faults)) faultsByKind.set(k, (faultsByKind.get(k) ?? 0) + v);
const knownHits = new Map<string, number>();
for (const r of rows) for (const [k, v] of Object.entries(r.figures.knownIssues ?? {})) knownHits.set(k, (knownHits.get(k) ?? 0) + v);
const badInputs = [...new Set(rows.flatMap((r) => r.figures.badInputs))];

const totals = {
  scenarios: rows.length,
  faults: [...faultsByKind.values()].reduce((a, b) => a + b, 0),
  badInputs: badInputs.length,
  orders: sum((f) => f.orders),
  shipments: sum((f) => f.shipments),
  cycles: sum((f) => f.cycles),
  killed: sum((f) => f.killed),
  dupOrders: sum((f) => f.duplicates.ssOrders),
  dupShipments: sum((f) => f.duplicates.dscoShipments),
  lost: sum((f) => f.lost),
  lostRows: sum((f) => f.lostRows),
  watermarkChecks: sum((f) => f.watermarkChecks),
  watermarkViolations: sum((f) => f.watermarkViolations),
  disagreements: sum((f) => f.disagreements),
  leakScans: sum((f) => f.leakScans),
  valuesScanned: sum((f) => f.valuesScanned),
  leaks: sum((f) => f.leaks),
  formulaCells: sum((f) => f.formulaCells),
  formulas: sum((f) => f.formulas),
  runs: sum((f) => f.runs),
  commands: sum((f) => f.commands),
  errorRows: sum((f) => f.errorRows),
  worstHealHours: Math.max(0, ...rows.map((r) => r.figures.worstHealHours ?? 0)),
};

const failed = [...rows.filter((r) => r.status === 'failed'), ...plain.filter((a) => a.status === 'failed').map((a) => ({ title: a.fullName }))];
const clean = totals.dupOrders + totals.dupShipments + totals.lost + totals.lostRows + totals.leaks === 0;
const ok = report.success && failed.length === 0 && clean;

const n = (v: number) => v.toLocaleString('en-US');
/** Bidirectional controls are shown as escapes: in a document they would reorder the text around them. */
const visible = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
const cell = (s: string) => visible(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const faultText = (f: Figures) =>
  Object.entries(f.faults)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ') || '—';
const result = (r: Row) => (r.status === 'passed' ? (r.figures.expectedToFail ? 'known bug reproduced' : 'pass') : r.status);

const AREAS: { area: Area; title: string; intro: string }[] = [
  {
    area: 'faults',
    title: 'Faults',
    intro:
      'Each scenario builds a backlog with every kind of work (new orders, acknowledgements to verify, a label, a split shipment, a mark-as-shipped, cancellations both ways), injects the fault into the next cycle, checks what must hold at once (no duplicate, watermarks not ahead, no leak), then runs clean cycles and checks everything: no duplicate ShipStation order, no DSCO shipment applied twice, no lost order or row, watermarks, every row agreeing with both systems, no formula, no leak, and each order\'s expected final status.',
  },
  {
    area: 'time-limit',
    title: 'The 6-minute limit',
    intro:
      'The busy cycle is stopped at every request of each phase (killed right after the request was answered, and separately out of its 4.5-minute budget), and killed at every Sheets call that can leave a different state (every write, and the first read of each run of reads); slow days run with simulated latency.',
  },
  {
    area: 'properties',
    title: 'Property-based tests',
    intro:
      'fast-check generates days of DSCO events, ShipStation events, sync cycles and faults and interruptions of every kind, with a fixed seed; shrinking reports a readable list of model commands. After clean settle cycles every invariant is checked, and an Error row is accepted only where the model says a person must decide. The convergence property adds DSCO changes that become searchable late (a random lag up to 20 minutes) or never (visible by ID only), single-unit cancels and address corrections, then runs hourly clean cycles until the three agree, within reconcileHours.',
  },
  { area: 'bad-input', title: 'Bad input', intro: 'Bad data from retailers and from the warehouse: a clear Error row or a safely stored value, and no effect on the other orders.' },
  { area: 'settings', title: 'Bad settings', intro: 'saveSettings as a forged google.script.run call would send it: refused beside the field, nothing saved, the schedule untouched.' },
  {
    area: 'secrets',
    title: 'Secrets',
    intro:
      'Faults built to carry credentials (APIs echoing them, failures quoting them). Every other scenario ends with the same scan: every cell of every tab, every entry point\'s result and thrown message, the console, toasts and alerts, every request URL and body (the token request\'s form excepted), and every Script Property but the settings.',
  },
];

const lines: string[] = [];
const push = (...l: string[]) => lines.push(...l);
const started = new Date(report.startTime).toISOString().replace(/\.\d+Z$/, 'Z');
const seconds = (Math.max(...report.testResults.map((t) => t.endTime)) - report.startTime) / 1000;

push(
  '# Reliability',
  '',
  '<!-- Generated by scripts/reliability-report.ts from the JSON report of `npm run reliability`. Do not edit by hand. -->',
  '',
  `Proof that under the faults that really occur nothing is duplicated, lost or leaked: the built bundle (\`dist/Code.js\`) runs in the Apps Script simulator against the stateful DSCO and ShipStation fakes, with faults injected on the wire, in UrlFetchApp, in Sheets and in the clock. Run of ${started}: ${n(report.numTotalTests)} tests, ${n(report.numPassedTests)} passed, ${n(report.numFailedTests)} failed, in ${seconds.toFixed(0)} s.`,
  '',
  `**${ok ? 'Result: no duplicate, no lost order, no leak.' : 'Result: PROBLEMS FOUND (see below).'}**`,
  '',
  '## Summary',
  '',
  '| Figure | Value |',
  '|---|---|',
  `| Scenarios (tests with figures) | ${n(totals.scenarios)} |`,
  `| Faults injected (that fired) | ${n(totals.faults)}, of ${faultsByKind.size} kinds |`,
  `| Bad inputs tried | ${n(totals.badInputs)} |`,
  `| DSCO orders in play / ShipStation shipments | ${n(totals.orders)} / ${n(totals.shipments)} |`,
  `| Sync executions / stopped by the 6-minute limit | ${n(totals.cycles)} / ${n(totals.killed)} |`,
  `| Property runs / model commands | ${n(totals.runs)} / ${n(totals.commands)} |`,
  `| Worst time to heal (convergence property: hourly clean runs until DSCO, ShipStation and the sheet agree) | ${n(totals.worstHealHours)} h (limit: reconcileHours, 24 h) |`,
  `| **Duplicate ShipStation orders** | **${n(totals.dupOrders)}** |`,
  `| **DSCO shipments applied more than once** | **${n(totals.dupShipments)}** |`,
  `| **Orders lost** (neither in ShipStation nor an Error row) | **${n(totals.lost)}** |`,
  `| **Dashboard rows lost** | **${n(totals.lostRows)}** |`,
  `| **Secrets leaked** | **${n(totals.leaks)}** (${n(totals.leakScans)} scans of ${n(totals.valuesScanned)} values) |`,
  `| Watermark checks / violations | ${n(totals.watermarkChecks)} / ${n(totals.watermarkViolations)} |`,
  `| Rows disagreeing with DSCO or ShipStation after settling | ${n(totals.disagreements)} |`,
  `| Cells checked for formulas / formulas found | ${n(totals.formulaCells)} / ${n(totals.formulas)} |`,
  `| Error rows at the end (each with a message) | ${n(totals.errorRows)} |`,
  `| Known bugs open / points where one triggered | ${n(Object.keys(KNOWN_ISSUES).length)} / ${n([...knownHits.values()].reduce((a, b) => a + b, 0))} |`,
  '',
);

if (failed.length) {
  push('## Failed tests', '', ...failed.map((f) => `- ${cell(f.title)}`), '');
}

push('## Faults injected, by kind', '', '| Fault | Count |', '|---|---|');
for (const [k, v] of [...faultsByKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) push(`| ${k} | ${n(v)} |`);
push('');

for (const { area, title, intro } of AREAS) {
  const mine = rows.filter((r) => r.figures.area === area);
  if (!mine.length) continue;
  push(`## ${title}`, '', intro, '');
  push('| Scenario | Faults injected | Orders | Cycles (killed) | Duplicates | Lost | Watermark checks | Leak scans | Result |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of mine) {
    const f = r.figures;
    const name = area === 'properties' ? `${r.title} (${n(f.runs)} runs, ${n(f.commands)} commands)` : r.title;
    push(
      `| ${cell(r.group ? `${r.group} › ${name}` : name)} | ${cell(faultText(f))} | ${n(f.orders)} | ${n(f.cycles)}${f.killed ? ` (${n(f.killed)})` : ''} | ${n(f.duplicates.ssOrders + f.duplicates.dscoShipments)} | ${n(f.lost + f.lostRows)} | ${n(f.watermarkChecks)} | ${n(f.leakScans)} | ${result(r)} |`,
    );
  }
  push('');
}

push('## Bad inputs tried', '', badInputs.map((b) => `\`${visible(b).replace(/`/g, "'")}\``).join(' · '), '');

push('## Known bugs', '');
const open = Object.entries(KNOWN_ISSUES) as [KnownIssueId, (typeof KNOWN_ISSUES)[KnownIssueId]][];
if (!open.length) push('None open. Every bug these tests found is fixed, and the test that found it now runs as a regression test.', '');
for (const [id, issue] of open) {
  push(`### ${id}: ${issue.title}`, '', `Where: ${issue.where}. Points where it triggered in this run: ${n(knownHits.get(id) ?? 0)}.`, '', issue.detail, '');
}

const checkers = plain.filter((a) => a.ancestorTitles.some((t) => /checkers find planted defects/.test(t)));
push(
  '## The checkers themselves',
  '',
  `${n(checkers.filter((a) => a.status === 'passed').length)} of ${n(checkers.length)} self-tests passed: each checker (duplicates, lost orders, lost rows, watermarks, row agreement, formulas, leaks) is given a world with one planted defect and must fail on it.`,
  '',
  '## Run it',
  '',
  '```sh',
  'npm run reliability   # the tests, then this document',
  '```',
  '',
);

fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, lines.join('\n'));
console.log(`${path.relative(ROOT, output)}: ${n(totals.scenarios)} scenarios, ${n(totals.faults)} faults, ${n(totals.badInputs)} bad inputs; duplicates ${n(totals.dupOrders + totals.dupShipments)}, lost ${n(totals.lost + totals.lostRows)}, leaks ${n(totals.leaks)}${ok ? '' : ' — PROBLEMS FOUND'}.`);
process.exit(ok ? 0 : 1);
