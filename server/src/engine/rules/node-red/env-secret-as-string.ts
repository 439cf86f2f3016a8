/**
 * node-red/env-secret-as-string — a flow, subflow, group or global environment variable with a secret-sounding name
 * whose value is stored as a plain string in the flow file.
 *
 * Facts (node-red/node-red at 1f38dc89):
 * - Environment variables are `env` arrays of `{ name, value, type }` on tabs (flow properties), subflow templates
 *   (`type: "subflow"`), subflow instances (`type: "subflow:<id>"`), groups and the `global-config` node (editor
 *   `editors/envVarList.js`, types `str`, `num`, `bool`, `json`, `bin`, `env`, `cred`, `jsonata`, `conf-type`).
 * - Type `cred` ("credential"): when the editor saves, it moves the value into the node's credentials
 *   (`node.credentials[name]`, for `global-config` `credentials.map[name]`) and deletes `value` from the entry
 *   (`editors/panes/envVarProperties.js`, `ui/editor.js`; `ui/env-var.js` writes `"__PWRD__"` instead). Credentials
 *   are saved in the credentials file (`flows_cred.json`), encrypted, and left out of exports (docs "Node credentials").
 * - At run time (`runtime/lib/flows/util.js` `evaluateEnvProperties`): a `cred` entry takes the value from the
 *   credentials when they have that name, else keeps the entry's own `value`; subflows (`flows/Subflow.js`) always
 *   take it from the credentials. So changing only the type in the file would leave the secret in `flows.json`.
 * - Type `str` values are used as written: the secret is in the flow file, in every export and every commit.
 *
 * Reported whatever the node's enabled state: a disabled tab still carries the value in the file.
 * Overlap: `common/hardcoded-secret` also reports such a value when it looks random (it reads `name`/`value` pairs);
 * this rule reports every literal value under a secret-sounding name, on the entry's type, and offers the fix.
 * OWASP LCNC-SEC-08 (Data and Secret Handling Failures).
 * Fix (not preferred: the variable has no value until someone types it in again): `type: "cred"` and remove `value`,
 * which is what the editor stores for a credential variable.
 */
import { defineRule } from '../../rule';
import type { JsonNode, TextEdit } from '../../types';
import { items, prop, str } from '../../json';
import { applyEdits, setValue } from '../../fix';
import { lazyEdits } from '../../lazy-edits';
import { pathOf, pointerOf } from '../../pointer';
import { redact } from '../../redact';
import { isExpressionOrReference, isSecretName } from '../../secrets/scan';
import { flowObjects } from './util';

/** Values that are placeholders rather than secrets. */
const PLACEHOLDER = /^(?:|x+|\*+|\.+|none|null|undefined|n\/a|changeme|change[-_ ]me|secret|password|token|todo|tbd|<[^>]*>|your[-_ ].*|\[.*\])$/i;

/** True for a variable name that announces a secret: the shared secret-name list, plus `…_PASS` / `dbPass` style names. */
export function isSecretEnvName(name: string): boolean {
  return isSecretName(name) || /(?:^|[_\-.\s])pass$/i.test(name) || /[a-z]Pass$/.test(name);
}

/** How the owner of an `env` array is named in messages: `flow "Main"`, `subflow "Notify"`, `group "API"`, `the global environment`. */
function ownerLabel(obj: JsonNode): string {
  const type = str(prop(obj, 'type')) ?? '';
  const name = str(prop(obj, type === 'tab' ? 'label' : 'name')) || str(prop(obj, 'id')) || '';
  if (type === 'tab') return `flow "${name}"`;
  if (type === 'subflow') return `subflow "${name}"`;
  if (type.startsWith('subflow:')) return `subflow instance "${name}"`;
  if (type === 'group') return `group "${name}"`;
  if (type === 'global-config') return 'the global environment (global-config)';
  return `node "${name}"`;
}

/**
 * One edit that rewrites the env entry object with `type: "cred"` and without `value`. The two property edits are
 * made one after the other (computed separately they can touch at the same offset) and, as both stay inside the
 * entry's braces, the result is the entry's new text; jsonc-parser keeps the formatting. Computed when first read
 * (lazy-edits.ts): each step re-parses the whole text.
 */
export function credentialEdit(text: string, entry: JsonNode): TextEdit[] {
  return lazyEdits(() => credentialEdits(text, entry));
}

function credentialEdits(text: string, entry: JsonNode): TextEdit[] {
  const path = pathOf(entry);
  let t = applyEdits(text, setValue(text, [...path, 'value'], undefined));
  t = applyEdits(t, setValue(t, [...path, 'type'], 'cred'));
  const tail = text.length - (entry.offset + entry.length);
  return [{ offset: entry.offset, length: entry.length, content: t.slice(entry.offset, t.length - tail) }];
}

export default defineRule(
  {
    id: 'node-red/env-secret-as-string',
    owasp: 'LCNC-SEC-08',
    defaultSeverity: 'warning',
    description: 'Flow, subflow, group or global environment variable with a secret-sounding name stored as a plain string instead of a credential.',
    formats: ['node-red'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      for (const obj of flowObjects(flow)) {
        for (const entry of items(prop(obj, 'env'))) {
          const nameNode = prop(entry, 'name');
          const name = str(nameNode)?.trim();
          const typeNode = prop(entry, 'type');
          const type = typeNode ? str(typeNode) : 'str';
          const value = str(prop(entry, 'value'));
          if (!name || type !== 'str' || value === undefined || !isSecretEnvName(name)) continue;
          const v = value.trim();
          if (PLACEHOLDER.test(v) || isExpressionOrReference(v)) continue;
          const owner = ownerLabel(obj);
          ctx.report({
            at: typeNode ?? nameNode!,
            pointer: pointerOf(entry),
            message:
              `Environment variable "${name}" of ${owner} is a plain string holding ${redact(value)}: the value is saved in the flow file, ` +
              'so every export, backup and commit of the flows carries it. Make it a credential: in its properties, change the type of ' +
              `"${name}" to "credential" and type the value again; Node-RED then keeps it in the encrypted credentials file. Rotate it if the file was shared.`,
            fix: {
              title: `Make "${name}" a credential variable and remove its value from the file (type it again in the Node-RED editor)`,
              edits: credentialEdit(ctx.text, entry),
              isPreferred: false,
            },
          });
        }
      }
    }
  },
);
