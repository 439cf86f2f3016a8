/**
 * Fixture builders for the Workflow Definition Language rule tests: the same definition wrapped in each file shape the
 * engine detects (see `server/src/engine/detect.ts`). All texts are pretty JSON with 2-space indentation.
 */
import { json } from '../../helpers';

/** The WDL `$schema` URL that marks a definition. */
export const WDL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
/** The ARM deployment template `$schema`. */
export const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** Parts of a WDL definition. */
export interface DefinitionParts {
  triggers?: Record<string, unknown>;
  actions?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
}

/** A WDL definition object (with `$schema`, `contentVersion`, empty `outputs`). */
export function definition({ triggers = {}, actions = {}, parameters }: DefinitionParts): Record<string, unknown> {
  return { $schema: WDL_SCHEMA, contentVersion: '1.0.0.0', ...(parameters ? { parameters } : {}), triggers, actions, outputs: {} };
}

/** A Power Automate solution flow (`Workflows/<name>-<guid>.json`): detected as `power-automate` / `solution-flow`. */
export function paSolutionFlow(parts: DefinitionParts): string {
  const parameters = { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' }, ...parts.parameters };
  return json({ properties: { connectionReferences: {}, definition: definition({ ...parts, parameters }), templateName: '' }, schemaVersion: '1.0.0.0' });
}

/** A Logic Apps Standard `workflow.json`: detected as `logic-apps` / `standard`. */
export function laStandard(parts: DefinitionParts, kind = 'Stateful'): string {
  return json({ definition: definition(parts), kind });
}

/** A bare WDL definition file: detected as `logic-apps` / `definition`. */
export function bareDefinition(parts: DefinitionParts): string {
  return json(definition(parts));
}

/** A `Microsoft.Logic/workflows` resource object (Consumption), optionally with `properties.accessControl`. */
export function logicResource(parts: DefinitionParts, accessControl?: unknown, name = 'my-logic-app'): Record<string, unknown> {
  return {
    type: 'Microsoft.Logic/workflows',
    apiVersion: '2019-05-01',
    name,
    location: '[resourceGroup().location]',
    properties: { state: 'Enabled', definition: definition(parts), parameters: {}, ...(accessControl !== undefined ? { accessControl } : {}) },
  };
}

/** A bare workflow resource file (as `az logic workflow show` prints it): detected as `logic-apps` / `resource`. */
export function laResource(parts: DefinitionParts, accessControl?: unknown): string {
  return json(logicResource(parts, accessControl));
}

/** An ARM template with one Logic App resource: detected as `logic-apps` / `arm`. */
export function armTemplate(parts: DefinitionParts, opts: { accessControl?: unknown; templateParameters?: Record<string, unknown> } = {}): string {
  return json({
    $schema: ARM_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: opts.templateParameters ?? {},
    resources: [logicResource(parts, opts.accessControl)],
  });
}

/** A Logic Apps gallery template (`Microsoft.Logic/galleries/templates`); detect.ts files it as Power Automate. */
export function galleryTemplate(parts: DefinitionParts): string {
  return json({
    id: '/providers/Microsoft.Logic/galleries/public/templates/0123456789abcdef',
    type: 'Microsoft.Logic/galleries/templates',
    name: '0123456789abcdef',
    properties: { displayName: 'Template', definition: definition(parts), connectionReferences: {} },
  });
}

/** A `Request` trigger (`kind` Http unless given; `null` omits `kind`). */
export function requestTrigger(inputs?: Record<string, unknown>, kind: string | null = 'Http'): Record<string, unknown> {
  return { type: 'Request', ...(kind !== null ? { kind } : {}), ...(inputs ? { inputs } : {}) };
}

/** A Recurrence trigger (no secrets, no endpoint). */
export const recurrence = { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } };

/** An `Http` action with the given inputs and extra action properties (e.g. `runtimeConfiguration`). */
export function httpAction(inputs: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Http', inputs: { method: 'GET', uri: 'https://api.example.com/items', ...inputs }, runAfter: {}, ...extra };
}
