/**
 * The hostile-input corpus shared by test/cli/hostile.test.ts and test/server/hostile.test.ts:
 * the small files committed under test/fixtures/bad and test/fixtures/hostile (listed in
 * test/fixtures/hostile/README.md), plus large inputs generated here at test time (never
 * committed). Each entry says which codes a user must see (TOP001 for what can't be read as
 * one YAML document, TOP002 for what breaks the schema, nothing for an empty file).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { prng } from './prng';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BAD = path.join(ROOT, 'test', 'fixtures', 'bad');
export const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');

export type Expect = 'TOP001' | 'TOP002' | 'TOP001+TOP002' | 'TOP011' | 'none';

export interface HostileInput {
  readonly name: string;
  /** The file's bytes (generated ones are built on first use). */
  bytes(): Buffer;
  /** The codes a user must see among the diagnostics ('none': no diagnostic at all). */
  readonly expect: Expect;
  /** Not UTF-8: the CLI says TOP001; an editor decodes the bytes itself before the server sees text. */
  readonly notUtf8?: boolean;
  /** Generated at test time (large). */
  readonly generated?: boolean;
}

/** What each committed file must give. A file in the directories but not here fails the corpus test. */
export const EXPECTED: Readonly<Record<string, Expect>> = {
  // test/fixtures/bad (the parser's corpus)
  'alias-bomb.topology.yaml': 'TOP001',
  'alias-cycle.topology.yaml': 'TOP001',
  'alias-unresolved.topology.yaml': 'TOP001',
  'binary.bin': 'TOP001',
  'control-chars.topology.yaml': 'TOP011',
  'crlf-bom.topology.yaml': 'TOP002',
  'deep-block-nesting.topology.yaml': 'TOP001',
  'deep-nesting.topology.yaml': 'TOP001',
  'directives.topology.yaml': 'TOP001+TOP002',
  'empty.topology.yaml': 'none',
  'flow-garbage.topology.yaml': 'TOP001+TOP002',
  'merge-key.topology.yaml': 'TOP002',
  'not-utf8.topology.yaml': 'TOP001',
  'odd-keys.topology.yaml': 'TOP002',
  'several-documents.topology.yaml': 'TOP001',
  'tabs.topology.yaml': 'TOP001+TOP002',
  'unterminated.topology.yaml': 'TOP001+TOP002',
  'whitespace-and-comments.topology.yaml': 'none',
  'wrong-types.topology.yaml': 'TOP002',
  // test/fixtures/hostile
  'anchor-everything.topology.yaml': 'TOP001',
  'block-scalars.topology.yaml': 'TOP001+TOP002',
  'bom-crlf-error.topology.yaml': 'TOP001+TOP002',
  'bom-only.topology.yaml': 'none',
  'cr-only.topology.yaml': 'TOP001+TOP002',
  'document-end-markers.topology.yaml': 'TOP001',
  'flow-map-mess.topology.yaml': 'TOP001+TOP002',
  'lone-surrogate-escape.topology.yaml': 'none',
  'nested-odd-keys.topology.yaml': 'TOP002',
  'nul-in-key.topology.yaml': 'TOP002',
  'tab-mixed-indent.topology.yaml': 'TOP001+TOP002',
  'utf16le.topology.yaml': 'TOP001',
  'yaml11-booleans-and-numbers.topology.yaml': 'TOP002',
};

const NOT_UTF8 = new Set(['binary.bin', 'not-utf8.topology.yaml', 'utf16le.topology.yaml']);


function once(make: () => string | Buffer): () => Buffer {
  let cached: Buffer | undefined;
  return () => (cached ??= ((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v))(make()));
}

