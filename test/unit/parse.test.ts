/**
 * Reading a topology file (TOP001): YAML syntax, several documents, empty files, BOM and
 * CRLF, aliases, strict UTF-8, and hostile input (the corpus in test/fixtures/bad plus big
 * inputs generated here) that must never throw, hang, or put a span outside the text.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  MAX_DEPTH,
  MAX_MESSAGE,
  MAX_YAML_ERRORS,
  decodeUtf8,
  invalidUtf8Diagnostic,
  parseTopology,
  spanInText,
} from '../../src/core/yaml';
import { validateSchema } from '../../src/core/schema';
import type { Diagnostic } from '../../src/core/types';
import { parseMarkers } from './helpers/markers';

const ROOT = resolve(__dirname, '../../..');
const BAD = join(ROOT, 'test/fixtures/bad');

/** TOP001 and TOP002 of a text, as the analysis gets them. */
function diagnose(text: string): Diagnostic[] {
  const p = parseTopology(text);
  return [...p.diagnostics, ...(p.doc ? validateSchema(p.doc, p.json) : [])];
}

/** The text under each diagnostic's span (what the editor underlines). */
function underlined(text: string, ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => text.slice(d.span.start, d.span.end));
}

function assertSpansInside(text: string, ds: readonly Diagnostic[], label = ''): void {
  for (const d of ds) {
    assert.ok(
      Number.isInteger(d.span.start) && Number.isInteger(d.span.end) && d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length,
      `${label}: span ${JSON.stringify(d.span)} outside text of length ${text.length} (${d.message})`,
    );
    assert.ok(d.code === 'TOP001' || d.code === 'TOP002', `${label}: unexpected code ${d.code}`);
    assert.equal(d.severity, 'error');
    assert.ok(d.message.length > 0);
  }
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe('parseTopology', () => {
  describe('a well-formed file', () => {
    it('gives the document and its JSON value, with no diagnostic', () => {
      const p = parseTopology('version: 1\nsites:\n  - name: New York\n    vmmServer: VMM-NewYork\n');
      assert.deepEqual(p.diagnostics, []);
      assert.ok(p.doc);
      assert.deepEqual(p.json, { version: 1, sites: [{ name: 'New York', vmmServer: 'VMM-NewYork' }] });
    });

    it('turns YAML keys that are numbers or booleans into the strings JSON has', () => {
      const p = parseTopology('1: a\ntrue: b\n0x10: c\n');
      assert.deepEqual(p.json, { '1': 'a', true: 'b', '16': 'c' });
    });

    it('does not count a leading --- or a trailing ... as a second document', () => {
      assert.deepEqual(diagnose('---\nversion: 1\nsites: []\n...\n'), []);
    });
  });

  describe('empty files', () => {
    for (const [label, text] of [
      ['an empty file', ''],
      ['only whitespace', '  \n\n\t\n'],
      ['only comments', '# a new topology\n  # more\n'],
      ['only a BOM', '\uFEFF'],
    ] as const) {
      it(`has no document and no diagnostic: ${label}`, () => {
        const p = parseTopology(text);
        assert.equal(p.doc, undefined);
        assert.equal(p.json, undefined);
        assert.deepEqual(p.diagnostics, []);
      });
    }

    it('reports nothing for a document that is only --- or null (no schema noise on a new file)', () => {
      assert.deepEqual(diagnose('---\n'), []);
      assert.deepEqual(diagnose('null\n'), []);
      assert.deepEqual(diagnose('~\n'), []);
    });
  });

  describe('YAML syntax errors', () => {
    it('reports a duplicate key on the second key, naming it', () => {
      const m = parseMarkers('version: 1\nsites: []\n⟦version⟧: 1\n');
      const ds = parseTopology(m.text).diagnostics;
      assert.deepEqual(ds.map((d) => d.span), [m.only()]);
      assert.equal(ds[0]?.code, 'TOP001');
      assert.match(ds[0]?.message ?? '', /duplicate key 'version'/i);
    });

    it('reports tabs used as indentation on the tab', () => {
      const m = parseMarkers('version: 1\nsites:\n⟦\t⟧- name: New York\n');
      const ds = parseTopology(m.text).diagnostics;
      assert.deepEqual(ds.map((d) => d.span), [m.only()]);
      assert.match(ds[0]?.message ?? '', /tabs are not allowed as indentation/i);
    });

    it('accepts a tab that is not indentation (after a key)', () => {
      assert.deepEqual(parseTopology('version:\t1\nsites: []\n').diagnostics, []);
    });

    it('reports an error at the end of the file on the last character, not as an empty span at 0', () => {
      const m = parseMarkers('version: 1\nsites: "New Yor⟦k⟧\n\n');
      const ds = parseTopology(m.text).diagnostics;
      assert.equal(ds.length, 1);
      assert.deepEqual(ds[0]?.span, m.only());
      assert.match(ds[0]?.message ?? '', /quote/i);
    });

    it('reports a bad indentation where the parser finds it', () => {
      const m = parseMarkers('version: 1\nsites:\n  - name: A\n⟦ ⟧vmmServer: V\n');
      const ds = parseTopology(m.text).diagnostics;
      assert.ok(ds.length >= 1);
      assert.ok(ds.every((d) => d.code === 'TOP001'));
      assert.deepEqual(ds[0]?.span, m.only());
    });

    it(`reports at most ${MAX_YAML_ERRORS} syntax errors, saying that there are more`, () => {
      const text = 'a: 1\n' + '}\n'.repeat(MAX_YAML_ERRORS * 3);
      const ds = parseTopology(text).diagnostics;
      assert.equal(ds.length, MAX_YAML_ERRORS);
      assert.match(ds[ds.length - 1]?.message ?? '', /more YAML errors/i);
    });
  });

  describe('several documents', () => {
    it('reports the second document on its --- marker and reads only the first', () => {
      const m = parseMarkers('version: 1\nsites: []\n⟦---⟧\nversion: 2\nfoo: bar\n---\nthird: 3\n');
      const p = parseTopology(m.text);
      assert.deepEqual(p.diagnostics.map((d) => d.span), [m.only()]);
      assert.match(p.diagnostics[0]?.message ?? '', /only the first is read/i);
      assert.deepEqual(p.json, { version: 1, sites: [] });
      assert.deepEqual(diagnose(m.text).map((d) => d.span), [m.only()], 'nothing from the schema about the second document');
    });

    it('reports a second document that starts after ... on its first line', () => {
      const m = parseMarkers('version: 1\nsites: []\n...\n⟦other: 1⟧\n');
      assert.deepEqual(parseTopology(m.text).diagnostics.map((d) => d.span), [m.only()]);
    });
  });

  describe('BOM and line endings', () => {
    it('keeps spans as offsets into the original text when it starts with a BOM', () => {
      const m = parseMarkers('\uFEFFversion: 1\nsites: []\n⟦version⟧: 1\n');
      assert.equal(m.text.charCodeAt(0), 0xfeff);
      assert.deepEqual(parseTopology(m.text).diagnostics.map((d) => d.span), [m.only()]);
    });

    it('places diagnostics right in a file with CRLF line endings', () => {
      const m = parseMarkers('version: 1\r\nsites: []\r\n⟦sites⟧: []\r\n');
      assert.deepEqual(parseTopology(m.text).diagnostics.map((d) => d.span), [m.only()]);
    });

    it('reads a BOM + CRLF file without any diagnostic when it is valid', () => {
      assert.deepEqual(diagnose('\uFEFFversion: 1\r\nsites:\r\n  - name: A\r\n    vmmServer: V\r\n'), []);
    });
  });

  describe('aliases', () => {
    it('resolves ordinary anchors and aliases, even an anchor used hundreds of times', () => {
      let text = 'version: 1\nsites:\n  - name: A\n    vmmServer: V\n    logicalNetworks: [{ name: &ln L }]\n    clouds:\n';
      for (let i = 0; i < 300; i++) text += `      - { name: C${i}, logicalNetworks: [*ln] }\n`;
      const p = parseTopology(text);
      assert.deepEqual(p.diagnostics, []);
      assert.equal((p.json as { sites: { clouds: { logicalNetworks: string[] }[] }[] }).sites[0]?.clouds[299]?.logicalNetworks[0], 'L');
    });

    it('stops an alias bomb with a TOP001 on an alias, without a document or JSON, quickly', () => {
      const lines = ['version: 1', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
      const text = lines.join('\n');
      const { value: p, ms } = timed(() => parseTopology(text));
      assert.equal(p.doc, undefined);
      assert.equal(p.json, undefined);
      assert.equal(p.diagnostics.length, 1);
      const d = p.diagnostics[0]!;
      assert.equal(d.code, 'TOP001');
      assert.match(text.slice(d.span.start, d.span.end), /^\*a\d$/);
      assert.match(d.message, /alias bomb/i);
      assert.ok(d.related?.[0] && text.slice(d.related[0].span.start, d.related[0].span.end).startsWith('['), 'related: the anchored node');
      assert.ok(ms < 2000, `took ${ms} ms`);
    });

    it('reports an alias to an anchor that does not exist, on the alias', () => {
      const m = parseMarkers('version: 1\nsites: ⟦*nowhere⟧\n');
      const p = parseTopology(m.text);
      assert.deepEqual(p.diagnostics.map((d) => d.span), [m.only()]);
      assert.match(p.diagnostics[0]?.message ?? '', /'\*nowhere' refers to no anchor/);
      assert.ok(p.doc);
      assert.equal(p.json, undefined);
    });

    it('reports an alias inside the node it refers to (a cycle), and gives no document', () => {
      const m = parseMarkers('version: 1\nsites: &s [⟦*s⟧]\n');
      const p = parseTopology(m.text);
      assert.deepEqual(p.diagnostics.map((d) => d.span), [m.only()]);
      assert.equal(p.doc, undefined);
    });
  });

  describe('hostile sizes', () => {
    it('refuses 100,000 nested [ with one TOP001, without throwing, in reasonable time', () => {
      const text = '['.repeat(100_000);
      const { value: p, ms } = timed(() => parseTopology(text));
      assert.equal(p.doc, undefined);
      assert.equal(p.diagnostics.length, 1);
      assert.match(p.diagnostics[0]?.message ?? '', /nested more than/i);
      assertSpansInside(text, p.diagnostics, 'deep');
      assert.ok(ms < 10_000, `took ${ms} ms`);
    });

    it(`refuses block mappings nested more than ${MAX_DEPTH} levels, on the first one too deep`, () => {
      const lines = Array.from({ length: MAX_DEPTH + 5 }, (_, i) => `${' '.repeat(i)}k${i}:`);
      const text = lines.join('\n');
      const p = parseTopology(text);
      assert.deepEqual(underlined(text, p.diagnostics), [`k${MAX_DEPTH}`]);
    });

    it(`accepts nesting up to ${MAX_DEPTH} levels`, () => {
      const text = `a: ${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}\n`;
      const p = parseTopology(text);
      assert.deepEqual(p.diagnostics, []);
      assert.ok(p.json);
    });

    it('reads a 10 MB single line without throwing, in reasonable time', () => {
      const text = `version: 1\nsites: []\nnote: ${'x'.repeat(10_000_000)}`;
      const { value: ds, ms } = timed(() => diagnose(text));
      assertSpansInside(text, ds, 'huge line');
      assert.ok(ms < 15_000, `took ${ms} ms`);
    });

    it('reads a 100,000-item flow sequence without throwing, with a bounded number of diagnostics', () => {
      const text = `version: 1\nsites: [${Array.from({ length: 100_000 }, (_, i) => String(i)).join(', ')}]\n`;
      const { value: ds, ms } = timed(() => diagnose(text));
      assertSpansInside(text, ds, 'flow');
      assert.ok(ds.length > 0 && ds.length <= 1000, `${ds.length} diagnostics`);
      assert.ok(ms < 15_000, `took ${ms} ms`);
    });

    it('keeps YAML error messages short when the parser quotes a whole region of garbage in one', () => {
      // Found by test/cli/hostile.test.ts: "Unexpected scalar token in YAML stream: <229 KB>".
      const text = `version: 1\n}${'bbb '.repeat(50_000)}\n`;
      const ds = parseTopology(text).diagnostics;
      assert.ok(ds.length > 0);
      for (const d of ds) assert.ok(d.message.length <= MAX_MESSAGE + 100, `${d.message.length} characters: ${d.message.slice(0, 80)}`);
    });

    it('does not throw on lone surrogates, NUL and other control characters', () => {
      for (const text of ['\uD800', 'a: \uDC00\n', '\u0000\u0001: \u0002', 'version: 1\nsites: [\u0000]\n', '\u0085\u2028\u2029']) {
        assertSpansInside(text, diagnose(text), JSON.stringify(text));
      }
    });
  });

  describe('the hostile corpus in test/fixtures/bad', () => {
    const files = readdirSync(BAD).sort();

    it('has the kinds of hostile input it promises', () => {
      for (const f of ['binary.bin', 'empty.topology.yaml', 'deep-nesting.topology.yaml', 'alias-bomb.topology.yaml', 'several-documents.topology.yaml', 'tabs.topology.yaml', 'crlf-bom.topology.yaml', 'not-utf8.topology.yaml', 'odd-keys.topology.yaml']) {
        assert.ok(files.includes(f), f);
      }
    });

    for (const f of files) {
      it(`${f}: never throws, keeps every span inside the text, and finishes quickly`, () => {
        const bytes = readFileSync(join(BAD, f));
        const { value: ds, ms } = timed(() => {
          const { text, invalidAt } = decodeUtf8(bytes);
          const all = [...(invalidAt !== undefined ? [invalidUtf8Diagnostic(text, invalidAt)] : []), ...diagnose(text)];
          return { text, all };
        });
        assertSpansInside(ds.text, ds.all, f);
        assert.ok(ms < 5000, `${f} took ${ms} ms`);
      });
    }

    it('puts the expected diagnostic on each fixture', () => {
      const check = (f: string): { text: string; ds: Diagnostic[] } => {
        const { text, invalidAt } = decodeUtf8(readFileSync(join(BAD, f)));
        return { text, ds: [...(invalidAt !== undefined ? [invalidUtf8Diagnostic(text, invalidAt)] : []), ...diagnose(text)] };
      };
      assert.deepEqual(check('empty.topology.yaml').ds, []);
      assert.deepEqual(check('whitespace-and-comments.topology.yaml').ds, []);
      const several = check('several-documents.topology.yaml');
      assert.deepEqual(underlined(several.text, several.ds), ['---']);
      const tabs = check('tabs.topology.yaml');
      assert.equal(underlined(tabs.text, tabs.ds)[0], '\t');
      const crlf = check('crlf-bom.topology.yaml');
      assert.deepEqual(underlined(crlf.text, crlf.ds), ['vmmServr']);
      const latin1 = check('not-utf8.topology.yaml');
      assert.deepEqual(underlined(latin1.text, latin1.ds), ['\uFFFD']);
      const bomb = check('alias-bomb.topology.yaml');
      assert.equal(bomb.ds.length, 1);
      const deep = check('deep-nesting.topology.yaml');
      assert.deepEqual(underlined(deep.text, deep.ds), ['[']);
      const keys = check('odd-keys.topology.yaml');
      for (const k of ['"a/b"', '"c~d"', '"~1"', '42', 'true', '__proto__', '[1, 2]']) {
        assert.ok(underlined(keys.text, keys.ds).includes(k), `unknown key ${k} is underlined`);
      }
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype pollution');
    });
  });
});

describe('spanInText', () => {
  it('clamps a range past the end into the text', () => {
    assert.deepEqual(spanInText('abc', 5, 9), { start: 2, end: 3 });
  });

  it('widens an empty span to the character there', () => {
    assert.deepEqual(spanInText('abc', 1, 1), { start: 1, end: 2 });
  });

  it('moves an empty span on a line break back to the last visible character', () => {
    assert.deepEqual(spanInText('ab  \n\n', 5, 5), { start: 1, end: 2 });
  });

  it('keeps an empty span in an empty text', () => {
    assert.deepEqual(spanInText('', 3, 7), { start: 0, end: 0 });
  });
});

describe('decodeUtf8', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const cat = (...parts: (Uint8Array | number[])[]): Uint8Array => {
    const all = parts.flatMap((p) => Array.from(p));
    return Uint8Array.from(all);
  };

  it('decodes valid UTF-8, including accents and emoji, with no invalid position', () => {
    const text = 'name: Montréal 😀 東京\n';
    assert.deepEqual(decodeUtf8(enc(text)), { text, invalidAt: undefined });
  });

  it('drops a BOM, as editors do', () => {
    assert.deepEqual(decodeUtf8(cat([0xef, 0xbb, 0xbf], enc('version: 1'))), { text: 'version: 1', invalidAt: undefined });
  });

  it('keeps a BOM-like sequence that is not at the start', () => {
    assert.equal(decodeUtf8(cat(enc('a'), [0xef, 0xbb, 0xbf])).text, 'a\uFEFF');
  });

  it('gives the UTF-16 offset of the first byte that is not UTF-8 (Latin-1 é)', () => {
    const r = decodeUtf8(cat(enc('name: Montr'), [0xe9], enc('al')));
    assert.equal(r.invalidAt, 'name: Montr'.length);
    assert.equal(r.text, 'name: Montr\uFFFDal');
  });

  it('counts UTF-16 code units before the bad byte (an emoji is two)', () => {
    const r = decodeUtf8(cat(enc('a😀'), [0xff]));
    assert.equal(r.invalidAt, 3);
    assert.equal(r.text.charAt(3), '\uFFFD');
  });

  it('gives the offset after a dropped BOM', () => {
    const r = decodeUtf8(cat([0xef, 0xbb, 0xbf], enc('ab'), [0x80]));
    assert.equal(r.invalidAt, 2);
  });

  for (const [label, bytes] of [
    ['an overlong encoding', [0xc0, 0x80]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a sequence cut off at the end', [0xe2, 0x82]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a lone continuation byte', [0xbf]],
  ] as const) {
    it(`rejects ${label}`, () => {
      const r = decodeUtf8(cat(enc('x: '), [...bytes]));
      assert.equal(r.invalidAt, 3);
    });
  }

  it('makes a TOP001 error on the replacement character', () => {
    const r = decodeUtf8(cat(enc('name: Montr'), [0xe9], enc('al')));
    const d = invalidUtf8Diagnostic(r.text, r.invalidAt ?? -1);
    assert.equal(d.code, 'TOP001');
    assert.equal(d.severity, 'error');
    assert.equal(r.text.slice(d.span.start, d.span.end), '\uFFFD');
    assert.match(d.message, /not valid UTF-8/i);
  });
});
