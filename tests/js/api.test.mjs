// The package's API as a JavaScript user meets it: data for findings, errors for misuse,
// no secret in anything that comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig, validateField, normalizeConfig, catalog } from '@workbench/azure-onboarding';
import { fillCommand, checkCommandValues } from '@workbench/azure-onboarding/full';
import { CANARY, good } from './fixtures.mjs';

test('a good config is valid and its report is plain JSON data without the secret', () => {
  const report = validateConfig(good);
  assert.equal(report.valid, true);
  assert.deepEqual(report.issues, []);
  assert.equal(report.normalized.clientSecret, 'abc…');
  assert.equal(Object.getPrototypeOf(report), Object.prototype);
  assert.ok(!JSON.stringify(report).includes('CANARY'));
});

test('valid is false exactly when an issue is an error', () => {
  for (const config of [good, {}, { ...good, clientSecret: 'hunter2' }, { ...good, accessOption: 'enterpriseApp' }]) {
    const report = validateConfig(config);
    assert.equal(report.valid, !report.issues.some((i) => i.severity === 'error'));
  }
});

test('misuse throws an AzureOnboardingError with a code and a JSON path', () => {
  assert.throws(() => validateConfig({ ...good, tenantId: 42 }), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'AzureOnboardingError');
    assert.equal(err.code, 'invalid-argument');
    assert.equal(err.path, 'config.tenantId');
    return true;
  });
  assert.throws(() => validateField('tenantID', 'x'), { name: 'AzureOnboardingError', path: 'field' });
  assert.throws(() => validateConfig(CANARY), (err) => !err.message.includes('CANARY'));
});

test('validateField needs no context for context-free fields and uses it where it matters', () => {
  assert.deepEqual(validateField('tenantId', '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b'), []);
  const codes = (issues) => issues.map((i) => i.code);
  assert.deepEqual(codes(validateField('clientId', '', { accessOption: 'customApp' })), ['required']);
  assert.deepEqual(codes(validateField('clientId', '', { accessOption: 'enterpriseApp' })), []);
});

test('the module keeps nothing between calls', () => {
  validateConfig(good);
  const report = validateConfig({ accessOption: 'customApp' });
  assert.ok(!JSON.stringify(report).includes('CANARY'));
  assert.equal(report.normalized.clientSecret, undefined);
});

test('catalog() lists the steps with their Azure identifiers', () => {
  const { steps, notices } = catalog();
  assert.deepEqual(steps.map((s) => s.number), [0, 1, 2, 3, 4, 5]);
  const ids = steps.flatMap((s) => s.requirements.flatMap((r) => r.identifiers.map((i) => i.id)));
  assert.ok(ids.includes('73c42c96-874c-492b-b04d-ab87d138a893'), 'Log Analytics Reader');
  assert.ok(notices.some((n) => n.id === 'graph-legacy-alerts-retired'));
});

test('misuse of validateField and validateConfig throws AzureOnboardingError, in JS terms', async () => {
  const { AzureOnboardingError } = await import('@workbench/azure-onboarding');
  assert.equal(typeof AzureOnboardingError, 'function', 'the class is exported');
  const misuse = (f, path, message) => assert.throws(f, (err) => {
    assert.ok(err instanceof AzureOnboardingError, `${err}`);
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'invalid-argument');
    assert.equal(err.path, path);
    if (message) assert.match(err.message, message);
    assert.ok(!/JsValue|invalid type|unit value|struct |RuntimeError|memory access/.test(err.message), err.message);
    return true;
  });
  for (const [value, got] of [[42, 'a number'], [true, 'a boolean'], [{}, 'an object'], [null, 'null'], [undefined, 'undefined']]) {
    misuse(() => validateField('tenantId', value), 'value', new RegExp(`^value: expected a string, got ${got}`));
  }
  misuse(() => validateField('tenantID', 'x'), 'field', /tenantId, clientId, clientSecret/);
  misuse(() => validateConfig([]), 'config', /^config: expected an object, got an array$/);
  misuse(() => validateConfig(new Map([['tenantId', good.tenantId]])), 'config', /got a Map$/);
  misuse(() => validateConfig(null), 'config', /got null$/);
  misuse(() => validateConfig({ ...good, tenantId: 42 }), 'config.tenantId', /^config\.tenantId: expected a string, got a number$/);
  misuse(() => validateConfig({ ...good, deviceName: { a: 1 } }), 'config.deviceName', /got an object$/);
  misuse(() => validateConfig({ ...good, location: () => 1 }), 'config.location', /got a function$/);
  // The module keeps answering after every refusal.
  assert.equal(validateConfig(good).valid, true);
});

