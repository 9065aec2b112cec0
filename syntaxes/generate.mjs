// Generates asr-topology.tmLanguage.json beside it: `node syntaxes/generate.mjs`. The JSON is committed;
// this file only keeps the regexes readable.
import { writeFileSync } from 'node:fs';
const topologyKeys = ['version','sites','name','vmmServer','logicalNetworks','vmNetworks','subnets','addressPrefix','clouds','azure','virtualNetworks','location','resourceGroup','addressSpace','gateway','vaultLocation','protection','protected','protecting','toAzure','networkMappings','source','target','vms','cloud','network','subnet','ipAddress','nics','targetSubnet','targetIpAddress','replica','logicalNetwork'];
const refKeys = ['network','cloud','source','target','protected','protecting','logicalNetwork','subnet','targetSubnet'];
// A plain scalar on one line: up to a comment (" #") or the end of the line.
const plain = String.raw`[^\s#'"\[\]{},&*!|>%@\x60-](?:[^#]|(?<=\S)#)*?|-(?=\S)(?:[^#]|(?<=\S)#)*?`;
const endOfValue = String.raw`(?=\s+#|\s*$)`;
const g = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'ASR Topology',
  scopeName: 'source.asr-topology',
  fileTypes: ['topology.yaml', 'topology.yml'],
  patterns: [
    { include: '#comment' },
    { include: '#document' },
    { include: '#reference-pair' },
    { include: '#reference-flow-list' },
    { include: '#name-pair' },
    { include: '#block-scalar' },
    { include: '#key' },
    { include: '#item' },
    { include: '#value' },
  ],
  repository: {
    comment: {
      match: String.raw`(?:^|(?<=\s))(#).*$`,
      name: 'comment.line.number-sign.asr-topology',
      captures: { 1: { name: 'punctuation.definition.comment.asr-topology' } },
    },
    document: {
      patterns: [
        { match: String.raw`^(?:---|\.\.\.)(?=\s|$)`, name: 'entity.other.document.asr-topology' },
        { match: String.raw`^%.*$`, name: 'meta.directive.asr-topology' },
      ],
    },
    item: { match: String.raw`-(?=\s|$)`, name: 'punctuation.definition.block.sequence.item.asr-topology' },
    'key-name': {
      patterns: [
        { match: String.raw`\b(?:${topologyKeys.join('|')})\b`, name: 'support.type.property-name.topology.asr-topology' },
        { match: '.+', name: 'entity.name.tag.key.asr-topology' },
      ],
    },
    // network: X, cloud: X, source: X, target: X ...: the value names another entity.
    'reference-pair': {
      match: String.raw`^(\s*(?:-\s+)*)(${refKeys.join('|')})(\s*)(:)(?:[ \t]+(${plain}|"[^"]*"|'[^']*'))?${endOfValue}`,
      captures: {
        1: { patterns: [{ include: '#item' }] },
        2: { name: 'support.type.property-name.topology.asr-topology' },
        4: { name: 'punctuation.separator.key-value.mapping.asr-topology' },
        5: { patterns: [{ include: '#null' }, { match: '.+', name: 'variable.other.reference.asr-topology' }] },
      },
    },
    // logicalNetworks: [A, B] in a cloud: a list of references.
    'reference-flow-list': {
      begin: String.raw`^(\s*(?:-\s+)*)(logicalNetworks)(\s*)(:)\s*(\[)`,
      beginCaptures: {
        1: { patterns: [{ include: '#item' }] },
        2: { name: 'support.type.property-name.topology.asr-topology' },
        4: { name: 'punctuation.separator.key-value.mapping.asr-topology' },
        5: { name: 'punctuation.definition.sequence.begin.asr-topology' },
      },
      end: String.raw`\]`,
      endCaptures: { 0: { name: 'punctuation.definition.sequence.end.asr-topology' } },
      patterns: [
        { include: '#comment' },
        { match: ',', name: 'punctuation.separator.sequence.asr-topology' },
        { match: String.raw`"[^"]*"|'[^']*'|[^\s,\]#][^,\]#]*?(?=\s*[,\]]|\s*$)`, name: 'variable.other.reference.asr-topology' },
      ],
    },
    // name: X: the value defines an entity.
    'name-pair': {
      match: String.raw`^(\s*(?:-\s+)*)(name)(\s*)(:)(?:[ \t]+(${plain}|"[^"]*"|'[^']*'))?${endOfValue}`,
      captures: {
        1: { patterns: [{ include: '#item' }] },
        2: { name: 'support.type.property-name.topology.asr-topology' },
        4: { name: 'punctuation.separator.key-value.mapping.asr-topology' },
        5: { name: 'entity.name.type.definition.asr-topology' },
      },
    },
    'block-scalar': {
      begin: String.raw`^(\s*)((?:-\s+)*)([^\s#:][^#:]*?)(\s*)(:)[ \t]+([|>][-+0-9]*)(?=\s*(?:#.*)?$)`,
      beginCaptures: {
        2: { patterns: [{ include: '#item' }] },
        3: { patterns: [{ include: '#key-name' }] },
        5: { name: 'punctuation.separator.key-value.mapping.asr-topology' },
        6: { name: 'keyword.control.flow.block-scalar.asr-topology' },
      },
      end: String.raw`^(?!\1\s+\S|\s*$)`,
      contentName: 'string.unquoted.block.asr-topology',
      patterns: [{ include: '#comment' }],
    },
    key: {
      match: String.raw`(?:^|(?<=[-{,]\s)|(?<=\{))(\s*(?:-\s+)*)("[^"]*"|'[^']*'|[^\s#'"\[\]{},:-](?:[^#:]|:(?=\S))*?|-(?=\S)(?:[^#:]|:(?=\S))*?)(\s*)(:)(?=\s|$)`,
      captures: {
        1: { patterns: [{ include: '#item' }] },
        2: { patterns: [{ include: '#key-name' }] },
        4: { name: 'punctuation.separator.key-value.mapping.asr-topology' },
      },
    },
    null: { match: String.raw`(?:null|Null|NULL|~)(?=\s*(?:#|$|[,\]}]))`, name: 'constant.language.null.asr-topology' },
    value: {
      patterns: [
        { include: '#comment' },
        { include: '#null' },
        { match: String.raw`\b(?:true|True|TRUE|false|False|FALSE)\b(?=\s*(?:#|$|[,\]}]))`, name: 'constant.language.boolean.asr-topology' },
        { match: String.raw`\b\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?=\s*(?:#|$|[,\]}]))`, name: 'constant.numeric.ip-address.asr-topology' },
        { match: String.raw`[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.inf|\.nan)(?=\s*(?:#|$|[,\]}]))`, name: 'constant.numeric.asr-topology' },
        { match: String.raw`&[^\s,\[\]{}]+`, name: 'entity.name.type.anchor.asr-topology' },
        { match: String.raw`\*[^\s,\[\]{}]+`, name: 'variable.other.alias.asr-topology' },
        { match: String.raw`!\S*`, name: 'storage.type.tag.asr-topology' },
        {
          begin: '"', end: '"', name: 'string.quoted.double.asr-topology',
          patterns: [{ match: String.raw`\\(?:[0abtnvfre "/\\N_LP\t]|x\h{2}|u\h{4}|U\h{8})`, name: 'constant.character.escape.asr-topology' }],
        },
        {
          begin: "'", end: "'(?!')", name: 'string.quoted.single.asr-topology',
          patterns: [{ match: "''", name: 'constant.character.escape.asr-topology' }],
        },
        { begin: String.raw`\[`, end: String.raw`\]`, name: 'meta.flow-sequence.asr-topology',
          beginCaptures: { 0: { name: 'punctuation.definition.sequence.begin.asr-topology' } },
          endCaptures: { 0: { name: 'punctuation.definition.sequence.end.asr-topology' } },
          patterns: [{ match: ',', name: 'punctuation.separator.sequence.asr-topology' }, { include: '#key' }, { include: '#value' }] },
        { begin: String.raw`\{`, end: String.raw`\}`, name: 'meta.flow-mapping.asr-topology',
          beginCaptures: { 0: { name: 'punctuation.definition.mapping.begin.asr-topology' } },
          endCaptures: { 0: { name: 'punctuation.definition.mapping.end.asr-topology' } },
          patterns: [{ match: ',', name: 'punctuation.separator.mapping.asr-topology' }, { include: '#key' }, { include: '#value' }] },
        { match: String.raw`[^\s#,\[\]{}](?:[^#,\[\]{}]|(?<=\S)#)*?(?=\s+#|\s*$|\s*[,\]}])`, name: 'string.unquoted.plain.asr-topology' },
      ],
    },
  },
};
writeFileSync(new URL('./asr-topology.tmLanguage.json', import.meta.url), JSON.stringify(g, null, 2) + '\n');
