/**
 * n8n/execution-data-retention — secrets passed between nodes end up in the saved execution data.
 *
 * Facts:
 * - n8n saves the input and output of every node of an execution; workflow settings `saveDataSuccessExecution` and
 *   `saveDataErrorExecution` (`all` | `none` | `DEFAULT`), `saveManualExecutions` and `saveExecutionProgress`
 *   (`DEFAULT` | boolean) choose what is kept; a missing key or `DEFAULT` means the instance default
 *   (n8n source `packages/workflow/src/interfaces.ts` `IWorkflowSettings`; `execution-lifecycle/to-save-settings.ts`).
 * - Instance defaults (`packages/@n8n/config/src/configs/executions.config.ts`; n8n docs "Executions environment
 *   variables"): `EXECUTIONS_DATA_SAVE_ON_SUCCESS=all`, `EXECUTIONS_DATA_SAVE_ON_ERROR=all`,
 *   `EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS=true`, `EXECUTIONS_DATA_SAVE_ON_PROGRESS=false`; saved executions are
 *   pruned after `EXECUTIONS_DATA_MAX_AGE=336` hours (14 days). Everyone who can open the workflow can open its
 *   executions and read every item.
 * - Enterprise instances (n8n 2.16+) can redact execution data per workflow (n8n docs "Execution data redaction");
 *   exports carry it as `settings.redactionPolicy` (values differ between releases, `none` = no redaction), so any
 *   other value is taken as redacted.
 * - Secrets enter item data when an Edit Fields (Set) node sets a field with a secret name from an expression (a
 *   literal value is already in the workflow, where `common/hardcoded-secret` reports it), when a Set or Code node
 *   reads external secrets (`$secrets.<vault>.<name>`, n8n docs "External secrets"), or when an HTTP Request calls a
 *   login or token endpoint (its response — an access or session token — is the node's output).
 * What is reported: each such node, while successful production runs are saved (`saveDataSuccessExecution` missing,
 * `DEFAULT` or `all`). The quick fix sets `saveDataSuccessExecution` to `none` (failed runs are still saved).
 */
import { defineRule } from '../../rule';
import type { Flow, Step } from '../../model';
import type { JsonNode } from '../../types';
import { prop, str, stringValues, walk } from '../../json';
import { setValue } from '../../fix';
import { pathOf } from '../../pointer';
import { isSecretName } from '../../secrets/scan';
import { spanOf } from '../common/string-offsets';
import { expressionBlocks } from './expressions';
import { coreType, nodeLabel } from './nodes';

const SET_VALUE_KEYS = ['value', 'stringValue', 'numberValue', 'booleanValue', 'arrayValue', 'objectValue'];
const SECRETS_REF = /\$secrets\b/;
/** Last path segments of login and token endpoints. */
const TOKEN_PATH = /\/(?:oauth2?\/(?:v[\d.]+\/)?)?(?:token|tokens|access_token|accesstoken|oauth_token|login|signin|sign-in|sign_in|authenticate|auth)\/?(?:[?#]|$)/i;

/** Where a secret enters a step's output, for the message, and the node to point at. */
interface Source {
  at: JsonNode;
  what: string;
}

/** The URL text of an HTTP Request without the `=` marker and with each `{{ … }}` block replaced by a space. */
function literalUrl(url: string): string {
  if (url.charCodeAt(0) !== 0x3d) return url;
  let out = url;
  for (const b of expressionBlocks(url).reverse()) out = out.slice(0, b.offset) + ' ' + out.slice(b.offset + b.length);
  return out.slice(1);
}

function secretSource(step: Step, text: string): Source | undefined {
  const core = coreType(step.type);
  if (core === 'set') {
    let found: Source | undefined;
    walk(step.params, (n) => {
      if (found) return false;
      if (n.type !== 'object') return;
      const nameNode = prop(n, 'name');
      const name = str(nameNode);
      const valueKey = SET_VALUE_KEYS.find((k) => prop(n, k));
      if (!nameNode || !name || !valueKey || !isSecretName(name)) return;
      // A literal value is in the workflow itself (and reported by common/hardcoded-secret): saving it adds nothing.
      if (!expressionBlocks(str(prop(n, valueKey))).length) return;
      found = { at: nameNode, what: `sets the field "${name}"` };
      return false;
    });
    if (found) return found;
  }
  if (core === 'set' || core === 'code' || core === 'function' || core === 'functionItem') {
    let found: Source | undefined;
    stringValues(step.params, (node) => {
      if (found) return;
      const m = SECRETS_REF.exec(node.value as string);
      if (!m) return;
      const span = spanOf(text, node, m.index, m.index + m[0].length);
      found = { at: { ...node, offset: span.offset, length: span.length }, what: 'copies external secrets ($secrets) into its output' };
    });
    if (found) return found;
  }
  if (core === 'httpRequest') {
    const urlNode = prop(step.params, 'url');
    const url = str(urlNode);
    if (urlNode && url && TOKEN_PATH.test(literalUrl(url).replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, ''))) {
      return { at: urlNode, what: 'calls a login or token endpoint, so its output is an access or session token' };
    }
  }
  return undefined;
}

/** True when the workflow saves the data of successful production runs and does not redact it. */
function savesSuccessData(flow: Flow): boolean {
  const settings = prop(flow.root, 'settings');
  const success = str(prop(settings, 'saveDataSuccessExecution'));
  if (success === 'none') return false;
  const redaction = str(prop(settings, 'redactionPolicy'));
  return redaction === undefined || redaction === 'none';
}

export default defineRule(
  {
    id: 'n8n/execution-data-retention',
    owasp: 'LCNC-SEC-03',
    defaultSeverity: 'warning',
    description: 'Secrets pass through node output while n8n saves the data of successful runs, where every workflow viewer can read them.',
    formats: ['n8n'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      if (!savesSuccessData(flow)) continue;
      const settings = prop(flow.root, 'settings');
      const setting = str(prop(settings, 'saveDataSuccessExecution'));
      const why = setting === 'all' ? 'the workflow sets saveDataSuccessExecution to "all"' : 'the workflow keeps the instance default, which is "all" unless EXECUTIONS_DATA_SAVE_ON_SUCCESS says otherwise';
      const base = pathOf(flow.root);
      const edits =
        settings && settings.type !== 'object'
          ? setValue(ctx.text, [...base, 'settings'], { saveDataSuccessExecution: 'none' })
          : setValue(ctx.text, [...base, 'settings', 'saveDataSuccessExecution'], 'none');
      for (const step of flow.steps) {
        if (step.disabled) continue;
        const src = secretSource(step, ctx.text);
        if (!src) continue;
        ctx.report({
          at: src.at,
          message: `${nodeLabel(step)} ${src.what}, and n8n saves every node's output of successful runs (${why}): everyone who can open this workflow's executions can read the secret until the execution is pruned (after 14 days by default). Stop saving successful production runs, redact execution data, or keep the secret out of item data.`,
          fix: { title: 'Do not save data of successful production runs (saveDataSuccessExecution "none")', edits, isPreferred: false },
        });
      }
    }
  },
);
