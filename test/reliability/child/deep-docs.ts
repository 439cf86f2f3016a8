/**
 * Documents nested exactly `depth` levels deep (objects and arrays count one level each), one per shape that makes the
 * engine recurse: n8n parameters (arrays, objects), a Node-RED node property, WDL action inputs, WDL nested scopes
 * (the adapter and the schema recurse per scope), an ARM template and a bare array. Used by deep-nesting.test.ts.
 */

const arr = (d: number) => '['.repeat(d) + ']'.repeat(d);
const obj = (d: number) => '{"a":'.repeat(d) + '1' + '}'.repeat(d);
const WDL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
const wdl = (actions: string) =>
  `{"definition":{"$schema":"${WDL_SCHEMA}","contentVersion":"1.0.0.0","triggers":{"manual":{"type":"Request","kind":"Http","inputs":{}}},"actions":${actions}},"kind":"Stateful"}`;
/** `levels` scopes nested in each other (2 nesting levels per scope) around `inner`. */
const scopes = (levels: number, inner: string) => '{"s":{"type":"Scope","runAfter":{},"actions":'.repeat(levels) + inner + '}}'.repeat(levels);
const n8n = (params: string) =>
  `{"name":"deep","nodes":[{"id":"1","name":"Hook","type":"n8n-nodes-base.webhook","typeVersion":2,"position":[0,0],"webhookId":"w","parameters":{"path":"p","deep":${params}}}],"connections":{}}`;

/** Builders: nested part of depth `d` inside each shape's wrapper. */
const SHAPES: Record<string, (d: number) => string> = {
  'n8n arrays': (d) => n8n(arr(d)),
  'n8n objects': (d) => n8n(obj(d)),
  'node-red': (d) => `[{"id":"a","type":"function","z":"t","wires":[],"func":"return msg;","deep":${obj(d)}}]`,
  'wdl inputs': (d) => wdl(`{"h":{"type":"Http","inputs":{"method":"GET","uri":"https://example.com","body":${obj(d)}}}}`),
  // d levels of scopes: d/2 scopes around `{}` (1 level) or `{"x":{}}` (2 levels) for the parity.
  'wdl scopes': (d) => wdl(d % 2 ? scopes((d - 1) / 2, '{}') : scopes(d / 2 - 1, '{"x":{}}')),
  arm: (d) =>
    `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[{"type":"Microsoft.Logic/workflows","name":"w","properties":{"definition":{"$schema":"${WDL_SCHEMA}","triggers":{},"actions":{"a":{"type":"Compose","inputs":${obj(d)}}}}}}]}`,
  'bare array': (d) => arr(d),
};

/** One document per shape, nested exactly `depth` levels deep. */
export function deepDocs(depth: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [shape, build] of Object.entries(SHAPES)) {
    const wrapper = maxDepth(build(50)) - 50; // levels around the nested part (50 is deeper than any wrapper)
    out[shape] = build(depth - wrapper);
  }
  return out;
}

/** Nesting depth of a JSON text (brackets outside strings). */
export function maxDepth(text: string): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') m = Math.max(m, ++d);
    else if (c === '}' || c === ']') d--;
  }
  return m;
}
