/**
 * TOP002: the file against schemas/topology.schema.json. Each rule has cases that fire, on
 * the exact key or value marked ⟦ ⟧, and cases that must not fire; the schema itself must
 * describe every property for hover and completion.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTopology } from '../../src/core/yaml';
import {
  MAX_SCHEMA_DIAGNOSTICS,
  cidrProblem,
  isCidr,
  isIpAddress,
  parsePointer,
  topologySchema,
  validateSchema,
} from '../../src/core/schema';
import type { Diagnostic } from '../../src/core/types';
import { parseMarkers } from './helpers/markers';

const ROOT = resolve(__dirname, '../../..');

/** TOP002 diagnostics of a text (asserting that the YAML itself is clean). */
function schemaErrors(text: string): Diagnostic[] {
  const p = parseTopology(text);
  assert.deepEqual(p.diagnostics.map((d) => d.message), [], 'no TOP001');
  return p.doc ? validateSchema(p.doc, p.json) : [];
}

/** Asserts TOP002 fires exactly on the marked spans, in order; returns the diagnostics. */
function firesOn(marked: string): Diagnostic[] {
  const m = parseMarkers(marked);
  const ds = schemaErrors(m.text);
  assert.deepEqual(
    ds.map((d) => m.text.slice(d.span.start, d.span.end)),
    m.spans.map((s) => m.text.slice(s.start, s.end)),
    `messages: ${ds.map((d) => d.message).join(' | ')}`,
  );
  assert.deepEqual(ds.map((d) => d.span), m.spans);
  for (const d of ds) {
    assert.equal(d.code, 'TOP002');
    assert.equal(d.severity, 'error');
    assert.doesNotMatch(d.message, /must NOT|must have required|must match|must be equal to|schema/i, 'no ajv jargon');
  }
  return ds;
}

function silent(text: string): void {
  const ds = schemaErrors(text);
  assert.deepEqual(ds.map((d) => d.message), []);
}

/** A small valid topology to build cases on (no markers). */
const BASE = `version: 1
sites:
  - name: New York
    vmmServer: VMM-NewYork
    logicalNetworks: [{ name: LN1 }]
    vmNetworks:
      - name: VMNetwork1
        logicalNetwork: LN1
        subnets: [{ name: Subnet-A, addressPrefix: 10.1.0.0/24 }]
    clouds: [{ name: Gold, logicalNetworks: [LN1] }]
`;

/** The example of the format reference (docs/format.md, "The file"), kept as a fixture. */
const SPEC_EXAMPLE = resolve(ROOT, 'test/fixtures/spec-example.topology.yaml');

/** The first YAML block of the user's reference of the format. */
function referenceExample(): string {
  const md = readFileSync(resolve(ROOT, 'docs/format.md'), 'utf8');
  const m = /```yaml\n([\s\S]*?)```/.exec(md);
  assert.ok(m?.[1], 'docs/format.md has no yaml example');
  return m[1];
}

