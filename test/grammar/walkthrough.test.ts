/**
 * The getting-started walkthrough (package.json `contributes.walkthroughs`): three steps (open a flow, quick fix,
 * Scan Workspace), each with a markdown media file that exists, and command links to commands that exist.
 * (Kept beside the grammar tests: both check package.json `contributes` entries owned by the same change.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface Step {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}

test('walkthrough: three steps with existing markdown media and the Scan Workspace command', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs?: { id: string; steps: Step[] }[]; commands: { command: string }[] };
  };
  const w = pkg.contributes.walkthroughs?.find((x) => x.id === 'lowcodeGuard.gettingStarted');
  assert.ok(w, 'walkthrough contributed');
  assert.deepEqual(w.steps.map((s) => s.id), ['openFlow', 'quickFix', 'scanWorkspace']);
  for (const s of w.steps) {
    assert.ok(s.media.markdown && fs.existsSync(path.join(ROOT, s.media.markdown)), `${s.id}: media ${s.media.markdown} exists`);
    assert.match(s.media.markdown, /^media\/walkthrough\/[a-z-]+\.md$/);
  }
  const scan = w.steps[2];
  assert.ok(scan.description.includes('(command:lowcodeGuard.scanWorkspace)'));
  assert.deepEqual(scan.completionEvents, ['onCommand:lowcodeGuard.scanWorkspace']);
  assert.ok(pkg.contributes.commands.some((c) => c.command === 'lowcodeGuard.scanWorkspace'));
});
