/**
 * Helpers of the CLI tests: where things are, running `node dist/cli.js`, and the topology
 * generator (an ES module, loaded with a real `import()`: tsc would turn one in this
 * CommonJS code into `require`).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * Runs `node dist/cli.js ARGS` in `cwd` (the repository by default). `unprivileged`: as the
 * user nobody when this process is root (util-linux's setpriv), so that file permissions
 * apply as they do for a user (root reads every file).
 */
export function cli(args: readonly string[], options: { cwd?: string; input?: string; unprivileged?: boolean } = {}): Run {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  const asNobody = options.unprivileged === true && process.getuid?.() === 0;
  const command = asNobody ? 'setpriv' : process.execPath;
  const prefix = asNobody ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [];
  // The bundle stands alone: as nobody, run a copy in a folder anyone can read (the clone may not be).
  const script = asNobody ? publicCopyOfCli() : CLI;
  let r: SpawnSyncReturns<string>;
  try {
    r = spawnSync(command, [...prefix, script, ...args], {
      cwd: options.cwd ?? ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      ...(options.input === undefined ? {} : { input: options.input }),
    });
  } finally {
    if (script !== CLI) rmSync(path.dirname(script), { recursive: true, force: true });
  }
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function publicCopyOfCli(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'asr-cli-public-'));
  chmodSync(dir, 0o755);
  const copy = path.join(dir, 'cli.js');
  copyFileSync(CLI, copy);
  chmodSync(copy, 0o644);
  return copy;
}

// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

export async function loadGenerator(): Promise<typeof Gen> {
  return (await importEsm(pathToFileURL(path.join(ROOT, 'scripts', 'gen-topology.mjs')).href)) as typeof Gen;
}
