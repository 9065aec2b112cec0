/**
 * The command line, parsed strictly: a command, its files, `--format` (or `--format=`),
 * `--help`/`-h`, `--version`, and `--` before file names that start with a dash. Anything
 * else is a usage error (exit 2). Pure: no Node imports.
 */

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export const LANDINGS_FORMATS = ['table', 'json', 'markdown', 'csv'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
export type LandingsFormat = (typeof LANDINGS_FORMATS)[number];

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly files: readonly string[]; readonly format: CheckFormat }
  | { readonly kind: 'landings'; readonly file: string; readonly format: LandingsFormat }
  | { readonly kind: 'import'; readonly vmm: readonly string[]; readonly asr: readonly string[]; readonly vnets: readonly string[]; readonly vaultLocation: string | undefined; readonly output: string | undefined }
  | { readonly kind: 'drift'; readonly file: string; readonly asr: readonly string[]; readonly format: CheckFormat }
  | { readonly kind: 'apply-script'; readonly file: string; readonly asr: readonly string[] }
  /** Exit 2 with this one-line message on stderr. */
  | { readonly kind: 'usage-error'; readonly message: string };

function usage(message: string): Command {
  return { kind: 'usage-error', message: `${message} (see 'asr-topology --help')` };
}

function isOneOf<T extends string>(values: readonly T[], v: string): v is T {
  return (values as readonly string[]).includes(v);
}

export function parseArgs(argv: readonly string[]): Command {
  // --help and --version win wherever they are (before `--`), as most tools do.
  const dashDash = argv.indexOf('--');
  const options = dashDash < 0 ? argv : argv.slice(0, dashDash);
  if (options.includes('--help') || options.includes('-h')) return { kind: 'help' };
  if (options.includes('--version')) {
    return argv.length === 1 ? { kind: 'version' } : usage('--version takes no other arguments');
  }

  const [command, ...rest] = argv;
  if (command === undefined) return usage('missing command: check, landings, import, drift or apply-script');
  if (command === 'import' || command === 'drift' || command === 'apply-script') return parseEstateArgs(command, rest);
  if (command !== 'check' && command !== 'landings') {
    return usage(command.startsWith('-') ? `unknown option '${command}' before the command` : `unknown command '${command}'`);
  }

  const files: string[] = [];
  let format: string | undefined;
  let onlyFiles = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (onlyFiles || !arg.startsWith('-')) {
      files.push(arg);
    } else if (arg === '--') {
      onlyFiles = true;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      if (format !== undefined) return usage('--format given more than once');
      if (arg === '--format') {
        const next = rest[i + 1];
        if (next === undefined) return usage('--format needs a value');
        format = next;
        i++;
      } else {
        format = arg.slice('--format='.length);
      }
    } else {
      return usage(`unknown option '${arg}'`);
    }
  }

  if (command === 'check') {
    const f = format ?? 'text';
    if (!isOneOf(CHECK_FORMATS, f)) return usage(`check: unknown format '${f}': use ${CHECK_FORMATS.join(', ')}`);
    if (files.length === 0) return usage('check: no files given');
    return { kind: 'check', files, format: f };
  }
  const f = format ?? 'table';
  if (!isOneOf(LANDINGS_FORMATS, f)) return usage(`landings: unknown format '${f}': use ${LANDINGS_FORMATS.join(', ')}`);
  if (files.length !== 1) return usage(files.length === 0 ? 'landings: no file given' : 'landings: takes exactly one file');
  return { kind: 'landings', file: files[0] as string, format: f };
}

