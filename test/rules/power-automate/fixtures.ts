/**
 * Fixture builders for the Power Automate rule tests: solution flow files (`Workflows/<name>-<guid>.json`) with
 * connection references, connector actions and instant triggers. All texts are pretty JSON with 2-space indentation.
 */
import assert from 'node:assert/strict';
import { analyze, type Finding } from '../../../server/src/engine';
import { json } from '../../helpers';
import { definition, type DefinitionParts } from '../wdl/fixtures';

/** Parts of a Power Automate solution flow: the definition parts plus `properties.connectionReferences`. */
export interface FlowParts extends DefinitionParts {
  connectionReferences?: Record<string, unknown>;
}

/** A Power Automate solution flow file; detected as `power-automate` / `solution-flow`. */
export function paFlow(parts: FlowParts): string {
  const parameters = { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' }, ...parts.parameters };
  return json({
    properties: { connectionReferences: parts.connectionReferences ?? {}, definition: definition({ ...parts, parameters }), templateName: '' },
    schemaVersion: '1.0.0.0',
  });
}

/** A solution connection reference entry (`runtimeSource`, `connection.connectionReferenceLogicalName`, `api.name`). */
export function connRef(api: string, runtimeSource = 'embedded', logicalName: string | null = `new_${api.replace(/^shared_/, '')}_1a2b3`, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { runtimeSource, connection: logicalName === null ? {} : { connectionReferenceLogicalName: logicalName }, api: { name: api }, ...extra };
}

/** An instant `Request` trigger of the given kind (`Button`, `PowerAppV2`, `Skills`, `Http` …) with an empty input schema. */
export function instantTrigger(kind: string, inputs: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Request', kind, inputs: { schema: { type: 'object', properties: {}, required: [] }, ...inputs } };
}

/** An `OpenApiConnection` action calling `operationId` of connector `api` through connection reference `connectionName`. */
export function connectorAction(api: string, operationId: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}, connectionName = api): Record<string, unknown> {
  return {
    runAfter: {},
    type: 'OpenApiConnection',
    inputs: { host: { connectionName, operationId, apiId: `/providers/Microsoft.PowerApps/apis/${api}` }, parameters, authentication: "@parameters('$authentication')" },
    ...extra,
  };
}

/** A `Respond to a Power App or flow` action. */
export const respondToApp = { runAfter: {}, type: 'Response', kind: 'PowerApp', inputs: { statusCode: 200, body: {}, schema: { type: 'object', properties: {} } } };

/** Every finding of every rule on a text (no schema validation). */
export function allFindings(text: string): Finding[] {
  return analyze(text, { skipSchema: true, fileName: 'test.json' }).findings;
}

/** Asserts that `after` holds no finding that `before` did not (same rule, pointer and message). */
export function assertNoNewFindings(before: readonly Finding[], after: readonly Finding[]): void {
  const key = (f: Finding) => `${f.ruleId} ${f.pointer} ${f.message}`;
  const had = new Set(before.map(key));
  assert.deepEqual(after.filter((f) => !had.has(key(f))).map(key), []);
}

/** The text a finding's range covers. */
export function slice(text: string, f: { offset: number; length: number }): string {
  return text.slice(f.offset, f.offset + f.length);
}
