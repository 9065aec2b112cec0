/** completion.ts, hover.ts, schema-nav.ts, outline.ts and tables.ts on the spec example. */
import * as assert from 'node:assert/strict';
import { completeAt } from '../../src/core/features';
import { hoverAt } from '../../src/core/features';
import { describeKey, keysAt, type JsonSchema } from '../../src/core/schema';
import { outline } from '../../src/core/features';
import { availabilityRows, mappingRows } from '../../src/core/features';
import { NY_CHICAGO, analyze } from './helpers/topologies';

const SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    version: { type: 'integer', description: 'Format version.' },
    vms: { type: 'array', items: { $ref: '#/$defs/vm' } },
  },
  $defs: {
    vm: {
      type: 'object',
      required: ['name', 'cloud'],
      properties: { name: { type: 'string' }, cloud: { type: 'string', description: 'The VMM cloud.' }, network: { type: 'string' }, nics: { type: 'array' } },
    },
  },
};

describe('schema navigation', () => {
  it('follows $ref and items to the keys and descriptions of a path', () => {
    assert.deepEqual(keysAt(SCHEMA, ['vms', 3]).map((k) => `${k.name}${k.required ? '!' : ''}`), ['name!', 'cloud!', 'network', 'nics']);
    assert.equal(describeKey(SCHEMA, ['vms', 0, 'cloud']), 'The VMM cloud.');
    assert.equal(describeKey(SCHEMA, ['version']), 'Format version.');
  });
});

describe('completion', () => {
  it('offers the missing keys of a VM, minus those excluded by the one-NIC form', () => {
    const text = `${NY_CHICAGO}  - name: VM9\n    network: VMNetwork1-NewYork\n    \n`;
    const a = analyze(text);
    const labels = completeAt(a, text.length - 1, SCHEMA).map((c) => c.label);
    assert.deepEqual(labels, ['cloud']);
  });

  it('offers mapping targets available to the pairs that use the source, first', () => {
    const text = NY_CHICAGO.replace('\nvms:', '\n  - source: VMNetwork2-NewYork\n    target: \nvms:');
    const a = analyze(text);
    const c = completeAt(a, text.indexOf('target: \n') + 8, SCHEMA).sort((x, y) => x.rank - y.rank);
    assert.equal(c[0]!.label, 'VMNetwork1-Chicago');
  });
});

describe('hover, outline and tables', () => {
  const a = analyze(NY_CHICAGO);

  it('hovers a VM with its landings told by explain.ts', () => {
    const h = hoverAt(a, NY_CHICAGO.indexOf('name: VM1') + 7, undefined);
    assert.match(h?.markdown ?? '', /connects to 'VMNetwork1-Chicago' \/ Subnet-A \(same subnet name\)/);
  });

  it('outlines the sites with their parts', () => {
    const o = outline(a);
    assert.equal(o[0]?.name, 'New York');
    assert.ok(o[0]?.children.some((c) => c.kind === 'vmmServer' && c.name === 'VMM-NewYork'));
  });

  it('gives the article\'s mapping and availability tables', () => {
    const rows = mappingRows(a);
    assert.deepEqual(rows.find((r) => r.vmNetwork === 'VMNetwork1-Chicago'), {
      location: 'Chicago', vmmServer: 'VMM-Chicago', vmNetwork: 'VMNetwork1-Chicago', mappedTo: 'VMNetwork1-NewYork',
      mappedToAzure: null, mapsBack: 'VMNetwork1-Chicago', mapsBackToSource: true,
    });
    assert.ok(availabilityRows(a).every((r) => r.available));
  });
});
