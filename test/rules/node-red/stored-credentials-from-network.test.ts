import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../../helpers';
import { nodeRedFlow, wired } from './fixtures';

const ID = 'node-red/stored-credentials-from-network';
const request = (props: Record<string, unknown>, id = 'r1') =>
  wired(id, 'http request', { name: 'Call ERP', method: 'POST', ret: 'obj', url: 'https://erp.example.com/api/orders', tls: '', persist: false, proxy: '', authType: 'basic', senderr: false, headers: [], ...props }, [['resp']]);
const httpIn = () => wired('h1', 'http in', { name: 'POST /orders', url: '/orders', method: 'post' }, [['r1']]);
const slice = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

test('HTTP In reaching an HTTP Request with basic auth: info on authType naming host and input', () => {
  const text = nodeRedFlow([httpIn(), request({}), wired('resp', 'http response', {}, [])]);
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.pointer, '/2');
  assert.equal(f.severity, 'info');
  assert.equal(f.owasp, 'LCNC-SEC-01');
  assert.equal(f.fix, undefined);
  assert.equal(slice(text, f), '"basic"');
  assert.equal(
    f.message,
    'HTTP Request node "Call ERP" calls erp.example.com with the basic authentication user and password stored in the node, and messages from the HTTP In node "POST /orders" reach it: everyone who can send to that input acts as this account, and erp.example.com cannot tell them apart. Give the account only the rights this flow needs, authenticate callers before this node, and keep the URL fixed.',
  );
});

test('a URL from the message (empty url, Mustache host) raises it to a warning; a Mustache path does not', () => {
  const [a] = runRule(ID, nodeRedFlow([httpIn(), request({ url: '', authType: 'bearer' })]));
  assert.equal(a.severity, 'warning');
  assert.match(a.message, /calls its server with the bearer token stored in the node, .* The URL comes from the message \(msg\.url, the URL field is empty\), so a caller can send these credentials to a server of their choice\./);
  const [b] = runRule(ID, nodeRedFlow([httpIn(), request({ url: 'https://{{payload.host}}/x' })]));
  assert.equal(b.severity, 'warning');
  assert.match(b.message, /\(a Mustache tag in its host part\)/);
  const [c] = runRule(ID, nodeRedFlow([httpIn(), request({ url: 'https://erp.example.com/orders/{{payload.id}}' })]));
  assert.equal(c.severity, 'info');
});

test('a fixed Authorization header (preset or custom name) counts as a stored account; a header from msg does not', () => {
  const preset = [{ keyType: 'Authorization', keyValue: '', valueType: 'other', valueValue: 'Bearer abc.def.ghi' }];
  const text = nodeRedFlow([httpIn(), request({ authType: '', headers: preset })]);
  const [f] = runRule(ID, text);
  assert.equal(slice(text, f), '"Authorization"');
  assert.match(f.message, /with a fixed Authorization header, and messages/);
  const custom = [{ keyType: 'other', keyValue: 'authorization', valueType: 'other', valueValue: 'Basic Zm9vOmJhcg==' }];
  assert.equal(runRule(ID, nodeRedFlow([httpIn(), request({ authType: '', headers: custom })])).length, 1);
  const fromMsg = [{ keyType: 'Authorization', keyValue: '', valueType: 'msg', valueValue: 'req.headers.authorization' }];
  assert.deepEqual(runRule(ID, nodeRedFlow([httpIn(), request({ authType: '', headers: fromMsg })])), []);
});

test('no stored account, no network input, or disabled: not reported', () => {
  assert.deepEqual(runRule(ID, nodeRedFlow([httpIn(), request({ authType: '' })])), []);
  const noAuth = request({});
  delete noAuth.authType;
  assert.deepEqual(runRule(ID, nodeRedFlow([httpIn(), noAuth])), [], 'a missing authType means no authentication');
  assert.deepEqual(runRule(ID, nodeRedFlow([wired('i1', 'inject', {}, [['r1']]), request({})])), []);
  assert.deepEqual(runRule(ID, nodeRedFlow([httpIn(), { ...request({}), d: true }])), []);
  assert.deepEqual(runRule(ID, nodeRedFlow([{ ...httpIn(), d: true }, request({})])), []);
});