describe('validateSchema (TOP002)', () => {
  describe('valid files', () => {
    it("finds nothing in the spec's §2 example (no TOP001 either)", () => {
      const p = parseTopology(readFileSync(SPEC_EXAMPLE, 'utf8'));
      assert.deepEqual(p.diagnostics, []);
      assert.ok(p.doc);
      assert.deepEqual(validateSchema(p.doc, p.json), []);
    });

    it('keeps test/fixtures/spec-example.topology.yaml equal to the example of docs/format.md', () => {
      assert.equal(readFileSync(SPEC_EXAMPLE, 'utf8'), referenceExample(), 'docs/format.md and the fixture differ: keep them equal');
    });

    it('finds nothing in a file that uses every optional field', () => {
      silent(`${BASE}azure:
  vaultLocation: eastus
  virtualNetworks:
    - name: vnet-dr
      location: eastus
      resourceGroup: rg-dr
      addressSpace: [10.1.0.0/16, "2001:db8::/48"]
      gateway: true
      subnets:
        - name: Subnet-A
          addressPrefix: 10.1.0.0/24
        - name: v6
          addressPrefix: 2001:db8:0:1::/64
protection:
  - protected: Gold
    protecting: Silver
  - protected: Bronze
    toAzure: true
  - protected: Copper
    protecting: Tin
    toAzure: false
networkMappings:
  - source: VMNetwork1
    target: vnet-dr
vms:
  - name: VM 1 with spaces
    cloud: Gold
    network: VMNetwork1
    subnet: Subnet-A
    ipAddress: 10.1.0.5
    targetSubnet: Subnet-A
    targetIpAddress: 10.1.0.10
    replica: { network: null }
  - name: VM2
    cloud: Gold
    nics:
      - network: VMNetwork1
        ipAddress: "2001:db8::5"
        replica: { network: VMNetwork2, subnet: Subnet-A }
      - network: VMNetwork1
        subnet: Subnet-A
        ipAddress: ::ffff:10.1.0.6
        targetIpAddress: 10.1.0.11
        targetSubnet: Subnet-A
`);
    });

    it('finds nothing in the smallest file (version and an empty list of sites)', () => {
      silent('version: 1\nsites: []\n');
    });

    it('finds nothing in an empty document, and nothing when the JSON is undefined', () => {
      for (const text of ['---\n', 'null\n', '# just a comment\n---\n']) {
        const p = parseTopology(text);
        if (p.doc) assert.deepEqual(validateSchema(p.doc, p.json), []);
      }
      const p = parseTopology('version: 1\nsites: *nope\n');
      assert.ok(p.doc);
      assert.deepEqual(validateSchema(p.doc, undefined), []);
    });

    it('checks 10,000 valid VMs fast (about 10 ms; bound generous)', () => {
      let text = `${BASE}vms:\n`;
      for (let i = 0; i < 10_000; i++) text += `  - { name: VM${i}, cloud: Gold, network: VMNetwork1, subnet: Subnet-A, ipAddress: 10.1.${i >> 8}.${i & 255} }\n`;
      const p = parseTopology(text);
      assert.ok(p.doc);
      validateSchema(p.doc, p.json); // compiles the schema once
      const t0 = performance.now();
      const ds = validateSchema(p.doc, p.json);
      const ms = performance.now() - t0;
      assert.deepEqual(ds, []);
      assert.ok(ms < 250, `took ${ms} ms`);
    });
  });

  describe('unknown keys', () => {
    it("underlines the unknown key, names its VM, and suggests the right key as a rename fix", () => {
      const ds = firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    ⟦netwrok⟧: VMNetwork1\n`);
      assert.equal(ds[0]?.message, "Unknown key 'netwrok' in VM 'VM1'; did you mean 'network'?");
      assert.deepEqual(ds[0]?.fix, { kind: 'rename', suggestions: ['network'] });
    });

    it('does not also say the VM is missing the key that was misspelt', () => {
      const ds = firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    ⟦nic⟧: []\n`);
      assert.deepEqual(ds[0]?.fix, { kind: 'rename', suggestions: ['nics'] });
    });

    it('names a NIC by its position and its VM', () => {
      const ds = firesOn(`${BASE}vms:\n  - name: VM3\n    cloud: Gold\n    nics:\n      - network: VMNetwork1\n      - network: VMNetwork1\n        ⟦subnt⟧: Subnet-A\n`);
      assert.equal(ds[0]?.message, "Unknown key 'subnt' in NIC #2 of VM 'VM3'; did you mean 'subnet'?");
    });

    it('lists the allowed keys, and offers no fix, when nothing is close', () => {
      const ds = firesOn(`${BASE}⟦colour⟧: blue\n`);
      assert.match(ds[0]?.message ?? '', /^unknown key 'colour' at the top level of the file; the keys allowed here are version, sites, azure/i);
      assert.equal(ds[0]?.fix, undefined);
    });

    it("finds keys containing '/', '~', digits, true and null (JSON-pointer escapes)", () => {
      firesOn(`${BASE}⟦"a/b"⟧: 1\n⟦"c~d"⟧: 2\n⟦"~0~1"⟧: 3\n⟦42⟧: x\n⟦true⟧: y\n⟦~⟧: z\n`);
    });

    it("names a null key as it is written ('~', 'null'), not as the '' it becomes in JSON", () => {
      assert.match(firesOn(`${BASE}⟦~⟧: z\n`)[0]?.message ?? '', /^Unknown key '~' at the top level/);
      assert.match(firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    network: VMNetwork1\n    ⟦null⟧: x\n`)[0]?.message ?? '', /^Unknown key 'null' in VM 'VM1'/);
      assert.match(firesOn(`${BASE}⟦""⟧: z\n`)[0]?.message ?? '', /^Unknown key '' at the top level/);
    });

    it('finds a misspelt key in a flow mapping, and in a subnet (named with its network)', () => {
      const ds = firesOn(`version: 1
sites:
  - name: A
    vmmServer: V
    vmNetworks:
      - name: N1
        logicalNetwork: L
        subnets: [{ name: S1, ⟦adressPrefix⟧: 10.0.0.0/24 }]
`);
      assert.equal(ds[0]?.message, "Unknown key 'adressPrefix' in subnet 'S1' of VM network 'N1'; did you mean 'addressPrefix'?");
    });

    it('says that YAML merge keys are not supported', () => {
      const ds = firesOn(`version: 1\nsites:\n  - name: A\n    vmmServer: V\n    ⟦<<⟧: { clouds: [] }\n`);
      assert.match(ds[0]?.message ?? '', /merge keys are not supported/i);
    });

    it('reports an unknown key of an aliased node once, inside the anchor', () => {
      const ds = firesOn(`version: 1
sites:
  - name: A
    vmmServer: V
    clouds: [&c { name: C, logicalNetworks: [], ⟦colour⟧: red }]
  - name: B
    vmmServer: V2
    clouds: [*c]
`);
      assert.equal(ds.length, 1);
    });
  });

  describe('missing fields', () => {
    it("underlines the first key of a list item that lacks a field, and names it", () => {
      const ds = firesOn(`${BASE}vms:\n  - ⟦name⟧: VM1\n    network: VMNetwork1\n`);
      assert.match(ds[0]?.message ?? '', /^VM 'VM1' is missing 'cloud' \(the VMM cloud the VM runs in\)/);
    });

    it('underlines the key of a nested mapping that lacks a field', () => {
      const ds = firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    network: VMNetwork1\n    ⟦replica⟧: { subnet: Subnet-A }\n`);
      assert.match(ds[0]?.message ?? '', /^'replica' of VM 'VM1' is missing 'network'/);
    });

    it('underlines the first key of the file when a top-level field is missing', () => {
      const ds = firesOn('⟦sites⟧: []\n');
      assert.match(ds[0]?.message ?? '', /^the file is missing 'version'/i);
    });

    it('names an unnamed item by its position', () => {
      const ds = firesOn(`version: 1\nsites:\n  - name: A\n    vmmServer: V\n  - ⟦vmmServer⟧: V2\n`);
      assert.match(ds[0]?.message ?? '', /^site #2 is missing 'name'/i);
    });

    it('underlines an empty flow mapping, with one message for all it lacks', () => {
      const ds = firesOn(`${BASE}networkMappings:\n  - ⟦{}⟧\n`);
      assert.equal(ds[0]?.message, "Network mapping #1 is missing 'source' and 'target'");
    });

    it('names a mapping by its source when the target is missing', () => {
      const ds = firesOn(`${BASE}networkMappings:\n  - ⟦source⟧: VMNetwork1\n`);
      assert.match(ds[0]?.message ?? '', /^the network mapping of 'VMNetwork1' is missing 'target'/i);
    });
  });

  describe('wrong types, formats and values', () => {
    it('underlines a value of the wrong type, saying what was expected', () => {
      const ds = firesOn(`version: 1\nsites: ⟦{}⟧\n`);
      assert.equal(ds[0]?.message, "'sites' must be a list, not a mapping");
    });

    it("says a number used as a name must be quoted", () => {
      const ds = firesOn(`${BASE}vms:\n  - name: ⟦0123⟧\n    cloud: Gold\n    network: VMNetwork1\n`);
      assert.match(ds[0]?.message ?? '', /^'name' of VM #1 must be text, not the number 123; to use it as a name, put it in quotes: "0123"/);
    });

    it('says version must be 1, once, whatever is wrong with it', () => {
      firesOn('version: ⟦2⟧\nsites: []\n');
      const ds = firesOn('version: ⟦"1"⟧\nsites: []\n');
      assert.equal(ds.length, 1, 'one diagnostic for the node, not type and const');
    });

    it('underlines the key of an empty value', () => {
      const ds = firesOn(`${BASE}vms:\n  - name: VM1\n    ⟦cloud⟧:\n    network: VMNetwork1\n`);
      assert.match(ds[0]?.message ?? '', /^'cloud' of VM 'VM1' is empty/);
    });

    it('underlines the dash of an empty list item', () => {
      const ds = firesOn(`${BASE}vms:\n  ⟦-⟧\n`);
      assert.match(ds[0]?.message ?? '', /^VM #1 is empty/);
    });

    it('says gateway is true or false', () => {
      const ds = firesOn(`version: 1\nsites: []\nazure:\n  virtualNetworks:\n    - name: v\n      gateway: ⟦yes⟧\n`);
      assert.match(ds[0]?.message ?? '', /must be true or false, not 'yes'/i);
    });

    it('rejects an IP address with an octet over 255, on the value', () => {
      const ds = firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    network: VMNetwork1\n    ipAddress: ⟦10.1.0.300⟧\n`);
      assert.equal(ds[0]?.message, "'10.1.0.300' is not an IPv4 or IPv6 address");
    });

    it('rejects a bad targetIpAddress in a NIC', () => {
      firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    nics:\n      - network: VMNetwork1\n        targetIpAddress: ⟦10.1.0⟧\n`);
    });

    it('rejects a CIDR prefix longer than 32 bits', () => {
      const ds = firesOn(`version: 1\nsites: []\nazure:\n  virtualNetworks:\n    - name: v\n      addressSpace: [⟦10.1.0.0/33⟧]\n`);
      assert.match(ds[0]?.message ?? '', /^'10\.1\.0\.0\/33' is not a CIDR prefix like 10\.1\.0\.0\/24/);
    });

    it('rejects a CIDR prefix with host bits set, suggesting the network address', () => {
      const ds = firesOn(`version: 1\nsites: []\nazure:\n  virtualNetworks:\n    - name: v\n      subnets: [{ name: S, addressPrefix: ⟦10.1.0.5/24⟧ }]\n`);
      assert.match(ds[0]?.message ?? '', /did you mean 10\.1\.0\.0\/24\?/i);
    });

    it('accepts null as a replica network, but not a number', () => {
      silent(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    network: VMNetwork1\n    replica: { network: ~ }\n`);
      const ds = firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    network: VMNetwork1\n    replica: { network: ⟦5⟧ }\n`);
      assert.match(ds[0]?.message ?? '', /must be text or null, not the number 5/i);
    });

    it('rejects an empty name and a blank one, once each', () => {
      const ds = firesOn(`version: 1\nsites:\n  - name: ⟦""⟧\n    vmmServer: V\n  - name: ⟦"   "⟧\n    vmmServer: V\n`);
      assert.match(ds[0]?.message ?? '', /is empty/i);
      assert.match(ds[1]?.message ?? '', /is blank/i);
    });

    it('says the file must be a mapping when it is a list or a scalar', () => {
      firesOn('⟦- a⟧\n');
      firesOn('⟦just text⟧\n');
    });

    it('follows an alias to the value that is wrong', () => {
      firesOn(`${BASE}vms:\n  - &v { name: VM1, cloud: Gold, network: VMNetwork1, ipAddress: ⟦nope⟧ }\n`);
    });

    it('underlines an alias used where a list is needed', () => {
      firesOn(`version: 1\nsites:\n  - name: &n A\n    vmmServer: V\n    clouds: ⟦*n⟧\n`);
    });
  });

  describe("one clear message per object for the 'network'/'nics' and 'protecting'/'toAzure' choices", () => {
    it("says a VM has either 'network' or 'nics', not both, on 'network'", () => {
      const ds = firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    ⟦network⟧: VMNetwork1\n    nics: [{ network: VMNetwork1 }]\n`);
      assert.equal(ds[0]?.message, "VM 'VM1' has both 'network' and 'nics': a VM has either 'network' (one NIC) or 'nics' (several), not both");
    });

    it("says a one-NIC field belongs inside a NIC when the VM has 'nics'", () => {
      const ds = firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    nics: [{ network: VMNetwork1 }]\n    ⟦subnet⟧: Subnet-A\n`);
      assert.match(ds[0]?.message ?? '', /'subnet' of VM 'VM1' belongs inside a NIC/);
    });

    it("says a VM with neither 'network' nor 'nics' has no network", () => {
      const ds = firesOn(`${BASE}vms:\n  - ⟦name⟧: VM1\n    cloud: Gold\n`);
      assert.equal(ds[0]?.message, "VM 'VM1' has no network: give it 'network' (one NIC) or 'nics' (a list of NICs)");
    });

    it("rejects an empty 'nics' list", () => {
      const ds = firesOn(`${BASE}vms:\n  - name: VM1\n    cloud: Gold\n    nics: ⟦[]⟧\n`);
      assert.match(ds[0]?.message ?? '', /^'nics' of VM 'VM1' is empty/);
    });

    it("says a protection pair needs exactly one of 'protecting' or 'toAzure: true' when it has both", () => {
      const ds = firesOn(`${BASE}protection:\n  - protected: Gold\n    ⟦protecting⟧: Silver\n    toAzure: true\n`);
      assert.equal(
        ds[0]?.message,
        "The protection pair of 'Gold' has both 'protecting' and 'toAzure: true': a protection pair needs exactly one of 'protecting' or 'toAzure: true'",
      );
    });

    it('says so once when a pair has neither, or only toAzure: false', () => {
      const ds = firesOn(`${BASE}protection:\n  - ⟦protected⟧: Gold\n  - ⟦protected⟧: Silver\n    toAzure: false\n`);
      assert.match(ds[0]?.message ?? '', /needs exactly one of 'protecting' .* or 'toAzure: true'/i);
    });

    it("does not complain about 'toAzure: true' alone, or 'toAzure: false' with 'protecting'", () => {
      silent(`${BASE}protection:\n  - protected: Gold\n    toAzure: true\n  - protected: Silver\n    protecting: Bronze\n    toAzure: false\n`);
    });
  });

  describe('limits', () => {
    it(`reports at most ${MAX_SCHEMA_DIAGNOSTICS} problems, saying there are more`, () => {
      const text = `version: 1\nsites: [${Array.from({ length: 5000 }, (_, i) => String(i)).join(', ')}]\n`;
      const ds = schemaErrors(text);
      assert.equal(ds.length, MAX_SCHEMA_DIAGNOSTICS);
      assert.match(ds[ds.length - 1]?.message ?? '', /there are more/i);
    });

    it('has no duplicate diagnostics for the same node and problem', () => {
      const ds = schemaErrors(`version: 1
sites:
  - &s { name: A, vmmServer: V, bad: 1 }
  - *s
  - *s
`);
      const ids = ds.map((d) => `${d.span.start}:${d.span.end}:${d.message}`);
      assert.equal(new Set(ids).size, ids.length);
    });
  });
});

