import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/file-path-from-message';
const writeFile = (props: Record<string, unknown>, id = 'f1') =>
  wired(id, 'file', { name: 'Save upload', filename: 'filename', filenameType: 'msg', appendNewline: true, createDir: false, overwriteFile: 'true', encoding: 'none', ...props });
const readFile = (props: Record<string, unknown>, id = 'f2') =>
  wired(id, 'file in', { name: 'Read report', filename: 'req.query.name', filenameType: 'msg', format: 'utf8', chunk: false, sendError: false, encoding: 'none', allProps: false, ...props });
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('Read File with the path from msg, fed by HTTP In: error on the filename value', () => {
  const text = nodeRedFlow([wired('h1', 'http in', { name: 'GET /report', url: '/report', method: 'get' }, [['f2']]), readFile({})]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/2');
  assert.equal(f.severity, 'error');
  assert.equal(f.owasp, 'LCNC-SEC-06');
  assert.equal(f.fix, undefined);
  assert.equal(slice(text, f), '"req.query.name"');
  assert.equal(
    f.message,
    'Read File node "Read report" reads the file named by msg.req.query.name: a value with ../ or an absolute path reaches any file the Node-RED process can access (fileWorkingDirectory does not stop that). Messages from the HTTP In node "GET /report" reach it, so people outside Node-RED can choose the path. Build the path from a fixed folder plus a name you check against an allow-list (or a strict pattern such as letters, digits and one dot), never from raw message data.',
  );
});

test('legacy file node (no filenameType, empty filename) uses msg.filename; without a network input it is info', () => {
  const node = writeFile({ filename: '', overwriteFile: 'false' });
  delete node.filenameType;
  const text = nodeRedFlow([wired('i1', 'inject', {}, [['f1']]), node]);
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'info');
  assert.equal(slice(text, f), '""');
  assert.match(f.message, /^Write File node "Save upload" appends to the file named by msg\.filename \(the file name is empty and there is no "filenameType": the runtime then uses msg\.filename\): /);
  assert.doesNotMatch(f.message, /Messages from/);
});

test('delete mode and JSONata paths over the message, through link nodes from a WebSocket input', () => {
  const text = nodeRedFlow([
    wired('w1', 'websocket in', { name: 'WS' }, [['lo']]),
    wired('lo', 'link out', { links: ['li'] }, []),
    wired('li', 'link in', { links: ['lo'] }, [['f1']]),
    writeFile({ overwriteFile: 'delete', filename: '"/data/" & payload.name', filenameType: 'jsonata' }),
  ]);
  const [f] = runRule(ID, text);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /^Write File node "Save upload" deletes the file named by a JSONata expression over the message: .* Messages from the WebSocket In node "WS" reach it/);
});

test('fixed, env, context and constant JSONata paths, disabled nodes and disabled tabs are not reported', () => {
  const cases = [
    writeFile({ filename: '/tmp/out.txt', filenameType: 'str' }),
    writeFile({ filename: 'OUT_FILE', filenameType: 'env' }),
    writeFile({ filename: 'path', filenameType: 'flow' }),
    writeFile({ filename: '"/tmp/a.txt"', filenameType: 'jsonata' }),
    (() => {
      const n = writeFile({ filename: '/tmp/legacy.txt' });
      delete n.filenameType;
      return n;
    })(),
    { ...readFile({}), d: true },
  ];
  for (const n of cases) assert.deepEqual(runRule(ID, nodeRedFlow([wired('h1', 'http in', { url: '/x' }, [[String(n.id)]]), n])), [], JSON.stringify(n));
  assert.deepEqual(runRule(ID, nodeRedFlow([readFile({})], { tabDisabled: true })), []);
});
