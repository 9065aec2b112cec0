/**
 * Incremental analysis must be indistinguishable from a full one: chunks are split only
 * where safe, and a property test applies random edits to a topology and compares the
 * session's analysis with `analyze` of the same text, diagnostics and landings alike.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { analyze, TopologySession, type Analysis } from '../../src/core/analysis';
import { splitChunks } from '../../src/core/incremental';
import { fastParseRefusal } from '../../src/core/yaml';
import { NY_CHICAGO } from './helpers/topologies';

/** Everything a user can see of an analysis, as comparable data. */
function observable(a: Analysis): unknown {
  return {
    diagnostics: a.diagnostics.map((d) => [d.code, d.severity, d.span.start, d.span.end, d.message]),
    landings: a.landings.map((l) => [
      l.vm.name.value, l.nic.index, l.failover.status, l.failover.reason, l.failover.target?.name.value,
      l.failover.subnet?.name.value, l.failover.subnetRule, l.failover.ipAddress,
      l.failback.status, l.failback.network?.name.value, l.failback.subnet?.name.value,
    ]),
    availability: a.availability.map((r) => [r.mapping.index, r.pair.pair.index, r.available]),
    definitions: a.resolution.definitions.map((d) => [d.kind, d.name?.value, d.name?.span.start]),
  };
}

