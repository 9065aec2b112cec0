/**
 * The TextMate grammar, tokenized by the vscode-textmate and vscode-oniguruma that ship
 * inside code-server (the very engine VS Code uses).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { uiContext } from '../context';

interface Token { startIndex: number; endIndex: number; scopes: string[] }
interface Grammar { tokenizeLine(line: string, state: unknown): { tokens: Token[]; ruleStack: unknown } }
interface TextMate {
  INITIAL: unknown;
  Registry: new (options: unknown) => { loadGrammar(scope: string): Promise<Grammar | null> };
  parseRawGrammar(content: string, file: string): unknown;
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (s: string) => unknown;
}

let grammar: Grammar;
let initial: unknown;
/** Loads a CommonJS module of code-server's by absolute path. */
const load = createRequire(__filename);

/** [text, scopes] of every non-blank token of `text`. */
function tokenize(text: string): [string, string][] {
  let state = initial;
  const out: [string, string][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    for (const t of r.tokens) {
      const s = line.slice(t.startIndex, t.endIndex);
      if (s.trim()) out.push([s, t.scopes.slice(1).join(' ')]);
    }
  }
  return out;
}

function scopeOf(text: string, token: string): string {
  const t = tokenize(text).find(([s]) => s === token);
  assert.ok(t, `no token "${token}" in ${JSON.stringify(tokenize(text))}`);
  return t[1];
}

describe('TextMate grammar (VS Code\'s own tokenizer)', () => {
  before(async () => {
    const modules = path.join(uiContext().codeServerDir, 'lib/vscode/node_modules');
    const tm = load(path.join(modules, 'vscode-textmate')) as TextMate;
    initial = tm.INITIAL;
    const onig = load(path.join(modules, 'vscode-oniguruma')) as Oniguruma;
    const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma/release/onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const file = path.join(uiContext().root, 'syntaxes/asr-topology.tmLanguage.json');
    const registry = new tm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p: string[]) => new onig.OnigScanner(p),
        createOnigString: (s: string) => new onig.OnigString(s),
      }),
      loadGrammar: () => Promise.resolve(tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file)),
    });
    const g = await registry.loadGrammar('source.asr-topology');
    assert.ok(g);
    grammar = g;
  });

  it('scopes topology keys apart from unknown keys', () => {
    assert.match(scopeOf('networkMappings:', 'networkMappings'), /support\.type\.property-name\.topology/);
    assert.match(scopeOf('    vmmServer: VMM-1', 'vmmServer'), /support\.type\.property-name\.topology/);
    assert.match(scopeOf('    notAKey: 1', 'notAKey'), /entity\.name\.tag\.key/);
  });

  it('scopes the values of network:, cloud:, source:, target: as references', () => {
    for (const line of ['    network: VMNetwork1-NewYork', '  - cloud: VMNetwork1-NewYork', '  - source: VMNetwork1-NewYork',
      '    target: VMNetwork1-NewYork', '      - network: VMNetwork1-NewYork   # comment']) {
      assert.match(scopeOf(line, 'VMNetwork1-NewYork'), /variable\.other\.reference/, line);
    }
    assert.match(scopeOf('        logicalNetworks: [LN-1, "LN 2"]', '"LN 2"'), /variable\.other\.reference/);
  });

  it('scopes names with spaces as definitions', () => {
    assert.match(scopeOf('  - name: New York', 'New York'), /entity\.name\.type\.definition/);
  });

  it('scopes YAML: comments, numbers, booleans, null, addresses, quoted strings', () => {
    const text = 'version: 1 # the format\ngateway: true\nreplica: { network: null }\nipAddress: 10.1.0.5\naddressPrefix: 10.1.0.0/24\nx: \'it\'\'s\'\ny: "a\\tb"';
    assert.match(scopeOf(text, ' the format'), /comment\.line\.number-sign/);
    assert.match(scopeOf(text, '1'), /constant\.numeric/);
    assert.match(scopeOf(text, 'true'), /constant\.language\.boolean/);
    assert.match(scopeOf(text, 'null'), /constant\.language\.null/);
    assert.match(scopeOf(text, '10.1.0.5'), /constant\.numeric\.ip-address/);
    assert.match(scopeOf(text, '10.1.0.0/24'), /constant\.numeric\.ip-address/);
    assert.match(scopeOf(text, "''"), /string\.quoted\.single.* constant\.character\.escape/);
    assert.match(scopeOf(text, '\\t'), /string\.quoted\.double.* constant\.character\.escape/);
  });

  it('keeps "#" inside a value and ends a block scalar at the dedent', () => {
    assert.match(scopeOf('vmmServer: VMM#1', 'VMM#1'), /string\.unquoted\.plain/);
    const text = 'notes: |\n  cloud: not a key\nvms:';
    assert.match(scopeOf(text, '  cloud: not a key'), /string\.unquoted\.block/);
    assert.match(scopeOf(text, 'vms'), /support\.type\.property-name\.topology/);
  });
});
