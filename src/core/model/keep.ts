/**
 * The estate's entities kept across a new read of its text (the incremental analysis reads the
 * estate again when one of its items changed): an entity of the new model that says the same
 * as one of the last (its values, its subnets; a site's name and VMM server) is replaced by the
 * last one, whose spans read the new nodes from now on. So an edit of one network leaves the
 * other networks, clouds, pairs and mappings the same objects, and what was decided from them
 * (a VM's landing) can be kept when nothing it read changed (incremental/estateReads.ts).
 *
 * Kept entities are changed in place (their spans, a site's lists, a child's site, a pair's or
 * a mapping's index): the last model is not to be read any more.
 */
import { adoptSpan, emptyModel, isNodeSpan } from './build';
import type { AzureNetwork, Cloud, LogicalNetwork, Model, NetworkMapping, ProtectionPair, Site, Span, Str, Subnet, VmNetwork } from '../types';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** `next` with the entities of `prev` that say the same in place of its own. */
export function keepEntities(prev: Model, next: Model): Model {
  const out: Writable<Model> = emptyModel();
  out.vaultLocation = next.vaultLocation;
  next.sites.forEach((fresh, i) => {
    const old = prev.sites[i];
    const site = old && same(old, fresh, SITE) ? keep(old, fresh, SITE) : fresh;
    const w = site as Writable<Site>;
    // A site's entities are kept only in a site kept (their wording names the site).
    w.logicalNetworks = children(fresh.logicalNetworks, site === old ? old.logicalNetworks : [], LOGICAL, site);
    w.vmNetworks = children(fresh.vmNetworks, site === old ? old.vmNetworks : [], VM_NETWORK, site);
    w.clouds = children(fresh.clouds, site === old ? old.clouds : [], CLOUD, site);
    out.sites.push(site);
    out.logicalNetworks.push(...site.logicalNetworks);
    out.vmNetworks.push(...site.vmNetworks);
    out.clouds.push(...site.clouds);
  });
  const azure = new Picker(prev.azureNetworks, (e) => e.name.value);
  for (const e of next.azureNetworks) out.azureNetworks.push(azure.take(e, AZURE));
  const pairs = new Picker(prev.pairs, (p) => `${p.protected?.value ?? ''}\0${p.protecting?.value ?? ''}`);
  for (const p of next.pairs) out.pairs.push(pairs.take(p, PAIR));
  const mappings = new Picker(prev.mappings, (m) => `${m.source?.value ?? ''}\0${m.target?.value ?? ''}`);
  for (const m of next.mappings) out.mappings.push(mappings.take(m, MAPPING));
  return out;
}

/**
 * What an entity says, by kind: its strings, its lists of strings, its other values (equal to
 * be kept), its subnets; `moves`: its place in its list may change (it is set on the one kept).
 */
interface Shape<T> {
  readonly strs: readonly (keyof T)[];
  readonly lists?: readonly (keyof T)[];
  readonly values?: readonly (keyof T)[];
  readonly subnets?: boolean;
  readonly moves?: boolean;
}

const SUBNET: Shape<Subnet> = { strs: ['name', 'addressPrefix'], values: ['index'] };
const SITE: Shape<Site> = { strs: ['name', 'vmmServer'], values: ['index'] };
const LOGICAL: Shape<LogicalNetwork> = { strs: ['name'] };
const VM_NETWORK: Shape<VmNetwork> = { strs: ['name', 'logicalNetwork'], subnets: true };
const CLOUD: Shape<Cloud> = { strs: ['name'], lists: ['logicalNetworks'] };
const AZURE: Shape<AzureNetwork> = { strs: ['name', 'location', 'resourceGroup'], lists: ['addressSpace'], values: ['gateway'], subnets: true };
const PAIR: Shape<ProtectionPair> = { strs: ['protected', 'protecting'], values: ['toAzure'], moves: true };
const MAPPING: Shape<NetworkMapping> = { strs: ['source', 'target'], moves: true };

