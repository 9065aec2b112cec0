/**
 * Restricted Mode and offline use: the language server, the CLI and the core never fetch
 * anything. The topology schema is bundled (schemas/topology.schema.json, only local $refs),
 * nothing is loaded over HTTP(S), and the extension declares that it works in untrusted
 * workspaces. A grep-based check of the sources and of the bundles as shipped (dist/), which
 * `npm test` builds before the unit suite. (In a real VS Code, Restricted Mode belongs to the
 * end-to-end suite.)
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Ways code could reach the network: HTTP clients, fetch, sockets to hosts, remote schema loading. */
const NETWORK: readonly [string, RegExp][] = [
  ['fetch()', /\bfetch\s*\(/],
  ['http/https/http2 modules', /(?:require\s*\(\s*|from\s+|import\s*\(\s*)["'](?:node:)?(?:https?|http2)["']/],
  ['tls/dgram modules', /(?:require\s*\(\s*|from\s+|import\s*\(\s*)["'](?:node:)?(?:tls|dgram)["']/],
  ['undici/axios/node-fetch/got modules', /(?:require\s*\(\s*|from\s+|import\s*\(\s*)["'](?:undici|axios|node-fetch|got)["']/],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
  ['WebSocket', /\bnew\s+WebSocket\b/],
];
/**
 * Our own code also never asks ajv to load schemas (its `loadSchema` option, `compileAsync`).
 * The bundles contain ajv's library code for that, unused: without the option it loads nothing.
 */
const SOURCE_ONLY: readonly [string, RegExp][] = [['ajv remote schema loading', /\bcompileAsync\b|\bloadSchema\s*:/]];

function offenders(text: string, patterns: readonly [string, RegExp][] = NETWORK): string[] {
  return patterns.filter(([, re]) => re.test(text)).map(([what]) => what);
}

describe('no network: Restricted Mode and offline use', () => {
  for (const dir of ['src/core', 'src/server', 'src/cli']) {
    it(`${dir} has no HTTP request, fetch or remote schema loading`, () => {
      const found = files(path.join(ROOT, dir)).flatMap((f) => offenders(readFileSync(f, 'utf8'), [...NETWORK, ...SOURCE_ONLY]).map((w) => `${path.relative(ROOT, f)}: ${w}`));
      assert.deepEqual(found, []);
    });
  }

  for (const bundle of ['dist/server.js', 'dist/cli.js']) {
    it(`${bundle}, as shipped, has none either (dependencies included)`, () => {
      const file = path.join(ROOT, bundle);
      assert.ok(existsSync(file), `${bundle} is missing: run 'node scripts/build.mjs' first`);
      assert.deepEqual(offenders(readFileSync(file, 'utf8')), []);
    });
  }

  it('dist/server.js loads only Node built-ins it needs for LSP transports (net: pipes and --socket), v8 for its heap, and bundled code', () => {
    const text = readFileSync(path.join(ROOT, 'dist', 'server.js'), 'utf8');
    const required = new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!.replace(/^node:/, '')));
    const allowed = /^(?:fs|path|url|util|os|process|buffer|crypto|child_process|net|events|stream|v8|ajv\/dist\/runtime\/.+)$/;
    assert.deepEqual([...required].filter((r) => !allowed.test(r)), []);
  });

  it('the schema is bundled: schemas/topology.schema.json, a URN $id, only local $refs', () => {
    const text = readFileSync(path.join(ROOT, 'schemas', 'topology.schema.json'), 'utf8');
    const schema = JSON.parse(text) as { $id?: unknown };
    assert.ok(typeof schema.$id !== 'string' || !/^https?:/.test(schema.$id), 'the $id is not a URL to fetch');
    const refs = [...text.matchAll(/"\$ref"\s*:\s*"([^"]*)"/g)].map((m) => m[1]!);
    assert.deepEqual(refs.filter((r) => !r.startsWith('#')), [], 'every $ref is inside the file');
  });

  it('package.json declares capabilities.untrustedWorkspaces.supported: true', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } };
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
  });
});
