/**
 * npm run bench — the built bundle (dist/Code.js) in the Apps Script simulator against the fake
 * DSCO and ShipStation servers, with realistic costs on the simulated clock and the documented rate
 * limits enforced, for N = 100, 1,000 and 10,000 new orders (+ N shipments, 5% cancellations).
 * It reports; it does not assert. Writes bench/results/latest.json and
 * bench/results/time-per-execution.svg.
 *
 *   npx tsx bench/run.ts [--n=100,1000,10000] [--modes=auto,single] [--quiet] [--update]
 *                        [--shipstation=v2] (the burst runs against ShipStation API V2)
 *                        [--only=burst|steady] [--steady=500,2000] (10000 takes far longer) [--days=12] [--full=1,12]
 *                        [--archive-days=N] (the steady scenario's archive age; default the product's 7)
 *
 * Writes to out/bench/; --update writes bench/results/ (the committed results) instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DSCO_LIMITS } from './dsco-rate-limits';
import { DEFAULT_COSTS, runScenario, type ShipmentMode } from './scenario';
import { checkTargets, summarize, type RunSummary } from './summarize';
import { runSteady, STEADY_MIX, type SteadyResult } from './steady';
import { costOverDaysSvg } from './steady-svg';
import { timePerExecutionSvg } from './svg';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Committed results, rewritten only with --update; every run writes to out/bench/. */
const COMMITTED = path.join(HERE, 'results');
const OUT = process.argv.includes('--update') ? COMMITTED : path.join(HERE, '..', 'out', 'bench');

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const NS = arg('n', '100,1000,10000').split(',').map(Number).filter((n) => n > 0);
const MODES = arg('modes', 'auto,single').split(',') as ShipmentMode[];
const QUIET = process.argv.includes('--quiet');
const ONLY = arg('only', 'all');
/** The ShipStation API of the burst runs: v1 (default) or v2; the same scenario, parameterised. */
const BACKEND = arg('shipstation', 'v1') === 'v2' ? 'v2' : 'v1';
const STEADY = arg('steady', '500,2000').split(',').map(Number).filter((n) => n > 0);
const REAL_DAYS = Number(arg('days', '12'));
const FULL_DAYS = arg('full', `1,${REAL_DAYS}`).split(',').map(Number);
/** The steady scenario's archive age (days); the product's default when not given. */
const ARCHIVE_DAYS = process.argv.some((a) => a.startsWith('--archive-days=')) ? Number(arg('archive-days', '7')) : undefined;
const CANCEL_SHARE = 0.05;
const GAP_MS = 15 * 60_000;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pad = (s: string | number, w: number) => String(s).padStart(w);
const ratioText = (r: number) => (r >= 0.01 || r === 0 ? r.toFixed(2) : r.toExponential(1));

function printRun(s: RunSummary, execs: ReturnType<typeof runScenario>['executions']): void {
  console.log(`\n=== N = ${fmt(s.n)}, tracking mode: ${s.mode} ===`);
  console.log(
    `${s.drained ? 'drained' : 'NOT drained'} in ${s.executions} execution(s) (rate-limit lower bound ${s.executionsLowerBound} for the calls made, ${s.executionsIdealBound} for the fewest calls); ` +
      `${s.overBudget} over the 6-minute limit; real ${s.realSeconds} s (warm-up ${s.warmup.executions} runs, ${s.warmup.realSeconds} s)`,
  );
  console.log(' run | sim s | Sheets | CPU ms: total  engine  simulator  fakes | created+acked | tracking in DSCO / on sheet | cancels DSCO→SS / SS→DSCO');
  let prev = { created: 0, acked: 0 };
  for (const e of execs) {
    const p = e.progress;
    const done = Math.min(p.created, p.acknowledged);
    console.log(
      `${pad(e.index, 4)} | ${pad(fmt(e.simMs / 1000), 5)} | ${pad(e.sheetsCalls, 6)} | ${pad(fmt(e.cpuMs), 12)} ${pad(fmt(e.engineCpuMs), 7)} ${pad(fmt(e.hostMs - e.fakeMs), 10)} ${pad(fmt(e.fakeMs), 6)} | ` +
        `${pad(fmt(done - Math.min(prev.created, prev.acked)), 13)} | ${pad(`${fmt(p.shipmentsInDsco)} / ${fmt(p.shipmentsConfirmed)}`, 26)} | ${pad(`${p.dscoCancelsApplied} / ${p.ssCancelsApplied}`, 12)}` +
        `${e.overBudget ? '  OVER BUDGET' : ''}`,
    );
    prev = { created: p.created, acked: p.acknowledged };
  }
  console.log(`Sheets calls per run: min ${s.sheetsCallsPerExecution.min}, max ${s.sheetsCallsPerExecution.max}, mean ${s.sheetsCallsPerExecution.mean}; idle run after the drain: ${s.sheetsCallsPerExecution.idle}`);
  console.log(`Engine CPU: ${fmt(s.cpuMs.engine)} ms in all (${fmt(s.engineCpuMsPer1000Orders)} ms per 1,000 orders; at most ${fmt(s.cpuMs.engineMaxPerExecution)} ms in one run). Simulator ${fmt(s.cpuMs.simulator)} ms, fake servers ${fmt(s.cpuMs.fakes)} ms.`);
  console.log('Calls by endpoint (total, per order, 429s):');
  for (const [k, v] of Object.entries(s.calls)) console.log(`  ${k.padEnd(40)} ${pad(fmt(v.total), 7)}  ${pad(v.perOrder.toFixed(4), 8)}${v.refused ? `  (${v.refused} × 429)` : ''}`);
  console.log(`  ShipStation ${fmt(s.ssCalls)} calls (${(s.ssRateUse * 100).toFixed(0)}% of 40/min over the runs' time), DSCO ${fmt(s.dscoCalls)}`);
  console.log('Flows: achieved ÷ allowed by the rate limits (items per minute while the flow was busy: first to last of its requests in each run):');
  for (const f of s.flows) {
    console.log(
      `  ${f.flow.padEnd(42)} ${pad(fmt(f.items), 6)} in ${f.executions} run(s): ${pad(fmt(f.achievedPerMin, 1), 9)}/min` +
        ` ÷ ${f.allowedPerMin === null ? '      n/a' : pad(fmt(f.allowedPerMin, 0), 9)}/min = ${f.ratio === null ? 'n/a ' : ratioText(f.ratio)}  (${f.limitNote})`,
    );
  }
  if (s.contractViolations.length) console.log(`DSCO contract violations: ${s.contractViolations.join(' | ')}`);
}

