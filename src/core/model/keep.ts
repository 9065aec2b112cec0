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
    const site = old && sameSite(old, fresh) ? keep(old, fresh, adoptSite) : fresh;
    const w = site as Writable<Site>;
    // A site's entities are kept only in a site kept (their wording names the site).
    w.logicalNetworks = children(fresh.logicalNetworks, site === old ? old.logicalNetworks : [], sameLogical, adoptLogical, site);
    w.vmNetworks = children(fresh.vmNetworks, site === old ? old.vmNetworks : [], sameVmNetwork, adoptVmNetwork, site);
    w.clouds = children(fresh.clouds, site === old ? old.clouds : [], sameCloud, adoptCloud, site);
    out.sites.push(site);
    out.logicalNetworks.push(...site.logicalNetworks);
    out.vmNetworks.push(...site.vmNetworks);
    out.clouds.push(...site.clouds);
  });
  const azure = new Picker(prev.azureNetworks, (e) => e.name.value);
  for (const e of next.azureNetworks) out.azureNetworks.push(azure.take(e, sameAzure, adoptAzure));
  const pairs = new Picker(prev.pairs, (p) => `${p.protected?.value ?? ''}\0${p.protecting?.value ?? ''}`);
  for (const p of next.pairs) out.pairs.push(pairs.take(p, samePair, adoptPair));
  const mappings = new Picker(prev.mappings, (m) => `${m.source?.value ?? ''}\0${m.target?.value ?? ''}`);
  for (const m of next.mappings) out.mappings.push(mappings.take(m, sameMapping, adoptMapping));
  return out;
}

/** The entities of the last model by a key, each kept at most once. */
class Picker<T extends object> {
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
  take(fresh: T, same: (old: T, fresh: T) => boolean, adopt: (old: T, fresh: T) => void): T {
    for (const old of this.byKey.get(this.key(fresh)) ?? []) {
      if (this.used.has(old) || !same(old, fresh)) continue;
      this.used.add(old);
      return keep(old, fresh, adopt);
    }
    return fresh;
  }
}

function keep<T>(old: T, fresh: T, adopt: (old: T, fresh: T) => void): T {
  adopt(old, fresh);
  return old;
}

/** A site's entities: each the last one that says the same (matched by name), else the new one; all of them in `site`. */
function children<T extends { readonly name: Str; readonly site: Site }>(
  fresh: readonly T[], olds: readonly T[], same: (a: T, b: T) => boolean, adopt: (a: T, b: T) => void, site: Site,
): T[] {
  const picker = olds.length > 0 ? new Picker(olds, (x) => x.name.value) : undefined;
  return fresh.map((f) => {
    const e = picker ? picker.take(f, same, adopt) : f;
    (e as { site: Site }).site = site;
    return e;
  });
}

// --- what "says the same" is: every value, and spans that read nodes (so they can follow) ---

function sameSpan(a: Span, b: Span): boolean {
  return isNodeSpan(a) && isNodeSpan(b);
}

function sameStr(a: Str | undefined, b: Str | undefined): boolean {
  if (!a || !b) return a === b;
  return a.value === b.value && sameSpan(a.span, b.span);
}

function sameStrs(a: readonly Str[], b: readonly Str[]): boolean {
  return a.length === b.length && a.every((s, i) => sameStr(s, b[i]));
}

function sameSubnets(a: readonly Subnet[], b: readonly Subnet[]): boolean {
  return a.length === b.length && a.every((s, i) => {
    const t = b[i]!;
    return s.index === t.index && sameSpan(s.span, t.span) && sameStr(s.name, t.name) && sameStr(s.addressPrefix, t.addressPrefix);
  });
}

function sameSite(a: Site, b: Site): boolean {
  return a.index === b.index && sameSpan(a.span, b.span) && sameStr(a.name, b.name) && sameStr(a.vmmServer, b.vmmServer);
}

