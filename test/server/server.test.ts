/**
 * The real language server (`node dist/server.js --stdio`) driven through a real LSP client
 * on the project's examples: diagnostics, versions, settings, hover, completion, navigation,
 * rename, quick fixes, symbols, the landings request, and surviving a handler error.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, Location,
  MarkupContent, PublishDiagnosticsParams, Range, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LspClient, ROOT } from './client';
import { applyEdits, find, positionAt, rangeOf } from './text';
import { isReplicaSummary, LandingsRequest, SummaryRequest } from '../../src/protocol';

const example = (rel: string): string => readFileSync(path.join(ROOT, 'examples', rel), 'utf8');
const NY = example('new-york-chicago.topology.yaml');
const AZURE = example('azure.topology.yaml');
const EVERY = example('diagnostics/every-diagnostic.topology.yaml');

let counter = 0;
const uriFor = (name: string): string => pathToFileURL(path.join(ROOT, 'test', 'fixtures', 'server', `${name}-${++counter}.topology.yaml`)).href;

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code));
const withCode = (p: PublishDiagnosticsParams, code: string): Diagnostic[] => p.diagnostics.filter((d) => d.code === code);
const markdown = (h: Hover | null): string => {
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
};
const items = (r: CompletionItem[] | CompletionList | null): CompletionItem[] => (Array.isArray(r) ? r : (r?.items ?? []));
const sorted = (list: CompletionItem[]): CompletionItem[] => [...list].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ settings: {} });
  });
  after(async () => {
    await client.stop();
  });

  const hover = (uri: string, text: string, offset: number): Promise<Hover | null> =>
    client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });

  describe('diagnostics', () => {
    it('publishes every code of every-diagnostic with the exact range, source, link and related information', async () => {
      const uri = uriFor('every');
      const p = await client.openAndWait(uri, EVERY);
      const want = ['TOP002', 'TOP010', 'TOP011', 'TOP012', 'TOP020', 'TOP021', 'TOP022', 'TOP023', 'TOP030', 'TOP031', 'TOP032',
        'TOP040', 'TOP041', 'TOP042', 'TOP050', 'TOP051', 'TOP052', 'TOP060', 'TOP061', 'TOP062'];
      for (const c of want) assert.ok(codes(p).includes(c), `missing ${c} in ${codes(p).join(',')}`);
      const top011 = withCode(p, 'TOP011')[0]!;
      assert.deepEqual(top011.range, rangeOf(EVERY, 'LN-Crop-BOS'));
      assert.equal(top011.source, 'asr-topology');
      assert.equal(top011.codeDescription?.href, 'https://github.com/asr-topology/asr-topology-vscode/blob/main/docs/format.md#top011');
      assert.equal(top011.severity, 1);
      const top020 = withCode(p, 'TOP020')[0]!;
      assert.equal(top020.severity, 2);
      assert.ok(top020.relatedInformation?.length, 'TOP020 carries its pair as related information');
      assert.equal(top020.relatedInformation[0]!.location.uri, uri);
      assert.equal(p.version, 1);
    });

    it('gives the spec example exactly its one TOP020, on VM3\'s first NIC network value', async () => {
      const uri = uriFor('ny');
      const p = await client.openAndWait(uri, NY);
      assert.deepEqual(codes(p), ['TOP020']);
      assert.deepEqual(p.diagnostics[0]!.range, rangeOf(NY, 'VMNetwork2-NewYork', { after: '- name: VM3' }));
    });

    it('never publishes a stale version: a burst of edits publishes the last one only', async () => {
      const uri = uriFor('stale');
      await client.openAndWait(uri, NY);
      const before = client.published.length;
      let text = NY;
      const at = find(NY, 'cloud: GoldCloud1', { after: '- name: VM1' }) + 'cloud: GoldClou'.length;
      // Five quick edits: delete "d1" of VM1's cloud, then type it back wrong ("d7"), one character at a time.
      const steps: [number, number, string][] = [[at, at + 1, ''], [at, at + 1, ''], [at, at, 'd'], [at + 1, at + 1, '7'], [at + 2, at + 2, '']];
      let version = 1;
      const last = client.diagnostics(uri, (x) => x.version === 6);
      // Sent together, as the keys of a fast typist reach a busy server: it reads them all before analysing.
      const sent: Promise<void>[] = [];
      for (const [s, e, t] of steps) {
        version++;
        const range: Range = { start: positionAt(text, s), end: positionAt(text, e) };
        text = text.slice(0, s) + t + text.slice(e);
        sent.push(client.change(uri, version, [{ range, text: t }]));
      }
      await Promise.all(sent);
      const p = await last;
      await new Promise((r) => setTimeout(r, 300));
      const after = client.published.slice(before).filter((x) => x.uri === uri);
      assert.deepEqual(after.map((x) => x.version), [6], 'only the last version is published');
      assert.ok(text.includes('cloud: GoldCloud7'));
      const top011 = withCode(p, 'TOP011');
      assert.equal(top011.length, 1);
      assert.deepEqual(top011[0]!.range, rangeOf(text, 'GoldCloud7'));
    });

    it('clears the diagnostics of a closed document', async () => {
      const uri = uriFor('close');
      await client.openAndWait(uri, NY);
      const cleared = client.diagnostics(uri, (x) => x.diagnostics.length === 0);
      await client.close(uri);
      const p = await cleared;
      assert.equal(p.diagnostics.length, 0);
    });

    it('reports TOP001 for a syntax error without dying', async () => {
      const uri = uriFor('syntax');
      const p = await client.openAndWait(uri, example('diagnostics/syntax-error.topology.yaml'));
      assert.ok(codes(p).includes('TOP001'));
    });
  });

  describe('settings', () => {
    it('changes severities live, turns codes off, caps problems and disables validation', async () => {
      const uri = uriFor('settings');
      const first = await client.openAndWait(uri, EVERY);
      assert.equal(withCode(first, 'TOP020')[0]!.severity, 2);
      const asked = client.configurationRequests;

      client.settings = { diagnostics: { severity: { TOP020: 'error', TOP050: 'off' } } };
      let next = client.diagnostics(uri, (x) => withCode(x, 'TOP020')[0]?.severity === 1);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      let p = await next;
      assert.equal(withCode(p, 'TOP050').length, 0, 'TOP050 turned off');
      assert.ok(client.configurationRequests > asked, 'settings are pulled with workspace/configuration');

      client.settings = { diagnostics: { maxProblems: 3 } };
      next = client.diagnostics(uri, (x) => x.diagnostics.length === 3);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      p = await next;
      assert.equal(p.diagnostics.length, 3);

      client.settings = { validate: { enable: false } };
      next = client.diagnostics(uri, (x) => x.diagnostics.length === 0);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await next;

      client.settings = {};
      next = client.diagnostics(uri, (x) => withCode(x, 'TOP020')[0]?.severity === 2 && withCode(x, 'TOP050').length === 1);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await next;
    });
  });

  describe('hover', () => {
    const uri = uriFor('hover');
    before(async () => { await client.openAndWait(uri, NY); });

    it('on a VM name: per NIC, failover and failback, and the diagnostics there', async () => {
      const md = markdown(await hover(uri, NY, find(NY, 'VM3', { after: '- name: VM3', delta: 1 })));
      assert.match(md, /NIC 0/);
      assert.match(md, /NIC 1/);
      assert.match(md, /doesn't connect to any network/);
      assert.match(md, /connects to 'VMNetwork1-Chicago' \/ Subnet-A \(same subnet name\)/);
      assert.match(md, /\*\*Failback\*\*/);
      assert.match(md, /TOP020/);
    });

    it('on a NIC field: that NIC\'s landing, with the key\'s description from the schema', async () => {
      const md = markdown(await hover(uri, NY, find(NY, 'subnet: Subnet-A', { after: '- name: VM1', delta: 2 })));
      assert.match(md, /vms\.subnet/);
      assert.match(md, /VMNetwork1-Chicago/);
      assert.match(md, /stays on 'VMNetwork1-NewYork \/ Subnet-A'/);
      assert.match(md, /static IP pool or DHCP/);
    });

    it('on a VM network: site, VMM server, logical network, mappings, availability table and VMs', async () => {
      const md = markdown(await hover(uri, NY, find(NY, 'VMNetwork1-NewYork', { after: 'vmNetworks:', delta: 3 })));
      assert.match(md, /VMM server `VMM-NewYork`/);
      assert.match(md, /Logical network: `LogicalNetwork1-NewYork`/);
      assert.match(md, /\*\*Mapped to\*\*: `VMNetwork1-Chicago`/);
      assert.match(md, /\*\*Maps back\*\*: `VMNetwork1-Chicago` → `VMNetwork1-NewYork`/);
      assert.match(md, /\| Target network \| Protected cloud \| Protecting cloud \| Target network available \|/);
      assert.match(md, /\| VMNetwork1-Chicago \| GoldCloud1 \| GoldCloud2 \| Available \|/);
      assert.match(md, /VMs on it: 2 VMs \(`VM1`, `VM3`\)/);
    });

    it('on a mapping: the availability per pair and the VMs it moves', async () => {
      const md = markdown(await hover(uri, NY, find(NY, 'target: VMNetwork1-Chicago', { delta: 10 })));
      assert.match(md, /\*\*Network mapping\*\* `VMNetwork1-NewYork` → `VMNetwork1-Chicago`/);
      assert.match(md, /\| Protected cloud \| Protecting cloud \| Target network available \|/);
      assert.match(md, /\| SilverCloud1 \| SilverCloud2 \| Available \|/);
      assert.match(md, /\*\*Moves\*\*: 2 VMs/);
    });

    it('on a cloud and on a protection pair: partner, logical networks, counts, unmapped networks in use', async () => {
      const cloud = markdown(await hover(uri, NY, find(NY, 'SilverCloud1', { after: 'clouds:', delta: 2 })));
      assert.match(cloud, /Logical networks: `LogicalNetwork1-NewYork`/);
      assert.match(cloud, /protected by `SilverCloud2`/);
      assert.match(cloud, /Unmapped networks in use\*\*: `VMNetwork2-NewYork` \(1 VM\)/);
      const pair = markdown(await hover(uri, NY, find(NY, 'protecting: SilverCloud2', { delta: 3 })));
      assert.match(pair, /Protection pair\*\* SilverCloud1 → SilverCloud2/);
      assert.match(pair, /protects `SilverCloud1`/);
    });

    it('on a key: the schema\'s description', async () => {
      const md = markdown(await hover(uri, NY, find(NY, 'vmmServer', { delta: 2 })));
      assert.match(md, /sites\.vmmServer/);
      assert.match(md, /VMM/);
    });

    it('on an Azure target: the IP prediction', async () => {
      const az = uriFor('hover-azure');
      await client.openAndWait(az, AZURE);
      const md = markdown(await hover(az, AZURE, find(AZURE, '- name: sea-sql01', { delta: 9 })));
      assert.match(md, /targetIpAddress setting/);
    });

    it('right after an edit, before the new version is analysed: what the analysed version says', async () => {
      const az = uriFor('hover-after-edit');
      let text = AZURE;
      await client.openAndWait(az, text);
      // Rename a VM, give it the address of another VM, take a second VM's name, move it to Dallas.
      const steps: [string, string, string][] = [
        ['- name: sea-app02', 'sea-app02', 'sea-app02b'],
        ['- name: sea-app02b', '10.10.1.22', '10.10.1.21'],
        ['- name: sea-app02b', 'sea-app02b', 'sea-app01'],
        ['- name: dal-file01', 'Servers-DAL\n    subnet: Servers', 'Servers-DAL\n    subnet: Mgmt'],
      ];
      let version = 1;
      for (const [vm, from, to] of steps) {
        const at = find(text, from, { after: vm });
        const range: Range = { start: positionAt(text, at), end: positionAt(text, at + from.length) };
        text = text.slice(0, at) + to + text.slice(at + from.length);
        version++;
        const analysed = client.diagnostics(az, (x) => x.version === version);
        await client.change(az, version, [{ range, text: to }]);
        const offsets = [at + to.length - 1, text.indexOf('ipAddress', text.lastIndexOf('- name:', at)) + 2];
        const quick = await Promise.all(offsets.map((o) => hover(az, text, o)));
        await analysed;
        const full = await Promise.all(offsets.map((o) => hover(az, text, o)));
        assert.deepEqual(quick, full, `after changing ${from} to ${to}`);
        assert.match(markdown(quick[0]!), /\*\*Failover\*\*/);
      }
      assert.match(markdown(await hover(az, text, find(text, 'name: sea-app01', { nth: 1, delta: 7 }))), /TOP010/);
    });
  });

  describe('completion', () => {
    const complete = async (text: string, offset: number): Promise<CompletionItem[]> => {
      const uri = uriFor('completion');
      await client.openAndWait(uri, text);
      return sorted(items(await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) })));
    };

    it('offers VM networks (not Azure ones) after an empty `network: `', async () => {
      const text = NY.replace('    network: VMNetwork1-NewYork\n    subnet: Subnet-A\n    ipAddress: 10.1.0.5\n', '    network: \n');
      const labels = (await complete(text, find(text, 'network: \n', { after: '- name: VM1', delta: 9 }))).map((i) => i.label);
      assert.deepEqual(labels.sort(), ['VMNetwork1-Chicago', 'VMNetwork1-NewYork', 'VMNetwork2-Chicago', 'VMNetwork2-NewYork']);
    });

    it('right after typing, before the new version is analysed: what the analysed version offers', async () => {
      const uri = uriFor('complete-after-edit');
      let text = AZURE;
      await client.openAndWait(uri, text);
      // Clear a VM's network and type a new one a character at a time; a key on a new line; a subnet.
      const at = find(text, 'network: Servers-SEA', { after: '- name: sea-app01' }) + 'network: '.length;
      const line = find(text, '\n', { after: '- name: sea-app02' }) + 1;
      // [from, to, text typed, where the cursor is then]
      const steps: [number, number, string, number][] = [
        [at, at + 'Servers-SEA'.length, '', at], [at, at, 'S', at + 1], [at + 1, at + 1, 'e', at + 2], [line, line, '    \n', line + 4],
      ];
      let version = 1;
      const ask = (offset: number): Promise<CompletionItem[]> =>
        client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) }).then(items);
      for (const [s, e, t, cursor] of steps) {
        const range: Range = { start: positionAt(text, s), end: positionAt(text, e) };
        text = text.slice(0, s) + t + text.slice(e);
        version++;
        const analysed = client.diagnostics(uri, (x) => x.version === version);
        await client.change(uri, version, [{ range, text: t }]);
        const quick = await ask(cursor);
        await analysed;
        const full = await ask(cursor);
        assert.deepEqual(sorted(quick), sorted(full), `after typing ${JSON.stringify(t)}`);
        assert.ok(quick.length > 0, `something offered after typing ${JSON.stringify(t)}`);
      }
    });

    it('offers the keys a VM lacks, from the schema', async () => {
      const text = NY.replace('  - name: VM1\n    cloud: GoldCloud1\n', '  - name: VM1\n    \n');
      const list = await complete(text, find(text, '  - name: VM1\n    ', { delta: '  - name: VM1\n    '.length }));
      const labels = list.map((i) => i.label);
      assert.ok(labels.includes('cloud'), labels.join(','));
      assert.ok(!labels.includes('name') && !labels.includes('network') && !labels.includes('nics'), labels.join(','));
    });

    it('offers for a mapping target the targets available to the pairs that use the source first', async () => {
      const text = NY.replace('  - source: VMNetwork1-Chicago        # the way back: used on failback\n    target: VMNetwork1-NewYork\n',
        '  - source: VMNetwork2-NewYork\n    target: \n');
      const list = await complete(text, find(text, 'target: \n', { after: 'source: VMNetwork2-NewYork', delta: 8 }));
      assert.equal(list[0]!.label, 'VMNetwork1-Chicago', 'available to both pairs');
      assert.match(list[0]!.detail ?? '', /available to GoldCloud1 → GoldCloud2, SilverCloud1 → SilverCloud2/);
      const chicago2 = list.find((i) => i.label === 'VMNetwork2-Chicago');
      assert.ok(chicago2, 'VMNetwork2-Chicago offered');
      assert.ok(list.indexOf(chicago2) > 0);
    });

    it('offers the subnets of the NIC\'s network, and the logical networks of the VMM server', async () => {
      const text = NY.replace('        subnet: Subnet-A\n', '        subnet: \n');
      let list = await complete(text, find(text, 'subnet: \n', { after: '- name: VM3', delta: 8 }));
      assert.deepEqual(list.map((i) => i.label), ['Subnet-A']);
      const t2 = NY.replace('logicalNetworks: [LogicalNetwork1-Chicago]', 'logicalNetworks: [');
      list = await complete(t2, find(t2, 'logicalNetworks: [\n', { delta: 'logicalNetworks: ['.length }));
      assert.deepEqual(list.map((i) => i.label).sort(), ['LogicalNetwork1-Chicago', 'LogicalNetwork2Chicago']);
    });

    it('offers clouds for `cloud` and a snippet for a new VM', async () => {
      const text = `${NY}  - name: VM9\n    cloud: \n`;
      let list = await complete(text, text.length - 1);
      assert.deepEqual(list.map((i) => i.label).sort(), ['GoldCloud1', 'GoldCloud2', 'SilverCloud1', 'SilverCloud2']);
      const t2 = `${NY}  - \n`;
      list = await complete(t2, t2.length - 1);
      const snippet = list.find((i) => i.label === 'new VM');
      assert.ok(snippet, list.map((i) => i.label).join(','));
      assert.equal(snippet.insertTextFormat, 2);
    });
  });

  describe('navigation and rename', () => {
    const uri = uriFor('nav');
    before(async () => { await client.openAndWait(uri, NY); });
    const at = (offset: number): { textDocument: { uri: string }; position: ReturnType<typeof positionAt> } =>
      ({ textDocument: { uri }, position: positionAt(NY, offset) });

    it('goes to the definition of a cloud from a VM', async () => {
      const loc = await client.request<Location | null>('textDocument/definition', at(find(NY, 'cloud: GoldCloud1', { delta: 9 })));
      assert.ok(loc);
      assert.deepEqual(loc.range, rangeOf(NY, 'GoldCloud1', { after: 'clouds:' }));
    });

    it('finds references, with and without the declaration', async () => {
      const pos = at(find(NY, 'VMNetwork1-NewYork', { after: 'vmNetworks:', delta: 1 }));
      const withDecl = await client.request<Location[]>('textDocument/references', { ...pos, context: { includeDeclaration: true } });
      const without = await client.request<Location[]>('textDocument/references', { ...pos, context: { includeDeclaration: false } });
      // Defined once; referenced by two mappings and two NICs.
      assert.equal(withDecl.length, 5);
      assert.equal(without.length, 4);
      const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', pos);
      assert.equal(highlights.length, 5);
    });

    it('renames a cloud everywhere, and refuses a name already taken', async () => {
      const pos = at(find(NY, 'GoldCloud1', { after: 'protection:', delta: 1 }));
      const prep = await client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', pos);
      assert.equal(prep?.placeholder, 'GoldCloud1');
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...pos, newName: 'Gold Cloud NY' });
      const edits = edit.changes?.[uri] ?? [];
      assert.equal(edits.length, 3);
      const renamed = applyEdits(NY, edits);
      assert.ok(!renamed.replace(/#.*$/gm, '').includes('GoldCloud1'), 'no value names GoldCloud1 any more');
      assert.ok(renamed.includes('to GoldCloud1 -> GoldCloud2'), 'comments are not touched');
      assert.ok(renamed.includes('cloud: Gold Cloud NY'));
      const u2 = uriFor('renamed');
      const p = await client.openAndWait(u2, renamed);
      assert.deepEqual(codes(p), ['TOP020'], 'the renamed file analyses as before');

      await assert.rejects(
        client.request('textDocument/rename', { ...pos, newName: 'SilverCloud1' }),
        (err: Error) => /already a cloud named 'SilverCloud1'/.test(err.message),
      );
    });

    it('outlines sites › VMM server, logical networks, VM networks, clouds; pairs, mappings, VMs', async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(symbols.map((s) => s.name), ['New York', 'Chicago', 'Azure virtual networks', 'Protection', 'Network mappings', 'VMs']);
      assert.deepEqual(symbols[0]!.children?.map((s) => s.name), ['VMM-NewYork', 'LogicalNetwork1-NewYork', 'VMNetwork1-NewYork', 'VMNetwork2-NewYork', 'GoldCloud1', 'SilverCloud1']);
      assert.deepEqual(symbols[5]!.children?.map((s) => s.name), ['VM1', 'VM3']);
      assert.deepEqual(symbols[5]!.children?.[1]!.children?.map((s) => s.name), ['NIC 0', 'NIC 1']);
    });
  });

  describe('quick fixes', () => {
    /** Opens the text, applies the preferred fix for `code`, and returns the new text and its diagnostics. */
    const fix = async (text: string, code: string, pick?: (a: CodeAction) => boolean): Promise<{ actions: CodeAction[]; text: string; after: PublishDiagnosticsParams }> => {
      const uri = uriFor(`fix-${code}`);
      const p = await client.openAndWait(uri, text);
      const d = withCode(p, code)[0];
      assert.ok(d, `${code} expected`);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const chosen = actions.find(pick ?? ((a) => a.isPreferred === true));
      assert.ok(chosen, `a fix for ${code}`);
      assert.equal(chosen.kind, 'quickfix');
      assert.deepEqual(chosen.diagnostics?.map((x) => x.code), [code]);
      const next = applyEdits(text, chosen.edit?.changes?.[uri] ?? []);
      const got = client.diagnostics(uri, (x) => x.version === 2);
      await client.change(uri, 2, [{ text: next }]);
      return { actions, text: next, after: await got };
    };

    it('TOP020: offers the targets available to the pair and adds the mapping, keeping comments', async () => {
      const r = await fix(NY, 'TOP020');
      // VM3 is in SilverCloud1 → SilverCloud2: VMNetwork2-Chicago is not available there (the article's table).
      assert.deepEqual(r.actions.map((a) => a.title), ['Add a mapping VMNetwork2-NewYork → VMNetwork1-Chicago']);
      assert.ok(r.text.includes('  - source: VMNetwork1-Chicago        # the way back: used on failback\n    target: VMNetwork1-NewYork\n  - source: VMNetwork2-NewYork\n    target: VMNetwork1-Chicago\n'), r.text);
      assert.ok(r.text.includes("# The article's network mappings"));
      assert.ok(!codes(r.after).includes('TOP020'), codes(r.after).join(','));
    });

    it('TOP020 with no networkMappings key: creates it before vms', async () => {
      const text = NY.replace(/# The article's network mappings[\s\S]*?(?=\nvms:)/, '');
      const r = await fix(text, 'TOP020');
      // VM1's pair GoldCloud1 → GoldCloud2 can use both Chicago networks; the closest name is preferred.
      assert.deepEqual(r.actions.map((a) => [a.title, a.isPreferred]), [
        ['Add a mapping VMNetwork1-NewYork → VMNetwork1-Chicago', true],
        ['Add a mapping VMNetwork1-NewYork → VMNetwork2-Chicago', false],
      ]);
      const at = r.text.indexOf('networkMappings:\n  - source: VMNetwork1-NewYork\n    target: VMNetwork1-Chicago\n');
      assert.ok(at > 0 && at < r.text.indexOf('\nvms:'), r.text);
      assert.ok(!withCode(r.after, 'TOP020').some((d) => d.range.start.line === positionAt(r.text, find(r.text, 'VMNetwork1-NewYork', { after: '- name: VM1' })).line));
    });

    it('TOP040: adds the reverse mapping', async () => {
      const text = NY.replace('  - source: VMNetwork1-Chicago        # the way back: used on failback\n    target: VMNetwork1-NewYork\n', '');
      const r = await fix(text, 'TOP040');
      assert.equal(r.actions.find((a) => a.isPreferred)?.title, 'Add the reverse mapping VMNetwork1-Chicago → VMNetwork1-NewYork');
      assert.ok(!codes(r.after).includes('TOP040'));
      assert.ok(r.text.includes('# The article\'s network mappings'));
    });

    it('TOP011: did you mean, and TOP002 unknown key', async () => {
      const text = NY.replace('    cloud: GoldCloud1\n', '    cloud: GoldClod1   # typo\n');
      let r = await fix(text, 'TOP011');
      assert.equal(r.actions[0]!.title, "Change to 'GoldCloud1'");
      assert.ok(!codes(r.after).includes('TOP011'));
      assert.ok(r.text.includes('cloud: GoldCloud1   # typo'));
      const t2 = NY.replace('    vmmServer: VMM-Chicago', '    vmmServr: VMM-Chicago');
      r = await fix(t2, 'TOP002');
      assert.ok(r.text.includes('    vmmServer: VMM-Chicago'));
      assert.ok(!codes(r.after).includes('TOP002'));
    });
  });

  describe('asrTopology/landings', () => {
    it('answers the spec §5 rows, the mapping table and the availability rows', async () => {
      const uri = uriFor('landings');
      await client.openAndWait(uri, NY);
      const r = await client.send(LandingsRequest, { uri });
      assert.equal(r.version, 1);
      assert.equal(r.landings.length, 3);
      const vm1 = r.landings[0]!;
      assert.deepEqual(Object.keys(vm1), ['vm', 'nic', 'cloud', 'network', 'subnet', 'failover', 'failback']);
      assert.deepEqual(vm1.failover, { status: 'connected', reason: null, cloud: 'GoldCloud2', azure: false, network: 'VMNetwork1-Chicago', subnet: 'Subnet-A', subnetRule: 'name-match', ipAddress: null });
      assert.deepEqual(vm1.failback, { status: 'connected', network: 'VMNetwork1-NewYork', subnet: 'Subnet-A' });
      assert.deepEqual(r.landings[1]!.failover.reason, 'unmapped');
      assert.deepEqual(r.mappings.map((m) => [m.location, m.vmmServer, m.vmNetwork, m.mappedTo]), [
        ['New York', 'VMM-NewYork', 'VMNetwork1-NewYork', 'VMNetwork1-Chicago'],
        ['New York', 'VMM-NewYork', 'VMNetwork2-NewYork', null],
        ['Chicago', 'VMM-Chicago', 'VMNetwork1-Chicago', 'VMNetwork1-NewYork'],
        ['Chicago', 'VMM-Chicago', 'VMNetwork2-Chicago', null],
      ]);
      assert.deepEqual(r.availability.map((a) => `${a.target} ${a.protectedCloud}→${a.protectingCloud ?? ''} ${a.available}`), [
        'VMNetwork1-Chicago GoldCloud1→GoldCloud2 true',
        'VMNetwork1-Chicago SilverCloud1→SilverCloud2 true',
      ]);
    });

    it('answers asrTopology/summary with the status bar\'s five counts', async () => {
      const uri = uriFor('summary');
      await client.openAndWait(uri, NY);
      const r = await client.send(SummaryRequest, { uri });
      assert.ok(isReplicaSummary(r));
      // VM1 connects; VM3's NIC 0 doesn't (unmapped) and so its original disconnects on failback.
      assert.deepEqual(r, { nics: 3, protectedNics: 3, connected: 2, notConnected: 1, failbackDisconnected: 1 });
      await client.close(uri);
    });

    it('reads a file that is not open from disk', async () => {
      const uri = pathToFileURL(path.join(ROOT, 'examples', 'azure.topology.yaml')).href;
      const r = await client.send(LandingsRequest, { uri });
      assert.equal(r.version, null);
      assert.ok(r.landings.some((l) => l.failover.azure && l.failover.ipAddress !== null));
    });

    it('reads a file that is not open as the CLI does: bytes that are not UTF-8 are not guessed at', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'asr-unopened-'));
      try {
        const text = readFileSync(path.join(ROOT, 'examples', 'new-york-chicago.topology.yaml'));
        const good = path.join(dir, 'good.topology.yaml');
        const bad = path.join(dir, 'bad.topology.yaml');
        writeFileSync(good, text);
        // A Latin-1 'é' (0xE9) in a comment: not UTF-8.
        writeFileSync(bad, Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n'), text]));
        const ok = await client.send(LandingsRequest, { uri: pathToFileURL(good).href });
        assert.equal(ok.landings.length, 3);
        const refused = await client.send(LandingsRequest, { uri: pathToFileURL(bad).href });
        assert.deepEqual(refused.landings, [], 'nothing read from a file that is not UTF-8 (the CLI reports TOP001 for it)');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('language server robustness and transports', function () {
  this.timeout(30000);

  it('survives a throwing handler: logs it, answers empty, keeps serving', async () => {
    const client = await LspClient.start({ env: { ASR_TOPOLOGY_FAULT: 'hover' } });
    try {
      const uri = uriFor('fault');
      await client.openAndWait(uri, NY);
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(NY, find(NY, 'VM1', { after: '- name: VM1' })) });
      assert.equal(h, null);
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(client.logs.some((l) => l.includes('injected fault in hover')), client.logs.join('\n'));
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(symbols.length > 0);
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
  });

  it('gives its diagnostics to a client that pulls them (textDocument/diagnostic), and pushes none to it', async () => {
    const client = await LspClient.start({ pullDiagnostics: true });
    try {
      const caps = (client.initializeResult as { capabilities?: { diagnosticProvider?: unknown } }).capabilities;
      assert.ok(caps?.diagnosticProvider, 'the server says it answers textDocument/diagnostic');
      const uri = uriFor('pulled');
      await client.open(uri, NY);
      const pull = (previousResultId?: string): Promise<{ kind: string; resultId?: string; items?: Diagnostic[] }> =>
        client.request('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
      const first = await pull();
      assert.equal(first.kind, 'full');
      assert.deepEqual(first.items?.map((d) => d.code), ['TOP020']);
      assert.ok(first.resultId);
      assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId }, 'the same version: unchanged');
      const at = find(NY, 'GoldCloud1', { after: '- name: VM1' });
      await client.change(uri, 2, [{ range: { start: positionAt(NY, at), end: positionAt(NY, at + 'GoldCloud1'.length) }, text: 'GoldClod1' }]);
      const second = await pull(first.resultId);
      assert.equal(second.kind, 'full');
      assert.ok(second.items?.some((d) => d.code === 'TOP011' && (typeof d.message === 'string' ? d.message : d.message.value).includes('GoldClod1')), JSON.stringify(second.items));
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(client.published.filter((x) => x.uri === uri), [], 'nothing is pushed to a client that pulls');
    } finally {
      await client.stop();
    }
  });

  it('works over --node-ipc, and with pushed settings when the client can\'t be asked', async () => {
    const client = await LspClient.start({ transport: 'ipc', pull: false });
    try {
      const uri = uriFor('ipc');
      const p = await client.openAndWait(uri, NY);
      assert.deepEqual(codes(p), ['TOP020']);
      const next = client.diagnostics(uri, (x) => withCode(x, 'TOP020')[0]?.severity === 4);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { asrTopology: { diagnostics: { severity: { TOP020: 'hint' } } } } });
      await next;
      assert.equal(client.configurationRequests, 0);
    } finally {
      await client.stop();
    }
  });
});
