/** The mapping panel's table model (src/webview/tableModel.ts): rows, sorting, filtering, counts, exports. */
import * as assert from 'node:assert/strict';
import {
  availabilityTable, countByStatus, dataToMarkdown, filterRows, landingsTable, mappingsTable, nextSort, sortRows,
  STATUS_ORDER, tableToCsv, tableToMarkdown, type Table,
} from '../../src/webview/tableModel';
import { NY_TEXT, NY_WITH_VMNETWORK2, panelDataFor } from './helpers/panel';

const texts = (t: Table): string[][] => t.rows.map((r) => r.cells.map((c) => c.text));

describe('panel table model: the New York / Chicago example', () => {
  const data = panelDataFor(NY_TEXT, 'new-york-chicago.topology.yaml');

  it("the network mapping table is the article's first table, with 'Not mapped' rows and the way back", () => {
    const t = mappingsTable(data);
    assert.deepEqual(t.columns.map((c) => c.title), ['Location', 'VMM server', 'VM network', 'Mapped to', 'Maps back']);
    assert.deepEqual(texts(t), [
      ['New York', 'VMM-NewYork', 'VMNetwork1-NewYork', 'Mapped to VMNetwork1-Chicago', 'VMNetwork1-NewYork (back to the source)'],
      ['New York', 'VMM-NewYork', 'VMNetwork2-NewYork', 'Not mapped', '—'],
      ['Chicago', 'VMM-Chicago', 'VMNetwork1-Chicago', 'Mapped to VMNetwork1-NewYork', 'VMNetwork1-Chicago (back to the source)'],
      ['Chicago', 'VMM-Chicago', 'VMNetwork2-Chicago', 'Not mapped', '—'],
    ]);
    assert.deepEqual(t.rows.map((r) => r.status), ['mapped', 'not mapped', 'mapped', 'not mapped']);
    assert.deepEqual(t.rows[0]!.cells[2]!.reveal, { kind: 'vmNetwork', name: 'VMNetwork1-NewYork', scope: null, index: null });
    assert.deepEqual(t.rows[0]!.cells[3]!.reveal, { kind: 'mapping', name: 'VMNetwork1-NewYork', scope: 'VMNetwork1-Chicago', index: null });
    assert.equal(t.rows[1]!.cells[3]!.reveal, null, '"Not mapped" is not a link');
  });

  it('the availability table: each mapping and pair whose protected cloud can use the source', () => {
    assert.deepEqual(texts(availabilityTable(data)), [
      ['VMNetwork1-Chicago', 'VMNetwork1-NewYork', 'GoldCloud1', 'GoldCloud2', 'Available'],
      ['VMNetwork1-Chicago', 'VMNetwork1-NewYork', 'SilverCloud1', 'SilverCloud2', 'Available'],
    ]);
  });

  it("with the article's VMNetwork2 mapping: not available to SilverCloud1 → SilverCloud2, with the reason and TOP021", () => {
    const t = availabilityTable(panelDataFor(NY_WITH_VMNETWORK2));
    const row = t.rows.find((r) => r.cells[0]!.text === 'VMNetwork2-Chicago' && r.cells[2]!.text === 'SilverCloud1');
    assert.ok(row);
    assert.equal(row.cells[4]!.text, 'Not available: SilverCloud2 lacks LogicalNetwork2Chicago');
    assert.equal(row.status, 'not available');
    assert.deepEqual(row.badges.map((b) => b.code), ['TOP021']);
    const gold = t.rows.find((r) => r.cells[0]!.text === 'VMNetwork2-Chicago' && r.cells[2]!.text === 'GoldCloud1');
    assert.equal(gold?.cells[4]!.text, 'Available');
    assert.deepEqual(gold.badges.map((b) => b.code), [], "the other pair's TOP021 is not this row's");
  });

  it('the landings table: one row per NIC, as the CLI says, with the warning badge on the NIC that does not connect', () => {
    const t = landingsTable(data);
    assert.deepEqual(texts(t), [
      ['VM1', 'GoldCloud1', 'VMNetwork1-NewYork', 'Subnet-A', 'VMNetwork1-Chicago', 'Subnet-A (name-match)', '—', 'VMNetwork1-NewYork / Subnet-A', 'Connected'],
      ['VM3 (NIC 0)', 'SilverCloud1', 'VMNetwork2-NewYork', '—', "Doesn't connect", '—', '—', 'Disconnects', 'Not connected: network not mapped'],
      ['VM3 (NIC 1)', 'SilverCloud1', 'VMNetwork1-NewYork', 'Subnet-A', 'VMNetwork1-Chicago', 'Subnet-A (name-match)', '—', 'VMNetwork1-NewYork / Subnet-A', 'Connected'],
    ]);
    assert.deepEqual(t.rows.map((r) => r.badges.map((b) => b.code)), [[], ['TOP020'], []]);
    assert.deepEqual(t.rows[1]!.cells[0]!.reveal, { kind: 'nic', name: 'VM3', scope: null, index: 0 });
    // A VM of one NIC: its name selects that name (it once selected the NIC's network value).
    assert.deepEqual(t.rows[0]!.cells[0]!.reveal, { kind: 'vm', name: 'VM1', scope: null, index: null });
    assert.deepEqual(countByStatus(t.rows, STATUS_ORDER.landings), [
      { status: 'connected', count: 2 }, { status: 'not connected', count: 1 }, { status: 'not protected', count: 0 },
    ]);
  });
});

