/** IPv4 and IPv6 addresses and CIDR prefixes as big integers, for subnet arithmetic. */

export interface Address {
  readonly version: 4 | 6;
  readonly value: bigint;
}

export interface Prefix {
  readonly version: 4 | 6;
  /** The network address (host bits cleared). */
  readonly base: bigint;
  readonly bits: number;
  /** Number of addresses in the prefix. */
  readonly size: bigint;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 (dotted quad, no leading zeros) or IPv6 address; undefined for anything else. */
export function parseAddress(s: string): Address | undefined {
  if (s.length > 45) return undefined;
  const m = V4.exec(s);
  if (m) {
    // In a double (exact below 2^53), and one BigInt at the end: this runs for every NIC.
    let v = 0;
    for (let i = 1; i <= 4; i++) {
      const octet = Number(m[i]);
      if (octet > 255 || (m[i]!.length > 1 && m[i]!.startsWith('0'))) return undefined;
      v = v * 256 + octet;
    }
    return { version: 4, value: BigInt(v) };
  }
  if (s.includes(':')) return parseV6(s);
  return undefined;
}

function parseV6(s: string): Address | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (i === pieces.length - 1 && p.includes('.')) {
        const v4 = parseAddress(p);
        if (!v4 || v4.version !== 4) return undefined;
        out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  let v = 0n;
  for (const g of all) v = (v << 16n) | BigInt(g);
  return { version: 6, value: v };
}

/** Prefixes read, by text: a file names the same few subnets for thousands of NICs (values are immutable). */
const prefixes = new Map<string, Prefix | undefined>();

export function parsePrefix(text: string): Prefix | undefined {
  if (prefixes.has(text)) return prefixes.get(text);
  const p = readPrefix(text);
  if (prefixes.size >= 10_000) prefixes.clear();
  prefixes.set(text, p);
  return p;
}

function readPrefix(text: string): Prefix | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = parseAddress(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const width = addr.version === 4 ? 32 : 128;
  if (bits > width) return undefined;
  const hostBits = BigInt(width - bits);
  const base = (addr.value >> hostBits) << hostBits;
  return { version: addr.version, base, bits, size: 1n << hostBits };
}

export function contains(prefix: Prefix, addr: Address): boolean {
  return prefix.version === addr.version && addr.value >= prefix.base && addr.value < prefix.base + prefix.size;
}

/**
 * Azure keeps the first four addresses and the last one of every subnet (network address,
 * default gateway, two for DNS, broadcast). Only meaningful for prefixes of 8+ addresses.
 */
export function isAzureReserved(prefix: Prefix, addr: Address): boolean {
  if (!contains(prefix, addr)) return false;
  const offset = addr.value - prefix.base;
  return offset < 4n || offset === prefix.size - 1n;
}

export function formatAddress(version: 4 | 6, value: bigint): string {
  if (version === 4) {
    // Below 2^32: exact as a number, and unsigned shifts take it apart (one call per predicted address).
    const n = Number(value & 0xffffffffn);
    return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // Compress the longest run of zero groups (RFC 5952).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
