/**
 * The core's shared vocabulary: spans, diagnostics and the topology model.
 *
 * Everything here is plain data. Positions are UTF-16 offsets into the document text
 * (what JavaScript strings and LSP use); `LineIndex` turns them into line/character.
 */

/** A half-open range of offsets [start, end) into the document text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type DiagnosticCode =
  | 'TOP001' | 'TOP002'
  | 'TOP010' | 'TOP011' | 'TOP012'
  | 'TOP020' | 'TOP021' | 'TOP022' | 'TOP023'
  | 'TOP030' | 'TOP031' | 'TOP032'
  | 'TOP040' | 'TOP041' | 'TOP042'
  | 'TOP050' | 'TOP051' | 'TOP052'
  | 'TOP060' | 'TOP061' | 'TOP062'
  | 'TOP070' | 'TOP071' | 'TOP072' | 'TOP073' | 'TOP074' | 'TOP075' | 'TOP076' | 'TOP077' | 'TOP078';

/** Another place a diagnostic is about (the mapping, the cloud, the pair...). */
export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

/**
 * What a quick fix needs to know, computed where the rule is decided so that no editor
 * feature has to decide it again.
 */
export type FixData =
  /** Replace the node at the diagnostic's span with one of these names (TOP011, TOP002 unknown key). */
  | { readonly kind: 'rename'; readonly suggestions: readonly string[] }
  /** Add a mapping `source -> target`, one per candidate target (TOP020, TOP040). */
  | { readonly kind: 'addMapping'; readonly source: string; readonly targets: readonly string[] };

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
  readonly fix?: FixData;
}