describe('incremental analysis', () => {
  describe('splitChunks', () => {
    it('splits top-level entries and the items of top-level block sequences', () => {
      const text = 'version: 1\nvms:\n  - name: A\n    cloud: C\n  # between\n  - name: B\nazure:\n  virtualNetworks: []\n';
      const chunks = splitChunks(text)!;
      assert.deepEqual(
        chunks.map((c) => [c.kind, c.key, text.slice(c.start, c.end)]),
        [
          ['entry', 'version', 'version: 1\n'],
          ['entry', 'vms', 'vms:\n'],
          ['item', 'vms', '  - name: A\n    cloud: C\n  # between\n'],
          ['item', 'vms', '  - name: B\n'],
          ['entry', 'azure', 'azure:\n  virtualNetworks: []\n'],
        ],
      );
    });

    it('splits a text with & * ! inside names and comments (not anchors, aliases, tags)', () => {
      const text = '# R&D * notes!\nsites:\n  - name: R&D\n    vmmServer: VMM*1!\nvms:\n  - name: a&b # Q&A\n';
      assert.deepEqual(splitChunks(text)?.map((c) => c.kind), ['entry', 'item', 'entry', 'item']);
    });

    it('covers the whole text, leading comments included', () => {
      const text = '# plan\n\nversion: 1\nvms:\n- name: A\n- name: B\n';
      const chunks = splitChunks(text)!;
      assert.equal(chunks[0]!.start, 0);
      assert.equal(chunks[chunks.length - 1]!.end, text.length);
      for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i]!.start, chunks[i - 1]!.end);
      assert.deepEqual(chunks.map((c) => c.kind), ['entry', 'entry', 'item', 'item']);
    });

    for (const [what, text] of [
      ['anchors and aliases', 'a: &x 1\nb: *x\n'],
      ['an alias in a flow list', 'a:\n  - [*x]\n'],
      ['an alias in a flow map', 'a:\n  - {b: *x}\n'],
      ['an anchor on a line of its own', 'a:\n  - &x\n    b: 1\n'],
      ['a tag on an item', 'a:\n  - !t b\n'],
      ['an alias as an item', 'a:\n  -   *x\n'],
      ['tags', 'a: !!str 1\n'],
      ['tabs', 'a:\n\t- 1\n'],
      ['several documents', 'a: 1\n---\nb: 2\n'],
      ['a duplicate top-level key', 'a: 1\na: 2\n'],
      ['a complex key', '? a\n: 1\n'],
      ['a BOM', '\uFEFFa: 1\n'],
      ['a line less indented than the items', 'vms:\n  - a\n - b\n'],
    ] as const) {
      it(`refuses ${what}`, () => { assert.equal(splitChunks(text), undefined); });
    }
  });

  describe('TopologySession', () => {
    it('parses only the chunk an edit touched', () => {
      const s = new TopologySession();
      s.update(NY_CHICAGO);
      const edited = NY_CHICAGO.replace('name: VM3', 'name: VM4');
      const a = s.update(edited);
      assert.equal(s.lastParsedChunks, 1);
      assert.deepEqual(observable(a), observable(analyze(edited)));
    });

    it('parses only the chunk an edit touched in a file with & in its names and comments', () => {
      const text = NY_CHICAGO.replace(/name: VM1\n/, 'name: R&D-1 # Q&A!\n');
      assert.notEqual(text, NY_CHICAGO);
      const s = new TopologySession();
      s.update(text);
      const edited = text.replace('name: VM3', 'name: VM*3');
      assert.deepEqual(observable(s.update(edited)), observable(analyze(edited)));
      assert.equal(s.lastParsedChunks, 1);
    });

    it('reads again only the VMs an edit changed, and moves the others exactly (every span of every NIC)', () => {
      // The model's VMs as data: every field and span, the NIC's VM by name.
      const vms = (a: Analysis): string => JSON.stringify(a.model.vms, (k, v: unknown) => (k === 'vm' ? (v as { name: { value: string } }).name.value : v));
      const root = resolve(__dirname, '..', '..', '..');
      const files = [join(root, 'examples'), join(root, 'examples', 'diagnostics')]
        .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.topology.yaml')).map((f) => join(d, f)));
      assert.ok(files.length >= 4, `examples found: ${files.join(', ')}`);
      let moved = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const s = new TopologySession();
        s.update(text);
        const at = text.indexOf('\nvms:\n');
        if (at < 0) continue;
        const firstVm = text.indexOf('- name: ', at) + '- name: '.length;
        const steps = [
          `# a comment above everything\n${text}`, // every VM moves
          text.slice(0, firstVm) + 'X' + text.slice(firstVm), // the first VM is read again, the others move by one
          `${text}  - name: Appended\n    cloud: Nowhere\n    network: Nothing\n`, // none moves
          text,
        ];
        for (const t of steps) {
          const a = s.update(t);
          assert.equal(vms(a), vms(analyze(t)), `${file}: the VMs after an edit`);
          assert.deepEqual(observable(a), observable(analyze(t)));
          if (s.lastParsedChunks >= 0) moved++;
        }
      }
      assert.ok(moved > 0, 'some of these edits were analysed incrementally');
    });

    it('checks the schema of the items an edit changed, in a file of more than a few', () => {
      // More items than the schema check looks at one by one: the others are known valid.
      const extra = Array.from({ length: 100 }, (_, i) => `  - name: Extra${i}\n    cloud: GoldCloud1\n    network: VMNetwork1-NewYork\n`).join('');
      const valid = NY_CHICAGO + extra;
      const s = new TopologySession();
      assert.deepEqual(observable(s.update(valid)), observable(analyze(valid)));
      const steps = [
        valid.replace('name: Extra50\n    cloud', 'name: Extra50\n    colour: red\n    cloud'), // an unknown key
        valid.replace('name: Extra7\n', 'name: 7\n'), // a wrong type
        valid.replace('  - name: Extra99\n    cloud: GoldCloud1\n', '  - name: Extra99\n'), // a missing field
        valid.replace('version: 1', 'version: 2'), // outside the lists
        valid,
      ];
      for (const text of steps) {
        const a = s.update(text);
        assert.deepEqual(observable(a), observable(analyze(text)));
        assert.equal(a.diagnostics.some((d) => d.code === 'TOP002'), text !== valid, 'TOP002 exactly when the text is not valid');
      }
    });

    it('parses a first version outside the fast reader\'s subset in chunks, yaml reading only the chunks it must', () => {
      // A key left empty while typing: the fast reader gives up on the whole text, and on that chunk alone.
      const odd = NY_CHICAGO.replace('cloud: GoldCloud1\n', 'cloud:\n');
      assert.notEqual(odd, NY_CHICAGO);
      assert.notEqual(fastParseRefusal(odd), undefined);
      const s = new TopologySession();
      assert.deepEqual(observable(s.update(odd)), observable(analyze(odd)));
      assert.ok(s.lastParsedChunks > 0, 'parsed in chunks');
      // And the next edit starts from those chunks.
      const edited = odd.replace('name: VM3', 'name: VM4');
      assert.deepEqual(observable(s.update(edited)), observable(analyze(edited)));
      assert.equal(s.lastParsedChunks, 1);
    });

    it('reads a chunk yaml must read with every check of a whole parse (nesting too deep)', () => {
      const deep = (depth: number): string => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n';
      // A first version nested past the limit in its one top-level entry...
      const first = deep(150);
      const s = new TopologySession();
      const a = s.update(first);
      assert.deepEqual(observable(a), observable(analyze(first)));
      assert.ok(a.diagnostics.some((d) => d.code === 'TOP001' && d.message.includes('nested more than')), 'TOP001: too deep');
      // ...and an edit that nests a VM past it, after a clean version.
      const s2 = new TopologySession();
      s2.update(NY_CHICAGO);
      const edited = NY_CHICAGO.replace('  - name: VM3\n', `  - name: VM3\n    x:\n${deep(150).replace(/^/gm, '      ')}`);
      const b = s2.update(edited);
      assert.deepEqual(observable(b), observable(analyze(edited)));
      assert.ok(b.diagnostics.some((d) => d.code === 'TOP001'), 'TOP001 after the edit');
    });

    it('falls back to a full parse on a syntax error, and recovers after it', () => {
      const s = new TopologySession();
      s.update(NY_CHICAGO);
      const broken = NY_CHICAGO.replace('cloud: GoldCloud1\n', 'cloud: "GoldCloud1\n');
      assert.deepEqual(observable(s.update(broken)), observable(analyze(broken)));
      assert.equal(s.lastParsedChunks, -1);
      assert.deepEqual(observable(s.update(NY_CHICAGO)), observable(analyze(NY_CHICAGO)));
    });

    it('gives the same result as a full analysis after any sequence of random edits', () => {
      const alphabet = ['a', 'Z', '1', ' ', '  ', '\n', '-', '- ', ':', ': ', '#', '"', "'", '[', ']', '{', '}', ',', '&', '*', '!', '&a ', '*a', 'R&D', 'name: X\n', '  - name: VM9\n    cloud: GoldCloud1\n    network: VMNetwork1-NewYork\n'];
      const edit = fc.record({
        at: fc.nat(),
        remove: fc.nat({ max: 12 }),
        insert: fc.array(fc.constantFrom(...alphabet), { maxLength: 3 }).map((parts) => parts.join('')),
      });
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
          const s = new TopologySession();
          let text = NY_CHICAGO;
          s.update(text);
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
            assert.deepEqual(observable(s.update(text)), observable(analyze(text)));
          }
        }),
        { seed: 20261128, numRuns: 300 },
      );
    });
  });
});