test('validateField reads a field and its value in one crossing, with the limits and answers of the one-by-one read', () => {
  const FIELDS = ['accessOption', 'deviceName', 'location', 'tenantId', 'clientId', 'clientSecret', 'useStorageAccountContributorRole'];
  const issuesOf = (field, config) => validateConfig(config).issues.filter((i) => i.field === field);
  for (const field of FIELDS) {
    // Every field name is read (its index crosses as one digit), at the length limit too.
    for (const value of ['x'.repeat(4096), ' 6F1D2C3B-4A59-4E8F-9A7B-0C1D2E3F4A5B ', 'a\uD800b', '']) {
      const context = { ...good, [field]: value };
      assert.deepEqual(validateField(field, value, context), issuesOf(field, context), `${field}: ${value.slice(0, 20)}`);
    }
    assert.throws(() => validateField(field, 'x'.repeat(4097)), { name: 'AzureOnboardingError', path: 'value' });
  }
  // No context, null and undefined alike: the field alone.
  for (const context of [null, undefined]) {
    assert.deepEqual(validateField('clientSecret', '', context), validateField('clientSecret', ''));
    assert.deepEqual(validateField('tenantId', 'contoso.com', context).map((i) => i.code), ['tenant-id-is-domain']);
  }
  // What is not a form's field name or value takes the one-by-one read and its messages.
  assert.throws(() => validateField(new String('tenantId'), good.tenantId), { name: 'AzureOnboardingError', path: 'field' });
  assert.throws(() => validateField('toString', good.tenantId), { name: 'AzureOnboardingError', path: 'field' });
  assert.throws(() => validateField(3, good.tenantId), { name: 'AzureOnboardingError', path: 'field' });
  assert.throws(() => validateField('tenantId', new String(good.tenantId)), { name: 'AzureOnboardingError', path: 'value' });
});

test('a form whose getter or Proxy throws is refused as misuse, without the thrown message', () => {
  const getter = { ...good };
  Object.defineProperty(getter, 'tenantId', { enumerable: true, get() { throw new Error(CANARY); } });
  const cases = [
    [() => validateConfig(getter), 'config'],
    [() => validateConfig(new Proxy(good, { ownKeys() { throw new Error(CANARY); } })), 'config'],
    [() => normalizeConfig(new Proxy(good, { get() { throw new Error(CANARY); } })), 'config'],
    [() => validateField('tenantId', good.tenantId, getter), 'context'],
    [() => validateField('clientId', good.clientId, new Proxy(good, { get() { throw new Error(CANARY); } })), 'context'],
  ];
  for (const [call, path] of cases) {
    assert.throws(call, (err) => {
      assert.equal(err.name, 'AzureOnboardingError');
      assert.equal(err.code, 'invalid-argument');
      assert.equal(err.path, path);
      assert.match(err.message, /could not be read/);
      assert.ok(!String(err.message).includes('CANARY') && !String(err.stack).includes('CANARY'));
      return true;
    });
    // The module keeps answering, and no error is left over for the next call.
    assert.equal(validateConfig(good).valid, true);
    assert.deepEqual(validateField('tenantId', good.tenantId, good), []);
  }
});

test('a 10 MB field is refused at once and never echoed', () => {
  const huge = '6f1d2c3b'.repeat(1_250_000);
  const started = performance.now();
  for (const f of [() => validateConfig({ ...good, tenantId: huge }), () => validateField('tenantId', huge, good)]) {
    assert.throws(f, (err) => {
      assert.equal(err.name, 'AzureOnboardingError');
      assert.match(err.path, /^(config\.tenantId|value)$/);
      assert.match(err.message, /longer than 4096 characters/);
      assert.ok(!err.message.includes('6f1d2c3b'));
      return true;
    });
  }
  // Measured only to catch a regression to validating the whole paste (0.4 s or more before).
  assert.ok(performance.now() - started < 250, `${performance.now() - started} ms`);
});

