/**
 * A hover or a completion right after an edit, without the full analysis of the new version.
 *
 * Typing in a VM and hovering it is the common case in a large file, and the full analysis of
 * a 10,000-VM file takes tens of milliseconds. A VM's hover depends on the estate (sites,
 * clouds, networks, pairs, mappings), on the VM itself, and on the VMs before it only through
 * three "first one wins" checks (a VM name defined twice, TOP010; an address used twice in a
 * network, and a replica address taken twice in Azure, TOP061) and the predicted replica
 * addresses in Azure (spec §3 step 6). So when an edit stays inside one VM of a file whose
 * previous version was analysed in chunks, that VM's hover is computed by the same analysis
 * (`analyzeModel`: names, landings, rules) run on the estate, the VMs before it that share its
 * name or one of its addresses, and the edited VM; its predicted addresses are those of the
 * previous version when it draws from the address pools exactly as before. The hover of a VM
 * before the edited one is the previous version's, when the edited VM fixes the same replica
 * addresses as before (the only way an edit reaches back). A VM after it is the previous
 * version's VM moved by the edit, analysed likewise with the VMs before it that share its name
 * or an address (the edited one as it is now), when the edited VM takes from the address
 * pools as before (then every prediction after it is unchanged).
 *
 * Anything else answers undefined and the caller analyses the new version in full: an edit
 * outside one VM item or changing where items start, a chunk that doesn't parse cleanly, a
 * schema problem anywhere, a VM after which other top-level entries follow, a hover outside
 * the VMs, or one that shows a network or a cloud (those count every VM). Completion needs less (see `completeAfterEdit`). Property tests
 * (test/unit/after-edit.test.ts) check the answers against `hoverAt` and `completeAt`
 * on a full analysis for random edits.
 */
import { analyzeModel, type Analysis, type AnalyzedVersion } from '../analysis';
import { splitChunks } from './chunks';
import { hoverAt, type HoverResult } from '../features';
import { completeAt, type CompletionCandidate } from '../features';
import { parseChunk, type ChunkedParse, type ParsedChunk } from './incremental';
import { parseAddress } from '../model';
import { movedVm, readVm } from '../model';
import { entityAt, entityOfName, nameAt, touches } from '../features';
import { yamlContextAt } from '../yaml';
import type { JsonSchema } from '../schema';
import { isValidListItem } from '../schema';
import { LineIndex } from '../yaml';
import type { Failover, Landing, Str, Vm } from '../types';

/** `hover`: the answer (undefined: nothing to show); the whole result undefined: analyse in full. */
export interface QuickHover {
  readonly hover: HoverResult | undefined;
}

/** The candidates, and the analysis whose `lines` place their ranges in the new text. */
export interface QuickCompletion {
  readonly analysis: Analysis;
  readonly items: CompletionCandidate[];
}

const LIST = 'vms';

/** The one VM item an edit stayed in, checked as below, with its new text parsed. */
interface EditedVm {
  /** The item's place in the new text, [start, end). */
  readonly start: number;
  readonly end: number;
  /** Its index in the list of VMs. */
  readonly index: number;
  readonly parsed: ParsedChunk;
}

/**
 * The VM item of `base` that the edit leading to `text` stayed in, when the new text of that
 * item splits as one item at the list's indentation, ends where a line ends and parses cleanly
 * on its own: then the full split of `text` has the same chunks, all clean, and every other
 * chunk (the estate among them) reads as before. Undefined otherwise.
 */
function editedVm(base: AnalyzedVersion, text: string): EditedVm | undefined {
  const old = base.analysis.text;
  // The edited region, [from, oldTo) in the old text.
  const from = commonPrefix(old, text);
  const tail = commonSuffix(old, text, from);
  const oldTo = old.length - tail;
  const delta = text.length - old.length;

  // The one chunk it lies in: a VM item, with only VM items after it.
  const chunks = base.chunks.chunks;
  const at = chunkAt(chunks, from);
  const edited = at === undefined ? undefined : chunks[at];
  const last = chunks[chunks.length - 1];
  if (at === undefined || !edited || !last || oldTo > edited.chunk.end) return undefined;
  const { chunk } = edited;
  if (chunk.kind !== 'item' || chunk.key !== LIST || last.chunk.key !== LIST) return undefined;
  const start = chunk.start;
  const end = chunk.end + delta;

  const chunkText = text.slice(start, end);
  if (end < text.length && !chunkText.endsWith('\n')) return undefined;
  const firstItem = chunks.findIndex((c) => c.chunk.kind === 'item' && c.chunk.key === LIST);
  const listIndent = indentOf(chunks[firstItem]?.text ?? '');
  if (indentOf(chunkText) !== listIndent) return undefined;
  const head = `${LIST}:\n`;
  const split = splitChunks(head + chunkText);
  if (split?.length !== 2 || split[1]?.kind !== 'item' || split[1].start !== head.length || split[1].end !== head.length + chunkText.length) return undefined;
  const parsed = parseChunk(chunkText, { start, end, key: LIST, kind: 'item' });
  return parsed && { start, end, index: at - firstItem, parsed };
}

