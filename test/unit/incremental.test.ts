/**
 * The incremental analysis must be indistinguishable from `analyze`: random edit sequences of
 * the kinds a person makes (typing a new VM key by key, half-typed keys and values, deleting
 * and pasting items, a syntax error typed and fixed, renaming by typing, changing a mapping's
 * target, typing in a site, random damage) are replayed as LSP changes through
 * `IncrementalAnalysis`, and every version's diagnostics, landings, availability,
 * definitions, hovers and completions are compared with a fresh `analyze` of the same text.
 * `npm test` runs a fixed seed; `npm run fuzz` a random one, with many runs.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, analyzeEstate, analyzeVm, type Analysis } from '../../src/core/analysis';
import { buildModel } from '../../src/core/model';
import { parseTopology } from '../../src/core/yaml';
import type { Diagnostic } from '../../src/core/types';
import { IncrementalAnalysis, type TextChange } from '../../src/core/incremental';
import { splitChunks, splitItems, yamlContextAt } from '../../src/core/yaml';
import { completeAt, hoverAt } from '../../src/core/features';
import { topologySchema } from '../../src/core/schema';
import { GROUP_RULES, RULES, type Estate, type Member } from '../../src/core/rules';
import { CODES } from '../../src/core/codes';
import { DRIFT_CODES } from '../../src/core/estate';
import { loadGenerator } from '../cli/helpers';
import { applyMutation, mutation, observable, params, type Mutation } from './helpers/mutations';

let gen: Awaited<ReturnType<typeof loadGenerator>>;

/** Everything a user sees of a version: observable(a), the definitions, a few hovers and a completion. */
function seen(a: Analysis, offsets: readonly number[]): unknown {
  return {
    ...(observable(a) as object),
    definitions: a.resolution.definitions.map((d) => [d.kind, d.name?.value, d.name?.span.start, d.span.start, d.span.end]),
    vms: a.model.vms.map((v) => [v.index, v.name.value, v.span.start, v.span.end]),
    references: a.resolution.references.length,
    hovers: offsets.map((o) => hoverAt(a, o, topologySchema)?.markdown),
    completions: completionsAt(a, offsets),
  };
}

/** The completions at the first two offsets. */
function completionsAt(a: Analysis, offsets: readonly number[]): unknown {
  return offsets.slice(0, 2).map((o) => completeAt(a, o, topologySchema).map((c) => [c.label, c.insertText, c.replace.start, c.replace.end, c.detail]));
}

