// Arguments whose reading throws (a getter, a Proxy's trap): every export refuses them with an
// AzureOnboardingError (`invalid-argument`, the argument's path), never the caller's own
// exception through the module, and `collect` rejects instead of crashing the process (its
// argument checks run inside an async function: an exception there escaped every `.catch`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as light from '@workbench/azure-onboarding';
import * as full from '@workbench/azure-onboarding/full';
import plan from '../../examples/demo-plan.json' with { type: 'json' };
import snapshot from '../../examples/demo-snapshot.json' with { type: 'json' };

const unreadable = (sdk, path) => (err) => {
  assert.ok(err instanceof sdk.AzureOnboardingError, `not an AzureOnboardingError: ${err}`);
  assert.equal(err.code, 'invalid-argument');
  assert.equal(err.path, path);
  assert.doesNotMatch(err.message, /boom|trap/);
  return true;
};
const throwing = () => new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } });
const revoked = () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; };
const getter = (object, key) => Object.defineProperty({ ...object }, key, { enumerable: true, get() { throw new Error('boom'); } });

test('assess and remediate refuse a plan or snapshot whose reading throws', () => {
  for (const bad of [getter(plan, 'tenantId'), throwing(), revoked()]) {
    assert.throws(() => full.assess(bad, snapshot), unreadable(full, 'plan'));
    assert.throws(() => full.remediate(bad), unreadable(full, 'plan'));
  }
  const badResponses = { ...snapshot, responses: [getter(snapshot.responses[0], 'status')] };
  for (const bad of [getter(snapshot, 'responses'), badResponses, throwing()]) {
    assert.throws(() => full.assess(plan, bad), unreadable(full, 'snapshot'));
    assert.throws(() => full.remediate(plan, bad), unreadable(full, 'snapshot'));
  }
  // A getter that answers once, then throws (checkArgument read it, JSON.stringify did not).
  let reads = 0;
  const flaky = Object.defineProperty({ ...plan }, 'tenantId', {
    enumerable: true,
    get() { if (reads++ > 0) throw new Error('boom'); return plan.tenantId; },
  });
  assert.throws(() => full.assess(flaky, snapshot), unreadable(full, 'plan'));
  // The module works on.
  assert.equal(typeof full.assess(plan, snapshot).ready, 'boolean');
});

test('string arguments that are throwing Proxies are "expected a string, got an object"', () => {
  for (const sdk of [light, full]) {
    for (const proxy of [throwing(), revoked()]) {
      assert.throws(() => sdk.validateField(proxy, ''), unreadable(sdk, 'field'));
      assert.throws(() => sdk.validateField('tenantId', proxy), (err) => unreadable(sdk, 'value')(err) && /expected a string, got an object/.test(err.message));
      assert.throws(() => sdk.tenantLookupRequest(proxy), unreadable(sdk, 'domain'));
    }
    // The article of a class's name: "an Error", "a Date".
    assert.throws(() => sdk.validateField('tenantId', new Error('x')), /expected a string, got an Error$/);
    assert.throws(() => sdk.validateField('tenantId', new Date()), /expected a string, got a Date$/);
  }
  assert.throws(() => full.fillCommand(throwing(), {}), unreadable(full, 'template'));
});

test('collect rejects (never crashes) when its plan or options cannot be read', async () => {
  const options = { armToken: 'token', endpointsForTesting: 'http://127.0.0.1:9' };
  const cases = [
    [getter(plan, 'tenantId'), options, 'plan'],
    [throwing(), options, 'plan'],
    [revoked(), options, 'plan'],
    [plan, getter(options, 'armToken'), 'options'],
    [plan, throwing(), 'options'],
    [plan, revoked(), 'options'],
  ];
  for (const [p, o, path] of cases) {
    await assert.rejects(full.collect(p, o), unreadable(full, path), path);
  }
  // Still alive, and still answering.
  assert.equal(full.validateConfig({}).valid, false);
});

test('collect refuses a client secret given as a token (it would be sent as a bearer token), without quoting it', async () => {
  const secret = 'abc8Q~CANARYcanaryCANARYcanaryCANARY1234';
  for (const [key, path] of [['armToken', 'options.armToken'], ['graphToken', 'options.graphToken']]) {
    await assert.rejects(full.collect(plan, { armToken: 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln', [key]: ` ${secret} `, endpointsForTesting: 'http://127.0.0.1:9' }), (err) => {
      assert.ok(err instanceof full.AzureOnboardingError, `${err}`);
      assert.equal(err.code, 'invalid-argument');
      assert.equal(err.path, path);
      assert.match(err.message, /client secret, not an access token/);
      assert.ok(!err.message.includes('CANARY') && !String(err.stack).includes('CANARY'));
      return true;
    });
  }
});
