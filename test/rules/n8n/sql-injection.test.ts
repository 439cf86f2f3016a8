import { test } from 'node:test';
import assert from 'node:assert/strict';
import { n8nWorkflow, runRule } from '../../helpers';

const ID = 'n8n/sql-injection';
let n = 0;
const node = (name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: `id${n++}`,
  name,
  type,
  typeVersion,
  position: [0, 0],
  parameters,
  ...extra,
});
const pg = (typeVersion: number, parameters: Record<string, unknown>, name = 'Find user') => node(name, 'n8n-nodes-base.postgres', typeVersion, parameters);
const webhook = node('Incoming', 'n8n-nodes-base.webhook', 2, { path: 'p', httpMethod: 'POST' });
const manual = node('Start', 'n8n-nodes-base.manualTrigger', 1, {});
/** `connections` object for `[from, to, type?]` pairs. */
const wire = (...pairs: Array<[string, string, string?]>) => {
  const c: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>> = {};
  for (const [from, to, type = 'main'] of pairs) ((c[from] ??= {})[type] ??= [[]])[0].push({ node: to, type, index: 0 });
  return { connections: c };
};
const span = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('Postgres v2 resolves {{ }} in a plain query: reported as a warning on the whole query string', () => {
  const query = 'SELECT * FROM users WHERE id = {{ $json.id }}';
  const text = n8nWorkflow([manual, pg(2.5, { operation: 'executeQuery', query, options: {} })], wire(['Start', 'Find user']));
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/nodes/1/parameters/query');
  assert.equal(f.owasp, 'LCNC-SEC-06');
  assert.equal(f.severity, 'warning');
  assert.equal(span(text, f), JSON.stringify(query));
  assert.equal(
    f.message,
    'Postgres "Find user" pastes workflow data into its SQL text ({{ $json.id }}): a quote or keyword in that data changes the query. Use query parameters ($1, $2, … with "Query Parameters") so the driver sends the values apart from the SQL.',
  );
  assert.equal(f.fix, undefined);
});

test('data from a Webhook upstream through connections makes it an error and the message says so', () => {
  const text = n8nWorkflow(
    [webhook, node('Shape', 'n8n-nodes-base.set', 3.4, {}), pg(2.5, { operation: 'executeQuery', query: "SELECT * FROM t WHERE name = '{{ $json.body.name }}'" })],
    wire(['Incoming', 'Shape'], ['Shape', 'Find user']),
  );
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'error');
  assert.match(f.message, / Data from the Webhook trigger "Incoming" \(HTTP requests from outside\) reaches it\.$/);
});

test('a named reference to the trigger is tainted without a connection path; Edit Fields fields are followed, constants and .params dropped', () => {
  const config = node('Config', 'n8n-nodes-base.set', 3.4, {
    assignments: {
      assignments: [
        { id: 'a', name: 'table', type: 'string', value: 'users' },
        { id: 'b', name: 'who', type: 'string', value: "={{ $('Incoming').item.json.body.who }}" },
      ],
    },
  });
  const q1 = pg(2.5, { operation: 'executeQuery', query: "SELECT * FROM {{ $('Config').item.json.table }} LIMIT {{ $('Start').params.limit }}" }, 'Q1');
  const q2 = pg(2.5, { operation: 'executeQuery', query: "SELECT * FROM t WHERE who = '{{ $('Config').item.json.who }}'" }, 'Q2');
  const q3 = pg(2.5, { operation: 'executeQuery', query: "SELECT * FROM t WHERE id = {{ $('Incoming').item.json.body.id }}" }, 'Q3');
  const q4 = pg(2.5, { operation: 'executeQuery', query: "SELECT * FROM t WHERE id = {{ $('Start').item.json.id }}" }, 'Q4');
  const text = n8nWorkflow([webhook, config, q1, q2, q3, manual, q4], wire(['Start', 'Config'], ['Start', 'Q3']));
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => [f.pointer, f.severity]), [
    ['/nodes/3/parameters/query', 'error'],
    ['/nodes/4/parameters/query', 'error'],
    ['/nodes/6/parameters/query', 'warning'],
  ]);
  assert.match(found[0].message, /Data from the Webhook trigger "Incoming"/);
});

test('Postgres v1 sends a plain query as written; a "=" expression is reported', () => {
  assert.deepEqual(runRule(ID, n8nWorkflow([pg(1, { operation: 'executeQuery', query: 'SELECT {{ $json.id }}' })])), []);
  const text = n8nWorkflow([pg(1, { operation: 'executeQuery', query: '=SELECT * FROM {{ $json["TableName"] }}' })]);
  const [f] = runRule(ID, text);
  assert.equal(span(text, f), '"=SELECT * FROM {{ $json[\\"TableName\\"] }}"');
});

