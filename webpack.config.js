// Bundles src/ into dist/Code.js for Apps Script's V8 runtime.
// esbuild-loader compiles TypeScript; gas-webpack-plugin turns every `global.NAME = ...`
// assignment in src/main.ts into a top-level `function NAME() {}` that Apps Script can call
// from menus, triggers and google.script.run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import GasPlugin from 'gas-webpack-plugin';
import CopyManifestAndHtml from './scripts/copy-static-plugin.js';

const root = path.dirname(fileURLToPath(import.meta.url));

export default {
  mode: 'production',
  context: root,
  entry: './src/main.ts',
  target: ['web', 'es2020'],
  devtool: false,
  output: {
    path: path.join(root, 'dist'),
    filename: 'Code.js',
    clean: true,
    environment: { arrowFunction: true, const: true, destructuring: true, module: false },
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      { test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2020' } },
      { test: /\.html$/, type: 'asset/source' },
      { test: /\.json$/, type: 'json' },
    ],
  },
  optimization: {
    // Apps Script shows stack traces with function names; keep the output readable.
    minimize: false,
  },
  performance: { hints: false },
  plugins: [new GasPlugin({ comment: true }), new CopyManifestAndHtml()],
};
