// `npm test`'s package step: builds the .vsix (npm run package: minified bundles, vsce) and
// checks what is inside it: exactly the allow-list below, under 1 MB, minified bundles without
// source maps, the Marketplace fields and a 128×128 PNG icon. Reads the zip itself (no unzip).
// Closes with "vsix: N passed, N failed".
//   node scripts/check-vsix.mjs [--no-build] [FILE.vsix]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? '.cache/asr-topology.vsix';
const MAX_BYTES = 1024 * 1024;
const ALLOWED = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  'extension/dist/webview.js',
  'extension/dist/web/extension.js',
  'extension/dist/web/server.js',
  'extension/schemas/topology.schema.json',
  'extension/syntaxes/asr-topology.tmLanguage.json',
  'extension/language-configuration.json',
  'extension/media/icon.png',
];
/** Files allowed by pattern: the walkthrough's Markdown pages. */
const ALLOWED_PATTERNS = [/^extension\/media\/walkthrough\/[\w-]+\.md$/];

if (!args.includes('--no-build')) {
  const r = spawnSync('npm', ['run', '--silent', 'package'], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout + r.stderr);
    console.log('vsix: 0 passed, 1 failed');
    process.exit(1);
  }
}

/** The zip's entries from its central directory, with a reader of each one's content. */
function readZip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name, {
      size,
      read() {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + compressed);
        return method === 0 ? data : inflateRawSync(data);
      },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

let passed = 0;
let failed = 0;
function check(title, fn) {
  try {
    fn();
    passed++;
    console.log(`  ✓ ${title}`);
  } catch (err) {
    failed++;
    console.log(`  ✗ ${title}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
function assert(ok, message) {
  if (!ok) throw new Error(message);
}

const buf = readFileSync(file);
const zip = readZip(buf);
const names = [...zip.keys()].sort();
console.log(`${file}: ${buf.length} bytes, ${names.length} files`);
for (const n of names) console.log(`  ${String(zip.get(n).size).padStart(8)}  ${n}`);

check('holds only the allow-list', () => {
  const extra = names.filter((n) => !ALLOWED.includes(n) && !ALLOWED_PATTERNS.some((re) => re.test(n)));
  assert(extra.length === 0, `unexpected: ${extra.join(', ')}`);
});
check('holds every file of the allow-list', () => {
  const missing = ALLOWED.filter((n) => !zip.has(n));
  assert(missing.length === 0, `missing: ${missing.join(', ')}`);
});
check('is under 1 MB', () => { assert(buf.length < MAX_BYTES, `${buf.length} bytes`); });
check('bundles are minified, without source map references', () => {
  for (const b of ['extension', 'server', 'cli', 'webview', 'web/extension', 'web/server']) {
    const text = zip.get(`extension/dist/${b}.js`).read().toString('utf8');
    const lines = text.split('\n').length;
    assert(text.length / lines > 200, `dist/${b}.js: ${lines} lines for ${text.length} bytes (not minified?)`);
    assert(!text.includes('sourceMappingURL='), `dist/${b}.js refers to a source map that is not shipped`);
  }
});
check('package.json: icon, repository, homepage, bugs, categories, keywords, MIT', () => {
  const pkg = JSON.parse(zip.get('extension/package.json').read().toString('utf8'));
  assert(pkg.icon === 'media/icon.png', `icon: ${pkg.icon}`);
  const base = 'https://github.com/asr-topology/asr-topology-vscode';
  assert(String(pkg.repository?.url ?? pkg.repository).startsWith(base), 'repository');
  assert(String(pkg.homepage).startsWith(base), 'homepage');
  assert(String(pkg.bugs?.url ?? pkg.bugs).startsWith(base), 'bugs');
  assert(Array.isArray(pkg.categories) && pkg.categories.length > 0, 'categories');
  assert(Array.isArray(pkg.keywords) && pkg.keywords.length > 0, 'keywords');
  assert(pkg.license === 'MIT', `license: ${pkg.license}`);
  const license = zip.get('extension/LICENSE.txt').read().toString('utf8');
  assert(/MIT License/.test(license) && /ASR Topology contributors/.test(license), 'LICENSE is not MIT by ASR Topology contributors');
});
check('the icon is a 128×128 PNG', () => {
  const png = zip.get('extension/media/icon.png').read();
  assert(png.subarray(1, 4).toString('ascii') === 'PNG', 'not a PNG');
  assert(png.readUInt32BE(16) === 128 && png.readUInt32BE(20) === 128, `${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`);
});
check('every walkthrough media file the manifest names is in the package', () => {
  const pkg = JSON.parse(zip.get('extension/package.json').read().toString('utf8'));
  for (const w of pkg.contributes?.walkthroughs ?? []) {
    for (const s of w.steps) {
      const media = s.media?.markdown ?? s.media?.image;
      if (typeof media === 'string') assert(zip.has(`extension/${media}`), `${w.id}/${s.id}: ${media} is not packaged`);
    }
  }
});

console.log(`vsix: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