function sameLogical(a: LogicalNetwork, b: LogicalNetwork): boolean {
  return sameSpan(a.span, b.span) && sameStr(a.name, b.name);
}

function sameVmNetwork(a: VmNetwork, b: VmNetwork): boolean {
  return sameSpan(a.span, b.span) && sameStr(a.name, b.name) && sameStr(a.logicalNetwork, b.logicalNetwork) && sameSubnets(a.subnets, b.subnets);
}

function sameCloud(a: Cloud, b: Cloud): boolean {
  return sameSpan(a.span, b.span) && sameStr(a.name, b.name) && sameStrs(a.logicalNetworks, b.logicalNetworks);
}

function sameAzure(a: AzureNetwork, b: AzureNetwork): boolean {
  return sameSpan(a.span, b.span) && sameStr(a.name, b.name) && sameStr(a.location, b.location)
    && sameStr(a.resourceGroup, b.resourceGroup) && sameStrs(a.addressSpace, b.addressSpace) && a.gateway === b.gateway
    && sameSubnets(a.subnets, b.subnets);
}

function samePair(a: ProtectionPair, b: ProtectionPair): boolean {
  return sameSpan(a.span, b.span) && sameStr(a.protected, b.protected) && sameStr(a.protecting, b.protecting) && a.toAzure === b.toAzure;
}

function sameMapping(a: NetworkMapping, b: NetworkMapping): boolean {
  return sameSpan(a.span, b.span) && sameStr(a.source, b.source) && sameStr(a.target, b.target);
}

// --- keeping one: its spans read the new nodes (what "same" checked can follow) -------------

function adoptStr(a: Str | undefined, b: Str | undefined): void {
  if (a && b) adoptSpan(a.span, b.span);
}

function adoptStrs(a: readonly Str[], b: readonly Str[]): void {
  a.forEach((s, i) => { adoptStr(s, b[i]); });
}

function adoptSubnets(a: readonly Subnet[], b: readonly Subnet[]): void {
  a.forEach((s, i) => {
    const t = b[i]!;
    adoptSpan(s.span, t.span);
    adoptStr(s.name, t.name);
    adoptStr(s.addressPrefix, t.addressPrefix);
  });
}

function adoptSite(a: Site, b: Site): void {
  adoptSpan(a.span, b.span);
  adoptStr(a.name, b.name);
  adoptStr(a.vmmServer, b.vmmServer);
}

function adoptLogical(a: LogicalNetwork, b: LogicalNetwork): void {
  adoptSpan(a.span, b.span);
  adoptStr(a.name, b.name);
}

function adoptVmNetwork(a: VmNetwork, b: VmNetwork): void {
  adoptSpan(a.span, b.span);
  adoptStr(a.name, b.name);
  adoptStr(a.logicalNetwork, b.logicalNetwork);
  adoptSubnets(a.subnets, b.subnets);
}

function adoptCloud(a: Cloud, b: Cloud): void {
  adoptSpan(a.span, b.span);
  adoptStr(a.name, b.name);
  adoptStrs(a.logicalNetworks, b.logicalNetworks);
}

function adoptAzure(a: AzureNetwork, b: AzureNetwork): void {
  adoptSpan(a.span, b.span);
  adoptStr(a.name, b.name);
  adoptStr(a.location, b.location);
  adoptStr(a.resourceGroup, b.resourceGroup);
  adoptStrs(a.addressSpace, b.addressSpace);
  adoptSubnets(a.subnets, b.subnets);
}

function adoptPair(a: ProtectionPair, b: ProtectionPair): void {
  adoptSpan(a.span, b.span);
  adoptStr(a.protected, b.protected);
  adoptStr(a.protecting, b.protecting);
  (a as Writable<ProtectionPair>).index = b.index;
}

function adoptMapping(a: NetworkMapping, b: NetworkMapping): void {
  adoptSpan(a.span, b.span);
  adoptStr(a.source, b.source);
  adoptStr(a.target, b.target);
  (a as Writable<NetworkMapping>).index = b.index;
}