describe('IP addresses and CIDR prefixes', () => {
  it('accepts IPv4 and IPv6 addresses', () => {
    for (const ip of ['10.1.0.5', '0.0.0.0', '255.255.255.255', '2001:db8::5', '::', '::1', 'fe80::1:2:3:4', '::ffff:10.1.0.5', '1:2:3:4:5:6:7:8']) {
      assert.ok(isIpAddress(ip), ip);
    }
  });

  it('rejects malformed addresses', () => {
    for (const ip of ['10.1.0.300', '10.1.0', '10.1.0.5.6', '010.1.0.5', ' 10.1.0.5', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '', '10.1.0.5/24', 'fe80::1%eth0']) {
      assert.ok(!isIpAddress(ip), ip);
    }
  });

  it('accepts CIDR prefixes with no host bits set', () => {
    for (const c of ['10.1.0.0/24', '0.0.0.0/0', '10.1.0.5/32', '2001:db8::/32', '2001:db8:1::/64', '::/0']) {
      assert.ok(isCidr(c), c);
    }
  });

  it('rejects bad prefixes, saying why', () => {
    assert.match(cidrProblem('10.1.0.0/33') ?? '', /from 0 to 32/i);
    assert.match(cidrProblem('2001:db8::/129') ?? '', /from 0 to 128/i);
    assert.match(cidrProblem('10.1.0.300/24') ?? '', /'10\.1\.0\.300' is not an IPv4 or IPv6 address/);
    assert.match(cidrProblem('10.1.0.0') ?? '', /prefix length is missing/i);
    assert.match(cidrProblem('10.1.0.0/024') ?? '', /from 0 to 32/i);
    assert.match(cidrProblem('2001:db8::1/64') ?? '', /did you mean 2001:db8::\/64\?/i);
    assert.match(cidrProblem('10.1.2.3/16') ?? '', /did you mean 10\.1\.0\.0\/16\?/i);
  });
});

