/** The CLI's formatters over hand-made diagnostics and landing rows (no analysis needed). */
import * as assert from 'node:assert/strict';
import { formatJson, formatSarif, formatText, sarifLog, summaryLine, type FileReport, type SarifRule } from '../../src/cli/check-format';
import { CODES } from '../../src/core/codes';
import {
  csvField,
  formatLandingsCsv,
  formatLandingsJson,
  formatLandingsMarkdown,
  formatLandingsTable,
  markdownCell,
  type LandingView,
} from '../../src/cli/landing-format';
import { LineIndex } from '../../src/core/yaml';
import type { Diagnostic } from '../../src/core/types';
import { sarifErrors } from './sarif-schema';

const TEXT = 'version: 1\nvms:\n  - name: VM1\n    cloud: Gold\r\n    network: Ünïcødé 😀 Net\n';
const at = (s: string): { start: number; end: number } => {
  const i = TEXT.indexOf(s);
  if (i < 0) throw new Error(s);
  return { start: i, end: i + s.length };
};
const DIAGS: Diagnostic[] = [
  { code: 'TOP050', severity: 'information', message: "Cloud 'Gold' is not protected by any pair: VM 'VM1' has no replica.", span: at('Gold') },
  { code: 'TOP011', severity: 'error', message: "No network 'Ünïcødé 😀 Net'.\nDid you mean 'Net'?", span: at('Ünïcødé 😀 Net') },
  { code: 'TOP020', severity: 'warning', message: 'w', span: at('VM1') },
  { code: 'TOP030', severity: 'hint', message: 'h', span: at('version') },
];
const FILE: FileReport = { file: 'plans/a b.topology.yaml', uri: 'plans/a%20b.topology.yaml', lines: new LineIndex(TEXT), diagnostics: DIAGS };
const CLEAN: FileReport = { file: 'clean.topology.yaml', uri: 'clean.topology.yaml', lines: new LineIndex(''), diagnostics: [] };
const TOOL = { version: '0.1.0', informationUri: 'https://example.org/asr-topology', srcRoot: 'file:///work/repo/' };

describe('check --format text', () => {
  it('one line per diagnostic, 1-based, then the summary', () => {
    const lines = formatText([FILE, CLEAN]).split('\n');
    assert.deepEqual(lines, [
      "plans/a b.topology.yaml:4:12: information TOP050 Cloud 'Gold' is not protected by any pair: VM 'VM1' has no replica.",
      "plans/a b.topology.yaml:5:14: error TOP011 No network 'Ünïcødé 😀 Net'. Did you mean 'Net'?",
      'plans/a b.topology.yaml:3:11: warning TOP020 w',
      'plans/a b.topology.yaml:1:1: hint TOP030 h',
      '2 files checked: 1 error, 1 warning, 1 information, 1 hint.',
      '',
    ]);
  });

  it('the summary of clean files', () => {
    assert.equal(summaryLine([CLEAN]), '1 file checked: no problems found.');
    assert.equal(formatText([CLEAN]), '1 file checked: no problems found.\n');
  });
});

describe('check --format json', () => {
  it('exactly the spec shape, 0-based, UTF-16 characters', () => {
    const doc = JSON.parse(formatJson([FILE, CLEAN])) as unknown;
    assert.deepEqual(doc, {
      files: [
        {
          file: 'plans/a b.topology.yaml',
          diagnostics: [
            {
              code: 'TOP050',
              severity: 'information',
              message: DIAGS[0]?.message,
              range: { start: { line: 3, character: 11 }, end: { line: 3, character: 15 } },
            },
            {
              code: 'TOP011',
              severity: 'error',
              message: DIAGS[1]?.message,
              // 'Ünïcødé 😀 Net' is 13 code points and 14 UTF-16 code units.
              range: { start: { line: 4, character: 13 }, end: { line: 4, character: 27 } },
            },
            { code: 'TOP020', severity: 'warning', message: 'w', range: { start: { line: 2, character: 10 }, end: { line: 2, character: 13 } } },
            { code: 'TOP030', severity: 'hint', message: 'h', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } } },
          ],
        },
        { file: 'clean.topology.yaml', diagnostics: [] },
      ],
    });
  });
});

