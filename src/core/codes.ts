/**
 * The diagnostic codes as the spec's table (section 4) lists them: a short description and
 * the default severity. The CLI needs them for SARIF `tool.driver.rules`; nothing here
 * decides a rule (the core does that).
 */
import type { DiagnosticCode, Severity } from './types';

export interface CodeInfo {
  readonly code: DiagnosticCode;
  /** The default severity. TOP021 is an error when a VM sits on the source network, else a warning: listed as error. */
  readonly severity: Severity;
  /** One sentence, from the spec's "when" column. */
  readonly short: string;
}

const TABLE = {
  TOP001: { severity: 'error', short: 'YAML syntax error, more than one document, or bytes that are not UTF-8.' },
  TOP002: { severity: 'error', short: 'The file breaks the schema: unknown key, wrong type, missing field, bad CIDR or IP address.' },
  TOP010: { severity: 'error', short: 'A duplicate name in its namespace.' },
  TOP011: { severity: 'error', short: "A reference to something that doesn't exist." },
  TOP012: { severity: 'error', short: 'A wrong kind of reference: a mapping source that is an Azure network, a NIC on an Azure network, a cloud protecting itself, or a mapping of a network to itself.' },
  TOP020: { severity: 'warning', short: "A protected NIC's network has no mapping of the kind its pair needs: the replica won't connect to any network." },
  TOP021: { severity: 'error', short: "A mapping's target is not available to a pair whose protected cloud holds the source's logical network." },
  TOP022: { severity: 'error', short: 'A second mapping of the same source to the same kind of target.' },
  TOP023: { severity: 'error', short: "A VM's NICs would land in different Azure virtual networks (Azure puts all NICs of a VM in one virtual network)." },
  TOP030: { severity: 'information', short: 'The replica lands on the first subnet because the target has no subnet of the same name.' },
  TOP031: { severity: 'warning', short: "A mapping's target network has no subnets." },
  TOP032: { severity: 'warning', short: 'An Azure virtual network used as a target is not in azure.vaultLocation.' },
  TOP040: { severity: 'warning', short: "A mapping's target VM network has no mapping back to a VM network, and replicas land there: those VMs disconnect on failback." },
  TOP041: { severity: 'warning', short: "A mapping's target VM network maps back to a network other than the source, and replicas land there: on failback those VMs move there." },
  TOP042: { severity: 'warning', short: "A NIC's replica setting says the replica moved or disconnected: where the original VM lands on failback." },
  TOP050: { severity: 'information', short: "A VM's cloud is not protected: no replica." },
  TOP051: { severity: 'error', short: 'A cloud is in more than one protection pair.' },
  TOP052: { severity: 'warning', short: "A NIC's network's logical network is not one of its cloud's logical networks." },
  TOP060: { severity: 'warning', short: "A NIC's ipAddress is outside its subnet's addressPrefix." },
  TOP061: { severity: 'error', short: 'Two NICs share one ipAddress in the same network, or two replicas one targetIpAddress.' },
  TOP062: { severity: 'error', short: 'A targetIpAddress is outside its target subnet, or is one of the addresses Azure keeps.' },
} satisfies Record<DiagnosticCode, { severity: Severity; short: string }>;

/** Every code, in order (the `satisfies` above makes the compiler check that none is missing). */
export const CODES: readonly CodeInfo[] = (Object.keys(TABLE) as DiagnosticCode[]).map((code) => ({ code, ...TABLE[code] }));

const byCode = new Map<string, CodeInfo>(CODES.map((c) => [c.code, c]));

/** A code's entry (the estate-vscode branch's vault drift reads severities through it). */
export function codeInfo(code: string): CodeInfo | undefined {
  return byCode.get(code);
}