/** The options of import, drift and apply-script: each may be repeated where it takes files. */
function parseEstateArgs(command: 'import' | 'drift' | 'apply-script', rest: readonly string[]): Command {
  const lists: Record<'vmm' | 'asr' | 'vnets', string[]> = { vmm: [], asr: [], vnets: [] };
  const files: string[] = [];
  let format: string | undefined;
  let output: string | undefined;
  let vaultLocation: string | undefined;
  let onlyFiles = false;
  const allowed: Record<typeof command, readonly string[]> = {
    import: ['--vmm', '--asr', '--vnets', '--vault-location', '-o', '--output'],
    drift: ['--asr', '--format'],
    'apply-script': ['--asr'],
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (onlyFiles || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!allowed[command].includes(name)) return usage(`${command}: unknown option '${name}'`);
    let value: string | undefined = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;
    if (value === undefined) {
      value = rest[i + 1];
      if (value === undefined) return usage(`${command}: ${name} needs a value`);
      i++;
    }
    if (name === '--vmm' || name === '--asr' || name === '--vnets') lists[name.slice(2) as 'vmm' | 'asr' | 'vnets'].push(value);
    else if (name === '--format') {
      if (format !== undefined) return usage('--format given more than once');
      format = value;
    } else if (name === '--vault-location') vaultLocation = value;
    else output = value;
  }
  if (command === 'import') {
    if (files.length) return usage(`import: unexpected argument '${files[0] ?? ''}': give each export with --vmm, --asr or --vnets`);
    if (lists.vmm.length + lists.asr.length + lists.vnets.length === 0) return usage('import: no input: give --vmm, --asr or --vnets files');
    return { kind: 'import', ...lists, vaultLocation, output };
  }
  if (files.length !== 1) return usage(files.length === 0 ? `${command}: no topology file given` : `${command}: takes exactly one topology file`);
  const file = files[0] as string;
  if (command === 'apply-script') return { kind: 'apply-script', file, asr: lists.asr };
  if (lists.asr.length === 0) return usage('drift: no vault export: give --asr FILE');
  const f = format ?? 'text';
  if (!isOneOf(CHECK_FORMATS, f)) return usage(`drift: unknown format '${f}': use ${CHECK_FORMATS.join(', ')}`);
  return { kind: 'drift', file, asr: lists.asr, format: f };
}

export function helpText(version: string): string {
  return `asr-topology ${version}: check Azure Site Recovery topology files (*.topology.yaml)

Usage:
  asr-topology check FILE... [--format text|json|sarif]
  asr-topology landings FILE [--format table|json|markdown|csv]
  asr-topology import [--vmm FILE]... [--asr FILE]... [--vnets FILE]... [--vault-location REGION] [-o OUT]
  asr-topology drift FILE --asr FILE... [--format text|json|sarif]
  asr-topology apply-script FILE [--asr FILE...]
  asr-topology --help | --version

Commands:
  check      Report every diagnostic (TOP001...TOP062) of each file.
             text (default): one line per diagnostic, like a compiler:
               path:line:col: severity TOPnnn message
             with 1-based line and column (columns count UTF-16 code units, as
             VS Code does), then a summary line.
             json: {"files":[{"file","diagnostics":[{"code","severity","message",
               "range":{"start":{"line","character"},"end":{...}}}]}]}
               with 0-based lines and characters (as LSP).
             sarif: SARIF 2.1.0 for code-scanning tools (1-based regions).
  landings   Where every replica lands on failover and failback, one row per NIC.
             table (default): aligned columns for a terminal.
             json: {"landings":[...]} (docs/format.md, Command-line output); markdown; csv.
             The landings are printed even when the file has errors; errors are
             then counted on stderr.
  import     Write a topology file from the estate's exports (stdout, or -o OUT,
             written whole or not at all), then the check's summary on stderr:
               --vmm FILE    scripts/collect-vmm.ps1's JSON, one per VMM server
               --asr FILE    the vault: REST (az rest) or Get-AzRecoveryServicesAsr*
                             | ConvertTo-Json output (mappings, pairs, protected items)
               --vnets FILE  Azure virtual networks (az network vnet list, or ARM)
             UTF-8 or UTF-16 with a BOM. What no input says is left out with a
             '# TODO' comment. Exit 0 written, 2 usage error or unreadable input.
  drift      Compare the plan with the vault: pairs and mappings missing, extra or
             different, NICs landing elsewhere. Exit 1 when there is drift, 0 when
             none. json: {"drift":[{"kind","subject","plan","vault","message"}]}.
  apply-script
             Print a PowerShell script (Az.RecoveryServices) that creates the plan's
             network mappings the vault lacks (all of them without --asr). It
             changes nothing unless run with -Apply.

Exit status:
  0  no errors (warnings and information don't count)
  1  at least one error in a file
  2  usage error, or a file that can't be read (one-line message on stderr)
     drift: 1 when the plan and the vault differ
  3  internal error (a bug in asr-topology: please report it)

Options:
  --format FORMAT   output format (also --format=FORMAT)
  -o, --output OUT  import: the file to write (else stdout)
  -h, --help        show this help
  --version         show the version
  --                end of options: what follows are file names
`;
}
