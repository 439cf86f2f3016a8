import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixAndCheck, runRule } from '../../helpers';
import { requestTrigger } from '../wdl/fixtures';
import { allFindings, assertNoNewFindings, instantTrigger, paFlow, slice } from './fixtures';

const ID = 'power-automate/user-mode-no-allowed-users';

test('"User" without triggerAllowedUsers: warning on the "User" value, exact message, pointer of the trigger', () => {
  const text = paFlow({ triggers: { manual: requestTrigger({ method: 'POST', triggerAuthenticationType: 'User', schema: {} }) } });
  const [f, ...rest] = runRule(ID, text);
  assert.equal(rest.length, 0);
  assert.equal(f.owasp, 'LCNC-SEC-02');
  assert.equal(f.severity, 'warning');
  assert.equal(f.pointer, '/properties/definition/triggers/manual');
  assert.equal(slice(text, f), '"User"');
  assert.equal(
    f.message,
    'HTTP request trigger "manual" is set to "Specific users in my tenant" but lists no allowed users, so any user in your tenant can start this flow. Add the email addresses or service principal object IDs that may call it.',
  );
});

test('an empty triggerAllowedUsers is reported on that value', () => {
  for (const empty of ['', '  ', ' ; ', [], [''], null]) {
    const text = paFlow({ triggers: { manual: requestTrigger({ triggerAuthenticationType: 'User', triggerAllowedUsers: empty }) } });
    const found = runRule(ID, text);
    assert.equal(found.length, 1, JSON.stringify(empty));
    assert.equal(slice(text, found[0]), JSON.stringify(empty, null, 2).replace(/\n/g, '\n            '), JSON.stringify(empty));
    assert.match(found[0].message, /but its allowed users list is empty/);
  }
});

test('the fix states what the trigger does ("Tenant"), keeps everything else, and adds no finding', () => {
  const text = paFlow({ triggers: { manual: requestTrigger({ triggerAuthenticationType: 'User', triggerAllowedUsers: '' }) } });
  const [f] = runRule(ID, text);
  assert.equal(f.fix?.isPreferred, false);
  const fixed = applyFixAndCheck(ID, text, f);
  assert.equal(fixed, text.replace('"triggerAuthenticationType": "User"', '"triggerAuthenticationType": "Tenant"'));
  assertNoNewFindings(allFindings(text), allFindings(fixed));
  const lower = paFlow({ triggers: { manual: requestTrigger({ triggerAuthenticationType: 'user' }) } });
  assert.equal(applyFixAndCheck(ID, lower, runRule(ID, lower)[0]), lower.replace('"user"', '"tenant"'));
});

test('listed users, other modes and non-HTTP triggers are not reported', () => {
  const ok = [
    requestTrigger({ triggerAuthenticationType: 'User', triggerAllowedUsers: 'alex@contoso.com' }),
    requestTrigger({ triggerAuthenticationType: 'User', triggerAllowedUsers: ['11111111-1111-1111-1111-111111111111'] }),
    requestTrigger({ triggerAuthenticationType: 'User', triggerAllowedUsers: "@parameters('Allowed callers')" }),
    requestTrigger({ triggerAuthenticationType: 'Tenant' }),
    requestTrigger({ triggerAuthenticationType: 'All' }),
    requestTrigger({ triggerAuthenticationType: 'User' }, 'Button'),
    instantTrigger('PowerAppV2', { triggerAuthenticationType: 'User' }),
  ];
  for (const t of ok) assert.deepEqual(runRule(ID, paFlow({ triggers: { manual: t } })), [], JSON.stringify(t));
  // a trigger without kind is an HTTP trigger
  assert.equal(runRule(ID, paFlow({ triggers: { manual: requestTrigger({ triggerAuthenticationType: 'User' }, null) } })).length, 1);
});