function markdownTables(runs: RunSummary[]): string {
  const lines: string[] = [];
  lines.push('| N | tracking | runs to drain (bound: calls made / fewest calls) | created + acked in run 1 | sim s / run (mean / max) | Sheets calls / run (max; idle) | engine CPU / 1,000 orders | SS calls / order | DSCO calls / order |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of runs) {
    lines.push(
      `| ${fmt(r.n)} | ${r.mode === 'auto' ? 'auto (batch > 2)' : 'singleShipment'} | ${r.executions}${r.drained ? '' : '+ (not drained)'} (${r.executionsLowerBound} / ${r.executionsIdealBound}) | ${fmt(r.ordersCompletedPerExecution[0] ?? 0)} | ` +
        `${fmt(r.simSecondsPerExecution.mean)} / ${fmt(r.simSecondsPerExecution.max)} | ${r.sheetsCallsPerExecution.max}; ${r.sheetsCallsPerExecution.idle ?? '–'} | ` +
        `${fmt(r.engineCpuMsPer1000Orders)} ms | ${(r.ssCalls / r.n).toFixed(3)} | ${(r.dscoCalls / r.n).toFixed(3)} |`,
    );
  }
  const endpoints = [...new Set(runs.flatMap((r) => Object.keys(r.calls)))].sort();
  lines.push('');
  lines.push(`| endpoint | ${runs.map((r) => `N=${fmt(r.n)} ${r.mode}`).join(' | ')} |`);
  lines.push(`|---|${runs.map(() => '---:').join('|')}|`);
  for (const e of endpoints) {
    lines.push(`| ${e} | ${runs.map((r) => (r.calls[e] ? `${fmt(r.calls[e].total)} (${r.calls[e].perOrder.toFixed(3)})` : '–')).join(' | ')} |`);
  }
  lines.push('');
  lines.push(`| flow: achieved ÷ allowed per minute (while busy) | ${runs.map((r) => `N=${fmt(r.n)} ${r.mode}`).join(' | ')} |`);
  lines.push(`|---|${runs.map(() => '---:').join('|')}|`);
  const flowNames = [...new Set(runs.flatMap((r) => r.flows.map((f) => f.flow.replace(/ \(.*\)$/, ''))))];
  for (const name of flowNames) {
    lines.push(
      `| ${name} | ${runs
        .map((r) => {
          const f = r.flows.find((x) => x.flow.replace(/ \(.*\)$/, '') === name);
          if (!f || !f.items) return '–';
          return f.ratio === null ? `${fmt(f.achievedPerMin)}/min (no limit)` : `${fmt(f.achievedPerMin)} ÷ ${fmt(f.allowedPerMin ?? 0)} = ${ratioText(f.ratio)}`;
        })
        .join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function steadyTable(results: SteadyResult[]): string {
  const lines = [
    '| orders/day | day | runs | run s (median / max) | trigger min/day | fetches/day | engine CPU ms/run (median) | cells used | _Orders rows | _Shipments rows | Archive rows |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    for (const d of r.days) {
      if (!d.full && d.day !== 2 && d.day !== 7) continue;
      lines.push(
        `| ${fmt(r.perDay)} | ${d.label} | ${d.runs} | ${d.runSeconds ? `${d.runSeconds.median} / ${d.runSeconds.max}` : '–'} | ${d.triggerMinutes ?? '–'} | ${d.fetches !== undefined ? fmt(d.fetches) : '–'} | ${d.engineCpuMsMedian ?? '–'} | ` +
          `${fmt(d.cells)} | ${fmt(d.workingRows)} | ${fmt(d.ledgerRows)} | ${fmt(d.archiveRows)} |`,
      );
    }
  }
  return lines.join('\n');
}

function main(): void {
  const started = Date.now();
  console.log(
    `bench: N = ${NS.join(', ')}; modes ${MODES.join(', ')}; costs: UrlFetch ${DEFAULT_COSTS.urlFetchMs} ms + ${DEFAULT_COSTS.transferMsPerKb} ms/KiB, ` +
      `Sheets ${DEFAULT_COSTS.sheetsCallMs} ms + ${DEFAULT_COSTS.sheetsPerCellMs} ms/cell + ${DEFAULT_COSTS.sheetsPerKbMs} ms/KiB; engine CPU × ${DEFAULT_COSTS.engineCpuFactor}; ShipStation 40/min; DSCO ` +
      Object.entries(DSCO_LIMITS).map(([k, v]) => `${k.split(' ')[1]} ${v.perMinute}/min`).join(', ') +
      `; a trigger run every ${GAP_MS / 60_000} min`,
  );
  const summaries: RunSummary[] = [];
  for (const n of ONLY === 'steady' ? [] : NS) {
    for (const mode of MODES) {
      const result = runScenario({
        n,
        cancelShare: CANCEL_SHARE,
        mode,
        costs: DEFAULT_COSTS,
        gapMs: GAP_MS,
        maxExecutions: 40,
        backend: BACKEND,
        log: QUIET ? undefined : (line) => process.stderr.write(`[N=${n} ${mode}${BACKEND === 'v2' ? ' ShipStation V2' : ''}] ${line.trim()}\n`),
      });
      const s = summarize(result);
      summaries.push(s);
      printRun(s, result.executions);
    }
  }
  const steady: SteadyResult[] = [];
  for (const perDay of ONLY === 'burst' ? [] : STEADY) {
    const r = runSteady({ perDay, realDays: REAL_DAYS, fullDays: FULL_DAYS, archiveAfterDays: ARCHIVE_DAYS, costs: DEFAULT_COSTS, log: QUIET ? undefined : (line) => process.stderr.write(`[steady ${perDay}/day] ${line}\n`) });
    steady.push(r);
    console.log(`\n=== steady ${fmt(perDay)} orders/day: ${(r.realMs / 1000).toFixed(0)} s real ===`);
  }
  if (steady.length) {
    console.log('\n=== Steady traffic (README table) ===\n');
    console.log(steadyTable(steady));
  }
  const targets = checkTargets(summaries);
  console.log('\n=== Targets ===');
  for (const t of targets) console.log(`${t.holds ? 'HOLDS ' : 'MISSES'} ${t.target}: ${t.detail}`);
  const table = summaries.length ? markdownTables(summaries) : '';
  if (table) {
    console.log('\n=== README table ===\n');
    console.log(table);
  }

  fs.mkdirSync(OUT, { recursive: true });
  const json = {
    generatedAt: new Date().toISOString(),
    environment: { node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.arch()}` },
    model: {
      costs: DEFAULT_COSTS,
      shipStationPerMinute: 40,
      dscoLimits: DSCO_LIMITS,
      cancelShare: CANCEL_SHARE,
      triggerEveryMinutes: GAP_MS / 60_000,
      scenario: 'warm-up N + 5% orders through the engine; then at once: N new DSCO orders, a label for N warm-up orders, 5% cancelled (half by the retailer in DSCO, half in ShipStation); trigger runs until all is done and confirmed',
    },
    runs: summaries,
    targets,
    markdown: table,
    steady: { mix: STEADY_MIX, realDays: REAL_DAYS, fullDays: FULL_DAYS, results: steady, markdown: steadyTable(steady) },
    realSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
  fs.writeFileSync(path.join(OUT, 'latest.json'), JSON.stringify(json, null, 2) + '\n');
  if (summaries.length) fs.writeFileSync(path.join(OUT, 'time-per-execution.svg'), timePerExecutionSvg(summaries));
  if (steady.length) fs.writeFileSync(path.join(OUT, 'cost-over-days.svg'), costOverDaysSvg(steady));
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(OUT, 'latest.json'))} and the charts (${json.realSeconds} s)`);
}

main();
