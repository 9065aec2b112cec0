/** The mapping panel's diagram model (src/webview/diagramModel.ts): groups, nodes, edges, layout, SVG export. */
import * as assert from 'node:assert/strict';
import { buildDiagram, cut, diagramToSvg, LAYOUT, xmlEscape } from '../../src/webview/diagramModel';
import { NY_TEXT, NY_WITH_VMNETWORK2, panelDataFor } from './helpers/panel';

describe('panel diagram model', () => {
  const d = buildDiagram(panelDataFor(NY_TEXT));

  it('has a column per site and Azure last, VM networks and virtual networks as nodes', () => {
    assert.deepEqual(d.groups.map((g) => [g.label, g.azure]), [['New York', false], ['Chicago', false], ['Azure', true]]);
    assert.deepEqual(d.nodes.map((n) => `${n.group}/${n.name}`), [
      'site:New York/VMNetwork1-NewYork', 'site:New York/VMNetwork2-NewYork',
      'site:Chicago/VMNetwork1-Chicago', 'site:Chicago/VMNetwork2-Chicago', 'azure/vnet-dr',
    ]);
    assert.deepEqual(d.nodes.filter((n) => n.unmapped).map((n) => n.name), ['VMNetwork2-NewYork', 'VMNetwork2-Chicago']);
    assert.deepEqual(d.groups[0]!.reveal, { kind: 'site', name: 'New York', scope: null, index: null });
  });

  it('draws a mapping as an arrow with its replica count; the way back apart from it', () => {
    assert.deepEqual(d.edges.map((e) => [e.source, e.target, e.replicas, e.state, e.label.text]), [
      ['VMNetwork1-NewYork', 'VMNetwork1-Chicago', 2, 'available', '2 replicas'],
      ['VMNetwork1-Chicago', 'VMNetwork1-NewYork', 0, 'available', '0 replicas'],
    ]);
    const [there, back] = d.edges;
    assert.notEqual(there!.path, back!.path);
    assert.notEqual(there!.label.y, back!.label.y, 'the two labels do not overlap');
  });

  it('marks a mapping whose target is not available to a pair', () => {
    const e = buildDiagram(panelDataFor(NY_WITH_VMNETWORK2)).edges.find((x) => x.source === 'VMNetwork2-NewYork');
    assert.ok(e);
    assert.equal(e.state, 'partly-unavailable');
    assert.deepEqual(e.unavailableTo, ['SilverCloud1 → SilverCloud2']);
    assert.match(e.title, /Not available to SilverCloud1 → SilverCloud2/);
  });

  it('lays out deterministically, inside its own bounds, nodes inside their groups', () => {
    assert.deepEqual(buildDiagram(panelDataFor(NY_TEXT)), d);
    assert.equal(d.width, 2 * LAYOUT.pad + 3 * LAYOUT.colWidth + 2 * LAYOUT.colGap);
    for (const n of d.nodes) {
      const g = d.groups.find((x) => x.id === n.group)!;
      assert.ok(n.box.x >= g.box.x && n.box.x + n.box.width <= g.box.x + g.box.width, n.name);
      assert.ok(n.box.y >= g.box.y && n.box.y + n.box.height <= g.box.y + g.box.height, n.name);
    }
  });

  it('handles an empty file and a mapping within one site', () => {
    const empty = buildDiagram({ mappings: [], availability: [], landings: [], azureNetworks: [] });
    assert.deepEqual([empty.groups.length, empty.nodes.length, empty.edges.length], [0, 0, 0]);
    const same = buildDiagram({
      mappings: [
        { location: 'A', vmmServer: 'V', vmNetwork: 'n1', mappedTo: 'n2', mappedToAzure: null, mapsBack: null, mapsBackToSource: false, badges: [] },
        { location: 'A', vmmServer: 'V', vmNetwork: 'n2', mappedTo: null, mappedToAzure: null, mapsBack: null, mapsBackToSource: false, badges: [] },
      ],
      availability: [], landings: [], azureNetworks: [],
    });
    assert.equal(same.edges.length, 1);
    assert.match(same.edges[0]!.path, /^M \d+ [\d.]+ C /);
  });

  it('cuts long names on code points; escapes names in the SVG export', () => {
    assert.equal(cut('abcdef', 4), 'abc…');
    assert.equal(cut('😀😀😀😀😀', 3), '😀😀…');
    assert.equal(xmlEscape('<img src=x onerror="alert(1)">&\''), '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&apos;');
    const hostile = buildDiagram({
      mappings: [{ location: '<script>alert(1)</script>', vmmServer: null, vmNetwork: '<img src=x onerror=alert(1)>', mappedTo: null, mappedToAzure: null, mapsBack: null, mapsBackToSource: false, badges: [] }],
      availability: [], landings: [], azureNetworks: [],
    });
    const svg = diagramToSvg(hostile, 'x & y');
    assert.ok(!svg.includes('<img'), 'no raw tag from a name');
    assert.ok(!svg.includes('<script>'), 'no raw tag from a name');
    assert.match(svg, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
