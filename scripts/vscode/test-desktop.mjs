// `npm run test:desktop`: the same extension-host suite (out/e2e/suite) in desktop VS Code,
// launched by @vscode/test-electron's runTests, the standard way.
// NEEDS INTERNET ACCESS: runTests downloads VS Code from Microsoft's update server, which
// these build machines cannot reach (ENOTFOUND). CI runs the suite in code-server instead
// (npm run test:e2e). Run `npm run test:desktop` on a developer machine with internet.
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'asr-desktop-'));
const workspace = path.join(tmp, 'ws');
if (existsSync(path.join(root, 'examples'))) cpSync(path.join(root, 'examples'), workspace, { recursive: true });
cpSync(path.join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });

let code = 1;
try {
  code = await runTests({
    version: process.env.ASR_VSCODE_VERSION ?? '1.139.1',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'e2e', 'suite', 'index.js'),
    extensionTestsEnv: { ASR_E2E_RESULTS: path.join(tmp, 'results.json') },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', path.join(tmp, 'user')],
  });
} catch (err) {
  console.error(`test:desktop: ${err instanceof Error ? err.message : String(err)}`);
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(String(err))) {
    console.error('test:desktop needs internet access to download VS Code; use npm run test:e2e (code-server) here.');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = code;
