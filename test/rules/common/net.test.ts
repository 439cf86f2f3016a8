import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocalHost, isPrivateHost, parseEndpoint } from '../../../server/src/engine/net';

const at = (text: string, i = 0) => {
  const e = parseEndpoint(text)[i];
  return { ...e, authority: text.slice(e.start, e.authorityEnd), url: text.slice(e.start, e.end) };
};

test('parseEndpoint finds scheme, host, port and offsets inside a longer string', () => {
  const text = 'GET http://api.foo.com:8080/v1/items?q=1 then';
  const e = at(text);
  assert.equal(e.scheme, 'http');
  assert.equal(e.host, 'api.foo.com');
  assert.equal(e.port, 8080);
  assert.equal(e.start, 4);
  assert.equal(e.authority, 'http://api.foo.com:8080');
  assert.equal(e.url, 'http://api.foo.com:8080/v1/items?q=1');
  assert.equal(text.slice(e.hostStart, e.hostEnd), 'api.foo.com');
  assert.equal(e.dynamicHost, false);
});

test('parseEndpoint: several URLs, trailing punctuation, n8n "=" prefix, userinfo, IPv6', () => {
  const text = '=see (https://a.org/x). and ws://b.net, ok';
  const all = parseEndpoint(text).map((e) => text.slice(e.start, e.end));
  assert.deepEqual(all, ['https://a.org/x', 'ws://b.net']);
  const u = at('postgres://admin:pa@ss@db.internal:5432/app');
  assert.equal(u.userinfo, 'admin:pa@ss');
  assert.equal(u.host, 'db.internal');
  assert.equal(u.port, 5432);
  const v6 = at('wss://[::1]:8443/ws');
  assert.equal(v6.host, '::1');
  assert.equal(v6.port, 8443);
  assert.equal(at('mongodb+srv://c.mongodb.net').scheme, 'mongodb+srv');
});

test('parseEndpoint marks hosts made by expressions as dynamic', () => {
  for (const text of ["'http://' + host", 'http://{{ $json.host }}/x', "http://@{parameters('host')}/x", 'http://api{{ $env.x }}.com', 'http://$HOST:80', 'http://${HOST}/', 'http://%HOST%/', 'http://<your-host>/', 'http://[IP]:9']) {
    assert.equal(parseEndpoint(text)[0].dynamicHost, true, text);
  }
  // A dynamic port keeps a literal host.
  const e = at('http://host:{{ $json.port }}/x');
  assert.equal(e.host, 'host');
  assert.equal(e.dynamicHost, false);
});

test('parseEndpoint ignores text without a scheme and scheme-like runs glued to other text', () => {
  assert.deepEqual(parseEndpoint('no url here: //x'), []);
  assert.deepEqual(parseEndpoint('://x'), []);
  assert.deepEqual(parseEndpoint('a'.repeat(40) + '://host'), []);
  // Linear on adversarial input (no timing assertion: it simply has to finish).
  const many = parseEndpoint('http://a.b/'.repeat(20000));
  assert.equal(many.length, 20000);
  assert.equal(many[1].start - many[0].end, 0);
  assert.equal(parseEndpoint('http://'.repeat(20000)).length, 10000);
});

test('isLocalHost: loopback, localhost names, 0.0.0.0 and container-to-host names only', () => {
  for (const h of ['localhost', 'LOCALHOST.', 'app.localhost', '127.0.0.1', '127.8.9.10', '0.0.0.0', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'host.docker.internal', 'gateway.docker.internal', 'host.containers.internal']) {
    assert.equal(isLocalHost(h), true, h);
  }
  for (const h of ['10.0.0.1', '192.168.1.1', '172.16.0.1', 'qdrant', 'example.com', '128.0.0.1', '256.0.0.1', 'localhost.example.com', 'fe80::1', '']) {
    assert.equal(isLocalHost(h), false, h);
  }
});

test('isPrivateHost: RFC 1918, CGNAT, link-local, ULA, single-label and private suffixes; not public, not loopback', () => {
  for (const h of ['10.1.2.3', '172.31.255.1', '192.168.0.14', '100.64.0.1', '169.254.1.1', 'fd12:3456::1', 'fe80::1', 'qdrant', 'selenium_chrome', 'nas.local', 'router.lan', 'db.internal', 'printer.home.arpa']) {
    assert.equal(isPrivateHost(h), true, h);
  }
  for (const h of ['172.32.0.1', '8.8.8.8', 'api.github.com', 'localhost', '127.0.0.1', '2001:db8::1']) {
    assert.equal(isPrivateHost(h), false, h);
  }
});
