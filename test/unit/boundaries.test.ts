/**
 * The core's import boundaries (eslint.boundaries.mjs, applied by eslint.config.mjs): each rule
 * fires on a probe that breaks it, and stays quiet on the allowed form. The probes are linted as
 * if they were files at the given paths, with the same settings `npm test`'s lint uses.
 */
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint as ESLintClass, Linter } from 'eslint';

interface Boundaries { readonly boundaries: Linter.Config[] }

let eslint: ESLintClass;

before(async () => {
  const { ESLint } = await import('eslint');
  const tseslint = (await import('typescript-eslint')).default;
  const { boundaries } = await import(pathToFileURL(resolve('eslint.boundaries.mjs')).href) as Boundaries;
  eslint = new ESLint({
    cwd: resolve('.'),
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...boundaries],
  });
});

/** The `no-restricted-imports` messages for one import line in a file at `path`. */
async function problems(path: string, line: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${line}\nexport const probe = 1;\n`, { filePath: resolve(path) });
  assert.ok(result);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], 'the probe parses');
  return result.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

/** Each import line at its path is refused once, with a message that matches `why`. */
async function refused(cases: readonly (readonly [string, string])[], why?: RegExp): Promise<void> {
  for (const [path, line] of cases) {
    const found = await problems(path, line);
    assert.equal(found.length, 1, `${path}: ${line}`);
    if (why) assert.match(found[0] ?? '', why);
  }
}

describe('the import boundaries of the core', () => {
  it('keeps the core free of vscode and of node: modules', async () => {
    await refused([
      ['src/core/analysis.ts', "import * as vscode from 'vscode';"],
      ['src/core/features/hover.ts', "import type { Range } from 'vscode-languageserver';"],
      ['src/core/model/build.ts', "import { readFileSync } from 'node:fs';"],
      ['src/core/yaml/parse.ts', "import { join } from 'path';"],
    ], /src\/core is pure/);
    assert.deepEqual(await problems('src/server/files.ts', "import { readFileSync } from 'node:fs';"), []);
  });

  it('keeps features away from rule internals: rules through rules/index only', async () => {
    await refused([['src/core/features/completion.ts', "import { candidateTargets } from '../rules/mappings';"]], /through its index/);
    assert.deepEqual(await problems('src/core/features/completion.ts', "import { candidateTargets } from '../rules';"), []);
    assert.deepEqual(await problems('src/core/features/completion.ts', "import { candidateTargets } from '../rules/index';"), []);
  });

  it('keeps every stage out of another stage\'s files, inside and outside the core', async () => {
    await refused([
      ['src/core/analysis.ts', "import { parseTopology } from './yaml/parse';"],
      ['src/core/rules/landing.ts', "import { parseAddress } from '../model/ip';"],
      ['src/core/incremental/index.ts', "import { hoverAt } from '../features/hover';"],
      ['src/server/topologyServer.ts', "import { hoverAt } from '../core/features/hover';"],
      ['src/cli/cli.ts', "import { decodeUtf8 } from '../core/yaml/decode';"],
    ], /through its index/);
    // A stage's own files import each other directly.
    assert.deepEqual(await problems('src/core/rules/mappings.ts', "import { mappingFor } from './landing';"), []);
    assert.deepEqual(await problems('src/server/topologyServer.ts', "import { hoverAt } from '../core/features';"), []);
  });

  it('keeps the stages before the features from reaching up to them', async () => {
    await refused(
      ['src/core/schema/nav.ts', 'src/core/model/resolve.ts', 'src/core/rules/landing.ts'].map((path) => [path, "import { hoverAt } from '../features';"] as const),
      /come before the editor features/,
    );
    assert.deepEqual(await problems('src/core/incremental/index.ts', "import { hoverAt } from '../features';"), []);
  });

  it('keeps the YAML reader the first stage: it imports no other stage', async () => {
    await refused([['src/core/yaml/parse.ts', "import { suggest } from '../model';"]], /yaml is the first stage/);
    assert.deepEqual(await problems('src/core/yaml/parse.ts', "import type { Span } from '../types';"), []);
  });

  it('keeps the wording and the types leaves: type imports only', async () => {
    await refused([
      ['src/core/wording.ts', "import { mappingFor } from './rules';"],
      ['src/core/types.ts', "import { CODES } from './codes';"],
    ], /are leaves/);
    assert.deepEqual(await problems('src/core/wording.ts', "import type { Landing } from './types';"), []);
  });

  it('keeps the JSON-RPC library out of the panel\'s page: the webview imports protocol/webview only', async () => {
    await refused([
      ['src/webview/main.ts', "import { isHostMessage } from '../protocol';"],
      ['src/webview/tableModel.ts', "import type { PanelData } from '../protocol/index';"],
      ['src/webview/main.ts', "import { LandingsRequest } from '../protocol/requests';"],
    ], /imports \.\.\/protocol\/webview/);
    assert.deepEqual(await problems('src/webview/main.ts', "import { isHostMessage } from '../protocol/webview';"), []);
    assert.deepEqual(await problems('src/client/statusBar.ts', "import { SummaryRequest } from '../protocol';"), []);
  });
});
