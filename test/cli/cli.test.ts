/**
 * End to end: `node dist/cli.js` on the examples (build first: `npm run build`). Exit
 * codes, the three `check` formats, the four `landings` formats, unreadable and non-UTF-8
 * files, and a large output through a pipe.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CSV_COLUMNS } from '../../src/cli/landing-format';
import { FAILBACK_KEYS, FAILOVER_KEYS, LANDING_ROW_KEYS, type LandingRow } from '../../src/core/features';
import { CODES } from '../../src/core/codes';
import { CLI, ROOT, cli, loadGenerator } from './helpers';
import { sarifErrors } from './sarif-schema';

const NY = 'examples/new-york-chicago.topology.yaml';
const AZURE = 'examples/azure.topology.yaml';
const EVERY = 'examples/diagnostics/every-diagnostic.topology.yaml';
const SYNTAX = 'examples/diagnostics/syntax-error.topology.yaml';
const ALL = [NY, AZURE, EVERY, SYNTAX];

/** The codes every-diagnostic.topology.yaml shows: every code of the plan (not the vault comparison's). */
const ALL_CODES = [
  'TOP001', 'TOP002', 'TOP010', 'TOP011', 'TOP012', 'TOP020', 'TOP021', 'TOP022', 'TOP023', 'TOP030', 'TOP031',
  'TOP032', 'TOP040', 'TOP041', 'TOP042', 'TOP050', 'TOP051', 'TOP052', 'TOP060', 'TOP061', 'TOP062',
];
const SEVERITIES = ['error', 'warning', 'information', 'hint'];
const TEXT_LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint) (TOP\d{3}) (.+)$/;

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: JsonPosition; end: JsonPosition };
}
interface JsonCheck {
  files: { file: string; diagnostics: JsonDiagnostic[] }[];
}

function read(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}

function checkJson(files: readonly string[], cwd?: string): JsonCheck {
  const r = cli(['check', ...files, '--format', 'json'], cwd === undefined ? {} : { cwd });
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout) as JsonCheck;
}

