// @ts-check
import tseslint from 'typescript-eslint';
// The import boundaries of src/core (docs/architecture.md), as ESLint `no-restricted-imports`
// settings. eslint.config.mjs applies them; test/unit/boundaries.test.ts lints small probes
// with them to prove that each one fires.

/** The stage folders of src/core, in the order of the analysis. */
export const STAGES = ['yaml', 'schema', 'model', 'rules', 'features', 'incremental', 'estate'];

const stages = STAGES.join('|');

/** No editor, no I/O: the core is text in, plain data out. */
const pure = [
  { group: ['vscode', 'vscode-*'], message: 'src/core is pure: no vscode (the server and the client adapt it).' },
  { regex: '^(node:.*|fs|fs/.*|path|child_process|os|url|http|https|net|worker_threads)$', message: 'src/core is pure: no node: modules and no I/O (text in, plain data out).' },
];

/** Another stage is used through its index only: `../rules`, never `../rules/mappings`. */
const throughIndex = {
  regex: `^\\.\\.?/(?:\\.\\./)*(?:${stages})/(?!index$).+`,
  message: 'Use another stage through its index (`../rules`, not `../rules/mappings`): its files are its own business.',
};

/** Code outside the core uses a stage through its index too. */
const outsideThroughIndex = {
  regex: `(^|/)core/(?:${stages})/(?!index$).+`,
  message: 'Use a core stage through its index (`core/features`, not `core/features/hover`).',
};

/** The stages below the editor features never reach up to them (no import runs back up). */
const noFeatures = {
  regex: `^\\.\\./(features|incremental)$`,
  message: 'yaml, schema, model and rules come before the editor features: they may not import them.',
};

/** The YAML reader is the bottom stage: it reads text, and knows no other stage. */
const yamlAlone = {
  regex: `^\\.\\./(?:${stages})$`,
  message: 'yaml is the first stage: it may import only ../types, no other stage.',
};

/**
 * The shared leaves at the core's root (the wording, the plain types) import
 * nothing but types: every stage can use them, and the panel's page bundles the wording alone.
 */
const leaf = {
  plugins: { '@typescript-eslint': tseslint.plugin },
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', {
      patterns: [{ regex: '^\\.', allowTypeImports: true, message: 'wording.ts and types.ts are leaves: they import types only (the panel bundles the wording alone).' }],
    }],
  },
};

/** The panel's page takes its messages from protocol/webview: the index would bundle the JSON-RPC library's requests too. */
const webviewProtocol = {
  regex: '^\\.\\./protocol(?:/index|/requests)?$',
  message: 'The webview imports ../protocol/webview (its messages), not the requests (they bring vscode-languageserver-protocol into the page).',
};

/** @param {object[]} patterns */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** @type {import('eslint').Linter.Config[]} */
export const boundaries = [
  { files: ['src/core/**/*.ts'], rules: restrict([...pure, throughIndex]) },
  { files: ['src/core/{schema,model,rules}/**/*.ts'], rules: restrict([...pure, throughIndex, noFeatures]) },
  { files: ['src/core/yaml/**/*.ts'], rules: restrict([...pure, throughIndex, yamlAlone]) },
  { files: ['src/{cli,client,server,web,webview}/**/*.ts'], rules: restrict([outsideThroughIndex]) },
  { files: ['src/webview/**/*.ts'], rules: restrict([outsideThroughIndex, webviewProtocol]) },
  { files: ['src/core/{wording,types}.ts'], ...leaf },
];