test('parameterised queries are not reported; {{ }} left in a parameterised query still is, with its own advice', () => {
  const safe = [
    pg(2.5, { operation: 'executeQuery', query: 'SELECT * FROM users WHERE id = $1', options: { queryReplacement: '={{ $json.id }}' } }),
    pg(1, { operation: 'executeQuery', query: 'SELECT * FROM users WHERE id = $1', additionalFields: { queryParams: 'id' } }, 'V1'),
  ];
  assert.deepEqual(runRule(ID, n8nWorkflow(safe)), []);
  const text = n8nWorkflow([pg(2.5, { operation: 'executeQuery', query: 'SELECT * FROM {{ $json.table }} WHERE id = $1', options: { queryReplacement: '={{ $json.id }}' } })]);
  const [f] = runRule(ID, text);
  assert.match(f.message, /Query parameters are set, but the \{\{ \}\} parts are pasted into the text before the parameters are bound/);
});

test('other operations, constant expressions, disabled nodes and non-SQL nodes are not reported; a query without operation is', () => {
  const none = [
    pg(2.5, { operation: 'insert', query: 'SELECT {{ $json.id }}' }, 'A'),
    pg(2.5, { operation: 'executeQuery', query: "DELETE FROM log WHERE at < '{{ $now.minus(30, 'days').toISO() }}'" }, 'B'),
    { ...pg(2.5, { operation: 'executeQuery', query: 'SELECT {{ $json.id }}' }, 'C'), disabled: true },
    node('D', 'n8n-nodes-base.noOp', 1, { query: '=SELECT {{ $json.id }}' }),
    node('E', 'n8n-nodes-base.snowflake', 1, { operation: 'executeQuery', query: 'SELECT {{ $json.id }}' }),
  ];
  assert.deepEqual(runRule(ID, n8nWorkflow(none)), []);
  const text = n8nWorkflow([node('M', 'n8n-nodes-base.mySql', 1, { query: 'SELECT * FROM t WHERE a = "{{ $json.a }}"' })]);
  assert.deepEqual(runRule(ID, text).map((f) => f.pointer), ['/nodes/0/parameters/query']);
});

test('MySQL, Microsoft SQL 1.1, Oracle Database (execute) and QuestDB are covered; Microsoft SQL 1 needs "="', () => {
  const text = n8nWorkflow([
    node('My', 'n8n-nodes-base.mySql', 2.4, { operation: 'executeQuery', query: 'SELECT {{ $json.a }}' }),
    node('Ms', 'n8n-nodes-base.microsoftSql', 1.1, { operation: 'executeQuery', query: 'SELECT {{ $json.a }}' }),
    node('Ms1', 'n8n-nodes-base.microsoftSql', 1, { operation: 'executeQuery', query: 'SELECT {{ $json.a }}' }),
    node('Ora', 'n8n-nodes-base.oracleDatabase', 1, { operation: 'execute', query: 'SELECT {{ $json.a }} FROM dual' }),
    node('Quest', 'n8n-nodes-base.questDb', 1, { operation: 'executeQuery', query: 'SELECT {{ $json.a }}' }),
  ]);
  const found = runRule(ID, text);
  assert.deepEqual(found.map((f) => f.message.split(' pastes')[0]), ['MySQL "My"', 'Microsoft SQL "Ms"', 'Oracle Database "Ora"', 'QuestDB "Quest"']);
});

test('an AI tool whose query is $fromAI() is reported; an error when the agent it serves reads a chat trigger', () => {
  const chat = node('When chat message received', '@n8n/n8n-nodes-langchain.chatTrigger', 1.1, {});
  const agent = node('AI Agent', '@n8n/n8n-nodes-langchain.agent', 1.7, {});
  const tool = node('Run SQL', 'n8n-nodes-base.postgresTool', 2.5, { operation: 'executeQuery', query: '{{ $fromAI("sql_query", "SQL Query") }}' });
  const text = n8nWorkflow([chat, agent, tool], wire(['When chat message received', 'AI Agent'], ['Run SQL', 'AI Agent', 'ai_tool']));
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /^Postgres tool "Run SQL" pastes values the AI model chooses into its SQL text \(\{\{ \$fromAI\("sql_query", "SQL Query"\) \}\}\)/);
  assert.match(f.message, /Data from the Chat Trigger "When chat message received" \(chat messages\) reaches it\.$/);
  const alone = runRule(ID, n8nWorkflow([agent, tool], wire(['Run SQL', 'AI Agent', 'ai_tool'])));
  assert.deepEqual(alone.map((x) => x.severity), ['warning']);
});
