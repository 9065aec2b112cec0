// `npm run generate`: writes what src/core/codes.ts says into the places that show the codes
// to users, so that each code is described once:
//   - package.json: the severity setting of every code (asrTopology.diagnostics.severity);
//   - README.md: the table of codes, between <!-- codes:start --> and <!-- codes:end -->;
//   - docs/format.md: the codes section of the user's reference, between the same markers.
// `--check` writes nothing and exits 1 naming the files that differ (npm test runs it through
// test/unit/codes-generated.test.ts). `--root DIR` works on another copy (for that test).
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const args = process.argv.slice(2);
const check = args.includes('--check');
const rootArg = args.indexOf('--root');
const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = rootArg >= 0 ? path.resolve(args[rootArg + 1] ?? '.') : HERE;

/** src/core/codes.ts, bundled in memory and imported. */
async function loadCodes() {
  const out = await esbuild.build({
    entryPoints: [path.join(HERE, 'src', 'core', 'codes.ts')], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'silent',
  });
  const js = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', information: 'Information', hint: 'Hint' };

function settingsBlock(codes, indent) {
  const props = Object.fromEntries(codes.map((c) => [c.code, {
    type: 'string',
    enum: ['error', 'warning', 'information', 'hint', 'off'],
    markdownDescription: `${c.code} (default: ${c.severity}): ${c.short} [More](${c.href})`,
  }]));
  return JSON.stringify(props, null, 2).split('\n').map((l, i) => (i === 0 ? l : indent + l)).join('\n');
}

/** The end of the JSON value that starts at `start` (an object or array), strings respected. */
function endOfValue(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('unbalanced JSON');
}

/** package.json with the severity settings' `properties` replaced, the rest of the text as it is. */
function renderPackage(text, codes) {
  const key = '"asrTopology.diagnostics.severity"';
  const at = text.indexOf(key);
  if (at < 0) throw new Error(`package.json has no ${key} setting`);
  const propsAt = text.indexOf('"properties"', at);
  const open = text.indexOf('{', propsAt);
  const close = endOfValue(text, open);
  const lineStart = text.lastIndexOf('\n', propsAt) + 1;
  const indent = text.slice(lineStart, propsAt);
  return text.slice(0, open) + settingsBlock(codes, indent) + text.slice(close);
}

function between(text, file, body) {
  const start = '<!-- codes:start -->';
  const end = '<!-- codes:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file} has no ${start} … ${end} markers`);
  return `${text.slice(0, a + start.length)}\n<!-- Generated from src/core/codes.ts by npm run generate: edit the table there. -->\n${body}\n${text.slice(b)}`;
}

function readmeTable(codes) {
  const rows = codes.map((c) => `| [${c.code}](docs/format.md#${c.code.toLowerCase()}) | ${c.severityNote ? `${c.severity} (or warning)` : c.severity} | ${c.short.replace(/\|/g, '\\|')} |`);
  return ['| Code | Default | When |', '| --- | --- | --- |', ...rows].join('\n');
}

function formatSection(codes) {
  return codes.map((c) => {
    const sev = c.severityNote ? `**${c.severityNote}**` : `**${SEVERITY_WORD[c.severity]}.**`;
    return `### ${c.code}\n\n${sev} ${c.help}\n`;
  }).join('\n');
}

const mod = await loadCodes();
const codes = mod.CODES.map((c) => ({ ...c, href: mod.codeHref(c.code) }));
const files = {
  'package.json': (t) => renderPackage(t, codes),
  'README.md': (t) => between(t, 'README.md', readmeTable(codes)),
  'docs/format.md': (t) => between(t, 'docs/format.md', formatSection(codes)),
};
const drifted = [];
for (const [file, render] of Object.entries(files)) {
  const full = path.join(ROOT, file);
  const before = readFileSync(full, 'utf8');
  const after = render(before);
  if (after === before) continue;
  drifted.push(file);
  if (!check) writeFileSync(full, after);
}
// package.json's repository is where the codes' links point.
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const repo = String(pkg.repository?.url ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
if (!mod.FORMAT_DOC_URL.startsWith(`${repo}/`)) {
  console.error(`generate: FORMAT_DOC_URL (${mod.FORMAT_DOC_URL}) is not in package.json's repository (${repo})`);
  process.exitCode = 1;
}
if (check && drifted.length) {
  console.error(`generate --check: ${drifted.join(', ')} differ from src/core/codes.ts: run 'npm run generate'`);
  process.exitCode = 1;
} else if (!check) {
  console.log(drifted.length ? `generate: wrote ${drifted.join(', ')}` : 'generate: nothing to change');
}
