// The full build crosses as JSON text both ways (issue 15: no serde-wasm-bindgen and no
// serde_path_to_error in it): refusals keep their JSON paths and JS wording, results are the
// same values as the light build's, and what JSON cannot say is refused clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as light from '@workbench/azure-onboarding';
import * as full from '@workbench/azure-onboarding/full';
import plan from '../../examples/demo-plan.json' with { type: 'json' };
import snapshot from '../../examples/demo-snapshot.json' with { type: 'json' };
import golden from '../../crates/azure-onboarding/tests/golden/demo-report.json' with { type: 'json' };

const misuse = (path, message) => (err) => {
  assert.ok(err instanceof full.AzureOnboardingError, `${err}`);
  assert.equal(err.code, 'invalid-argument');
  assert.equal(err.path, path);
  if (message) assert.equal(err.message, `${path}: ${message}`);
  return true;
};

test('refusals name the JSON path in JavaScript words', () => {
  const cases = [
    [{ ...plan, subscriptions: [plan.subscriptions[0], 7] }, 'plan.subscriptions[1]', 'expected a string, got a number'],
    [{ ...plan, guestUser: ['analyst@provider.example'] }, 'plan.guestUser', 'expected an object, got an array'],
    [{ ...plan, guestUser: {} }, 'plan.guestUser', 'the property "mail" is missing'],
    [{ ...plan, tenantId: null }, 'plan.tenantId', 'expected a string, got null'],
  ];
  for (const [p, path, message] of cases) {
    assert.throws(() => full.assess(p, snapshot), misuse(path, message));
    assert.throws(() => full.remediate(p), misuse(path, message));
  }
  const { applicationId, ...noApp } = plan;
  assert.throws(() => full.assess(noApp, snapshot), misuse('plan', 'the property "applicationId" is missing'));
  const bad = structuredClone(snapshot);
  bad.responses[3].status = 'ok';
  assert.throws(() => full.assess(plan, bad), misuse('snapshot.responses[3].status', 'expected an integer from 0 to 65535, got a string'));
});

test('a property that is undefined is absent, as in JSON', () => {
  assert.deepEqual(full.assess({ ...plan, egressIps: undefined }, snapshot), full.assess((({ egressIps, ...p }) => p)(plan), snapshot));
});

test('a lone surrogate is refused as misuse, and the next call works', () => {
  const bad = structuredClone(snapshot);
  bad.responses[0].body.value[0].displayName = 'x\ud800y';
  assert.throws(() => full.assess(plan, bad), (err) => {
    assert.ok(err instanceof full.AzureOnboardingError, `${err}`);
    assert.equal(err.code, 'invalid-argument');
    assert.equal(err.path, 'snapshot');
    assert.match(err.message, /^snapshot: cannot be read as JSON data: /);
    return true;
  });
  assert.deepEqual(full.assess(plan, snapshot), golden);
});

test('results are the same values as the light build gives', () => {
  const configs = [
    {},
    { accessOption: 'customApp', tenantId: ' 6F1D2C3B-4A59-4E8F-9A7B-0C1D2E3F4A5B ', clientId: plan.applicationId, clientSecret: 'abc8Q~' + 'é'.repeat(34), deviceName: 'Contoso ☁' },
    { accessOption: 'enterpriseApp', tenantId: 'contoso.onmicrosoft.com', location: 'Azure Government' },
  ];
  for (const c of configs) {
    assert.deepEqual(full.validateConfig(c), light.validateConfig(c));
    assert.deepEqual(full.normalizeConfig(c), light.normalizeConfig(c));
    assert.deepEqual(full.validateField('tenantId', c.tenantId ?? '', c), light.validateField('tenantId', c.tenantId ?? '', c));
  }
  assert.deepEqual(full.catalog(), light.catalog());
});

test('collect refuses bad options before any request, without quoting a token', async () => {
  const canary = 'eyJTOKEN-CANARY-' + 'q'.repeat(40);
  await assert.rejects(full.collect(plan, { armToken: canary, collectedAt: 5 }), (err) => {
    misuse('options.collectedAt', 'expected a string, got a number')(err);
    assert.ok(!err.message.includes(canary) && !String(err.stack).includes(canary));
    return true;
  });
});

test('refusals of numbers, the access option and the format say what is wanted (no serde words, no contradiction)', () => {
  const response = (status) => ({ ...snapshot, responses: [{ ...snapshot.responses[0], status }] });
  const status = 'snapshot.responses[0].status';
  const cases = [
    [response(200.5), status, 'expected an integer from 0 to 65535, got a number that is not'],
    [response(-1), status, 'expected an integer from 0 to 65535, got a number that is not'],
    [response(70000), status, 'expected an integer from 0 to 65535, got a number that is not'],
    [response(1e300), status, 'expected an integer from 0 to 65535, got a number that is not'],
    [response(NaN), status, 'expected an integer from 0 to 65535, got NaN'],
    [response(Infinity), status, 'expected an integer from 0 to 65535, got Infinity'],
    [response('200'), status, 'expected an integer from 0 to 65535, got a string'],
    [{ ...snapshot, format: 'x' }, 'snapshot.format', 'unsupported snapshot format; this version reads "azure-onboarding-snapshot/v1" and "azure-onboarding-snapshot/v2"'],
  ];
  for (const [s, path, message] of cases) {
    assert.throws(() => full.assess(plan, s), misuse(path, message), `${path}: ${message}`);
  }
  for (const [accessOption, message] of [[{}, 'expected a string, got an object'], [7, 'expected a string, got a number'], [{ customApp: null, enterpriseApp: null }, 'expected a string, got an object']]) {
    assert.throws(() => full.assess({ ...plan, accessOption }, snapshot), misuse('plan.accessOption', message));
  }
});
