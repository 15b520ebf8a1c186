import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';

/** tsx's registration API as an ES module, found through the package's exports map. */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } } | string> };
  const entry = pkg.exports['./esm/api'];
  const file = typeof entry === 'object' ? entry.import?.default : undefined;
  if (!file) throw new Error('tsx does not export ./esm/api for import; update startTsWorker');
  return pathToFileURL(path.resolve(path.dirname(manifest), file)).href;
}

/** How long a worker may take to load its TypeScript and say it is ready. */
const READY_TIMEOUT_MS = 20_000;

export interface TsWorker {
  worker: Worker;
  /** Why the worker died, once it has (an uncaught error, or its exit code); undefined while it runs. */
  failure(): string | undefined;
}

/**
 * Starts a worker thread running a TypeScript module. Worker threads do not inherit tsx's loader
 * (under `tsx` or vitest alike), so a one-line bootstrap registers tsx inside the worker first.
 * Resolves once the worker posts `{ type: 'ready', ... }` on parentPort; rejects if it fails,
 * exits or stays silent for 20 s. Later errors are kept (not thrown into the caller's process)
 * and reported by failure().
 */
export async function startTsWorker<R extends { type: 'ready' }>(
  entry: URL,
  workerData: unknown,
  transferList: TransferListItem[] = [],
): Promise<TsWorker & { ready: R }> {
  const tsxApi = tsxEsmApi();
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData, transferList });
  const name = path.basename(entry.pathname);
  let failure: string | undefined;
  worker.on('error', (e) => {
    failure ??= `worker ${name} failed: ${e.message}`;
  });
  worker.on('exit', (code) => {
    failure ??= `worker ${name} exited (code ${code})`;
  });
  try {
    const ready = await new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${name} did not start within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        fn();
      };
      const onMessage = (m: unknown) => {
        if (m && typeof m === 'object' && (m as { type?: unknown }).type === 'ready') done(() => resolve(m as R));
      };
      const onError = (e: Error) => done(() => reject(e));
      const onExit = (code: number) => done(() => reject(new Error(`worker ${name} exited with code ${code} before it was ready`)));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    return { worker, ready, failure: () => failure };
  } catch (e) {
    await worker.terminate();
    throw e;
  }
}
