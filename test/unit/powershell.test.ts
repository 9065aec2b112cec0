/**
 * The PowerShell this project ships (scripts/collect-vmm.ps1) and writes (apply-script)
 * parses, and no name from a plan can become code. PowerShell itself can't run here; its
 * grammar can: tree-sitter-powershell's .wasm through web-tree-sitter.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { analyze } from '../../src/core/analysis';
import { applyScript, importEstate, psLiteral, type EstateInput } from '../../src/core/estate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
let parser: Parser;

function parse(script: string): Node {
  const tree = parser.parse(script);
  assert.ok(tree, 'parsed');
  return tree.rootNode;
}

/** ERROR and MISSING nodes, with where they are. */
function problems(root: Node, text: string): string[] {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.isError || n.isMissing) out.push(`${n.isError ? 'ERROR' : `MISSING ${n.type}`} at line ${n.startPosition.row + 1}: ${text.slice(n.startIndex, n.startIndex + 60)}`);
    for (const c of n.children) if (c) walk(c);
  };
  walk(root);
  return out;
}

/** The script's shape: every node's type, string literals taken as one leaf (what they hold is data). */
function shape(root: Node): string {
  const out: string[] = [];
  const walk = (n: Node): void => {
    out.push(n.type);
    if (n.type === 'string_literal') return;
    for (const c of n.children) if (c) walk(c);
  };
  walk(root);
  return out.join(' ');
}

function verbatimStrings(root: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'string_literal' && n.text.startsWith("'")) out.push(n.text);
    for (const c of n.children) if (c) walk(c);
  };
  walk(root);
  return out;
}

const HOSTILE = [
  "it's", '$(Remove-Item C:\\ -Recurse)', '`$env:PATH`', 'a; Stop-Computer', 'line\nbreak', '‘curly’ ‚low‛', '"double"', '@(1,2)', '# not a comment', '$x', "'; Remove-Item *; '",
];

/** A VMM-to-VMM plan whose names are `names` (a source network, a target network, two servers), as import writes it. */
function planWith(source: string, target: string, serverA: string, serverB: string): string {
  const vmm = (server: string, network: string, cloud: string): EstateInput => ({
    name: `${cloud}.json`, kind: 'vmm',
    bytes: new TextEncoder().encode(JSON.stringify({ VMMServer: server, LogicalNetworks: [{ Name: 'LN' }], VMNetworks: [{ Name: network, LogicalNetwork: 'LN' }], Clouds: [{ Name: cloud, LogicalNetworks: ['LN'] }], VMs: [] })),
  });
  return importEstate([vmm(serverA, source, 'CA'), vmm(serverB, target, 'CB')]).text
    + `protection:\n  - { protected: CA, protecting: CB }\nnetworkMappings:\n  - source: ${JSON.stringify(source)}\n    target: ${JSON.stringify(target)}\n`;
}

describe('PowerShell, parsed by its grammar (tree-sitter-powershell)', function () {
  this.timeout(60_000);
  before(async () => {
    await Parser.init();
    const lang = await Language.load(path.join(ROOT, 'node_modules', 'tree-sitter-powershell', 'tree-sitter-powershell.wasm'));
    parser = new Parser();
    parser.setLanguage(lang);
  });

  it('the parser finds errors (so that a clean parse means something)', () => {
    const text = "Write-Host 'unterminated\n$x = @{ A = 1\n";
    assert.ok(problems(parse(text), text).length > 0);
  });

  it('scripts/collect-vmm.ps1 parses without an error', () => {
    const text = readFileSync(path.join(ROOT, 'scripts', 'collect-vmm.ps1'), 'utf8');
    assert.deepEqual(problems(parse(text), text), []);
  });

  it('the apply-script of the examples parses without an error', () => {
    for (const example of ['new-york-chicago.topology.yaml', 'azure.topology.yaml']) {
      const script = applyScript(analyze(readFileSync(path.join(ROOT, 'examples', example), 'utf8')), []);
      assert.ok(script.includes('New-AzRecoveryServicesAsrNetworkMapping'));
      assert.deepEqual(problems(parse(script), script), [], example);
    }
  });

  it('names with quotes, $( ), backticks, ; and line breaks stay inert single-quoted literals', () => {
    const benign = applyScript(analyze(planWith('NetA', 'NetB', 'VMM-A', 'VMM-B')), []);
    const benignShape = shape(parse(benign));
    for (const name of HOSTILE) {
      const plan = planWith(`${name} src`, `${name} dst`, `${name} A`, `${name} B`);
      const a = analyze(plan);
      assert.equal(a.model.mappings[0]?.source?.value, `${name} src`, 'the plan reads the name back');
      const script = applyScript(a, []);
      const root = parse(script);
      assert.deepEqual(problems(root, script), [], name);
      // The same program as with plain names: the name changed data, never code.
      assert.equal(shape(root), benignShape, `the script's structure changed with the name ${JSON.stringify(name)}`);
      const literals = verbatimStrings(root);
      for (const n of [`${name} src`, `${name} dst`, `${name} A`, `${name} B`]) {
        assert.ok(literals.includes(psLiteral(n)), `${JSON.stringify(n)} is not one single-quoted literal`);
      }
    }
  });
});
