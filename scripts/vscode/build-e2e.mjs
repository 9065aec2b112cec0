// Bundles what the end-to-end run needs, independently of the rest of the build:
//   dist/extension.js (the client), out/e2e/suite/*.js (the extension-host suite),
//   out/e2e/run.js (the runner), out/e2e/ui/*.js and out/e2e/web/*.js (the UI tests).
// vscode, mocha and playwright-core stay external (required from node_modules at run time).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2022', platform: 'node', format: 'cjs' };
const dir = (d, suffix) => readdirSync(d).filter((f) => f.endsWith(suffix)).map((f) => `${d}/${f}`);

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({
    ...common,
    entryPoints: ['test/e2e/suite/index.ts', ...dir('test/e2e/suite', '.test.ts'), 'test/e2e/run.ts', ...dir('test/e2e/ui', '.test.ts'), ...dir('test/e2e/web', '.test.ts')],
    outdir: 'out/e2e',
    outbase: 'test/e2e',
    external: ['vscode', 'mocha', 'playwright-core'],
  }),
]);
