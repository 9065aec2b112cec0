/**
 * `asr-topology`: the command-line checker (spec section 5). Bundled to dist/cli.js.
 *
 *   asr-topology check FILE... [--format text|json|sarif]
 *   asr-topology landings FILE [--format table|json|markdown|csv]
 *   asr-topology import|drift|apply-script ... (src/cli/estate.ts)
 *
 * Exit status: 0 no errors, 1 errors found, 2 usage error or a file that can't be read.
 * Output is written whole and the exit code set with `process.exitCode`, so that a large
 * output through a pipe is never cut off by an early `process.exit()`.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import pkg from '../../package.json';
import { analyzeBytes } from '../core/analysis';
import { helpText, parseArgs, type CheckFormat, type LandingsFormat } from './args';
import { applyScriptCommand, driftCommand, importCommand, type EstateCliDeps } from './estate';
import { formatJson, formatSarif, formatText, type FileReport } from './check-format';
import {
  formatLandingsCsv,
  formatLandingsJson,
  formatLandingsMarkdown,
  formatLandingsTable,
  landingView,
} from './landing-format';

const meta = pkg as { version: string; homepage?: string };
export const VERSION = meta.version;
/** Where SARIF viewers send a reader: the project's homepage, else the article the rules come from. */
export const INFORMATION_URI = meta.homepage ?? 'https://learn.microsoft.com/azure/site-recovery/hyper-v-vmm-network-mapping';

/** What the CLI needs from the outside world (tests pass their own). */
export interface CliIo {
  readonly cwd: string;
  /** The file's bytes; throws a Node `fs` error when it can't be read. */
  readFile(file: string): Uint8Array;
  /** Writes `text` whole or not at all (import's -o). */
  writeFileAtomic(file: string, text: string): void;
  out(text: string): void;
  err(text: string): void;
}

/** "no such file", "is a directory"...: the reason a read failed, in a few words. */
export function readErrorReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'name too long';
    default:
      if (typeof code === 'string') return code;
      return e instanceof Error ? e.message.split('\n')[0] ?? 'unknown error' : String(e);
  }
}

/** Reads every file; on any failure reports each one on stderr and returns undefined. */
function readAll(files: readonly string[], io: CliIo): Uint8Array[] | undefined {
  const contents: Uint8Array[] = [];
  let failed = false;
  for (const file of files) {
    try {
      contents.push(io.readFile(file));
    } catch (e) {
      io.err(`asr-topology: cannot read '${file}': ${readErrorReason(e)}\n`);
      failed = true;
    }
  }
  return failed ? undefined : contents;
}

/**
 * The file as a URI reference relative to the working directory (the SARIF `%SRCROOT%`, as
 * code-scanning tools expect), or an absolute `file:` URI for a file outside it.
 */
export function artifactUri(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || path.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${path.sep}`)) return pathToFileURL(abs).href;
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}

function srcRootUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith('/') ? href : href + '/';
}

function check(files: readonly string[], format: CheckFormat, io: CliIo): number {
  const contents = readAll(files, io);
  if (!contents) return 2;
  const reports: FileReport[] = files.map((file, i) => {
    const a = analyzeBytes(contents[i] as Uint8Array);
    return { file, uri: artifactUri(file, io.cwd), lines: a.lines, diagnostics: a.diagnostics };
  });
  switch (format) {
    case 'text':
      io.out(formatText(reports));
      break;
    case 'json':
      io.out(formatJson(reports));
      break;
    case 'sarif':
      io.out(formatSarif(reports, { version: VERSION, informationUri: INFORMATION_URI, srcRoot: srcRootUri(io.cwd) }));
      break;
  }
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

function landings(file: string, format: LandingsFormat, io: CliIo): number {
  const contents = readAll([file], io);
  if (!contents) return 2;
  const a = analyzeBytes(contents[0] as Uint8Array);
  const views = a.landings.map(landingView);
  switch (format) {
    case 'table':
      io.out(formatLandingsTable(views));
      break;
    case 'json':
      io.out(formatLandingsJson(views));
      break;
    case 'markdown':
      io.out(formatLandingsMarkdown(views));
      break;
    case 'csv':
      io.out(formatLandingsCsv(views));
      break;
  }
  const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    io.err(
      `asr-topology: '${file}' has ${errors} error${errors === 1 ? '' : 's'}: the landings may be incomplete (see 'asr-topology check ${file}')\n`,
    );
    return 1;
  }
  return 0;
}

/** Runs one command line; returns the exit status. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'help':
      io.out(helpText(VERSION));
      return 0;
    case 'version':
      io.out(`${VERSION}\n`);
      return 0;
    case 'usage-error':
      io.err(`asr-topology: ${command.message}\n`);
      return 2;
    case 'check':
      return check(command.files, command.format, io);
    case 'landings':
      return landings(command.file, command.format, io);
    case 'import':
      return importCommand(command, io, estateDeps(io));
    case 'drift':
      return driftCommand(command, io, estateDeps(io));
    case 'apply-script':
      return applyScriptCommand(command, io, estateDeps(io));
  }
}

function estateDeps(io: CliIo): EstateCliDeps {
  return { readErrorReason, artifactUri, sarifTool: { version: VERSION, informationUri: INFORMATION_URI, srcRoot: srcRootUri(io.cwd) } };
}

/** A temporary file beside the target, renamed into place: a reader never sees half a file. */
function writeFileAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function main(): void {
  // A reader that goes away (`| head`) is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: CliIo = {
    cwd: process.cwd(),
    readFile: (file) => readFileSync(file),
    writeFileAtomic,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  };
  try {
    process.exitCode = runCli(process.argv.slice(2), io);
  } catch (e) {
    process.stderr.write(`asr-topology: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 3;
  }
}

if (require.main === module) main();