/**
 * The hover at `offset` of `text`, a version after `base` (the session's last analysed one),
 * when it can be told without analysing `text` in full; undefined: analyse it.
 */
export function hoverAfterEdit(base: AnalyzedVersion | undefined, text: string, offset: number, schema: JsonSchema | undefined): QuickHover | undefined {
  if (!base) return undefined;
  const previous = base.analysis;
  // Schema problems are counted and capped over the whole file: only a valid file qualifies.
  if (previous.diagnostics.some((d) => d.code === 'TOP001' || d.code === 'TOP002')) return undefined;
  const e = editedVm(base, text);
  if (!e || !isValidListItem(LIST, e.parsed.json)) return undefined;
  const { index } = e;
  const vm = readVm(e.parsed.node, index);
  const landingsOf = (a: Analysis, v: Vm | undefined): Landing[] => (v ? a.landings.filter((l) => l.vm === v) : []);
  const oldVm = previous.model.vms.find((v) => v.index === index);

  if (offset >= e.start && offset <= e.end) {
    // The edited VM: the estate, the VMs before it that the first-one-wins checks would find, and it.
    if (!vm || !touches(vm.span, offset)) return undefined;
    const a = analyzeModel(text, undefined, { ...previous.model, vms: [...earlierSharing(previous.model.vms, vm), vm] }, []);
    const mine = landingsOf(a, vm);
    // Its predicted addresses: as before, when it draws from the pools as before.
    if (mine.some(draws) && !copyPredictions(landingsOf(previous, oldVm), mine)) return undefined;
    return vmHoverIn(a, vm, offset, schema);
  }
  const editedNow = vm ? landingsOf(analyzeModel(text, undefined, { ...previous.model, vms: [vm] }, []), vm) : [];
  const editedBefore = landingsOf(previous, oldVm);

  if (offset < e.start) {
    // A VM before the edited one: the checks where the first one wins don't look after it, so
    // the edit reaches it only through the addresses the edited VM fixes in the Azure pools
    // (taken from every prediction): when those are the same, its hover is the previous one.
    const held = vmAround(previous, offset);
    if (!held || !sameParts(editedBefore.filter(fixes), editedNow.filter(fixes))) return undefined;
    return vmHoverIn(previous, held, offset, schema);
  }

  // A VM after the edited one: the same text, moved by the edit. The VMs before it that share
  // its name or an address (the edited one as it is now), all moved as it is; its predictions
  // are those of the last analysis when the edited VM takes from the pools as before.
  const delta = text.length - previous.text.length;
  const held = vmAround(previous, offset - delta);
  if (!held || held.index <= index || !sameParts(editedBefore.filter(inPool), editedNow.filter(inPool))) return undefined;
  const moved = movedVm(held, delta, held.index);
  const others = previous.model.vms.filter((v) => v.index !== index && v.index < held.index);
  const sharing = [...earlierSharing(others, moved), ...(vm ? earlierSharing([vm], moved) : [])]
    .sort((x, y) => x.index - y.index)
    .map((v) => (v === vm || v.index < index ? v : movedVm(v, delta, v.index)));
  const a = analyzeModel(text, undefined, { ...previous.model, vms: [...sharing, moved] }, []);
  const mine = landingsOf(a, moved);
  if (mine.some(draws) && !copyPredictions(landingsOf(previous, held), mine)) return undefined;
  return vmHoverIn(a, moved, offset, schema);
}

/** The VM at an offset (on the VM or one of its NICs). */
function vmAround(a: Analysis, offset: number): Vm | undefined {
  const around = entityAt(a, offset);
  return around?.kind === 'nic' ? around.vm : around?.kind === 'vm' ? around : undefined;
}

/**
 * Completion right after an edit inside one VM (typing a value triggers it): what completion
 * offers (keys from the schema, networks, clouds, subnets of the named network, available
 * mapping targets, snippets) reads the text at the cursor and the estate, and the estate is
 * as the last analysis read it. Not `targetSubnet`, whose subnets are those of where the NIC
 * lands: that needs the VM's landing.
 */
export function completeAfterEdit(base: AnalyzedVersion | undefined, text: string, offset: number, schema: JsonSchema | undefined): QuickCompletion | undefined {
  if (!base || !editedVm(base, text)) return undefined;
  const ctx = yamlContextAt(text, offset);
  if (ctx.key === 'targetSubnet') return undefined;
  // The last analysis with the new text: only the text and the estate are read.
  const view: Analysis = { ...base.analysis, text, lines: new LineIndex(text) };
  return { analysis: view, items: completeAt(view, offset, schema, ctx) };
}

