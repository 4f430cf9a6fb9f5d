// The form crosses by being written straight into the module's memory (readForm in
// boundary.rs), and unchanged values come back as the caller's own strings (results.rs `=`).
// Here, with the module's memory in hand: no copy of the client secret is left in it after
// any form call, whatever its size; values the module changes come back changed, and
// unchanged ones as given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CANARY, good } from './fixtures.mjs';

const dist = new URL('../../pkg/dist/', import.meta.url);
const sdk = await import(new URL('azure_onboarding.js', dist).href);
const { memory } = sdk.initSync({ module: readFileSync(new URL('azure_onboarding_bg.wasm', dist)) });

const inMemory = (needle) => Buffer.from(memory.buffer).includes(needle);

test('no copy of the secret is left in the module\'s memory after any form call', () => {
  assert.ok(!inMemory('CANARY'), 'clean before');
  const forms = [
    good,
    { ...good, clientSecret: `  ${CANARY}\t` },
    { ...good, tenantId: CANARY },
    { ...good, deviceName: 'é😀'.repeat(1000), location: 'x'.repeat(4096), clientSecret: CANARY + 'é' },
    // Larger than the module's first buffer: it grows, and the old one is left zeroed.
    { ...good, deviceName: 'd'.repeat(4096), clientSecret: CANARY.repeat(100) },
  ];
  for (const form of forms) {
    sdk.validateConfig(form);
    sdk.normalizeConfig(form);
    for (const field of ['clientSecret', 'tenantId', 'clientId']) sdk.validateField(field, form.clientSecret, form);
    assert.ok(!inMemory('CANARY'), `after the calls on ${Object.keys(form).length} fields`);
  }
  // The same when the call is refused after the form was read (a field of the wrong type
  // is found before anything is written).
  assert.throws(() => sdk.validateConfig({ ...good, location: 5 }), { name: 'AzureOnboardingError' });
  assert.ok(!inMemory('CANARY'));
});

test('normalized values: changed ones come back changed, unchanged ones as given', () => {
  const messy = { ...good, tenantId: ' {6F1D2C3B-4A59-4E8F-9A7B-0C1D2E3F4A5B} ', clientSecret: ` ${CANARY} `, deviceName: 'Azure production' };
  const normalized = sdk.normalizeConfig(messy);
  assert.deepEqual(normalized, { ...good });
  const report = sdk.validateConfig(messy);
  assert.equal(report.normalized.tenantId, good.tenantId);
  assert.equal(report.normalized.deviceName, 'Azure production');
  // The secret's hint, never the value, even where the value is its own hint's length.
  assert.equal(report.normalized.clientSecret, 'abc…');
  for (const secret of ['abc…', 'a']) {
    assert.notEqual(sdk.validateConfig({ ...good, clientSecret: secret }).normalized.clientSecret, secret);
  }
  // The hint is the first three characters (not UTF-16 units) and "…", whether the JS
  // makes it from the caller's string or the module passes it (a trimmed secret).
  const wide = '😀é😀' + 'x'.repeat(37);
  assert.equal(sdk.validateConfig({ ...good, clientSecret: wide }).normalized.clientSecret, '😀é😀…');
  assert.equal(sdk.validateConfig({ ...good, clientSecret: `  ${wide}` }).normalized.clientSecret, '😀é😀…');
  assert.equal(sdk.validateConfig({ ...good, clientSecret: 'short' }).normalized.clientSecret, '…');
  // A value the access option does not use is dropped, not passed back.
  assert.equal(sdk.normalizeConfig({ ...good, accessOption: 'enterpriseApp' }).clientSecret, undefined);
  // Unchanged values, whatever their characters.
  const odd = { ...good, deviceName: 'Zürich 😀 production' };
  assert.equal(sdk.validateConfig(odd).normalized.deviceName, odd.deviceName);
  assert.equal(sdk.normalizeConfig(odd).deviceName, odd.deviceName);
});

test('a getter of the form that validates another form (re-entry) gets its own answer', () => {
  const other = { ...good, tenantId: '11111111-2222-4333-8444-555555555555' };
  const form = { ...good };
  Object.defineProperty(form, 'deviceName', { enumerable: true, get: () => sdk.validateConfig(other).normalized.tenantId });
  const report = sdk.validateConfig(form);
  assert.equal(report.valid, true);
  assert.equal(report.normalized.deviceName, other.tenantId);
  assert.equal(report.normalized.tenantId, good.tenantId);
  assert.ok(!inMemory('CANARY'));
});
