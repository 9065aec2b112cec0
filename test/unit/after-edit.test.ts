/**
 * The hover right after an edit (src/core/incremental/afterEdit.ts) answers without the full
 * analysis of the new version; whenever it answers, the answer must be the one a full
 * analysis gives. A property test edits one VM of a topology at random (names and addresses
 * of other VMs, clouds, networks, new keys, line breaks, deletions that may run past the VM)
 * and compares, at random places of the edited VM and of the other VMs, `hoverAfterEdit` with
 * `hoverAt` on `analyze` of the new text.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { analyze, TopologySession, type Analysis } from '../../src/core/analysis';
import { splitChunks, type Chunk } from '../../src/core/incremental';
import { completeAfterEdit, hoverAfterEdit } from '../../src/core/incremental';
import { completeAt } from '../../src/core/features';
import { hoverAt } from '../../src/core/features';
import { topologySchema } from '../../src/core/schema';
import type { JsonSchema } from '../../src/core/schema';
import { loadGenerator } from '../cli/helpers';
import { params } from './helpers/mutations';

const schema = topologySchema as unknown as JsonSchema;
const root = resolve(__dirname, '..', '..', '..');
let gen: Awaited<ReturnType<typeof loadGenerator>>;
let bases: string[] = [];

/** Words worth typing into a VM of `text`: its names and addresses, and some keys and breaks. */
function vocabulary(text: string): string[] {
  const values = [...text.matchAll(/(?:name|cloud|network|subnet|ipAddress|targetIpAddress|targetSubnet): ([^\s#]+)/g)].map((m) => m[1]!);
  const picked = [...new Set(values)].filter((_, i) => i % 3 === 0).slice(0, 40);
  return [
    ...picked, 'x', '1', ' ', '\n', '-', ':', '#', '"', '2001:db8::1', '2001:0db8:0::1',
    '\n    targetIpAddress: ', '\n    ipAddress: ', '\n    targetSubnet: App', '\n    replica:\n      disconnected: true',
    '\n  - name: new-vm\n    cloud: ', '\nversion: 2\n',
  ];
}

interface Case { base: number; chunk: number; at: number; remove: number; insert: string[]; probes: number[] }

const edit: fc.Arbitrary<Case> = fc.record({
  base: fc.nat(),
  chunk: fc.nat(),
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 4 }), fc.nat({ max: 40 })),
  insert: fc.array(fc.nat(), { maxLength: 2 }).map((xs) => xs.map(String)),
  probes: fc.array(fc.nat(), { minLength: 4, maxLength: 8 }),
});

/** One random edit of one VM of a base text, its session (which analysed the base) and a full analysis of the result. */
interface Edited {
  readonly items: readonly Chunk[];
  readonly item: Chunk;
  readonly at: number;
  readonly insert: string;
  readonly text: string;
  readonly session: TopologySession;
  readonly full: Analysis;
  readonly what: string;
}

function editOne(c: Case): Edited | undefined {
  const base = bases[c.base % bases.length]!;
  const words = vocabulary(base);
  const items = (splitChunks(base) ?? []).filter((k) => k.kind === 'item' && k.key === 'vms');
  const item = items[c.chunk % items.length];
  if (!item) return undefined;
  const at = item.start + (c.at % (item.end - item.start));
  const insert = c.insert.map((i) => words[Number(i) % words.length]!).join('');
  const text = base.slice(0, at) + insert + base.slice(at + c.remove);
  const session = new TopologySession();
  session.update(base);
  return { items, item, at, insert, text, session, full: analyze(text), what: `after inserting ${JSON.stringify(insert)} at ${at} and removing ${c.remove}` };
}

describe('hover right after an edit', () => {
  before(async () => {
    gen = await loadGenerator();
    bases = [
      readFileSync(join(root, 'examples', 'azure.topology.yaml'), 'utf8'),
      readFileSync(join(root, 'examples', 'new-york-chicago.topology.yaml'), 'utf8'),
      readFileSync(join(root, 'test', 'fixtures', 'spec-example.topology.yaml'), 'utf8'),
      gen.generateTopology({ vms: 30, seed: 7 }),
      gen.generateTopology({ vms: 60, seed: 11 }),
      // Duplicate names and addresses, a fixed replica address among predicted ones.
      readFileSync(join(root, 'examples', 'azure.topology.yaml'), 'utf8')
        .replace('name: sea-app02', 'name: sea-app01')
        .replace('ipAddress: 10.10.1.22', 'ipAddress: 10.10.1.21')
        .replace('    ipAddress: 10.10.2.11\n', '    ipAddress: 10.10.2.11\n    targetIpAddress: 10.10.2.5\n'),
    ];
  });

  /**
   * For random edits of one VM, at each probe offset: `answer` says whether the quick way
   * answered (and checks the answer against the full analysis). It must answer often enough
   * for the property to say something.
   */
  function quickAgreesWithFull(runs: number, probe: (e: Edited, c: Case, i: number, p: number) => number, answer: (e: Edited, offset: number) => boolean): void {
    let asked = 0;
    let answered = 0;
    fc.assert(
      fc.property(edit, (c) => {
        const e = editOne(c);
        if (!e) return;
        for (const [i, p] of c.probes.entries()) {
          asked++;
          if (answer(e, probe(e, c, i, p))) answered++;
        }
      }),
      params(runs),
    );
    assert.ok(answered > asked / 10, `answered ${answered} of ${asked}`);
  }

  it('answers as the full analysis does, whenever it answers, after random edits of one VM', () => {
    quickAgreesWithFull(
      400,
      // Half the probes in the edited VM, half anywhere in the VMs, before and after it.
      ({ item, at, insert, text, items }, c, i, p) => {
        const end = Math.max(at + insert.length, item.end - c.remove + insert.length);
        const first = items[0]!.start;
        return i % 2 === 0 ? item.start + (p % Math.max(1, end - item.start)) : first + (p % (text.length + 1 - first));
      },
      (e, offset) => {
        const quick = hoverAfterEdit(e.session.lastAnalyzed, e.text, offset, schema);
        if (quick) assert.deepEqual(quick.hover, hoverAt(e.full, offset, schema), `at ${offset} ${e.what}`);
        return quick !== undefined;
      },
    );
  });

  it('completes as the full analysis does, whenever it answers, after random edits of one VM', () => {
    quickAgreesWithFull(
      300,
      // Half the probes where the typing is, half anywhere in the file.
      ({ at, insert, text }, _c, i, p) => (i % 2 === 0 ? Math.min(text.length, at + insert.length + (p % 8)) : p % (text.length + 1)),
      (e, offset) => {
        const quick = completeAfterEdit(e.session.lastAnalyzed, e.text, offset, schema);
        if (quick) {
          assert.equal(quick.analysis.text, e.text);
          assert.deepEqual(quick.items, completeAt(e.full, offset, schema), `at ${offset} ${e.what}`);
        }
        return quick !== undefined;
      },
    );
  });

  it('completes the network of a VM right after `network: ` is typed, from the estate', () => {
    const base = readFileSync(join(root, 'examples', 'azure.topology.yaml'), 'utf8');
    const session = new TopologySession();
    session.update(base);
    const at = base.indexOf('network: Servers-SEA', base.indexOf('name: sea-app01'));
    const text = `${base.slice(0, at)}network: ${base.slice(at + 'network: Servers-SEA'.length)}`;
    const quick = completeAfterEdit(session.lastAnalyzed, text, at + 'network: '.length, schema);
    assert.ok(quick, 'a quick answer');
    assert.deepEqual(quick.items.map((x) => x.label).sort(), ['Build-SEA', 'Servers-DAL', 'Servers-SEA', 'Web-DMZ-SEA']);
    assert.deepEqual(quick.items, completeAt(analyze(text), at + 'network: '.length, schema));
    // targetSubnet offers the subnets of where the NIC lands: that waits for the analysis.
    const t2 = `${base.slice(0, at)}targetSubnet: ${base.slice(at + 'network: Servers-SEA'.length)}`;
    assert.equal(completeAfterEdit(session.lastAnalyzed, t2, at + 'targetSubnet: '.length, schema), undefined);
  });

  it('answers the hover of a VM being renamed, in a generated file, with its new name', () => {
    const base = gen.generateTopology({ vms: 200, seed: 3 });
    const session = new TopologySession();
    session.update(base);
    const spot = base.indexOf('name: ', Math.floor(base.length / 2)) + 'name: '.length;
    const text = `${base.slice(0, spot)}x${base.slice(spot)}`;
    const quick = hoverAfterEdit(session.lastAnalyzed, text, spot + 1, schema);
    assert.ok(quick?.hover, 'a quick answer');
    const name = /^[^\n]*/.exec(text.slice(spot))![0];
    assert.ok(quick.hover.markdown.includes(`**VM \`${name}\`**`), quick.hover.markdown);
    assert.deepEqual(quick.hover, hoverAt(analyze(text), spot + 1, schema));
  });

  it('leaves to the full analysis an edit outside the VMs and a network or cloud hover', () => {
    const base = readFileSync(join(root, 'examples', 'azure.topology.yaml'), 'utf8');
    const session = new TopologySession();
    session.update(base);
    const inVm = base.indexOf('name: sea-app01') + 'name: '.length;
    const renamed = `${base.slice(0, inVm)}z${base.slice(inVm)}`;
    assert.ok(hoverAfterEdit(session.lastAnalyzed, renamed, inVm + 1, schema), 'the edited VM: answered');
    // VMs before and after the edited one are answered too.
    for (const name of ['sea-web01', 'dal-app01']) {
      const o = renamed.indexOf(`name: ${name}`) + 7;
      assert.deepEqual(hoverAfterEdit(session.lastAnalyzed, renamed, o, schema), { hover: hoverAt(analyze(renamed), o, schema) }, name);
    }
    // A network reference and a cloud reference inside the edited VM.
    assert.equal(hoverAfterEdit(session.lastAnalyzed, renamed, renamed.indexOf('Servers-SEA', inVm) + 2, schema), undefined);
    assert.equal(hoverAfterEdit(session.lastAnalyzed, renamed, renamed.indexOf('Prod-SEA', inVm) + 2, schema), undefined);
    // An edit of the estate.
    const site = base.indexOf('name: Seattle') + 'name: '.length;
    assert.equal(hoverAfterEdit(session.lastAnalyzed, `${base.slice(0, site)}z${base.slice(site)}`, inVm + 1, schema), undefined);
  });
});
