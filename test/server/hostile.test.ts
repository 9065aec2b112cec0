/**
 * The hostile corpus (test/hostile-corpus.ts) through the real language server: each input is
 * opened (didOpen, text decoded as an editor would), its diagnostics are published within a
 * time bound with the expected TOP001/TOP002, and afterwards the same server still answers a
 * hover and analyses a new, ordinary document. One server for the whole corpus: a hostile
 * file must not leave it broken for the next one.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspClient, ROOT } from './client';
import { committed, GENERATED, meets, type HostileInput } from '../hostile-corpus';

/** From didOpen to published diagnostics; generous for 2 slow cores (the largest takes about 3 s). */
const BOUND_MS = 20_000;
const NY = readFileSync(path.join(ROOT, 'examples', 'new-york-chicago.topology.yaml'), 'utf8');

let counter = 0;
const uriFor = (name: string): string =>
  pathToFileURL(path.join(ROOT, 'test', 'fixtures', 'server', `hostile-${++counter}-${name.replace(/[^\w.-]+/g, '_')}.topology.yaml`)).href;

/** The text an editor shows for these bytes: UTF-8, invalid bytes as U+FFFD, a BOM dropped. */
function editorText(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
}

describe('the language server on hostile input', function () {
  this.timeout(BOUND_MS * 2 + 10_000);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ settings: {} });
  });
  after(async () => {
    await client.stop();
  });

  const check = async (input: HostileInput): Promise<void> => {
    const text = editorText(input.bytes());
    const uri = uriFor(input.name);
    const t0 = Date.now();
    const p = await client.openAndWait(uri, text);
    const ms = Date.now() - t0;
    assert.ok(ms < BOUND_MS, `${input.name}: diagnostics after ${ms} ms`);
    const codes = p.diagnostics.map((d) => String(d.code));
    // Bytes that are not UTF-8 are the editor's to decode: the server sees U+FFFD and says what it says of that.
    if (!input.notUtf8) {
      assert.ok(meets(input.expect, codes), `${input.name}: expected ${input.expect}, got ${[...new Set(codes)].join(', ') || 'nothing'}`);
    }
    for (const d of p.diagnostics) {
      const message: unknown = d.message;
      assert.ok(typeof message === 'string' && message.trim().length > 0 && message.length < 2000, `${input.name}: a short, clear message`);
    }
    // Still answering on this document...
    await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    await client.close(uri);
    // ...and on a new, ordinary one.
    const fresh = uriFor('after');
    const q = await client.openAndWait(fresh, NY);
    assert.deepEqual(q.diagnostics.map((d) => d.code), ['TOP020'], `${input.name}: the next document is analysed as usual`);
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: fresh }, position: { line: NY.split('\n').findIndex((l) => l.includes('- name: VM1')), character: 12 } });
    assert.ok(h, `${input.name}: hover still answers`);
    await client.close(fresh);
    assert.ok(client.alive, `${input.name}: the server is alive`);
  };

  describe('committed files (test/fixtures/bad, test/fixtures/hostile)', () => {
    for (const input of committed()) it(input.name, () => check(input));
  });

  describe('large inputs generated at test time', () => {
    for (const input of GENERATED) it(input.name, () => check(input));
  });

  describe('afterwards', () => {
    it('logged no uncaught error', () => {
      assert.deepEqual(client.logs.filter((l) => /uncaught|unhandled/i.test(l)), []);
    });
  });
});
