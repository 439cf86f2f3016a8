/**
 * Findings placed in the flows a maker knows (server/src/report/context.ts): step names as the designer shows them,
 * Power Automate display names from the unpacked solution, and one flow shown once when the same flow is in two
 * files (a solution's Workflows/ copy and a source copy, formatted differently).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../server/src/workspace/scan';
import { buildReport } from '../../server/src/cli/report';
import { reportContext } from '../../server/src/report/context';
import { ROOT, cli } from './fixtures';

const PA = path.join(ROOT, 'samples/power-automate/Workflows/InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F.json');
const NAME = 'InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F.json';

function solutionDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcg-ctx-'));
  const text = fs.readFileSync(PA, 'utf8');
  fs.mkdirSync(path.join(dir, 'solution/Workflows'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'sourcecode/src/Workflows'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'solution/Workflows', NAME), text);
  // Same flow, other formatting (as an unpacked source copy has).
  fs.writeFileSync(path.join(dir, 'sourcecode/src/Workflows', NAME), JSON.stringify(JSON.parse(text.replace(/^\uFEFF/, ''))));
  fs.writeFileSync(path.join(dir, 'sourcecode/src/Workflows', NAME + '.data.xml'), '<?xml version="1.0"?>\n<Workflow WorkflowId="{3f2a9c4e-1b7d-ef11-9340-7c1e521a0e3f}" Name="Invoice intake &amp; approval">\n</Workflow>\n');
  fs.writeFileSync(path.join(dir, 'solution/customizations.xml'), `<ImportExportXml><Workflows><Workflow WorkflowId="{3f2a9c4e-1b7d-ef11-9340-7c1e521a0e3f}" Name="Invoice intake (solution)"><JsonFileName>/Workflows/${NAME}</JsonFileName></Workflow></Workflows></ImportExportXml>`);
  return dir;
}

test('reportContext: steps named as in the designer, flows named from the solution, copies shown once', async () => {
  const dir = solutionDir();
  try {
    const results = await analyzeFiles([path.join(dir, 'solution/Workflows', NAME), path.join(dir, 'sourcecode/src/Workflows', NAME)]);
    const report = buildReport(dir, results);
    const perCopy = report.findings.filter((f) => f.file === `solution/Workflows/${NAME}`).length;
    assert.ok(perCopy > 0);
    assert.equal(report.findings.length, 2 * perCopy);
    const ctx = reportContext(dir, results, report.findings);
    assert.equal(ctx.flows.length, 1);
    const flow = ctx.flows[0];
    // The plain copy wins over none here (both plain): the shorter path is shown; its customizations.xml names it.
    assert.equal(flow.file, `solution/Workflows/${NAME}`);
    assert.equal(flow.name, 'Invoice intake (solution)');
    assert.deepEqual(flow.also, [`sourcecode/src/Workflows/${NAME}`]);
    assert.equal(ctx.duplicateFindings, perCopy);
    assert.equal(ctx.findings.length, perCopy);
    assert.ok(ctx.findings.every((f) => f.flowId === flow.id));
    const secret = ctx.findings.find((f) => f.ruleId === 'common/hardcoded-secret')!;
    assert.deepEqual(secret.step, { name: 'Post invoice to billing', kind: 'action', type: 'Http', key: 'Post_invoice_to_billing' });
    const trigger = ctx.findings.find((f) => f.ruleId === 'wdl/request-trigger-without-auth')!;
    assert.deepEqual(trigger.step, { name: 'manual', kind: 'trigger', type: 'Request' });
    assert.equal(flow.inventory.triggers[0].internetFacing, true);
    assert.deepEqual(flow.inventory.connections.map((c) => c.name), ['shared_office365']);

    // Only the source copy: its .data.xml names the flow.
    const one = await analyzeFiles([path.join(dir, 'sourcecode/src/Workflows', NAME)]);
    assert.equal(reportContext(dir, one, buildReport(dir, one).findings).flows[0].name, 'Invoice intake & approval');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('HTML report of the two copies: one flow group with "also in", duplicates counted once, relative file links', async () => {
  const dir = solutionDir();
  try {
    fs.mkdirSync(path.join(dir, 'out'));
    const r = await cli(dir, ['scan', '.', '--format', 'html', '--output', 'out/report.html']);
    assert.equal(r.code, 1);
    const html = fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8');
    assert.equal(html.match(/<details[^>]* class="group flow"/g)?.length, 1);
    assert.match(html, /Also in: <code>sourcecode\/src\/Workflows\/InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F\.json<\/code> \(same flow, shown once\)/);
    assert.match(html, /<p class="note" id="duplicates" data-count="4">/);
    assert.match(html, /<b class="flow-name">Invoice intake \(solution\)<\/b> <span class="kind">Power Automate flow<\/span>/);
    // Links are relative to the report's folder, never vscode:// (the page is opened from disk).
    assert.ok(!html.includes('vscode://'));
    assert.match(html, /<a class="loc" href="\.\.\/solution\/Workflows\/InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F\.json" data-file="[^"]+" data-line="\d+" data-character="\d+" title="[^"]+">line \d+:\d+<\/a>/);
    assert.match(html, /action <b>Post invoice to billing<\/b>/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