/** Large hostile inputs, generated at test time. */
export const GENERATED: readonly HostileInput[] = [
  {
    name: 'flow-sequence-100k (vms: [vm0, ..., vm99999])',
    expect: 'TOP002',
    generated: true,
    bytes: once(() => `version: 1\nsites: []\nvms: [${Array.from({ length: 100_000 }, (_, i) => `vm${i}`).join(', ')}]\n`),
  },
  {
    name: 'flow-mappings-100k (vms: [{name: vm0}, ...])',
    expect: 'TOP002',
    generated: true,
    bytes: once(() => `version: 1\nsites: []\nvms: [${Array.from({ length: 100_000 }, (_, i) => `{name: vm${i}}`).join(', ')}]\n`),
  },
  {
    name: 'huge-line (a 5 MB plain scalar)',
    expect: 'TOP002',
    generated: true,
    bytes: once(() => `version: 1\nsites: ${'x'.repeat(5_000_000)}\n`),
  },
  {
    name: 'huge-key (a 1 MB key)',
    expect: 'TOP001+TOP002',
    generated: true,
    bytes: once(() => `version: 1\nsites: []\n${'k'.repeat(1_000_000)}: 1\n`),
  },
  {
    name: 'deep-flow-100k (100,000 nested [)',
    expect: 'TOP001',
    generated: true,
    bytes: once(() => `version: 1\nsites: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
  },
  {
    name: 'deep-block-5k (5,000 nested block mappings)',
    expect: 'TOP001',
    generated: true,
    bytes: once(() => {
      const lines = ['version: 1', 'sites:'];
      for (let i = 1; i <= 5000; i++) lines.push(`${' '.repeat(i)}k${i}:`);
      return `${lines.join('\n')} end\n`;
    }),
  },
  {
    name: 'alias-bomb-9x10 (billion laughs)',
    expect: 'TOP001',
    generated: true,
    bytes: once(() => {
      const lines = ['version: 1', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
      lines.push('sites: *a9');
      return `${lines.join('\n')}\n`;
    }),
  },
  {
    name: 'many-documents-10k',
    expect: 'TOP001',
    generated: true,
    bytes: once(() => `version: 1\nsites: []\n${'---\nversion: 1\n'.repeat(10_000)}`),
  },
  {
    name: 'many-errors-50k (50,000 lines of ": : ]")',
    expect: 'TOP001',
    generated: true,
    bytes: once(() => `version: 1\n${': : ]\n'.repeat(50_000)}`),
  },
  {
    name: 'random-binary-1MB (seeded)',
    expect: 'TOP001',
    notUtf8: true,
    generated: true,
    bytes: once(() => {
      const r = prng(42);
      const b = Buffer.alloc(1_000_000);
      for (let i = 0; i < b.length; i++) b[i] = Math.floor(r() * 256);
      return b;
    }),
  },
  {
    name: 'random-ascii-200KB (seeded printable noise with YAML indicators)',
    expect: 'TOP001',
    generated: true,
    bytes: once(() => {
      const r = prng(7);
      const alphabet = 'ab: -[]{}#&*!|>\'"%@`,?\n\n  \t';
      let s = 'version: 1\n';
      while (s.length < 200_000) s += alphabet.charAt(Math.floor(r() * alphabet.length));
      return s;
    }),
  },
];

/** Every committed hostile file, in the order of their directories. */
export function committed(): HostileInput[] {
  const out: HostileInput[] = [];
  for (const dir of [BAD, HOSTILE]) {
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.md')) continue;
      const file = path.join(dir, f);
      out.push({
        name: `${path.basename(dir)}/${f}`,
        bytes: () => readFileSync(file),
        expect: EXPECTED[f] ?? 'none',
        notUtf8: NOT_UTF8.has(f),
      });
    }
  }
  return out;
}

/** Committed files without an expectation in EXPECTED (a new file must say what it tests). */
export function unlisted(): string[] {
  return [BAD, HOSTILE].flatMap((dir) => readdirSync(dir).filter((f) => !f.endsWith('.md') && !(f in EXPECTED)));
}

/** Whether the codes a user sees match the expectation. */
export function meets(expect: Expect, codes: readonly string[]): boolean {
  switch (expect) {
    case 'none': return codes.length === 0;
    case 'TOP001+TOP002': return codes.includes('TOP001') && codes.includes('TOP002');
    default: return codes.includes(expect);
  }
}
