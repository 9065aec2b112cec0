/**
 * A validator for the official SARIF 2.1.0 JSON schema (OASIS, "sarif-2.1.0-rtm.5"), as
 * shipped by the npm package @microsoft/jest-sarif (a dev dependency for this file only).
 *
 * That schema is JSON Schema draft-04; Ajv 8 reads draft-06 and later. The only draft-04
 * construct it uses is the root's `id` (later drafts say `$id`); it has no boolean
 * `exclusiveMinimum`/`exclusiveMaximum`. So it is loaded with `id` renamed and `$schema`
 * dropped, and checked as is otherwise (every keyword, every format). One of its patterns
 * (`language`: `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, with a stray `]`) is invalid
 * with the `u` flag, so patterns are compiled without it, as draft-04 validators do.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers';

export const SARIF_SCHEMA_FILE = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

let validator: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  if (typeof id !== 'string' || !String(_draft).includes('draft-04')) throw new Error(`not the draft-04 SARIF schema: ${String(_draft)}`);
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  validator = ajv.compile({ $id: id, ...rest });
  return validator;
}

/** The validation errors, readable; empty when the log is valid. */
export function sarifErrors(log: unknown): string[] {
  const validate = sarifValidator();
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
