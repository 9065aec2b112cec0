import * as assert from 'node:assert/strict';
import { helpText, parseArgs } from '../../src/cli/args';

describe('cli arguments', () => {
  it('check: files and the default format', () => {
    assert.deepEqual(parseArgs(['check', 'a.topology.yaml', 'b.topology.yaml']), {
      kind: 'check',
      files: ['a.topology.yaml', 'b.topology.yaml'],
      format: 'text',
    });
  });

  it('check: --format VALUE and --format=VALUE, anywhere after the command', () => {
    assert.deepEqual(parseArgs(['check', '--format', 'json', 'a.yaml']), { kind: 'check', files: ['a.yaml'], format: 'json' });
    assert.deepEqual(parseArgs(['check', 'a.yaml', '--format=sarif']), { kind: 'check', files: ['a.yaml'], format: 'sarif' });
  });

  it('landings: one file, table by default', () => {
    assert.deepEqual(parseArgs(['landings', 'x.yaml']), { kind: 'landings', file: 'x.yaml', format: 'table' });
    for (const f of ['table', 'json', 'markdown', 'csv']) {
      assert.deepEqual(parseArgs(['landings', 'x.yaml', '--format', f]), { kind: 'landings', file: 'x.yaml', format: f });
    }
  });

  it('-- ends the options: a file may start with a dash', () => {
    assert.deepEqual(parseArgs(['check', '--', '-odd.yaml', '--format']), { kind: 'check', files: ['-odd.yaml', '--format'], format: 'text' });
  });

  it('--help, -h and --version', () => {
    assert.equal(parseArgs(['--help']).kind, 'help');
    assert.equal(parseArgs(['-h']).kind, 'help');
    assert.equal(parseArgs(['check', 'a.yaml', '--help']).kind, 'help');
    assert.equal(parseArgs(['--version']).kind, 'version');
    assert.equal(parseArgs(['check', '--', '--help']).kind, 'check');
  });

  const usageErrors: [string[], RegExp][] = [
    [[], /missing command/],
    [['lint', 'a.yaml'], /unknown command 'lint'/],
    [['--verbose'], /unknown option '--verbose'/],
    [['check'], /no files given/],
    [['check', 'a.yaml', '--quiet'], /unknown option '--quiet'/],
    [['check', 'a.yaml', '-'], /unknown option '-'/],
    [['check', 'a.yaml', '--format'], /--format needs a value/],
    [['check', 'a.yaml', '--format', 'xml'], /unknown format 'xml'/],
    [['check', 'a.yaml', '--format', 'csv'], /unknown format 'csv'/],
    [['check', 'a.yaml', '--format=json', '--format=text'], /more than once/],
    [['landings'], /no file given/],
    [['landings', 'a.yaml', 'b.yaml'], /exactly one file/],
    [['landings', 'a.yaml', '--format', 'sarif'], /unknown format 'sarif'/],
    [['--version', 'check'], /--version takes no other arguments/],
  ];
  for (const [argv, message] of usageErrors) {
    it(`usage error: ${JSON.stringify(argv)}`, () => {
      const c = parseArgs(argv);
      assert.equal(c.kind, 'usage-error');
      assert.match((c as { message: string }).message, message);
      assert.doesNotMatch((c as { message: string }).message, /\n/);
    });
  }

  it('the help names both commands, every format and the 1-based columns', () => {
    const h = helpText('9.9.9');
    for (const word of ['check FILE...', 'landings FILE', 'text', 'json', 'sarif', 'table', 'markdown', 'csv', '1-based', '0-based', '9.9.9']) {
      assert.ok(h.includes(word), word);
    }
  });
});