/** One edit as a person makes it, in numbers taken modulo what the text has. */
type Edit =
  | { readonly kind: 'typeVm'; readonly at: number; readonly keys: number }
  | { readonly kind: 'pasteVms'; readonly at: number; readonly from: number; readonly count: number }
  | { readonly kind: 'deleteVm'; readonly at: number }
  | { readonly kind: 'syntaxError'; readonly at: number; readonly fix: boolean }
  | { readonly kind: 'renameByTyping'; readonly at: number; readonly suffix: string; readonly back: boolean }
  | { readonly kind: 'mappingTarget'; readonly at: number; readonly to: number }
  | { readonly kind: 'typeSubnet'; readonly at: number; readonly keys: number }
  | { readonly kind: 'typeNetwork'; readonly at: number; readonly keys: number; readonly name: string }
  | { readonly kind: 'typeMapping'; readonly at: number; readonly keys: number; readonly source: number; readonly target: number }
  | { readonly kind: 'cloudLogical'; readonly at: number; readonly ln: number }
  | { readonly kind: 'deleteEstateItem'; readonly at: number }
  | { readonly kind: 'damage'; readonly m: Mutation };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('typeVm' as const), at: fc.nat(), keys: fc.integer({ min: 1, max: 140 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pasteVms' as const), at: fc.nat(), from: fc.nat(), count: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteVm' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('syntaxError' as const), at: fc.nat(), fix: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('renameByTyping' as const), at: fc.nat(), suffix: fc.constantFrom('x', '-2', ' b', ':', '#'), back: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mappingTarget' as const), at: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('typeSubnet' as const), at: fc.nat(), keys: fc.integer({ min: 1, max: 60 }) }) },
  // Edits of the estate: what each VM read of it decides whether its analysis is kept.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('typeNetwork' as const), at: fc.nat(), keys: fc.integer({ min: 1, max: 160 }), name: fc.constantFrom('Corp-NYC-09', 'Lab-NYC', 'Corp-NYC-1', 'Other') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('typeMapping' as const), at: fc.nat(), keys: fc.integer({ min: 1, max: 60 }), source: fc.nat(), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cloudLogical' as const), at: fc.nat(), ln: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteEstateItem' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('damage' as const), m: mutation }) },
);

/** Offsets of every match of `re` (the start of its first group, or of the match). */
function offsets(text: string, re: RegExp): number[] {
  return [...text.matchAll(re)].map((m) => m.index + (m[1] !== undefined ? m[0].indexOf(m[1]) : 0));
}

function pick<T>(xs: readonly T[], n: number): T | undefined {
  return xs.length === 0 ? undefined : xs[n % xs.length];
}

/** Typing `s` at `at`, one key per version. */
function typing(at: number, s: string): TextChange[][] {
  return Array.from({ length: s.length }, (_, k) => [{ start: at + k, end: at + k, text: s.charAt(k) }]);
}

/** The versions (each a list of changes) an edit makes of `text`. */
function versions(text: string, e: Edit): TextChange[][] {
  const vmStarts = offsets(text, /^ {2}- name: /gm);
  switch (e.kind) {
    case 'typeVm': {
      const at = pick([...vmStarts, text.length], e.at) ?? text.length;
      const cloud = /cloud: (\S+)/.exec(text.slice(at))?.[1] ?? 'Gold-NYC';
      const network = /network: (\S+)/.exec(text.slice(at))?.[1] ?? 'Corp-NYC-01';
      const vm = `  - name: vm-typed\n    cloud: ${cloud}\n    network: ${network}\n    subnet: App\n    ipAddress: 10.1.0.250\n`;
      const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
      return typing(at, (prefix + vm).slice(0, e.keys));
    }
    case 'pasteVms': {
      const from = pick(vmStarts, e.from);
      const at = pick(vmStarts, e.at);
      if (from === undefined || at === undefined) return [];
      const i = vmStarts.indexOf(from);
      const end = vmStarts[i + e.count] ?? text.length;
      return [[{ start: at, end: at, text: text.slice(from, end).replace(/name: (\S+)/g, 'name: $1-copy') + (end === text.length && !text.endsWith('\n') ? '\n' : '') }]];
    }
    case 'deleteVm': {
      const at = pick(vmStarts, e.at);
      if (at === undefined) return [];
      const end = vmStarts[vmStarts.indexOf(at) + 1] ?? text.length;
      return [[{ start: at, end, text: '' }]];
    }
    case 'syntaxError': {
      const at = pick(vmStarts, e.at);
      if (at === undefined) return [];
      const line = text.indexOf('\n', at);
      if (line < 0) return [];
      const typed = '\n    note this';
      const out = typing(line, typed);
      if (e.fix) for (let k = typed.length; k > 0; k--) out.push([{ start: line + k - 1, end: line + k, text: '' }]);
      return out;
    }
    case 'renameByTyping': {
      const at = pick(offsets(text, /(?:name|network|cloud): *(\S[^\n#]*)/g), e.at);
      if (at === undefined) return [];
      const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
      const out = typing(end, e.suffix);
      if (e.back) for (let k = e.suffix.length; k > 0; k--) out.push([{ start: end + k - 1, end: end + k, text: '' }]);
      return out;
    }
    case 'mappingTarget': {
      const targets = offsets(text, /target: *(\S+)/g);
      const at = pick(targets, e.at);
      const names = [...text.matchAll(/^ {6}- name: (\S+)/gm)].map((m) => m[1]!);
      const to = pick(names, e.to);
      if (at === undefined || to === undefined) return [];
      const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
      return [[{ start: at, end, text: to }]];
    }
    case 'typeSubnet': {
      const at = pick(offsets(text, /^ {8}subnets:\n/gm), e.at);
      if (at === undefined) return [];
      const after = text.indexOf('\n', at) + 1;
      return typing(after, '          - name: Typed\n            addressPrefix: 10.250.0.0/24\n'.slice(0, e.keys));
    }
    case 'typeNetwork': {
      const at = pick(offsets(text, /^ {4}vmNetworks:\n/gm), e.at);
      if (at === undefined) return [];
      const after = text.indexOf('\n', at) + 1;
      const item = `      - name: ${e.name}\n        logicalNetwork: LN-Corp-NYC\n        subnets:\n          - name: App\n            addressPrefix: 10.250.0.0/24\n`;
      return typing(after, item.slice(0, e.keys));
    }
    case 'typeMapping': {
      const at = pick(offsets(text, /^networkMappings:\n/gm), e.at);
      const names = [...text.matchAll(/^ {6}- name: (\S+)|^ {4}- name: (vnet\S*)/gm)].map((m) => m[1] ?? m[2]!);
      const source = pick(names, e.source);
      const target = pick(names, e.target);
      if (at === undefined || source === undefined || target === undefined) return [];
      const after = text.indexOf('\n', at) + 1;
      return typing(after, `  - source: ${source}\n    target: ${target}\n`.slice(0, e.keys));
    }
    case 'cloudLogical': {
      const at = pick([...text.matchAll(/^ {8}logicalNetworks: \[/gm)].map((m) => m.index + m[0].length), e.at);
      const lns = [...text.matchAll(/^ {6}- name: (LN-\S+)/gm)].map((m) => m[1]!);
      const ln = pick(lns, e.ln);
      if (at === undefined || ln === undefined) return [];
      return typing(at, `${ln}, `);
    }
    case 'deleteEstateItem': {
      // A mapping, a pair, or a VM network with its subnets.
      const items = [...text.matchAll(/^ {2}- (?:source|protected): .*\n(?: {4}\S.*\n)*|^ {6}- name: (?!LN-).*\n(?: {8}.*\n)*/gm)];
      const m = pick(items, e.at);
      if (!m) return [];
      return [[{ start: m.index, end: m.index + m[0].length, text: '' }]];
    }
    case 'damage': {
      const next = applyMutation(text, e.m);
      let p = 0;
      while (p < text.length && p < next.length && text[p] === next[p]) p++;
      let s = 0;
      while (s < text.length - p && s < next.length - p && text[text.length - 1 - s] === next[next.length - 1 - s]) s++;
      return [[{ start: p, end: text.length - s, text: next.slice(p, next.length - s) }]];
    }
  }
}

/** The text after one version's changes. */
function applied(text: string, changes: readonly TextChange[]): string {
  return changes.reduce((t, c) => t.slice(0, c.start) + c.text + t.slice(c.end), text);
}

/** Where to look in a version: the name of a few VMs (the first, one near the edit, the last) and the cursor. */
function probes(text: string, cursor: number, n: number): number[] {
  const names = offsets(text, /^ {2}- name: (\S)/gm);
  const near = names.find((o) => o > cursor);
  return [cursor, ...(near !== undefined ? [near + 1] : []), ...(names.length ? [names[n % names.length]! + 1, names[names.length - 1]!] : [])];
}

describe('incremental analysis', () => {
  before(async () => {
    gen = await loadGenerator();
  });

  describe('splitting the text', () => {
    it('splits top-level entries and the items of top-level block sequences', () => {
      const text = 'version: 1\nvms:\n  - name: A\n    cloud: C\n  # between\n  - name: B\nazure:\n  virtualNetworks: []\n';
      assert.deepEqual(
        splitChunks(text)!.map((c) => [c.kind, c.key, text.slice(c.start, c.end)]),
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

    for (const [what, text] of [
      ['anchors and aliases', 'a: &x 1\nb: *x\n'],
      ['an alias in a flow list', 'a:\n  - [*x]\n'],
      ['an anchor on a line of its own', 'a:\n  - &x\n    b: 1\n'],
      ['a tag on an item', 'a:\n  - !t b\n'],
      ['tabs', 'a:\n\t- 1\n'],
      ['several documents', 'a: 1\n---\nb: 2\n'],
      ['a duplicate top-level key', 'a: 1\na: 2\n'],
      ['a complex key', '? a\n: 1\n'],
      ['a BOM', '\uFEFFa: 1\n'],
      ['a line less indented than the items', 'vms:\n  - a\n - b\n'],
    ] as const) {
      it(`refuses ${what}`, () => { assert.equal(splitChunks(text), undefined); });
    }

    it('splits the items of a region as the whole split does, or says the item before takes its start', () => {
      const text = 'vms:\n  - name: A\n  - name: B\n    cloud: C\n  - name: D\n';
      const from = text.indexOf('  - name: B');
      assert.deepEqual(splitItems(text, from, text.length, 'vms', 2), splitChunks(text)!.slice(2));
      const joined = 'vms:\n  - name: A\n    x: 1\n  - name: D\n';
      assert.equal(splitItems(joined, joined.indexOf('    x'), joined.length, 'vms', 2), 'before');
      assert.equal(splitItems('vms:\n  - a\nb: 1\n', 5, 15, 'vms', 2), undefined);
    });
  });

  describe('IncrementalAnalysis', () => {
    it('reads again only the item an edit touched, and analyses only the VMs it changed', () => {
      const text = gen.generateTopology({ vms: 200, seed: 4 });
      const inc = new IncrementalAnalysis(text);
      inc.analysis();
      const at = text.indexOf('  - name: ', text.indexOf('\nvms:\n') + Math.floor((text.length - text.indexOf('\nvms:\n')) / 2));
      const name = at + '  - name: '.length;
      inc.apply([{ start: name, end: name, text: 'x' }]);
      assert.equal(inc.stats.read, 1, 'the VM alone');
      const a = inc.analysis();
      assert.equal(inc.stats.estate, false);
      assert.ok(inc.stats.vmsAnalysed <= 2, `${inc.stats.vmsAnalysed} VMs analysed`);
      assert.deepEqual(seen(a, probes(a.text, name, 3)), seen(analyze(a.text), probes(a.text, name, 3)));
    });

    it('keeps a syntax error inside one item to that item, and reads no other', () => {
      const text = gen.generateTopology({ vms: 100, seed: 5 });
      const inc = new IncrementalAnalysis(text);
      inc.analysis();
      const line = text.indexOf('\n', text.indexOf('  - name: ', text.indexOf('\nvms:\n') + 2000));
      inc.apply([{ start: line, end: line, text: '\n    note this' }]);
      assert.ok(inc.stats.read >= 1 && inc.stats.read <= 2, `${inc.stats.read} chunks read`);
      const a = inc.analysis();
      const top001 = a.diagnostics.filter((d) => d.code === 'TOP001');
      assert.equal(top001.length, 1);
      assert.deepEqual(seen(a, [line + 5]), seen(analyze(a.text), [line + 5]));
    });

    it('tells the YAML context at any place as counting the items above does', () => {
      const text = gen.generateTopology({ vms: 60, seed: 7 });
      const inc = new IncrementalAnalysis(text);
      const at = text.indexOf('  - name: ', text.indexOf('\nvms:\n') + 500);
      inc.apply([{ start: at, end: at, text: '  - name: typed\n    cloud: \n' }]);
      const a = inc.analysis();
      let told = 0;
      for (let o = 0; o < a.text.length; o += 7) {
        const hinted = yamlContextAt(a.text, o, a.lines, (x) => {
          const h = a.places.itemAt(x);
          if (h) told++;
          return h;
        });
        assert.deepEqual(hinted, yamlContextAt(a.text, o), `at ${o}`);
      }
      assert.ok(told > 100, `the items' places were told ${told} times`);
    });

    it('analyses a list written in flow style (`vms: [...]`) as analyze does, edit after edit', () => {
      const block = gen.generateTopology({ vms: 6, seed: 8 });
      const vmsAt = block.indexOf('\nvms:\n');
      const names = [...block.slice(vmsAt).matchAll(/^ {2}- name: (\S+)\n {4}cloud: (\S+)/gm)].map((m) => `{name: ${m[1]!}, cloud: ${m[2]!}, network: Nowhere}`);
      let text = `${block.slice(0, vmsAt)}\nvms: [${names.join(', ')}]\n`;
      const inc = new IncrementalAnalysis(text);
      assert.deepEqual(seen(inc.analysis(), [text.length - 5]), seen(analyze(text), [text.length - 5]));
      assert.ok(inc.analysis().diagnostics.some((d) => d.code === 'TOP011'), 'the flow list\'s VMs are analysed');
      for (const [find, put] of [['Nowhere', 'Elsewhere'], ['{name: ', '{nam: '], ['cloud: ', 'cloud: x']] as const) {
        const at = text.indexOf(find, vmsAt);
        inc.apply([{ start: at, end: at + find.length, text: put }]);
        text = text.slice(0, at) + put + text.slice(at + find.length);
        assert.deepEqual(seen(inc.analysis(), [at]), seen(analyze(text), [at]), `after ${find} → ${put}`);
      }
    });

    it('after an edit of the estate, analyses again only the VMs whose reads of it answer differently', () => {
      const text = gen.generateTopology({ vms: 200, seed: 6 });
      const inc = new IncrementalAnalysis(text);
      inc.analysis();
      const check = (what: string, at: number): void => {
        const a = inc.analysis();
        assert.equal(inc.stats.estate, true, `${what}: the estate read again`);
        assert.deepEqual(seen(a, probes(a.text, at, 2)), seen(analyze(a.text), probes(a.text, at, 2)), what);
      };
      const vmsOn = (t: string, re: RegExp): number => t.slice(t.indexOf('\nvms:\n')).match(re)?.length ?? 0;

      // A new VM network typed into the first site: no VM names it; the VMs that offer mapping
      // targets for a pair into that site (TOP020's fix) read the candidates, which change.
      let at = inc.text.indexOf('    vmNetworks:\n') + '    vmNetworks:\n'.length;
      for (const ch of '      - name: Corp-New-01\n        logicalNetwork: LN-Corp-NYC\n') {
        inc.apply([{ start: at, end: at, text: ch }]);
        at++;
      }
      check('a VM network typed', at);
      assert.ok(inc.stats.vmsKept > 150, `${inc.stats.vmsKept} of 200 VMs kept`);
      assert.equal(inc.stats.vmsKept + inc.stats.vmsAnalysed, 200);

      // A mapping's target changed: the VMs on its source network in a pair to VMM sites land elsewhere.
      const m = /^ {2}- source: (Corp-NYC-01)\n {4}target: (Corp-CHI-01)\n/m.exec(inc.text)!;
      const target = m.index + m[0].indexOf('Corp-CHI-01');
      inc.apply([{ start: target, end: target + 'Corp-CHI-01'.length, text: 'Corp-CHI-02' }]);
      check('a mapping target changed', target);
      assert.ok(inc.stats.vmsAnalysed > 0 && inc.stats.vmsAnalysed < 200, `${inc.stats.vmsAnalysed} VMs analysed again`);

      // A cloud renamed: each of its VMs now names a cloud that doesn't exist.
      const gold = vmsOn(inc.text, /cloud: Gold-NYC\n/g);
      const cloud = inc.text.indexOf('- name: Gold-NYC') + '- name: Gold-NYC'.length;
      inc.apply([{ start: cloud, end: cloud, text: 'x' }]);
      check('a cloud renamed', cloud);
      assert.ok(gold > 0 && inc.stats.vmsAnalysed >= gold, `${inc.stats.vmsAnalysed} VMs analysed again, ${gold} on the cloud`);
    });

    it('gives every version what analyze gives, after any sequence of edits a person makes', function () {
      this.timeout(FUZZ_TIMEOUT());
      const topology = fc.record({ vms: fc.integer({ min: 3, max: 40 }), seed: fc.integer({ min: 1, max: 0x7fffffff }) }).map((o) => gen.generateTopology(o));
      let versionsChecked = 0;
      fc.assert(fc.property(topology, fc.array(edit, { minLength: 1, maxLength: 5 }), fc.nat(), (start, edits, n) => {
        const inc = new IncrementalAnalysis(start);
        let text = start;
        assert.deepEqual(seen(inc.analysis(), probes(text, 0, n)), seen(analyze(text), probes(text, 0, n)));
        for (const e of edits) {
          const vs = versions(text, e);
          vs.forEach((changes, k) => {
            text = applied(text, changes);
            inc.apply(changes);
            assert.equal(inc.text, text);
            // Every version of a short edit, and some of a long one (all of the last).
            if (vs.length > 12 && k % 7 !== 0 && k !== vs.length - 1) return;
            const cursor = changes[changes.length - 1]!.start + changes[changes.length - 1]!.text.length;
            const ps = probes(text, cursor, n + k);
            // Completion first, from the quick analysis (before the full one is made), as the server does.
            const quick = completionsAt(inc.quickAnalysis(), ps);
            const fresh = analyze(text);
            assert.deepEqual(seen(inc.analysis(), ps), seen(fresh, ps), `after ${e.kind}, version ${k + 1} of ${vs.length}`);
            assert.deepEqual(quick, completionsAt(fresh, ps), `completion, after ${e.kind}, version ${k + 1} of ${vs.length}`);
            versionsChecked++;
          });
        }
      }), params(25));
      assert.ok(versionsChecked > 100, `only ${versionsChecked} versions compared`);
    });
  });

  describe('the rules declare their reach', () => {
    it('every code of the table is said by a registered rule, or by a stage before the rules', () => {
      // The stages that say codes without being rules: reading (TOP001), the schema (TOP002), name
      // resolution (model/resolve.ts) and the comparison with a vault (estate/drift.ts).
      const stages = new Set(['TOP001', 'TOP002', 'TOP010', 'TOP011', 'TOP012', 'TOP051', ...Object.values(DRIFT_CODES)]);
      const ruled = new Set(RULES.flatMap((r) => r.codes));
      const orphans = CODES.map((c) => c.code).filter((code) => !ruled.has(code) && !stages.has(code));
      assert.deepEqual(orphans, [], 'a code no registered rule declares: register its rule in rules/index.ts with its reach');
    });

    it('every rule has a reach the incremental analysis knows, a name of its own and its codes', () => {
      const names = new Set<string>();
      for (const rule of RULES) {
        assert.ok(['vm', 'group', 'file'].includes((rule as { reach?: unknown }).reach as string), `rule ${rule.name} has no reach`);
        assert.ok(!names.has(rule.name), `two rules named ${rule.name}`);
        names.add(rule.name);
        if (rule.reach === 'group') assert.equal(typeof rule.members, 'function', `group rule ${rule.name} says not what groups a VM is in`);
        if (rule.reach === 'file') assert.ok(Array.isArray(rule.reads), `file rule ${rule.name} says not what it reads of the VMs`);
        if (rule.reach === 'group') assert.equal(typeof rule.readsEstate, 'boolean', `group rule ${rule.name} says not whether it reads the estate`);
      }
    });

    it('a group rule that says it reads nothing of the estate runs the same with an estate that throws when read', () => {
      const text = gen.generateTopology({ vms: 300, seed: 9 }) + [
        // Two VMs with one name and one address: the quiet rules say something.
        '  - name: twin', '    cloud: Gold-NYC', '    network: Corp-NYC-01', '    ipAddress: 10.1.0.10',
        '  - name: twin', '    cloud: Gold-NYC', '    network: Corp-NYC-01', '    ipAddress: 10.1.0.10', '',
      ].join('\n');
      const estate = analyzeEstate(buildModel(parseTopology(text).doc, { vms: false }));
      const vms = buildModel(parseTopology(text).doc).vms.map((vm) => analyzeVm(estate, vm));
      const trap = new Proxy({}, { get: (_t, key) => { throw new Error(`read estate.${String(key)}`); } }) as Estate;
      let said = 0;
      GROUP_RULES.forEach((rule, r) => {
        if (rule.readsEstate) return;
        const groups = new Map<unknown, Member[]>();
        for (const v of vms) for (const [key, member] of v.groups[r]!) groups.set(key, [...(groups.get(key) ?? []), member]);
        for (const members of groups.values()) {
          const out: Diagnostic[] = [];
          rule.run(trap, members, out);
          said += out.length;
        }
      });
      assert.ok(said > 0, 'the groups said something (the file has duplicates)');
    });
  });
});

/** The suite's timeout: long when fuzzing. */
function FUZZ_TIMEOUT(): number {
  return process.env.FUZZ_RUNS ? 0 : 120_000;
}
