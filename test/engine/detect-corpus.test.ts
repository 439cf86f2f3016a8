import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine';
import { CORPUS } from '../helpers';

// MANIFEST.tsv format:subformat → the detection we must produce (Appsmith/ToolJet and malformed files: none).
const EXPECTED: Record<string, string> = {
  'n8n:workflow': 'n8n:workflow',
  'node-red:flow': 'node-red:flows',
  'logic-apps:standard-workflow': 'logic-apps:standard',
  'logic-apps:arm-consumption': 'logic-apps:arm',
  'logic-apps:gallery-template': 'logic-apps:resource',
  'logic-apps:raw-definition': 'logic-apps:definition',
  'power-automate:solution-flow': 'power-automate:solution-flow',
};

test('every corpus file is detected as the format its MANIFEST row names (and other platforms as none)', { skip: !CORPUS && 'shared corpus not found at ../shared/corpus' }, () => {
  const rows = fs.readFileSync(path.join(CORPUS!, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  assert.ok(rows.length > 3800, `manifest rows: ${rows.length}`);
  const wrong: string[] = [];
  for (const row of rows) {
    const [format, subformat, , , , rel] = row.split('\t');
    const d = analyze(fs.readFileSync(path.join(CORPUS!, rel), 'utf8'), { skipSchema: true, only: [] }).detection;
    const got = d ? `${d.format}:${d.subformat}` : 'none';
    const want = EXPECTED[`${format}:${subformat}`] ?? 'none';
    if (got !== want) wrong.push(`${rel}: ${got} (want ${want})`);
  }
  assert.deepEqual(wrong, []);
});