describe('panel table model: sorting and filtering', () => {
  const t = landingsTable(panelDataFor(NY_TEXT));

  it('sorts by a column, both ways, ties in server order, dashes last', () => {
    const byStatus = sortRows(t.rows, { column: 8, direction: 'asc' }).map((r) => r.cells[0]!.text);
    assert.deepEqual(byStatus, ['VM1', 'VM3 (NIC 1)', 'VM3 (NIC 0)']);
    const desc = sortRows(t.rows, { column: 8, direction: 'desc' }).map((r) => r.cells[0]!.text);
    assert.deepEqual(desc, ['VM3 (NIC 0)', 'VM1', 'VM3 (NIC 1)']);
    const bySubnet = sortRows(t.rows, { column: 3, direction: 'desc' }).map((r) => r.cells[0]!.text);
    assert.deepEqual(bySubnet, ['VM1', 'VM3 (NIC 1)', 'VM3 (NIC 0)'], "'—' stays last either way");
    assert.deepEqual(sortRows(t.rows, undefined).map((r) => r.order), [0, 1, 2]);
  });

  it('compares numbers in names as numbers', () => {
    const rows = ['VM10', 'VM9', 'VM100'].map((name, order) => ({ key: name, order, status: 's', badges: [], cells: [{ text: name, reveal: null, tone: 'plain' as const }] }));
    assert.deepEqual(sortRows(rows, { column: 0, direction: 'asc' }).map((r) => r.key), ['VM9', 'VM10', 'VM100']);
  });

  it('cycles a header: ascending, descending, none; another column starts ascending', () => {
    assert.deepEqual(nextSort(undefined, 2), { column: 2, direction: 'asc' });
    assert.deepEqual(nextSort({ column: 2, direction: 'asc' }, 2), { column: 2, direction: 'desc' });
    assert.equal(nextSort({ column: 2, direction: 'desc' }, 2), undefined);
    assert.deepEqual(nextSort({ column: 2, direction: 'desc' }, 0), { column: 0, direction: 'asc' });
  });

  it('filters on every word, ignoring case, over cells, status and badge codes', () => {
    assert.deepEqual(filterRows(t.rows, 'vm3').map((r) => r.order), [1, 2]);
    assert.deepEqual(filterRows(t.rows, 'VM3 disconnects').map((r) => r.order), [1]);
    assert.deepEqual(filterRows(t.rows, 'top020').map((r) => r.order), [1]);
    assert.deepEqual(filterRows(t.rows, 'not connected').map((r) => r.order), [1]);
    assert.deepEqual(filterRows(t.rows, '   ').length, 3);
    assert.deepEqual(filterRows(t.rows, 'nothing-like-this'), []);
  });
});

describe('panel table model: exports', () => {
  const data = panelDataFor(NY_TEXT, 'new-york-chicago.topology.yaml');

  it('Markdown: the three tables, a Problems column where a row has one, pipes and markup escaped', () => {
    const md = dataToMarkdown(data);
    assert.match(md, /^# Network mapping: new-york-chicago\.topology\.yaml$/m);
    assert.match(md, /^\| Location \| VMM server \| VM network \| Mapped to \| Maps back \|$/m);
    assert.match(md, /^\| New York \| VMM-NewYork \| VMNetwork2-NewYork \| Not mapped \| — \|$/m);
    assert.match(md, /^\| VM3 \(NIC 0\) \| SilverCloud1 \| VMNetwork2-NewYork \| — \| Doesn't connect \| — \| — \| Disconnects \| Not connected: network not mapped \| TOP020 \|$/m);
    assert.match(md, /^Replicas: 2 connected, 1 not connected, 0 not protected\.$/m);
    const hostile = { ...landingsTable(data), rows: [{ key: 'k', order: 0, status: 's', badges: [], cells: [{ text: 'a|b <img src=x> *c*', reveal: null, tone: 'plain' as const }] }] };
    assert.match(tableToMarkdown(hostile), /\| a\\\|b \\<img src=x\\> \\\*c\\\* \|/);
  });

  it('CSV: RFC 4180 quoting, CRLF, a Problems column, no spreadsheet formulas', () => {
    const csv = tableToCsv(landingsTable(data));
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'VM,Cloud,Source network,Source subnet,Failover network,Failover subnet (rule),Predicted IP,Failback,Status,Problems');
    assert.equal(lines[2], 'VM3 (NIC 0),SilverCloud1,VMNetwork2-NewYork,—,Doesn\'t connect,—,—,Disconnects,Not connected: network not mapped,TOP020');
    assert.equal(lines.at(-1), '');
    const evil = { ...landingsTable(data), columns: [{ id: 'x', title: 'X' }], rows: [
      { key: 'a', order: 0, status: 's', badges: [], cells: [{ text: '=HYPERLINK("http://x")', reveal: null, tone: 'plain' as const }] },
      { key: 'b', order: 1, status: 's', badges: [], cells: [{ text: 'a,b\nc', reveal: null, tone: 'plain' as const }] },
    ] };
    assert.equal(tableToCsv(evil), 'X,Problems\r\n"\'=HYPERLINK(""http://x"")",\r\n"a,b\nc",\r\n');
  });
});
