/**
 * Helpers of the CLI tests: where things are, running `node dist/cli.js`, and the topology
 * generator (an ES module, loaded with a real `import()`: tsc would turn one in this
 * CommonJS code into `require`).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Gen from '../../scripts/gen-topology.mjs' with { 'resolution-mode': 'import' };

/** The repository: this file runs as out/test/cli/helpers.js. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const EXAMPLES = path.join(ROOT, 'examples');

export function example(name: string): string {
  return path.join(EXAMPLES, name);
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ARGS` in `cwd` (the repository by default). */
export function cli(args: readonly string[], options: { cwd?: string; input?: string } = {}): Run {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

export async function loadGenerator(): Promise<typeof Gen> {
  return (await importEsm(pathToFileURL(path.join(ROOT, 'scripts', 'gen-topology.mjs')).href)) as typeof Gen;
}
