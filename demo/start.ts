/**
 * `npm start`: the demo (demo/run-demo.ts). `npm start -- --check`: the credentials check
 * (demo/check/run-check.ts). `--out=FILE` writes the demo's spreadsheet elsewhere.
 */
const USAGE = `Usage:
  npm start                      run the sync through a simulated day against built-in sandboxes
  npm start -- --out=FILE.xlsx   the same, writing the spreadsheet to FILE.xlsx (default out/dsco-sync-demo.xlsx)
  npm start -- --shipstation=v2  the same day against ShipStation API V2 instead of V1
  npm start -- --check           check real DSCO and ShipStation credentials from environment variables (read-only)`;

async function main(argv: string[]): Promise<number> {
  let check = false;
  let out: string | undefined;
  let shipstation: 'v1' | 'v2' = 'v1';
  for (const arg of argv) {
    if (arg === '--check') check = true;
    else if (arg === '--shipstation=v1' || arg === '--shipstation=v2') shipstation = arg.endsWith('v2') ? 'v2' : 'v1';
    else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`Unknown option ${arg}\n${USAGE}`);
      return 2;
    }
  }
  if (check) {
    const { runCheck } = await import('./check/run-check');
    return runCheck();
  }
  const { runDemo } = await import('./run-demo');
  const result = await runDemo({ ...(out === undefined ? {} : { out }), shipstation });
  console.log(`Done in ${process.uptime().toFixed(1)} s.`);
  return result.problems.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
