/**
 * The diagnostic codes: the one place each is described. Its default severity, one sentence,
 * and the help of the user's reference. `npm run generate` writes them into package.json's
 * severity settings, the README's table and docs/format.md's codes section, and a unit test
 * fails when those drift from this table. Nothing here decides a rule (the core does that).
 */
import type { DiagnosticCode, Severity } from './types';

export interface CodeInfo {
  readonly code: DiagnosticCode;
  /** The default severity. TOP021 is an error when a VM sits on the source network, else a warning: listed as error. */
  readonly severity: Severity;
  /** When the severity depends on the case (TOP021): said in words, for the docs. */
  readonly severityNote?: string;
  /** One sentence: when it fires. Settings, SARIF rules and the README's table show it. */
  readonly short: string;
  /** For the user's reference (docs/format.md): what it means, with an example, and what to do (Markdown). */
  readonly help: string;
}

const TABLE = {
  TOP001: {
    severity: 'error',
    short: 'YAML syntax error, more than one document, or bytes that are not UTF-8.',
    help: 'YAML syntax error, more than one document, or bytes that are not UTF-8. Fix the YAML where the parser points; keep one document per file.',
  },
  TOP002: {
    severity: 'error',
    short: 'The file breaks the schema: unknown key, wrong type, missing field, bad CIDR or IP address.',
    help: "The file breaks the schema: unknown key (with a did-you-mean and a quick fix), wrong type, missing field (on the key of the object that lacks it), bad CIDR prefix or IP address. Example: `adressPrefix: 10.1.0.0/24` → *Unknown key 'adressPrefix' …; did you mean 'addressPrefix'?*",
  },
  TOP010: {
    severity: 'error',
    short: 'A duplicate name in its namespace.',
    help: 'A duplicate name in its namespace (sites, clouds, VMs, networks — VM networks and Azure virtual networks share one —, subnets of a network, logical networks of a VMM server). References go to the first one; rename the later one.',
  },
  TOP011: {
    severity: 'error',
    short: "A reference to something that doesn't exist.",
    help: "A reference to something that doesn't exist (`cloud: GoldClod1`), with a did-you-mean quick fix when a close name exists.",
  },
  TOP012: {
    severity: 'error',
    short: 'A wrong kind of reference: a mapping source that is an Azure network, a NIC on an Azure network, a cloud protecting itself, or a mapping of a network to itself.',
    help: 'A wrong kind of reference: a mapping whose source is an Azure network, a NIC on an Azure network, a cloud protecting itself, a network mapped to itself, or `targetSubnet` / `targetIpAddress` on a VM that replicates VMM to VMM (they are Azure settings).',
  },
  TOP020: {
    severity: 'warning',
    short: "A protected NIC's network has no mapping of the kind its pair needs: the replica won't connect to any network.",
    help: "A protected VM's network has no mapping of the kind its pair needs (a VM network for a VMM pair, an Azure virtual network for Azure): its replica won't connect to any network. Quick fix: *Add a mapping* to one of the targets available to the pair.",
  },
  TOP021: {
    severity: 'error',
    severityNote: "Error when a VM of the pair's protected cloud is on the source network, else warning.",
    short: "A mapping's target is not available to a pair whose protected cloud holds the source's logical network.",
    help: "A mapping's target is not available to a protection pair: the protecting cloud doesn't have the target's logical network (the article's *Not available*). Add the logical network to the protecting cloud, or map to a network it has.",
  },
  TOP022: {
    severity: 'error',
    short: 'A second mapping of the same source to the same kind of target.',
    help: 'A second mapping of the same source to the same kind of target; only the first applies. Remove one.',
  },
  TOP023: {
    severity: 'error',
    short: "A VM's NICs would land in different Azure virtual networks (Azure puts all NICs of a VM in one virtual network).",
    help: "A VM's NICs would land in different Azure virtual networks; Azure puts all NICs of a VM in one virtual network. Map the NICs' networks to one virtual network.",
  },
  TOP030: {
    severity: 'information',
    short: 'The replica lands on the first subnet because the target has no subnet of the same name.',
    help: "The replica lands on the target's first subnet (for an Azure virtual network, the first in alphabetical order) because no subnet has the source subnet's name. Nothing to fix when that subnet is right; otherwise give the target a subnet of the source subnet's name (or, to Azure, set `targetSubnet`).",
  },
  TOP031: {
    severity: 'warning',
    short: "A mapping's target network has no subnets.",
    help: "A mapping's target network has no subnets: replicas connect to it without one. Add the target's subnets as VMM or Azure has them, so that replicas land on the one of the same name.",
  },
  TOP032: {
    severity: 'warning',
    short: 'An Azure virtual network used as a target is not in azure.vaultLocation.',
    help: "An Azure virtual network used as a target is not in `azure.vaultLocation`. Use a virtual network in the vault's region, or correct `location` or `vaultLocation`.",
  },
  TOP040: {
    severity: 'warning',
    short: "A mapping's target VM network has no mapping back to a VM network, and replicas land there: those VMs disconnect on failback.",
    help: 'Replicas land on a target VM network that has no mapping back: those VMs disconnect on failback. Quick fix: *Add the reverse mapping*.',
  },
  TOP041: {
    severity: 'warning',
    short: "A mapping's target VM network maps back to a network other than the source, and replicas land there: on failback those VMs move there.",
    help: 'Replicas land on a target that maps back to a network other than their source: on failback those VMs move there.',
  },
  TOP042: {
    severity: 'warning',
    short: "A NIC's replica setting says the replica moved or disconnected: where the original VM lands on failback.",
    help: "A NIC's `replica:` says the replica moved or disconnected after failover; the message says where the original VM lands on failback, or that it disconnects.",
  },
  TOP050: {
    severity: 'information',
    short: "A VM's cloud is not protected: no replica.",
    help: "A VM's cloud is not protected by any pair: no replica. Add a protection pair for the cloud if the VM must be protected.",
  },
  TOP051: {
    severity: 'error',
    short: 'A cloud is in more than one protection pair.',
    help: 'A cloud is in more than one protection pair; a cloud belongs to one pair only.',
  },
  TOP052: {
    severity: 'warning',
    short: "A NIC's network's logical network is not one of its cloud's logical networks.",
    help: "A VM's network is on a logical network that its cloud doesn't have. Add the logical network to the cloud, or move the VM to a network the cloud has.",
  },
  TOP060: {
    severity: 'warning',
    short: "A NIC's ipAddress is outside its subnet's addressPrefix.",
    help: "A NIC's `ipAddress` is outside its subnet's `addressPrefix`. Correct the address or the subnet.",
  },
  TOP061: {
    severity: 'error',
    short: 'Two NICs share one ipAddress in the same network, or two replicas one targetIpAddress.',
    help: 'Two NICs share one `ipAddress` in the same network, or two replicas one `targetIpAddress` in the same virtual network.',
  },
  TOP062: {
    severity: 'error',
    short: 'A targetIpAddress is outside its target subnet, or is one of the addresses Azure keeps.',
    help: 'A `targetIpAddress` is outside its target subnet, or is one of the five addresses Azure keeps in every subnet (the first four and the last).',
  },
} satisfies Record<DiagnosticCode, { severity: Severity; severityNote?: string; short: string; help: string }>;

/** Every code, in order (the `satisfies` above makes the compiler check that none is missing). */
export const CODES: readonly CodeInfo[] = (Object.keys(TABLE) as DiagnosticCode[]).map((code) => ({ code, ...TABLE[code] }));

const byCode = new Map<string, CodeInfo>(CODES.map((c) => [c.code, c]));

/** A code's entry (the estate-vscode branch's vault drift reads severities through it). */
export function codeInfo(code: string): CodeInfo | undefined {
  return byCode.get(code);
}

/**
 * The user's reference of the file format and of every code, in the repository: what a
 * diagnostic's code links to (LSP `codeDescription.href`, SARIF `helpUri`). package.json's
 * `repository` must name the same repository (npm run generate -- --check says when not).
 */
export const FORMAT_DOC_URL = 'https://github.com/asr-topology/asr-topology-vscode/blob/main/docs/format.md';

/** Where a code is explained: its section of docs/format.md. */
export function codeHref(code: string): string {
  return `${FORMAT_DOC_URL}#${code.toLowerCase()}`;
}