describe('check --format sarif', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const log = JSON.parse(formatSarif([FILE, CLEAN], TOOL)) as unknown;
    assert.deepEqual(sarifErrors(log), []);
  });

  it('the schema validator does reject a broken log (it is not a no-op)', () => {
    const broken = structuredClone(sarifLog([FILE], TOOL)) as unknown as { runs: { results: { level: string }[] }[] };
    const first = broken.runs[0]?.results[0];
    assert.ok(first);
    first.level = 'fatal';
    assert.notDeepEqual(sarifErrors(broken), []);
    assert.notDeepEqual(sarifErrors({ version: '2.1.0' }), []);
  });

  it('driver, one rule per code, results with levels and 1-based regions', () => {
    const log = sarifLog([FILE], TOOL);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    assert.equal(driver.name, 'asr-topology');
    assert.equal(driver.version, '0.1.0');
    assert.equal(driver.informationUri, TOOL.informationUri);
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      CODES.map((c) => c.code),
    );
    assert.equal(driver.rules.length, 21);
    const rule = (id: string): SarifRule => {
      const r = driver.rules.find((x) => x.id === id);
      assert.ok(r, id);
      return r;
    };
    assert.equal(rule('TOP001').defaultConfiguration.level, 'error');
    assert.equal(rule('TOP020').defaultConfiguration.level, 'warning');
    assert.equal(rule('TOP030').defaultConfiguration.level, 'note');
    assert.match(rule('TOP023').shortDescription.text, /different Azure virtual networks/);
    assert.deepEqual(
      run.results.map((r) => [r.ruleId, r.level]),
      [['TOP050', 'note'], ['TOP011', 'error'], ['TOP020', 'warning'], ['TOP030', 'note']],
    );
    const result = run.results[1]!;
    const loc = result.locations[0]!.physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'plans/a%20b.topology.yaml', uriBaseId: '%SRCROOT%', index: 0 });
    assert.deepEqual(loc.region, { startLine: 5, startColumn: 14, endLine: 5, endColumn: 28 });
    assert.equal(result.message.text, DIAGS[1]?.message);
    assert.equal(result.ruleIndex, CODES.findIndex((c) => c.code === 'TOP011'));
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/repo/' } });
  });

  it('an absolute file: URI goes without a base', () => {
    const abs: FileReport = { ...CLEAN, uri: 'file:///elsewhere/x.topology.yaml', diagnostics: [DIAGS[0] as Diagnostic] };
    const log = sarifLog([abs], TOOL);
    assert.deepEqual(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation, { uri: 'file:///elsewhere/x.topology.yaml', index: 0 });
    assert.deepEqual(sarifErrors(log), []);
  });
});

const ROWS: LandingView[] = [
  {
    ipPredicted: false,
    row: {
      vm: 'VM1', nic: 0, cloud: 'GoldCloud1', network: 'VMNetwork1-NewYork', subnet: 'Subnet-A',
      failover: { status: 'connected', reason: null, cloud: 'GoldCloud2', azure: false, network: 'VMNetwork1-Chicago', subnet: 'Subnet-A', subnetRule: 'name-match', ipAddress: null },
      failback: { status: 'connected', network: 'VMNetwork1-NewYork', subnet: 'Subnet-A' },
    },
  },
  {
    ipPredicted: false,
    row: {
      vm: 'VM3, "the old one"', nic: 0, cloud: 'SilverCloud1', network: 'VMNetwork2-NewYork', subnet: null,
      failover: { status: 'not-connected', reason: 'unmapped', cloud: 'SilverCloud2', azure: false, network: null, subnet: null, subnetRule: null, ipAddress: null },
      failback: { status: 'disconnected', network: null, subnet: null },
    },
  },
  {
    ipPredicted: true,
    row: {
      vm: 'web|01', nic: 1, cloud: 'Prod', network: 'Servers', subnet: 'App',
      failover: { status: 'connected', reason: null, cloud: null, azure: true, network: 'vnet-dr', subnet: 'App', subnetRule: 'name-match', ipAddress: '10.10.1.4' },
      failback: { status: 'connected', network: 'Servers', subnet: 'App' },
    },
  },
  {
    ipPredicted: false,
    row: {
      vm: 'lab01', nic: 0, cloud: 'Lab', network: 'Lab net', subnet: null,
      failover: { status: 'not-protected', reason: null, cloud: null, azure: false, network: null, subnet: null, subnetRule: null, ipAddress: null },
      failback: { status: 'not-applicable', network: null, subnet: null },
    },
  },
];