/** The hover of `vm` at `offset` in `a`, unless it shows a network or a cloud (those count every VM). */
function vmHoverIn(a: Analysis, vm: Vm, offset: number, schema: JsonSchema | undefined): QuickHover | undefined {
  const entity = ((n) => (n ? entityOfName(n) : undefined))(nameAt(a, offset));
  if (entity && (entity.kind === 'cloud' || entity.kind === 'vmNetwork' || entity.kind === 'azureNetwork')) return undefined;
  const around = entityAt(a, offset);
  if (around !== vm && !(around?.kind === 'nic' && around.vm === vm)) return undefined;
  return { hover: hoverAt(a, offset, schema) };
}

/** Compared a block at a time first: a string comparison is many times faster than a loop over characters. */
const BLOCK = 1024;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.substring(i, i + BLOCK) === b.substring(i, i + BLOCK)) i += BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The common suffix, not reaching into the first `prefix` characters of either. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i + BLOCK <= n && a.substring(a.length - i - BLOCK, a.length - i) === b.substring(b.length - i - BLOCK, b.length - i)) i += BLOCK;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The index of the chunk with start <= offset < end. */
function chunkAt(chunks: ChunkedParse['chunks'], offset: number): number | undefined {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid]!.chunk;
    if (offset < c.start) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return mid;
  }
  return undefined;
}

function indentOf(s: string): number {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * The VMs before `vm` that share its name, or one of its addresses (as the NIC's `ipAddress`
 * or as a `targetIpAddress`): every VM that TOP010 or TOP061 could name as the first one.
 * Taking more than needed is harmless: those checks only look at the first.
 */
function earlierSharing(vms: readonly Vm[], vm: Vm): Vm[] {
  const name = vm.name.value;
  const texts = new Set<string>();
  const values = new Set<bigint>();
  let v6 = false;
  for (const nic of vm.nics) {
    for (const s of [nic.ipAddress, nic.targetIpAddress]) {
      if (!s) continue;
      texts.add(s.value);
      const a = parseAddress(s.value);
      if (a) values.add(a.value);
      if (a?.version === 6) v6 = true;
    }
  }
  // An IPv4 address is taken only as written (canonical), so equal texts find those; an IPv6
  // one can be written in several ways, and the replica check compares values of either kind.
  const shares = (s: Str | undefined): boolean => {
    if (s === undefined) return false;
    if (texts.has(s.value)) return true;
    if (!v6 && !s.value.includes(':')) return false;
    const a = parseAddress(s.value);
    return a !== undefined && values.has(a.value);
  };
  const out: Vm[] = [];
  for (const other of vms) {
    if (other.index >= vm.index) break;
    if (other.name.value === name) {
      out.push(other);
      continue;
    }
    for (const n of other.nics) {
      if (shares(n.ipAddress) || shares(n.targetIpAddress)) {
        out.push(other);
        break;
      }
    }
  }
  return out;
}

/** A NIC's part in the address pools: its Azure subnet and the address it fixes (null: it draws one). */
function poolPart(l: Landing | undefined): { subnet: object; ip: string | null } | undefined {
  const f = l?.failover;
  if (!f || f.status !== 'connected' || f.pair?.toAzure !== true || !f.subnet) return undefined;
  return { subnet: f.subnet, ip: f.ipSource === 'target-setting' ? f.ipAddress : null };
}

/** A landing in an Azure pool. */
function inPool(l: Landing): boolean {
  return poolPart(l) !== undefined;
}

/** A landing that fixes its replica address in an Azure pool. */
function fixes(l: Landing): boolean {
  return poolPart(l)?.ip !== null && inPool(l);
}

/** A landing that draws its replica address from an Azure pool (a prediction). */
function draws(l: Landing): boolean {
  return poolPart(l)?.ip === null;
}

/** Whether two lists of landings take from the pools alike: same subnets, same fixed addresses, in order. */
function sameParts(x: readonly Landing[], y: readonly Landing[]): boolean {
  if (x.length !== y.length) return false;
  return x.every((l, i) => {
    const p = poolPart(l);
    const q = poolPart(y[i]);
    return p === undefined || q === undefined ? p === q : p.subnet === q.subnet && p.ip === q.ip;
  });
}

/**
 * Predicted replica addresses depend on every landing before them. When a VM's landings take
 * from the pools as they did in the last analysis and nothing else changed how addresses are
 * taken, every prediction is unchanged: `to` gets the predictions of `from`, NIC by NIC.
 * False when the two don't take from the pools alike.
 */
function copyPredictions(from: readonly Landing[], to: readonly Landing[]): boolean {
  if (!sameParts(from, to)) return false;
  to.forEach((l, i) => {
    const o = from[i]!;
    if (!draws(l)) return;
    (l as { failover: Failover }).failover = { ...l.failover, ipAddress: o.failover.ipAddress, ipSource: o.failover.ipSource };
  });
  return true;
}
