/**
 * Minimal text edits for quick fixes and rename: replace a name where it is written (keeping
 * its quoting), add a network mapping as the last item of `networkMappings` in the style of
 * the items already there (or create the key). Comments and formatting elsewhere are kept:
 * every edit touches only the text it changes. Pure functions of an `Analysis`.
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Analysis } from '../analysis';
import { occurrences } from './query';
import { kindLabel } from '../wording';
import type { NamedEntity, Span } from '../types';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** Plain YAML scalars that would read as something else than a string. */
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** A name as a YAML scalar: plain where that reads back as the same string, else single-quoted. */
export function yamlScalar(name: string): string {
  const plainOk = /^[A-Za-z0-9_.(][A-Za-z0-9 _.()\-/+@=]*$/.test(name) && !/\s$/.test(name) && !NOT_A_STRING.test(name);
  return plainOk ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Replaces the scalar at `span` by `name`, in the quoting style the file used there. */
export function replaceName(text: string, span: Span, name: string): TextEdit {
  const first = text.charAt(span.start);
  let newText: string;
  if (first === "'") newText = `'${name.replace(/'/g, "''")}'`;
  else if (first === '"') newText = `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  else newText = yamlScalar(name);
  return { span, newText };
}

export type RenameResult =
  | { readonly ok: true; readonly edits: TextEdit[] }
  | { readonly ok: false; readonly message: string };

/** The names already taken in the entity's namespace (spec §2, "unique among"). */
function namespaceHas(a: Analysis, entity: NamedEntity, name: string): boolean {
  const res = a.resolution;
  switch (entity.kind) {
    case 'site': return res.sites.has(name);
    case 'logicalNetwork': return res.logicalNetworksOf(entity.site).has(name);
    case 'vmNetwork':
    case 'azureNetwork': return res.networks.has(name);
    case 'subnet': return entity.network.subnets.some((s) => s.name.value === name);
    case 'cloud': return res.clouds.has(name);
    case 'vm': return res.vms.has(name);
  }
}

/** Rename an entity: its definition and every reference follow. A name already taken is refused. */
export function renameEdits(a: Analysis, entity: NamedEntity, newName: string): RenameResult {
  const old = entity.name?.value;
  if (!entity.name || old === undefined) return { ok: false, message: 'This has no name to rename.' };
  if (newName.trim() === '') return { ok: false, message: 'A name can\'t be empty.' };
  if (newName === old) return { ok: true, edits: [] };
  if (namespaceHas(a, entity, newName)) {
    const label = kindLabel(entity);
    return { ok: false, message: `There is already a ${label} named '${newName}'; names of ${label}s must be unique${entity.kind === 'vmNetwork' || entity.kind === 'azureNetwork' ? ' (VM networks and Azure virtual networks share one namespace)' : ''}.` };
  }
  const edits = occurrences(a, entity, true).map((s) => replaceName(a.text, s.span, newName));
  return { ok: true, edits };
}

// ---------------------------------------------------------------------------------------
// Adding a network mapping.
// ---------------------------------------------------------------------------------------

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function rootPairs(a: Analysis): Pair[] {
  const root = a.doc?.contents;
  return isMap(root) ? (root.items) : [];
}

function keyName(p: Pair): string | undefined {
  return isScalar(p.key) && typeof p.key.value === 'string' ? p.key.value : undefined;
}

function rangeOf(n: unknown): [number, number, number] | undefined {
  if (n && typeof n === 'object' && 'range' in n) {
    const r = (n as Node).range;
    if (r) return r;
  }
  return undefined;
}

/** How far the file indents the items of its top-level lists (`sites:\n  - ` is 2). */
function itemIndent(a: Analysis): number {
  for (const p of rootPairs(a)) {
    if (!isSeq(p.value) || p.value.flow) continue;
    const r = rangeOf(p.value.items[0]);
    if (!r) continue;
    const ls = lineStartOf(a.text, r[0]);
    const dash = a.text.slice(ls, r[0]).lastIndexOf('-');
    if (dash >= 0) return dash;
  }
  return 2;
}

/**
 * The edit that adds the mapping `source → target`: a new last item of `networkMappings`,
 * indented and styled like the others; the key itself when the file has none (before
 * `vms:`, where the spec's example has it, or at the end).
 */
export function addMappingEdit(a: Analysis, source: string, target: string): TextEdit {
  const text = a.text;
  const eol = eolOf(text);
  const src = yamlScalar(source);
  const tgt = yamlScalar(target);
  const block = (dashCol: number, keyCol: number): string =>
    `${' '.repeat(dashCol)}-${' '.repeat(Math.max(1, keyCol - dashCol - 1))}source: ${src}${eol}${' '.repeat(keyCol)}target: ${tgt}`;

  const pair = rootPairs(a).find((p) => keyName(p) === 'networkMappings');
  if (pair) {
    const value = pair.value;
    const keyRange = rangeOf(pair.key);
    if (isSeq(value) && !value.flow && value.items.length > 0) {
      const lastItem = value.items[value.items.length - 1];
      const r = rangeOf(lastItem);
      const firstItem = rangeOf(value.items[0]);
      if (r && firstItem) {
        const ls = lineStartOf(text, firstItem[0]);
        const prefix = text.slice(ls, firstItem[0]);
        const dashCol = prefix.lastIndexOf('-');
        const keyCol = firstItem[0] - ls;
        let end = r[1];
        while (end > r[0] && /\s/.test(text.charAt(end - 1))) end--;
        const at = lineEndOf(text, end);
        if (isMap(lastItem) && lastItem.flow) {
          const sp = ' '.repeat(Math.max(0, dashCol));
          return { span: { start: at, end: at }, newText: `${eol}${sp}- { source: ${src}, target: ${tgt} }` };
        }
        return { span: { start: at, end: at }, newText: eol + block(Math.max(0, dashCol), keyCol) };
      }
    }
    if (isSeq(value) && value.flow) {
      const r = rangeOf(value);
      if (r) {
        let close = r[1] - 1;
        while (close > r[0] && text.charAt(close) !== ']') close--;
        const sep = value.items.length > 0 ? ', ' : '';
        return { span: { start: close, end: close }, newText: `${sep}{ source: ${src}, target: ${tgt} }` };
      }
    }
    if (keyRange && (value === null || value === undefined || (isScalar(value) && value.value === null))) {
      const keyCol = keyRange[0] - lineStartOf(text, keyRange[0]);
      const ind = keyCol + itemIndent(a);
      // After `networkMappings:` (and any comment on its line).
      const at = lineEndOf(text, keyRange[1]);
      const vr = rangeOf(value);
      const span = vr && vr[1] > vr[0] && text.slice(vr[0], vr[1]).trim() !== '' ? { start: vr[0], end: vr[1] } : { start: at, end: at };
      return { span, newText: eol + block(ind, ind + 2) };
    }
  }
  // No networkMappings key: create it, before `vms:` (and the comments just above it) or at the end.
  const ind = itemIndent(a);
  const section = `networkMappings:${eol}${block(ind, ind + 2)}${eol}`;
  const vms = rootPairs(a).find((p) => keyName(p) === 'vms');
  const vr = vms ? rangeOf(vms.key) : undefined;
  if (vr) {
    let at = lineStartOf(text, vr[0]);
    // Keep the comments that introduce `vms:` with it.
    for (;;) {
      if (at === 0) break;
      const prevStart = lineStartOf(text, at - 1 - (text.charAt(at - 2) === '\r' ? 1 : 0));
      const line = text.slice(prevStart, at).trim();
      if (!line.startsWith('#')) break;
      at = prevStart;
    }
    return { span: { start: at, end: at }, newText: section + eol };
  }
  const needsNl = text.length > 0 && !text.endsWith('\n');
  return { span: { start: text.length, end: text.length }, newText: (needsNl ? eol : '') + section };
}

/** Applies edits to a text (non-overlapping; any order). For tests and previews. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((x, y) => y.span.start - x.span.start || y.span.end - x.span.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
