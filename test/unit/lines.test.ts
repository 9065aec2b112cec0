/** One way to split lines: `LineIndex`, used by the analysis, the CLI and the text-only YAML reader. */
import * as assert from 'node:assert/strict';
import { LineIndex, yamlContextAt } from '../../src/core/yaml';

describe('lines: \\n, \\r\\n and a lone \\r each end a line', () => {
  const lf = 'sites:\n  - name: NY\n    vmm: \n';
  const variants = { lf, crlf: lf.replace(/\n/g, '\r\n'), cr: lf.replace(/\n/g, '\r') };

  it('LineIndex: the same lines, starts and ends in every style', () => {
    for (const [style, text] of Object.entries(variants)) {
      const lines = new LineIndex(text);
      assert.equal(lines.lineCount, 4, style);
      const texts = [0, 1, 2].map((i) => text.slice(lines.lineStart(i), lines.lineEnd(i)));
      assert.deepEqual(texts, ['sites:', '  - name: NY', '    vmm: '], style);
      assert.deepEqual(lines.positionAt(text.indexOf('vmm')), { line: 2, character: 4 }, style);
      assert.equal(lines.offsetAt({ line: 1, character: 99 }), lines.lineEnd(1), style);
    }
  });

  it('the YAML context at the cursor reads a lone \\r as a line break too', () => {
    const expected = yamlContextAt(lf, lf.indexOf('vmm: ') + 5);
    assert.deepEqual(expected.path, ['sites', 0, 'vmm']);
    for (const [style, text] of Object.entries(variants)) {
      const got = yamlContextAt(text, text.indexOf('vmm: ') + 5);
      assert.deepEqual({ path: got.path, position: got.position, siblings: [...got.siblings.keys()], prefix: got.prefix }, { path: expected.path, position: expected.position, siblings: [...expected.siblings.keys()], prefix: expected.prefix }, style);
    }
  });
});
