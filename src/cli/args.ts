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
  if (command === undefined) return usage('missing command: check or landings');
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

export function helpText(version: string): string {
  return `asr-topology ${version}: check Azure Site Recovery topology files (*.topology.yaml)

Usage:
  asr-topology check FILE... [--format text|json|sarif]
  asr-topology landings FILE [--format table|json|markdown|csv]
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

Exit status:
  0  no errors (warnings and information don't count)
  1  at least one error in a file
  2  usage error, or a file that can't be read (one-line message on stderr)
  3  internal error (a bug in asr-topology: please report it)

Options:
  --format FORMAT   output format (also --format=FORMAT)
  -h, --help        show this help
  --version         show the version
  --                end of options: what follows are file names
`;
}
