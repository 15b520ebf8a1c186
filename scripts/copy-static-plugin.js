// Webpack plugin: emits the files Apps Script needs next to Code.js:
// appsscript.json (the manifest) and Sidebar.html (the settings sidebar, one self-contained file).
import fs from 'node:fs';
import path from 'node:path';

const FILES = [
  ['appsscript.json', 'appsscript.json'],
  ['src/ui/Sidebar.html', 'Sidebar.html'],
];

export default class CopyManifestAndHtml {
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap('CopyManifestAndHtml', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyManifestAndHtml', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const [from, to] of FILES) {
            const abs = path.join(compiler.context, from);
            compilation.fileDependencies.add(abs);
            compilation.emitAsset(to, new RawSource(fs.readFileSync(abs)));
          }
        },
      );
    });
  }
}
