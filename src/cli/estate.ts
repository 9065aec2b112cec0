/**
 * `asr-topology import`, `drift` and `apply-script`: the estate's exports read through the
 * core (src/core/estate), files through the CLI's I/O. A bad input is one line on stderr
 * naming the file and why, exit 2, and nothing written.
 */
import { analyze } from '../core/analysis';
import { applyScript, driftDiagnostics, driftOf, EstateInputError, importEstate, type EstateInput, type InputKind } from '../core/estate';
import { decodeUtf8 } from '../core/yaml';
import { formatSarif, formatText, summaryLine, type FileReport } from './check-format';
import type { CheckFormat } from './args';

/** What these commands need from the outside world, beside the checker's. */
export interface EstateIo {
  readonly cwd: string;
  readFile(file: string): Uint8Array;
  /** Writes `text` whole or not at all (a temporary file renamed into place). */
  writeFileAtomic(file: string, text: string): void;
  out(text: string): void;
  err(text: string): void;
}

export interface EstateCliDeps {
  readonly readErrorReason: (e: unknown) => string;
  readonly artifactUri: (file: string, cwd: string) => string;
  readonly sarifTool: { version: string; informationUri: string; srcRoot: string };
}

/** Reads the files of one kind; undefined (after saying why on stderr) when one can't be read. */
function inputs(files: readonly [string, InputKind][], io: EstateIo, deps: EstateCliDeps): EstateInput[] | undefined {
  const out: EstateInput[] = [];
  let failed = false;
  for (const [name, kind] of files) {
    try {
      out.push({ name, bytes: io.readFile(name), kind });
    } catch (e) {
      io.err(`asr-topology: cannot read '${name}': ${deps.readErrorReason(e)}\n`);
      failed = true;
    }
  }
  return failed ? undefined : out;
}

/** Runs `f`; an EstateInputError becomes one line on stderr and exit 2. */
function guarded(io: EstateIo, f: () => number): number {
  try {
    return f();
  } catch (e) {
    if (e instanceof EstateInputError) {
      io.err(`asr-topology: cannot read '${e.file}': ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export function importCommand(
  c: { vmm: readonly string[]; asr: readonly string[]; vnets: readonly string[]; vaultLocation: string | undefined; output: string | undefined },
  io: EstateIo, deps: EstateCliDeps,
): number {
  const files: [string, InputKind][] = [...c.vmm.map((f): [string, InputKind] => [f, 'vmm']), ...c.asr.map((f): [string, InputKind] => [f, 'asr']), ...c.vnets.map((f): [string, InputKind] => [f, 'vnets'])];
  const given = inputs(files, io, deps);
  if (!given) return 2;
  return guarded(io, () => {
    const result = importEstate(given, c.vaultLocation === undefined ? {} : { vaultLocation: c.vaultLocation });
    if (c.output === undefined) io.out(result.text);
    else {
      try {
        io.writeFileAtomic(c.output, result.text);
      } catch (e) {
        io.err(`asr-topology: cannot write '${c.output}': ${deps.readErrorReason(e)}\n`);
        return 2;
      }
    }
    const a = analyze(result.text);
    const s = result.summary;
    const where = c.output ?? 'stdout';
    io.err(`asr-topology: imported ${s.sites} site(s), ${s.clouds} cloud(s), ${s.vms} VM(s), ${s.mappings} mapping(s) to ${where}; ${s.todos} TODO(s) left to write.\n`);
    const report: FileReport = { file: where, uri: where, lines: a.lines, diagnostics: a.diagnostics };
    io.err(`asr-topology: check: ${summaryLine([report])}\n`);
    return 0;
  });
}

function readPlan(file: string, io: EstateIo, deps: EstateCliDeps): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(file);
  } catch (e) {
    io.err(`asr-topology: cannot read '${file}': ${deps.readErrorReason(e)}\n`);
    return undefined;
  }
  const { text, invalidAt } = decodeUtf8(bytes);
  if (invalidAt !== undefined) {
    io.err(`asr-topology: cannot read '${file}': not UTF-8 (see 'asr-topology check ${file}')\n`);
    return undefined;
  }
  return text;
}

export function driftCommand(c: { file: string; asr: readonly string[]; format: CheckFormat }, io: EstateIo, deps: EstateCliDeps): number {
  const text = readPlan(c.file, io, deps);
  const vault = inputs(c.asr.map((f) => [f, 'asr']), io, deps);
  if (text === undefined || !vault) return 2;
  return guarded(io, () => {
    const a = analyze(text);
    const drift = driftOf(a, vault);
    if (c.format === 'json') {
      io.out(`${JSON.stringify({ drift: drift.map(({ kind, subject, plan, vault: v, message }) => ({ kind, subject, plan, vault: v, message })) }, null, 2)}\n`);
    } else {
      const report: FileReport = { file: c.file, uri: deps.artifactUri(c.file, io.cwd), lines: a.lines, diagnostics: driftDiagnostics(a, drift) };
      if (c.format === 'sarif') io.out(formatSarif([report], deps.sarifTool));
      else if (drift.length === 0) io.out(`${c.file}: the vault matches the plan.\n`);
      else {
        const body = formatText([report]);
        // The checker's summary line counts diagnostics; drift says how many differences.
        io.out(body.slice(0, body.lastIndexOf(summaryLine([report]))));
        io.out(`${drift.length} difference${drift.length === 1 ? '' : 's'} between ${c.file} and the vault.\n`);
      }
    }
    return drift.length ? 1 : 0;
  });
}

export function applyScriptCommand(c: { file: string; asr: readonly string[] }, io: EstateIo, deps: EstateCliDeps): number {
  const text = readPlan(c.file, io, deps);
  const vault = inputs(c.asr.map((f) => [f, 'asr']), io, deps);
  if (text === undefined || !vault) return 2;
  return guarded(io, () => {
    io.out(applyScript(analyze(text), vault));
    return 0;
  });
}