/** A throwaway directory, removed after the suite. */
let tmp = '';
before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'asr-cli-test-'));
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('asr-topology: help, version, usage errors', () => {
  it('--help and -h print the usage, exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = cli([flag]);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^asr-topology \d+\.\d+\.\d+/);
      assert.match(r.stdout, /asr-topology check FILE\.\.\. \[--format text\|json\|sarif\]/);
      assert.match(r.stdout, /asr-topology landings FILE \[--format table\|json\|markdown\|csv\]/);
      assert.match(r.stdout, /1-based/);
      assert.equal(r.stderr, '');
    }
  });

  it("--version prints package.json's version", () => {
    const pkg = JSON.parse(read('package.json')) as { version: string };
    const r = cli(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${pkg.version}\n`);
  });

  const usage: [string[], RegExp][] = [
    [[], /missing command/],
    [['lint', NY], /unknown command 'lint'/],
    [['check'], /no files given/],
    [['check', NY, '--strict'], /unknown option '--strict'/],
    [['check', NY, '--format', 'html'], /unknown format 'html'/],
    [['landings'], /no file given/],
    [['landings', NY, AZURE], /exactly one file/],
    [['landings', NY, '--format', 'sarif'], /unknown format 'sarif'/],
  ];
  for (const [args, message] of usage) {
    it(`usage error, exit 2: ${args.join(' ') || '(no arguments)'}`, () => {
      const r = cli(args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^asr-topology: [^\n]+\n$/);
      assert.match(r.stderr, message);
    });
  }
});

describe('asr-topology: files that cannot be read', () => {
  it('a missing file: exit 2, one line, nothing on stdout', () => {
    const r = cli(['check', 'nope.topology.yaml']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "asr-topology: cannot read 'nope.topology.yaml': no such file\n");
    assert.equal(r.stdout, '');
  });

  it('a directory: exit 2', () => {
    const r = cli(['check', 'examples']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "asr-topology: cannot read 'examples': is a directory\n");
    assert.equal(r.stdout, '');
  });

  it('one good file and one missing: exit 2, no partial output, every bad file named', () => {
    const r = cli(['check', NY, 'a.topology.yaml', '--format', 'json', 'b.topology.yaml']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.stderr.trimEnd().split('\n'), [
      "asr-topology: cannot read 'a.topology.yaml': no such file",
      "asr-topology: cannot read 'b.topology.yaml': no such file",
    ]);
  });

  it('landings of a missing file: exit 2', () => {
    const r = cli(['landings', 'nope.topology.yaml', '--format', 'json']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "asr-topology: cannot read 'nope.topology.yaml': no such file\n");
  });

  it('a file without read permission: exit 2', () => {
    // Root reads every file: as root (CI), the CLI runs as the user nobody (see cli()).
    chmodSync(tmp, 0o755);
    const file = path.join(tmp, 'secret.topology.yaml');
    writeFileSync(file, 'version: 1\n', { mode: 0o000 });
    const r = cli(['check', file], { unprivileged: true });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `asr-topology: cannot read '${file}': permission denied\n`);
  });
});

describe('asr-topology check: exit codes and text output', () => {
  it('the New York / Chicago example: exit 0 (one warning: VM3 NIC 0 is not mapped)', () => {
    const r = cli(['check', NY]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[lines.length - 1], '1 file checked: 0 errors, 1 warning, 0 information.');
    const diags = lines.slice(0, -1);
    assert.equal(diags.length, 1, r.stdout);
    const m = TEXT_LINE.exec(diags[0] ?? '');
    assert.ok(m, diags[0]);
    // 1-based line and column of VM3's first NIC's network value.
    const text = read(NY);
    const offset = text.lastIndexOf('- network: VMNetwork2-NewYork') + '- network: '.length;
    const before = text.slice(0, offset).split('\n');
    assert.deepEqual([m[1], Number(m[2]), Number(m[3]), m[4], m[5]], [NY, before.length, (before[before.length - 1]?.length ?? 0) + 1, 'warning', 'TOP020']);
    assert.match(m[6] ?? '', /VMNetwork2-NewYork/);
  });

  it('the Azure example: exit 0, information only (the unprotected Dev cloud)', () => {
    const r = cli(['check', AZURE]);
    assert.equal(r.status, 0, r.stdout);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines.slice(0, -1)) assert.match(line, /: information TOP050 /);
    assert.match(lines[lines.length - 1] ?? '', /^1 file checked: 0 errors, 0 warnings, 1 information\.$/);
  });

  it('every-diagnostic: exit 1, every code from TOP001 to TOP062', () => {
    const r = cli(['check', EVERY]);
    assert.equal(r.status, 1);
    const codes = new Set(r.stdout.split('\n').map((l) => TEXT_LINE.exec(l)?.[5]).filter((c) => c !== undefined));
    assert.deepEqual([...codes].sort(), ALL_CODES);
  });

  it("every-diagnostic: each line's comment names exactly the codes reported on it", () => {
    const text = read(EVERY);
    const fileLines = text.split('\n');
    const reported = new Map<number, Set<string>>();
    for (const d of checkJson([EVERY]).files[0]?.diagnostics ?? []) {
      const set = reported.get(d.range.start.line) ?? new Set<string>();
      set.add(d.code);
      reported.set(d.range.start.line, set);
    }
    const promised = new Map<number, Set<string>>();
    fileLines.forEach((line, i) => {
      const comment = line.indexOf('#');
      if (comment < 0) return;
      const codes = [...line.slice(comment).matchAll(/(TOP\d{3}):/g)].map((m) => m[1] as string);
      if (codes.length) promised.set(i, new Set(codes));
    });
    const show = (m: Map<number, Set<string>>): string[] =>
      [...m].sort((a, b) => a[0] - b[0]).map(([line, codes]) => `${line + 1}: ${[...codes].sort().join(' ')}`);
    assert.deepEqual(show(reported), show(promised));
  });

  it('the syntax-error example: exit 1 with TOP001', () => {
    const r = cli(['check', SYNTAX]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^examples\/diagnostics\/syntax-error\.topology\.yaml:\d+:\d+: error TOP001 /m);
  });

  it('several files: the diagnostics of each, then one summary', () => {
    const r = cli(['check', ...ALL]);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const files = new Set(lines.slice(0, -1).map((l) => TEXT_LINE.exec(l)?.[1]));
    assert.deepEqual([...files], ALL);
    assert.match(lines[lines.length - 1] ?? '', /^4 files checked: \d+ errors, \d+ warnings, \d+ information\.$/);
    for (const line of lines.slice(0, -1)) assert.match(line, TEXT_LINE);
  });

  it('the text positions are the JSON positions plus one', () => {
    const text = cli(['check', ...ALL]).stdout.trimEnd().split('\n').slice(0, -1);
    const json = checkJson(ALL).files.flatMap((f) =>
      f.diagnostics.map((d) => `${f.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}`),
    );
    assert.deepEqual(
      text.map((l) => l.replace(/^(.+?:\d+:\d+: \S+ TOP\d{3}) .*$/, '$1')),
      json,
    );
  });

  it('CRLF line ends and a BOM give the same lines and columns', () => {
    const file = path.join(tmp, 'crlf.topology.yaml');
    writeFileSync(file, '\uFEFF' + read(EVERY).replace(/\n/g, '\r\n'));
    const crlf = checkJson([file]).files[0]?.diagnostics;
    const lf = checkJson([EVERY]).files[0]?.diagnostics;
    assert.deepEqual(crlf, lf);
  });
});

describe('asr-topology check --format json', () => {
  it('exactly the spec shape, every key and type', () => {
    const doc = checkJson(ALL) as unknown as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['files']);
    const files = doc.files as Record<string, unknown>[];
    assert.equal(files.length, ALL.length);
    files.forEach((f, i) => {
      assert.deepEqual(Object.keys(f), ['file', 'diagnostics']);
      assert.equal(f.file, ALL[i]);
      for (const d of f.diagnostics as Record<string, unknown>[]) {
        assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
        assert.match(d.code as string, /^TOP\d{3}$/);
        assert.ok(SEVERITIES.includes(d.severity as string), String(d.severity));
        assert.equal(typeof d.message, 'string');
        assert.ok((d.message as string).length > 0);
        const range = d.range as Record<string, Record<string, unknown>>;
        assert.deepEqual(Object.keys(range), ['start', 'end']);
        for (const p of [range.start, range.end]) {
          assert.deepEqual(Object.keys(p ?? {}), ['line', 'character']);
          assert.ok(Number.isInteger(p?.line) && (p?.line as number) >= 0);
          assert.ok(Number.isInteger(p?.character) && (p?.character as number) >= 0);
        }
        const s = range.start as unknown as JsonPosition;
        const e = range.end as unknown as JsonPosition;
        assert.ok(s.line < e.line || (s.line === e.line && s.character <= e.character), JSON.stringify(range));
      }
    });
  });

  it('a clean file has an empty list', () => {
    const file = path.join(tmp, 'empty-estate.topology.yaml');
    writeFileSync(file, 'version: 1\nsites: []\nvms: []\n');
    const r = cli(['check', file, '--format=json']);
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout), { files: [{ file, diagnostics: [] }] });
  });

  it('ranges are of the value, never of the whole document', () => {
    const text = read(EVERY);
    const lines = text.split('\n');
    for (const d of checkJson([EVERY]).files[0]?.diagnostics ?? []) {
      assert.ok(d.range.end.line - d.range.start.line <= 1, `${d.code} spans ${JSON.stringify(d.range)}`);
      const line = lines[d.range.start.line] ?? '';
      assert.ok(d.range.start.character < line.length, `${d.code} starts past the end of its line`);
    }
  });
});

describe('asr-topology: bytes that are not UTF-8', () => {
  it('are a TOP001 error, in text and JSON', () => {
    const file = path.join(tmp, 'latin1.topology.yaml');
    // "Zürich" in Latin-1: 0xFC is not UTF-8.
    const bytes = Buffer.concat([Buffer.from('version: 1\nsites:\n  - name: Z'), Buffer.from([0xfc]), Buffer.from('rich\n    vmmServer: VMM-ZRH\n')]);
    writeFileSync(file, bytes);
    const r = cli(['check', file]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /: error TOP001 /);
    const json = checkJson([file]);
    const top001 = json.files[0]?.diagnostics.filter((d) => d.code === 'TOP001') ?? [];
    assert.equal(top001.length, 1, JSON.stringify(json));
    assert.equal(top001[0]?.severity, 'error');
    assert.equal(top001[0]?.range.start.line, 2);
  });

  it('landings of such a file: exit 1, with the reason on stderr', () => {
    const file = path.join(tmp, 'latin1b.topology.yaml');
    writeFileSync(file, Buffer.from([0x76, 0x65, 0x72, 0xff, 0x0a]));
    const r = cli(['landings', file, '--format', 'json']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /has 1 error/);
  });
});

describe('asr-topology check --format sarif', () => {
  interface Sarif {
    version: string;
    runs: {
      tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
      results: {
        ruleId: string;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
      }[];
    }[];
  }

  it('validates against the official SARIF 2.1.0 schema', () => {
    const r = cli(['check', ...ALL, '--format', 'sarif']);
    assert.equal(r.status, 1);
    assert.deepEqual(sarifErrors(JSON.parse(r.stdout)), []);
  });

  it('a clean file is a valid log with no results', () => {
    const r = cli(['check', NY, AZURE, '--format', 'sarif']);
    assert.equal(r.status, 0);
    const log = JSON.parse(r.stdout) as Sarif;
    assert.deepEqual(sarifErrors(log), []);
    assert.ok((log.runs[0]?.results.length ?? 0) > 0); // warnings and information are results too
  });

  it('tool, rules, levels, relative URIs and 1-based regions', () => {
    const log = JSON.parse(cli(['check', ...ALL, '--format', 'sarif']).stdout) as Sarif;
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.ok(run);
    const driver = run.tool.driver;
    assert.equal(driver.name, 'asr-topology');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map((x) => x.id), CODES.map((c) => c.code));
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text.length > 10, rule.id);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
    }
    const json = checkJson(ALL).files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.file, d })));
    assert.equal(run.results.length, json.length);
    run.results.forEach((res, i) => {
      const { file, d } = json[i] ?? assert.fail('missing');
      assert.equal(res.ruleId, d.code);
      assert.equal(res.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[d.severity]);
      assert.equal(res.message.text, d.message);
      const loc = res.locations[0]?.physicalLocation;
      assert.deepEqual(loc?.artifactLocation.uri, file);
      assert.equal(loc?.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.deepEqual(loc?.region, {
        startLine: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      });
    });
  });

  it('a file outside the working directory gets an absolute file: URI', () => {
    const r = cli(['check', path.join(ROOT, NY), '--format', 'sarif'], { cwd: tmp });
    const log = JSON.parse(r.stdout) as Sarif;
    assert.deepEqual(sarifErrors(log), []);
    const loc = log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation;
    assert.deepEqual(loc, { uri: pathToFileURL(path.join(ROOT, NY)).href, index: 0 });
  });
});

/** Spec §3, "Expected" for the example of §2. */
const NY_EXPECTED: LandingRow[] = [
  {
    vm: 'VM1', nic: 0, cloud: 'GoldCloud1', network: 'VMNetwork1-NewYork', subnet: 'Subnet-A',
    failover: { status: 'connected', reason: null, cloud: 'GoldCloud2', azure: false, network: 'VMNetwork1-Chicago', subnet: 'Subnet-A', subnetRule: 'name-match', ipAddress: null },
    failback: { status: 'connected', network: 'VMNetwork1-NewYork', subnet: 'Subnet-A' },
  },
  {
    vm: 'VM3', nic: 0, cloud: 'SilverCloud1', network: 'VMNetwork2-NewYork', subnet: null,
    failover: { status: 'not-connected', reason: 'unmapped', cloud: 'SilverCloud2', azure: false, network: null, subnet: null, subnetRule: null, ipAddress: null },
    failback: { status: 'disconnected', network: null, subnet: null },
  },
  {
    vm: 'VM3', nic: 1, cloud: 'SilverCloud1', network: 'VMNetwork1-NewYork', subnet: 'Subnet-A',
    failover: { status: 'connected', reason: null, cloud: 'SilverCloud2', azure: false, network: 'VMNetwork1-Chicago', subnet: 'Subnet-A', subnetRule: 'name-match', ipAddress: null },
    failback: { status: 'connected', network: 'VMNetwork1-NewYork', subnet: 'Subnet-A' },
  },
];

function landingsJson(file: string): LandingRow[] {
  const r = cli(['landings', file, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const doc = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(doc), ['landings']);
  return doc.landings as LandingRow[];
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '"' && field === '') {
      i++;
      while (i < text.length) {
        if (text.startsWith('""', i)) {
          field += '"';
          i += 2;
        } else if (text.charAt(i) === '"') {
          break;
        } else {
          field += text.charAt(i++);
        }
      }
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  return records;
}

describe('asr-topology landings', () => {
  it('New York / Chicago, json: the spec §3 "Expected"', () => {
    assert.deepEqual(landingsJson(NY), NY_EXPECTED);
  });

  it('json: exactly the spec keys and types, for every NIC of every example', () => {
    for (const file of [NY, AZURE]) {
      for (const row of landingsJson(file)) {
        assert.deepEqual(Object.keys(row), [...LANDING_ROW_KEYS]);
        assert.deepEqual(Object.keys(row.failover), [...FAILOVER_KEYS]);
        assert.deepEqual(Object.keys(row.failback), [...FAILBACK_KEYS]);
        assert.equal(typeof row.vm, 'string');
        assert.ok(Number.isInteger(row.nic) && row.nic >= 0);
        for (const v of [row.cloud, row.network, row.subnet, row.failover.cloud, row.failover.network, row.failover.subnet, row.failback.network, row.failback.subnet]) {
          assert.ok(v === null || typeof v === 'string');
        }
        assert.ok(['connected', 'not-connected', 'not-protected'].includes(row.failover.status));
        assert.ok([null, 'unmapped', 'unavailable'].includes(row.failover.reason));
        assert.equal(typeof row.failover.azure, 'boolean');
        assert.ok([null, 'name-match', 'first-subnet', 'target-setting'].includes(row.failover.subnetRule));
        assert.ok(row.failover.ipAddress === null || /^\d+\.\d+\.\d+\.\d+$/.test(row.failover.ipAddress));
        assert.ok(['connected', 'disconnected', 'not-applicable'].includes(row.failback.status));
      }
    }
  });

  it('Azure: one row per NIC, Azure landings with addresses, failback to the original network', () => {
    const rows = landingsJson(AZURE);
    const text = read(AZURE);
    const nics = (text.match(/^ {4}network: |^ {6}- network: /gm) ?? []).length;
    assert.equal(rows.length, nics);
    const of = (vm: string, nic = 0): LandingRow => rows.find((r) => r.vm === vm && r.nic === nic) ?? assert.fail(`${vm} ${nic}`);
    assert.deepEqual(of('sea-sql01').failover, {
      status: 'connected', reason: null, cloud: null, azure: true, network: 'vnet-dr-sea', subnet: 'Data', subnetRule: 'name-match', ipAddress: '10.10.2.10',
    });
    assert.deepEqual(of('dal-mgmt01').failover.subnetRule, 'target-setting');
    assert.deepEqual(of('dal-mgmt01').failover.subnet, 'Management');
    assert.deepEqual(of('sea-web01', 1).failover.network, 'vnet-dr-sea');
    assert.deepEqual(of('sea-web01', 1).failback, { status: 'connected', network: 'Servers-SEA', subnet: 'App' });
    assert.deepEqual(of('sea-build01').failover.status, 'not-protected');
    assert.deepEqual(of('sea-build01').failback.status, 'not-applicable');
    // Predicted addresses: the next free ones, never one Azure keeps or one taken twice.
    const taken = rows.map((r) => r.failover.ipAddress).filter((a) => a !== null);
    assert.equal(new Set(taken).size, taken.length);
    for (const a of taken) assert.ok(Number(a.split('.')[3]) >= 4, a);
  });

  it('csv: a header and one RFC 4180 record per NIC, the JSON values', () => {
    const r = cli(['landings', NY, '--format', 'csv']);
    assert.equal(r.status, 0);
    const records = parseCsv(r.stdout);
    assert.deepEqual(records[0], [...CSV_COLUMNS]);
    assert.equal(records.length, NY_EXPECTED.length + 1);
    records.slice(1).forEach((rec, i) => {
      const e = NY_EXPECTED[i] ?? assert.fail('row');
      const flat = [
        e.vm, e.nic, e.cloud, e.network, e.subnet,
        ...FAILOVER_KEYS.map((k) => e.failover[k]),
        ...FAILBACK_KEYS.map((k) => e.failback[k]),
      ].map((v) => (v === null ? '' : String(v)));
      assert.deepEqual(rec, flat);
    });
  });

  it('markdown: a table of header, separator and one row per NIC', () => {
    const r = cli(['landings', NY, '--format', 'markdown']);
    assert.equal(r.status, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2 + NY_EXPECTED.length);
    for (const line of lines) assert.match(line, /^\| .* \|$/);
    assert.match(lines[1] ?? '', /^\|( --- \|)+$/);
    assert.match(lines[2] ?? '', /^\| VM1 \| 0 \| GoldCloud1 \| VMNetwork1-NewYork \| Subnet-A \| connected \| GoldCloud2 \| VMNetwork1-Chicago \| Subnet-A \| name-match \| — \| connected \| VMNetwork1-NewYork \| Subnet-A \|$/);
    assert.match(lines[3] ?? '', /\| VM3 \| 0 \| .*not connected \(network not mapped\)/);
  });

  it('table (the default): aligned columns for a terminal', () => {
    const r = cli(['landings', NY]);
    assert.equal(r.status, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1 + NY_EXPECTED.length);
    assert.match(lines[0] ?? '', /^VM +NIC +CLOUD +NETWORK \/ SUBNET +FAILOVER/);
    const col = (lines[0] ?? '').indexOf('FAILOVER');
    assert.equal(lines[1]?.slice(col), 'GoldCloud2: VMNetwork1-Chicago / Subnet-A (name-match)    VMNetwork1-NewYork / Subnet-A');
    assert.match(lines[2]?.slice(col) ?? '', /^not connected \(network not mapped\) +disconnects$/);
    assert.match(lines[3]?.slice(col) ?? '', /^SilverCloud2: VMNetwork1-Chicago \/ Subnet-A \(name-match\) +VMNetwork1-NewYork \/ Subnet-A$/);
  });

  it('a file with errors: the landings all the same, exit 1 and a note on stderr', () => {
    const r = cli(['landings', EVERY, '--format', 'json']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^asr-topology: '.+every-diagnostic\.topology\.yaml' has \d+ errors: the landings may be incomplete/);
    assert.ok((JSON.parse(r.stdout) as { landings: unknown[] }).landings.length > 10);
  });
});

describe('asr-topology: a large file through a pipe', function () {
  this.timeout(120_000);
  let big = '';
  let nics = 0;
  before(async () => {
    const { generateTopology } = await loadGenerator();
    const text = generateTopology({ vms: 10_000, seed: 7 });
    nics = (text.match(/^ {4}network: |^ {6}- network: /gm) ?? []).length;
    big = path.join(tmp, 'big.topology.yaml');
    writeFileSync(big, text);
  });

  it('landings --format json: complete (parsed whole: one row per NIC)', () => {
    const r = cli(['landings', big, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const rows = (JSON.parse(r.stdout) as { landings: LandingRow[] }).landings;
    assert.equal(rows.length, nics);
    assert.ok(r.stdout.length > 3_000_000);
  });

  it('the same bytes through `| wc -c` as through a pipe to this process', () => {
    const direct = cli(['landings', big, '--format', 'json']).stdout;
    const sh = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" landings "${big}" --format json | wc -c`], { encoding: 'utf8' });
    assert.equal(Number(sh.stdout.trim()), Buffer.byteLength(direct));
  });

  it('check --format json and sarif: complete, no error in the generated estate', () => {
    const j = cli(['check', big, '--format', 'json']);
    assert.equal(j.status, 0, j.stdout.slice(0, 2000));
    const doc = JSON.parse(j.stdout) as JsonCheck;
    assert.ok((doc.files[0]?.diagnostics.length ?? 0) > 100);
    assert.ok(doc.files[0]?.diagnostics.every((d) => d.severity !== 'error'));
    const s = cli(['check', big, '--format', 'sarif']);
    assert.equal((JSON.parse(s.stdout) as { runs: { results: unknown[] }[] }).runs[0]?.results.length, doc.files[0]?.diagnostics.length);
  });

  it('a reader that stops early (`| head`) is no error', () => {
    const sh = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" landings "${big}" --format csv | head -c 100 >/dev/null`], { encoding: 'utf8' });
    assert.equal(sh.status, 0);
    assert.equal(sh.stderr, '');
  });
});
