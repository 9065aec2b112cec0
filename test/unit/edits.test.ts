/** edits.ts: rename, did-you-mean and add-a-mapping edits, minimal and keeping comments. */
import * as assert from 'node:assert/strict';
import { addMappingEdit, applyEdits, renameEdits, replaceName, yamlScalar } from '../../src/core/features';
import { NY_CHICAGO, NY_CHICAGO_SITES, analyze, codes } from './helpers/topologies';

describe('edits', () => {
  it('writes names as plain scalars where they read back the same, else quoted', () => {
    assert.equal(yamlScalar('VMNetwork1-Chicago'), 'VMNetwork1-Chicago');
    assert.equal(yamlScalar('New York'), 'New York');
    assert.equal(yamlScalar('true'), "'true'");
    assert.equal(yamlScalar('a: b'), "'a: b'");
    assert.equal(yamlScalar("it's #1"), "'it''s #1'");
    const text = "cloud: 'Gold'";
    assert.equal(replaceName(text, { start: 7, end: 13 }, 'Silver').newText, "'Silver'");
  });

  it('renames a network with every reference, and refuses a taken name', () => {
    const a = analyze(NY_CHICAGO);
    const net = a.resolution.networks.get('VMNetwork1-Chicago')!;
    const r = renameEdits(a, net, 'Chicago Servers');
    assert.ok(r.ok);
    const next = applyEdits(NY_CHICAGO, r.ok ? r.edits : []);
    assert.ok(!next.includes('VMNetwork1-Chicago'));
    const b = analyze(next);
    assert.deepEqual(codes(b), codes(a));
    const clash = renameEdits(a, net, 'vnet-dr');
    assert.equal(clash.ok, false);
    assert.match(clash.ok ? '' : clash.message, /share one namespace/);
  });

  it('adds a mapping after the last one, in its indentation, keeping comments', () => {
    const text = `${NY_CHICAGO_SITES}networkMappings:   # mine\n    -   source: VMNetwork1-NewYork  # first\n        target: VMNetwork1-Chicago\n# trailing note\nvms: []\n`;
    const a = analyze(text);
    const next = applyEdits(text, [addMappingEdit(a, 'VMNetwork2-NewYork', 'VMNetwork2-Chicago')]);
    assert.ok(next.includes('        target: VMNetwork1-Chicago\n    -   source: VMNetwork2-NewYork\n        target: VMNetwork2-Chicago\n# trailing note\n'), next);
    assert.equal(analyze(next).model.mappings.length, 2);
  });

  it('adds to a flow list, fills an empty key, or creates the key at the end', () => {
    const flow = `${NY_CHICAGO_SITES}networkMappings: []\n`;
    let next = applyEdits(flow, [addMappingEdit(analyze(flow), 'VMNetwork1-NewYork', 'VMNetwork1-Chicago')]);
    assert.ok(next.includes('networkMappings: [{ source: VMNetwork1-NewYork, target: VMNetwork1-Chicago }]'), next);
    const empty = `${NY_CHICAGO_SITES}networkMappings:\nvms: []\n`;
    next = applyEdits(empty, [addMappingEdit(analyze(empty), 'VMNetwork1-NewYork', 'VMNetwork1-Chicago')]);
    assert.equal(analyze(next).model.mappings.length, 1, next);
    const none = NY_CHICAGO_SITES;
    next = applyEdits(none, [addMappingEdit(analyze(none), 'VMNetwork1-NewYork', 'VMNetwork1-Chicago')]);
    assert.ok(next.endsWith('networkMappings:\n  - source: VMNetwork1-NewYork\n    target: VMNetwork1-Chicago\n'), next);
    assert.equal(analyze(next).model.mappings.length, 1);
  });
});
