/**
 * Generates the README rule table from the rules' metadata (`npm run docs:rules`), between the
 * `<!-- rules:start -->` and `<!-- rules:end -->` markers. A test fails when the README is out of date.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, OWASP_TITLES } from '../server/src/engine';

const FORMAT_NAMES: Record<string, string> = { n8n: 'n8n', 'node-red': 'Node-RED', 'power-automate': 'Power Automate', 'logic-apps': 'Logic Apps' };

/** The markdown table (no trailing newline): one row per rule, sorted by id. */
export function rulesTable(): string {
  const rows = allRules.map(({ meta }) => {
    const formats = meta.formats.length === 4 ? 'all' : meta.formats.map((f) => FORMAT_NAMES[f]).join(', ');
    return `| [\`${meta.id}\`](docs/rules/${meta.id}.md) | ${meta.owasp} ${OWASP_TITLES[meta.owasp]} | ${formats} | ${meta.defaultSeverity} | ${meta.fixable ? 'yes' : ''} | ${meta.description} |`;
  });
  return ['| rule | OWASP LCNC | formats | severity | quick fix | what it finds |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

/** README text with the table between the markers replaced. Throws if the markers are missing. */
export function withRulesTable(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md lacks the rules:start/rules:end markers');
  return readme.slice(0, a + START.length) + '\n' + rulesTable() + '\n' + readme.slice(b);
}

if (require.main === module) {
  const file = path.resolve(__dirname, '..', 'README.md');
  fs.writeFileSync(file, withRulesTable(fs.readFileSync(file, 'utf8')));
  console.log(`README.md: ${allRules.length} rules`);
}
