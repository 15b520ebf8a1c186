import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** vitest globalSetup: every run tests a bundle built from the current sources. */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--config', 'webpack.config.js'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
