/**
 * n8n/pinned-data-committed — output data of real runs saved inside the workflow file.
 *
 * Facts:
 * - `pinData` maps a node name to the items pinned on it: `{ "<node name>": [ { json: {…} }, … ] }` (n8n source
 *   `packages/workflow/src/interfaces.ts`, `IPinData`). Pinning saves a node's output from a run so later test runs
 *   reuse it; it is for development only and production executions do not use it (n8n docs "Data pinning").
 *   Exports and the editor's copy/download include `pinData`, so the sample — webhook headers with caller IPs and
 *   cookies, e-mail addresses, API responses — travels with the file.
 * - `staticData` is data the workflow keeps between runs: `global` is what the workflow's own code stores with
 *   `$getWorkflowStaticData('global')` (cursors, tokens, lists); `node:<name>` entries are trigger bookkeeping such as
 *   the last poll time (n8n docs "getWorkflowStaticData"; `IWorkflowBase.staticData`). Only a non-empty `global` is
 *   reported (info): node entries are bookkeeping.
 * - n8n writes `"pinData": {}` and `"staticData": null` for a workflow without either.
 */
import { defineRule } from '../../rule';
import { entries, items, keyOf, prop } from '../../json';
import { setProperty } from '../../fix';

export default defineRule(
  {
    id: 'n8n/pinned-data-committed',
    owasp: 'LCNC-SEC-03',
    defaultSeverity: 'warning',
    description: 'Workflow file carries pinned output data of real runs (pinData) or data stored between runs (staticData.global).',
    formats: ['n8n'],
    fixable: true,
  },
  (ctx) => {
    for (const flow of ctx.flows) {
      const wf = flow.name ? `Workflow "${flow.name}"` : 'This workflow';
      const pin = prop(flow.root, 'pinData');
      const pinned = entries(pin).filter(([, v]) => items(v).length > 0);
      if (pin && pinned.length) {
        const count = pinned.reduce((n, [, v]) => n + items(v).length, 0);
        const names = pinned.slice(0, 3).map(([k]) => `"${k}"`).join(', ') + (pinned.length > 3 ? ` and ${pinned.length - 3} more` : '');
        ctx.report({
          at: keyOf(pin) ?? pin,
          message: `${wf} carries pinned output data of ${pinned.length} node${pinned.length > 1 ? 's' : ''} (${count} item${count > 1 ? 's' : ''}: ${names}). Pinned data is a copy of a real run — request headers, addresses, API responses — and everyone who gets this file can read it. Unpin the data (or replace it with made-up samples) before exporting or sharing the workflow.`,
          fix: { title: 'Remove the pinned data (set pinData to {})', edits: setProperty(ctx.text, flow.root, 'pinData', {}), isPreferred: false },
        });
      }
      const stat = prop(flow.root, 'staticData');
      const global = prop(stat, 'global');
      if (global && ((global.type === 'object' && global.children?.length) || (global.type === 'array' && global.children?.length) || global.type === 'string')) {
        ctx.report({
          at: keyOf(global) ?? global,
          severity: 'info',
          message: `${wf} carries the data it stores between runs (staticData.global, written with $getWorkflowStaticData('global')): values such as cursors, lists or tokens from the instance it was exported from. Check it holds nothing private before sharing the file.`,
          fix: { title: 'Remove the stored data (set staticData to null)', edits: setProperty(ctx.text, flow.root, 'staticData', null), isPreferred: false },
        });
      }
    }
  },
);
