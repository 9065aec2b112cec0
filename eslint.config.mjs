// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.mjs';

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.cache/**', 'bench/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // A stray .only would run one test and call the run green (mocha's forbid-only stops it
    // too, at run time; this says so in the editor).
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error',
        ...['it', 'describe', 'context', 'suite', 'test', 'specify'].map((object) => ({ object, property: 'only', message: 'No .only: it hides every other test (see scripts/test-verdict.mjs).' }))],
    },
  },
  {
    // The server's runtime (files, timers) comes from its entry (server.ts for Node,
    // src/web/server.ts for a web worker): its shared code imports no node: module and uses
    // no Node-only global, so the browser bundle needs no stubs.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/server.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^node:', message: 'The server gets files and timers from its runtime (src/server/runtime.ts).' }] }],
      'no-restricted-globals': ['error', { name: 'setImmediate', message: 'Use the runtime: this.runtime.yieldNow().' }, { name: 'process', message: 'The server runs in a web worker too: no process.' }],
    },
  },
  // The core's boundaries (docs/architecture.md); test/unit/boundaries.test.ts proves each fires.
  ...boundaries,
);