type Fields = Record<PropertyKey, unknown>;
const str = (e: object, k: PropertyKey): Str | undefined => (e as Fields)[k] as Str | undefined;
const strs = (e: object, k: PropertyKey): readonly Str[] => (e as Fields)[k] as readonly Str[];
const subnetsOf = (e: object): readonly Subnet[] => (e as { subnets: readonly Subnet[] }).subnets;

/** The entities of the last model by a key, each kept at most once. */
class Picker<T extends { readonly span: Span }> {
  private readonly byKey = new Map<string, T[]>();
  private readonly used = new Set<T>();

  constructor(items: readonly T[], private readonly key: (item: T) => string) {
    for (const item of items) {
      const k = key(item);
      const list = this.byKey.get(k);
      if (list) list.push(item);
      else this.byKey.set(k, [item]);
    }
  }

  /** The first unused entity of the last model that says the same as `fresh` (kept), else `fresh`. */
  take(fresh: T, shape: Shape<T>): T {
    for (const old of this.byKey.get(this.key(fresh)) ?? []) {
      if (this.used.has(old) || !same(old, fresh, shape)) continue;
      this.used.add(old);
      return keep(old, fresh, shape);
    }
    return fresh;
  }
}

/** A site's entities: each the last one that says the same (matched by name), else the new one; all of them in `site`. */
function children<T extends { readonly name: Str; readonly site: Site; readonly span: Span }>(
  fresh: readonly T[], olds: readonly T[], shape: Shape<T>, site: Site,
): T[] {
  const picker = olds.length > 0 ? new Picker(olds, (x) => x.name.value) : undefined;
  return fresh.map((f) => {
    const e = picker ? picker.take(f, shape) : f;
    (e as { site: Site }).site = site;
    return e;
  });
}

// --- what "says the same" is: every value, and spans that read nodes (so they can follow) ---

function sameStr(a: Str | undefined, b: Str | undefined): boolean {
  if (!a || !b) return a === b;
  return a.value === b.value && isNodeSpan(a.span) && isNodeSpan(b.span);
}

function same<T extends { readonly span: Span }>(a: T, b: T, shape: Shape<T>): boolean {
  if (!isNodeSpan(a.span) || !isNodeSpan(b.span)) return false;
  for (const k of shape.strs) if (!sameStr(str(a, k), str(b, k))) return false;
  for (const k of shape.lists ?? []) {
    const x = strs(a, k);
    const y = strs(b, k);
    if (x.length !== y.length || !x.every((s, i) => sameStr(s, y[i]))) return false;
  }
  for (const k of shape.values ?? []) if (a[k] !== b[k]) return false;
  if (shape.subnets) {
    const x = subnetsOf(a);
    const y = subnetsOf(b);
    if (x.length !== y.length || !x.every((s, i) => same(s, y[i]!, SUBNET))) return false;
  }
  return true;
}

/** Keeps `old` in place of `fresh`: its spans read `fresh`'s nodes from now on (what `same` checked can follow). */
function keep<T extends { readonly span: Span }>(old: T, fresh: T, shape: Shape<T>): T {
  adoptSpan(old.span, fresh.span);
  for (const k of shape.strs) {
    const s = str(old, k);
    const t = str(fresh, k);
    if (s && t) adoptSpan(s.span, t.span);
  }
  for (const k of shape.lists ?? []) {
    const t = strs(fresh, k);
    strs(old, k).forEach((s, i) => { adoptSpan(s.span, t[i]!.span); });
  }
  if (shape.subnets) {
    const t = subnetsOf(fresh);
    subnetsOf(old).forEach((s, i) => { keep(s, t[i]!, SUBNET); });
  }
  if (shape.moves) (old as unknown as { index: number }).index = (fresh as unknown as { index: number }).index;
  return old;
}