describe('landings formats', () => {
  it('json: {"landings":[rows]}', () => {
    assert.deepEqual(JSON.parse(formatLandingsJson(ROWS)), { landings: ROWS.map((v) => v.row) });
    assert.equal(formatLandingsJson([]), '{"landings":[]}\n');
  });

  it('csv: RFC 4180, a header, one record per NIC, CRLF', () => {
    const csv = formatLandingsCsv(ROWS);
    const records = csv.split('\r\n');
    assert.equal(records.length, ROWS.length + 2);
    assert.equal(records[records.length - 1], '');
    assert.equal(
      records[0],
      'vm,nic,cloud,network,subnet,failover.status,failover.reason,failover.cloud,failover.azure,failover.network,failover.subnet,failover.subnetRule,failover.ipAddress,failback.status,failback.network,failback.subnet',
    );
    assert.equal(records[1], 'VM1,0,GoldCloud1,VMNetwork1-NewYork,Subnet-A,connected,,GoldCloud2,false,VMNetwork1-Chicago,Subnet-A,name-match,,connected,VMNetwork1-NewYork,Subnet-A');
    assert.equal(records[2], '"VM3, ""the old one""",0,SilverCloud1,VMNetwork2-NewYork,,not-connected,unmapped,SilverCloud2,false,,,,,disconnected,,');
    assert.equal(records[3], 'web|01,1,Prod,Servers,App,connected,,,true,vnet-dr,App,name-match,10.10.1.4,connected,Servers,App');
    assert.equal(csvField('a\nb'), '"a\nb"');
    assert.equal(csvField('a\rb'), '"a\rb"');
    assert.equal(csvField(null), '');
  });

  it('markdown: a table with escaped cells', () => {
    const lines = formatLandingsMarkdown(ROWS).trimEnd().split('\n');
    assert.equal(lines.length, ROWS.length + 2);
    const cells = (line: string): number => line.split(/(?<!\\)\|/).length - 2;
    for (const line of lines) assert.equal(cells(line), 14, line);
    assert.match(lines[1] ?? '', /^\|( --- \|)+$/);
    assert.match(lines[4] ?? '', /^\| web\\\|01 \| 1 \| Prod .*\| Azure \| vnet-dr \| App \| name-match \| 10\.10\.1\.4 \(predicted\) \|/);
    assert.match(lines[5] ?? '', /not protected \(no replica\) \| — \|/);
    assert.equal(markdownCell('a|b\\c\nd'), 'a\\|b\\\\c d');
  });

  it('table: aligned columns, in words', () => {
    const text = formatLandingsTable(ROWS);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, ROWS.length + 1);
    const header = lines[0] ?? '';
    assert.match(header, /^VM +NIC +CLOUD +NETWORK \/ SUBNET +FAILOVER \(replica lands on\) +FAILBACK \(original VM on\)$/);
    // Every column starts at the same place on every line.
    for (const title of ['NIC', 'CLOUD', 'NETWORK / SUBNET']) {
      const col = header.indexOf(title);
      for (const line of lines.slice(1)) assert.equal(line[col - 1], ' ', `${title}: ${line}`);
    }
    assert.ok(lines[1]?.includes('GoldCloud2: VMNetwork1-Chicago / Subnet-A (name-match)'));
    assert.ok(lines[1]?.endsWith('VMNetwork1-NewYork / Subnet-A'));
    assert.ok(lines[2]?.includes('not connected (network not mapped)'));
    assert.ok(lines[2]?.endsWith('disconnects'));
    assert.ok(lines[3]?.includes('Azure: vnet-dr / App (name-match), 10.10.1.4 (predicted)'));
    assert.ok(lines[4]?.includes('not protected (no replica)'));
    assert.ok(lines.every((l) => l === l.trimEnd()));
    assert.equal(formatLandingsTable([]), 'No VMs: nothing lands anywhere.\n');
  });
});