test('the full build fills commands and says why a typed value is left out, where it was typed', () => {
  const values = {
    subscriptions: ['3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718', 'junk'],
    guestMail: "o'brien@provider.example",
    resourceGroup: 'rg-security(logs)',
    logStorageAccount: 'wblogs001',
  };
  const f = fillCommand('az role assignment create --scope {logStorageAccountId} --resource-group {resourceGroup}', values);
  assert.equal(f.text, "az role assignment create --scope '/subscriptions/3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718/resourceGroups/rg-security(logs)/providers/Microsoft.Storage/storageAccounts/wblogs001' --resource-group 'rg-security(logs)'");
  // A resource group Azure refuses (a space, shell metacharacters) is left out and explained.
  for (const rg of ['rg security (logs)', 'rg$(id)', 'rg;ls']) {
    const g = fillCommand('az x --resource-group {resourceGroup}', { ...values, resourceGroup: rg });
    assert.ok(!g.text.includes(rg), g.text);
    assert.ok(g.invalid.includes('resourceGroup'), JSON.stringify(g.invalid));
  }
  const problems = checkCommandValues(values);
  assert.deepEqual(problems.map((p) => [p.input, p.index]), [['guestMail', undefined], ['subscriptions', 1]]);
  assert.ok(problems.every((p) => /^[A-Z].*\.$/.test(p.message)), JSON.stringify(problems));
  // The catalog describes the form and every placeholder a command can hold.
  const cat = catalog();
  assert.deepEqual(cat.form.map((x) => x.field), ['accessOption', 'tenantId', 'clientId', 'clientSecret', 'deviceName', 'location', 'useStorageAccountContributorRole']);
  assert.ok(cat.placeholders.find((p) => p.name === 'spObjectId').find.includes('{applicationId}'));
});

test('the form crosses as one string: every field keeps its exact text, whatever its characters', () => {
  // Non-ASCII (2-, 3- and 4-byte UTF-8, surrogate pairs) in one field must not shift the
  // fields read after it; a lone surrogate arrives as U+FFFD (one UTF-16 unit, like it).
  const cases = [
    ['Azure production', 'Azure production'],
    ['Zürich – 東京 🚀🚀', 'Zürich – 東京 🚀🚀'],
    ['a\uD800b', 'a\uFFFDb'],
    ['\uDC00', '\uFFFD'],
    ['🚀'.repeat(100), '🚀'.repeat(100)],
  ];
  for (const [deviceName, expected] of cases) {
    const config = { ...good, accessOption: 'enterpriseApp', deviceName, location: 'Microsoft Cloud ' };
    const n = normalizeConfig(config);
    assert.equal(n.deviceName, expected);
    // The results cross back as one string too (UTF-16 lengths): the report's copy.
    assert.equal(validateConfig(config).normalized.deviceName, expected);
    assert.equal(n.location, 'Microsoft Cloud');
    assert.equal(n.tenantId, good.tenantId);
    assert.equal(n.accessOption, 'enterpriseApp');
  }
  // Empty strings are present (not absent), null and undefined are absent.
  assert.deepEqual(validateField('tenantId', '', { accessOption: 'customApp', clientId: '' }).map((i) => i.code), ['required']);
  assert.deepEqual(normalizeConfig({ tenantId: null, deviceName: undefined }), {});
  // Properties the form does not have are ignored, as before.
  assert.equal(validateConfig({ ...good, somethingElse: 'x' }).valid, true);
});

test('validateField copies only what the field depends on, and still checks the whole context', () => {
  const codes = (issues) => issues.map((i) => i.code);
  // What the client ID depends on (the access option, the tenant ID) is read...
  const same = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
  assert.deepEqual(codes(validateField('clientId', same, { accessOption: 'customApp', tenantId: same })), ['client-id-equals-tenant-id']);
  assert.deepEqual(codes(validateField('clientSecret', '', { accessOption: 'customApp' })), ['required']);
  // ...and a context property the field does not read is refused all the same when misused.
  for (const [context, path] of [
    [{ clientSecret: 5 }, 'context.clientSecret'],
    [{ deviceName: 'x'.repeat(5000) }, 'context.deviceName'],
    [{ location: { a: 1 } }, 'context.location'],
  ]) {
    assert.throws(() => validateField('tenantId', same, context), { name: 'AzureOnboardingError', code: 'invalid-argument', path });
  }
  // The secret in the context of another field never comes back.
  assert.ok(!JSON.stringify(validateField('deviceName', CANARY, good)).includes('CANARY'));
});