/** A string scalar of the file, with the span of its value. */
export interface Str {
  readonly value: string;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------
// The model: what the file says, entity by entity, each with its spans. Only well-typed
// values are taken in; whatever breaks the schema is reported by TOP002 and left out here,
// so the semantic analysis keeps going on the rest.
// ---------------------------------------------------------------------------------------

export interface Site {
  readonly kind: 'site';
  readonly index: number;
  readonly span: Span;
  readonly name: Str | undefined;
  readonly vmmServer: Str | undefined;
  readonly logicalNetworks: LogicalNetwork[];
  readonly vmNetworks: VmNetwork[];
  readonly clouds: Cloud[];
}

export interface LogicalNetwork {
  readonly kind: 'logicalNetwork';
  readonly span: Span;
  readonly name: Str;
  readonly site: Site;
}

export interface Subnet {
  readonly kind: 'subnet';
  readonly span: Span;
  readonly index: number;
  readonly name: Str;
  readonly addressPrefix: Str | undefined;
  readonly network: Network;
}

export interface VmNetwork {
  readonly kind: 'vmNetwork';
  readonly span: Span;
  readonly name: Str;
  readonly site: Site;
  readonly logicalNetwork: Str | undefined;
  readonly subnets: Subnet[];
}

export interface AzureNetwork {
  readonly kind: 'azureNetwork';
  readonly span: Span;
  readonly name: Str;
  readonly location: Str | undefined;
  readonly resourceGroup: Str | undefined;
  readonly addressSpace: readonly Str[];
  readonly gateway: boolean | undefined;
  readonly subnets: Subnet[];
}

export type Network = VmNetwork | AzureNetwork;

export interface Cloud {
  readonly kind: 'cloud';
  readonly span: Span;
  readonly name: Str;
  readonly site: Site;
  readonly logicalNetworks: readonly Str[];
}

export interface ProtectionPair {
  readonly kind: 'pair';
  readonly index: number;
  readonly span: Span;
  readonly protected: Str | undefined;
  readonly protecting: Str | undefined;
  /** `toAzure: true` was given. */
  readonly toAzure: boolean;
}

export interface NetworkMapping {
  readonly kind: 'mapping';
  readonly index: number;
  readonly span: Span;
  readonly source: Str | undefined;
  readonly target: Str | undefined;
}

/** `replica:` of a NIC: where the replica was moved by hand after failover. */
export interface ReplicaOverride {
  readonly span: Span;
  /** `network: NAME`; undefined when the key is absent. */
  readonly network: Str | undefined;
  /** `network: null` (or `~`, or empty): the replica was disconnected. */
  readonly disconnected: boolean;
  /** Span of the null value when `disconnected`. */
  readonly networkSpan: Span | undefined;
  readonly subnet: Str | undefined;
}

export interface Nic {
  readonly kind: 'nic';
  readonly vm: Vm;
  /** 0-based position among the VM's NICs. */
  readonly index: number;
  /** The NIC's own node: the `nics[]` item, or the VM itself in the one-NIC form. */
  readonly span: Span;
  readonly network: Str | undefined;
  readonly subnet: Str | undefined;
  readonly ipAddress: Str | undefined;
  readonly targetSubnet: Str | undefined;
  readonly targetIpAddress: Str | undefined;
  readonly replica: ReplicaOverride | undefined;
}

export interface Vm {
  readonly kind: 'vm';
  readonly index: number;
  readonly span: Span;
  readonly name: Str;
  readonly cloud: Str | undefined;
  readonly nics: Nic[];
}

export interface Model {
  readonly sites: Site[];
  readonly logicalNetworks: LogicalNetwork[];
  readonly vmNetworks: VmNetwork[];
  readonly azureNetworks: AzureNetwork[];
  readonly clouds: Cloud[];
  readonly pairs: ProtectionPair[];
  readonly mappings: NetworkMapping[];
  readonly vms: Vm[];
  /** `azure.vaultLocation` */
  readonly vaultLocation: Str | undefined;
}

export type Entity =
  | Site | LogicalNetwork | Subnet | VmNetwork | AzureNetwork | Cloud | ProtectionPair | NetworkMapping | Vm | Nic;

/** Entities that have a name other things refer to. */
export type NamedEntity = Site | LogicalNetwork | Subnet | Network | Cloud | Vm;

// ---------------------------------------------------------------------------------------
// Resolution: what each reference points at.
// ---------------------------------------------------------------------------------------

export type RefKind = 'logicalNetwork' | 'network' | 'subnet' | 'cloud';

/** A reference in the file (a string value naming another entity) and what it resolved to. */
export interface Reference {
  readonly kind: RefKind;
  readonly str: Str;
  /** undefined when the name doesn't resolve (TOP011). */
  readonly target: NamedEntity | undefined;
  /** The entity the reference belongs to (the VM network, cloud, pair, mapping or NIC). */
  readonly owner: Entity;
}

// ---------------------------------------------------------------------------------------
// Landings (spec section 3): the single source of truth for where replicas go.
// ---------------------------------------------------------------------------------------

export type SubnetRule = 'name-match' | 'first-subnet' | 'target-setting';

/** A resolved protection pair: protected cloud C and where its replicas go. */
export interface PairInfo {
  readonly pair: ProtectionPair;
  readonly protectedCloud: Cloud;
  /** Q, for VMM to VMM; undefined for Azure, or when the protecting cloud doesn't resolve. */
  readonly protectingCloud: Cloud | undefined;
  readonly toAzure: boolean;
}

export interface Failover {
  readonly status: 'connected' | 'not-connected' | 'not-protected';
  readonly reason: null | 'unmapped' | 'unavailable';
  readonly pair: PairInfo | undefined;
  /** The mapping that was chosen (also set when the target turned out unavailable). */
  readonly mapping: NetworkMapping | undefined;
  /** T: the mapping's target network (also set when unavailable). */
  readonly target: Network | undefined;
  /** The replica's subnet, when connected and T has subnets. */
  readonly subnet: Subnet | undefined;
  readonly subnetRule: SubnetRule | null;
  /** Azure only: the replica's address (targetIpAddress, or predicted). */
  readonly ipAddress: string | null;
  readonly ipSource: 'target-setting' | 'predicted' | null;
  /** Unavailable: the logical network of T that the protecting cloud lacks. */
  readonly missingLogicalNetwork: string | undefined;
}

export interface Failback {
  readonly status: 'connected' | 'disconnected' | 'not-applicable';
  readonly network: Network | undefined;
  readonly subnet: Subnet | undefined;
  readonly subnetRule: SubnetRule | null;
  /** R: where the replica sits when failback starts (null: disconnected). */
  readonly replicaNetwork: Network | null;
  /** Where R came from: the failover result, or the NIC's `replica` override. */
  readonly replicaFrom: 'failover' | 'override';
  /** The mapping of R that decided (VMM to VMM). */
  readonly mapping: NetworkMapping | undefined;
  readonly why:
    | 'not-protected'
    | 'from-azure'
    | 'replica-disconnected'
    | 'replica-unmapped'
    | 'mapped-back';
}

export interface Landing {
  readonly vm: Vm;
  readonly nic: Nic;
  readonly cloud: Cloud | undefined;
  /** N, resolved. */
  readonly network: Network | undefined;
  /** S, resolved. */
  readonly subnet: Subnet | undefined;
  readonly failover: Failover;
  readonly failback: Failback;
}

/** Target network availability (the article's third table): one row per mapping and pair. */
export interface Availability {
  readonly mapping: NetworkMapping;
  readonly source: Network;
  readonly target: Network;
  readonly pair: PairInfo;
  readonly available: boolean;
  /** Not available: T's logical network, which the protecting cloud doesn't have. */
  readonly missingLogicalNetwork: string | undefined;
}