describe('parsePointer', () => {
  it("unescapes '~1' to '/' and then '~0' to '~'", () => {
    assert.deepEqual(parsePointer('/a~1b/c~0d/~01'), ['a/b', 'c~d', '~1']);
    assert.deepEqual(parsePointer(''), []);
  });
});

describe('the schema file', () => {
  type SchemaNode = { [k: string]: unknown };
  const props: { path: string; schema: SchemaNode }[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    const n = node as SchemaNode;
    const properties = n['properties'] as Record<string, unknown> | undefined;
    if (properties && path.split('/').pop() !== 'then') {
      for (const [k, v] of Object.entries(properties)) {
        if (v === false) continue;
        props.push({ path: `${path}/${k}`, schema: v as SchemaNode });
        walk(v, `${path}/${k}`);
      }
    }
    if (n['items']) walk(n['items'], `${path}[]`);
  };
  walk(topologySchema, '');

  it('has an $id and a title', () => {
    assert.equal(typeof topologySchema.$id, 'string');
    assert.equal(typeof topologySchema.title, 'string');
  });

  it('describes every property, with examples, for hover and completion', () => {
    assert.ok(props.length > 40, `${props.length} properties`);
    for (const { path, schema } of props) {
      if (path.includes('/if/')) continue;
      assert.equal(typeof schema['description'], 'string', `${path} has a description`);
      assert.ok(Array.isArray(schema['examples']) || 'default' in schema, `${path} has examples`);
    }
  });

  it('forbids unknown keys in every object', () => {
    const objects: SchemaNode[] = [];
    const collect = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as SchemaNode;
      if (n['type'] === 'object') objects.push(n);
      for (const v of Object.values(n)) collect(v);
    };
    collect(topologySchema);
    assert.ok(objects.length >= 12);
    for (const o of objects) assert.equal(o['additionalProperties'], false);
  });
});
