/** query.ts: what is at an offset, and the YAML context from the text alone. */
import * as assert from 'node:assert/strict';
import { entityAt, nameAt, nicAt, occurrences } from '../../src/core/features';
import { yamlContextAt } from '../../src/core/yaml';
import { NY_CHICAGO, analyze } from './helpers/topologies';
import { parseMarkers } from './helpers/markers';

describe('query: names and entities at an offset', () => {
  const a = analyze(NY_CHICAGO);
  const at = (needle: string, after = ''): number => NY_CHICAGO.indexOf(needle, NY_CHICAGO.indexOf(after)) + 1;

  it('finds a definition name and a reference, and what they name', () => {
    const def = nameAt(a, at('GoldCloud1', 'clouds:'));
    assert.equal(def?.kind, 'definition');
    const ref = nameAt(a, at('GoldCloud1', 'protection:'));
    assert.equal(ref?.kind, 'reference');
    assert.equal(ref?.kind === 'reference' ? ref.ref.target : undefined, def?.kind === 'definition' ? def.entity : undefined);
    assert.equal(nameAt(a, at('vmmServer')), undefined, 'a key is no name');
  });

  it('lists the occurrences of an entity, declaration included or not', () => {
    const cloud = a.resolution.clouds.get('GoldCloud1')!;
    assert.equal(occurrences(a, cloud).length, 3);
    assert.equal(occurrences(a, cloud, false).length, 2);
  });

  it('finds the innermost entity: a NIC of a VM, a subnet of a network, a mapping', () => {
    assert.equal(entityAt(a, at('Subnet-B'))?.kind, 'subnet');
    assert.equal(entityAt(a, at('target: VMNetwork1-Chicago'))?.kind, 'mapping');
    const nic = nicAt(a, at('network: VMNetwork1-NewYork', '- name: VM3'));
    assert.equal(nic?.index, 1);
    assert.equal(nicAt(a, at('ipAddress'))?.vm.name.value, 'VM1');
  });
});

describe('query: YAML context from the text', () => {
  const ctx = (marked: string): ReturnType<typeof yamlContextAt> => {
    const m = parseMarkers(marked);
    return yamlContextAt(m.text, m.only().start);
  };

  it('a value after `key: ` with nothing typed, with the keys of its map', () => {
    const c = ctx('vms:\n  - name: VM1\n    cloud: Gold\n    network: ⟦⟧\n    subnet: A\n');
    assert.equal(c.position, 'value');
    assert.deepEqual(c.path, ['vms', 0, 'network']);
    assert.equal(c.siblings.get('cloud'), 'Gold');
    assert.equal(c.siblings.get('subnet'), 'A');
    assert.equal(c.prefix, '');
  });

  it('a key half typed in the second item of a nested list', () => {
    const c = ctx('sites:\n  - name: A\n  - name: B\n    vmNetworks:\n      - name: N\n        logi⟦⟧\n');
    assert.equal(c.position, 'key');
    assert.deepEqual(c.path, ['sites', 1, 'vmNetworks', 0]);
    assert.equal(c.prefix, 'logi');
    assert.ok(c.siblings.has('name'));
  });

  it('an item of a flow list, and a new `- ` item', () => {
    const f = ctx('sites:\n  - clouds:\n      - name: C\n        logicalNetworks: [A, L⟦⟧\n');
    assert.equal(f.inFlowList, true);
    assert.equal(f.prefix, 'L');
    assert.deepEqual(f.path, ['sites', 0, 'clouds', 0, 'logicalNetworks']);
    const n = ctx('vms:\n  - name: A\n  - ⟦⟧\n');
    assert.equal(n.inItem, true);
    assert.deepEqual(n.path, ['vms', 1]);
    assert.equal(n.siblings.size, 0);
  });
});
