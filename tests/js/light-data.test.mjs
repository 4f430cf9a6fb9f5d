// The data arguments and results of fillCommand, checkCommandValues (full build only),
// tenantLookupRequest and tenantLookupResult (both builds) cross without serde (issue 15: readData in boundary.rs,
// results.rs): the same objects as before (keys, key order, absent optionals omitted,
// numbers as numbers), misuse refused with the JSON path in JavaScript's words, and hostile
// input ending in a clean AzureOnboardingError, never a RuntimeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as light from '@workbench/azure-onboarding';
import * as full from '@workbench/azure-onboarding/full';

const TENANT = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
const SUB = '3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718';
const SECRET = 'abc8Q~CANARYcanaryCANARYcanaryCANARY1234';
const URL_OF = (domain, origin = 'https://login.microsoftonline.com') =>
  `${origin}/${domain}/v2.0/.well-known/openid-configuration`;
const discovery = (extra = {}) =>
  JSON.stringify({ issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`, ...extra });

const misuse = (sdk, path, message) => (err) => {
  assert.ok(err instanceof sdk.AzureOnboardingError, `not an AzureOnboardingError: ${err}`);
  assert.equal(err.name, 'AzureOnboardingError');
  assert.equal(err.code, 'invalid-argument');
  assert.equal(err.path, path);
  if (message !== undefined) assert.equal(err.message, `${path}: ${message}`);
  return true;
};

for (const [build, sdk] of [['light', light], ['full', full]]) {
  if (build === 'full') {
    test(`${build}: fillCommand gives { text, missing, invalid } in that order, lists as arrays`, () => {
      const f = sdk.fillCommand('az account set --subscription {subscriptionId} --tenant {tenantId} {spObjectId}', {
        tenantId: 'not-a-guid',
        subscriptions: [SUB, '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d'],
        guestMail: null,
        unknownKey: 42,
      });
      assert.deepEqual(Object.keys(f), ['text', 'missing', 'invalid']);
      assert.equal(Object.getPrototypeOf(f), Object.prototype);
      assert.equal(
        f.text,
        `az account set --subscription ${SUB} --tenant {tenantId} {spObjectId}\n` +
          'az account set --subscription 9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d --tenant {tenantId} {spObjectId}',
      );
      assert.deepEqual(f.missing, ['tenantId', 'spObjectId']);
      assert.deepEqual(f.invalid, ['tenantId']);
      assert.ok(Array.isArray(f.missing) && Array.isArray(f.invalid));
      // Every key optional: an empty object, and undefined values, are no values.
      assert.deepEqual(sdk.fillCommand('az login --tenant {tenantId}', {}), {
        text: 'az login --tenant {tenantId}',
        missing: ['tenantId'],
        invalid: [],
      });
      assert.deepEqual(sdk.fillCommand('az login --tenant {tenantId}', { tenantId: undefined, subscriptions: undefined }), {
        text: 'az login --tenant {tenantId}',
        missing: ['tenantId'],
        invalid: [],
      });
      assert.equal(sdk.fillCommand('az login --tenant {tenantId}', { tenantId: TENANT.toUpperCase() }).text, `az login --tenant ${TENANT}`);
    });
  }

  if (build === 'full') {
    test(`${build}: checkCommandValues gives { input, index?, message } with index a number`, () => {
      const problems = sdk.checkCommandValues({ guestMail: 'x', subscriptions: [SUB, 'junk', 'été😀'] });
      assert.deepEqual(problems.map((p) => Object.keys(p)), [
        ['input', 'message'],
        ['input', 'index', 'message'],
        ['input', 'index', 'message'],
      ]);
      assert.deepEqual(problems.map((p) => [p.input, p.index]), [['guestMail', undefined], ['subscriptions', 1], ['subscriptions', 2]]);
      for (const p of problems) assert.match(p.message, /^[A-Z].*\.$/s);
      assert.deepEqual(sdk.checkCommandValues({}), []);
      assert.deepEqual(sdk.checkCommandValues({ tenantId: TENANT, subscriptions: [SUB] }), []);
    });
  }

  test(`${build}: tenantLookupRequest gives { result, url } or { result, code, message }`, () => {
    const ready = sdk.tenantLookupRequest('Admin@Contoso.com');
    assert.deepEqual(Object.keys(ready), ['result', 'url']);
    assert.deepEqual(ready, { result: 'ready', url: URL_OF('contoso.com') });
    assert.deepEqual(sdk.tenantLookupRequest('contoso.com', { authority: 'https://login.microsoftonline.us' }), {
      result: 'ready',
      url: URL_OF('contoso.com', 'https://login.microsoftonline.us'),
    });
    assert.deepEqual(sdk.tenantLookupRequest('contoso.com', null), ready);
    assert.deepEqual(sdk.tenantLookupRequest('contoso.com', {}), ready);
    const failed = sdk.tenantLookupRequest('not a domain');
    assert.deepEqual(Object.keys(failed), ['result', 'code', 'message']);
    assert.equal(failed.result, 'failed');
    assert.equal(failed.code, 'not-a-domain');
    const loop = sdk.tenantLookupRequest('contoso.com', { authority: 'http://127.0.0.1:8080' });
    assert.equal(loop.code, 'loopback-not-allowed');
    assert.deepEqual(sdk.tenantLookupRequest('contoso.com', { authority: 'http://127.0.0.1:8080', allowLoopback: true }), {
      result: 'ready',
      url: URL_OF('contoso.com', 'http://127.0.0.1:8080'),
    });
    assert.equal(sdk.tenantLookupRequest('contoso.com', { authority: 'https://evil.example' }).code, 'authority-not-allowed');
  });

  test(`${build}: tenantLookupResult gives the found tenant with optional keys only when present`, () => {
    const found = sdk.tenantLookupResult({ kind: 'response', status: 200, body: discovery() });
    assert.deepEqual(Object.keys(found), ['result', 'tenantId', 'cloud', 'cloudName', 'issuer']);
    assert.equal(found.result, 'found');
    assert.equal(found.tenantId, TENANT);
    assert.equal(found.cloud, 'global');
    assert.equal(found.issuer, `https://login.microsoftonline.com/${TENANT}/v2.0`);
    const full_ = sdk.tenantLookupResult({
      kind: 'response',
      status: 200,
      body: discovery({ tenant_region_scope: 'EU', cloud_instance_name: 'microsoftonline.us' }),
    });
    assert.deepEqual(Object.keys(full_), ['result', 'tenantId', 'cloud', 'cloudName', 'issuer', 'tenantRegionScope', 'cloudInstanceName']);
    assert.equal(full_.cloud, 'usGovernment');
    assert.equal(full_.tenantRegionScope, 'EU');
    for (const kind of ['offline', 'timeout']) {
      const r = sdk.tenantLookupResult({ kind });
      assert.deepEqual(Object.keys(r), ['result', 'code', 'message']);
      assert.equal(r.result, 'failed');
      assert.equal(r.code, kind);
    }
    const unknown = JSON.stringify({ error: 'invalid_tenant', error_codes: [90002] });
    assert.equal(sdk.tenantLookupResult({ kind: 'response', status: 400, body: unknown }).code, 'unknown-tenant');
    // status and body are optional (null too): an answer without them is unexpected, not misuse.
    assert.equal(sdk.tenantLookupResult({ kind: 'response' }).result, 'failed');
    assert.equal(sdk.tenantLookupResult({ kind: 'response', status: null, body: null }).result, 'failed');
  });

  test(`${build}: the discovery document's fields of another type count as absent`, () => {
    const result = (status, body) => sdk.tenantLookupResult({ kind: 'response', status, body });
    const notDocument = 'the body is not a JSON discovery document';
    const noIssuer = 'the discovery document has no issuer';
    // error_codes: only whole numbers from 0 count; one of them AADSTS90002.
    assert.equal(result(400, '{"error_codes":["90002",90002.5,-90002,null,{},90002]}').code, 'unknown-tenant');
    assert.equal(result(400, '{"error_codes":["90002",90002.5,-90002,null,1e300]}').code, 'unexpected-response');
    assert.equal(result(400, '{"error_codes":90002}').code, 'unexpected-response');
    assert.equal(result(400, '{"error_codes":{"0":90002}}').code, 'unexpected-response');
    assert.equal(result(400, '{"error":5}').code, 'unexpected-response');
    assert.equal(result(400, '{"error":"invalid_tenant"}').code, 'unknown-tenant');
    // Not JSON, or JSON but not an object: no document. An array is an object without fields.
    for (const body of ['not json', 'null', '"x"', '7', 'true', '']) {
      assert.match(result(200, body).message, new RegExp(notDocument), body);
    }
    for (const body of ['[]', '{"issuer":5}', '{"issuer":null}', '{"issuer":["x"]}', '{"error_codes":[18446744073709551616]}']) {
      const r = result(200, body);
      assert.equal(r.code, 'unexpected-response', body);
      assert.match(r.message, new RegExp(noIssuer), body);
    }
    // A tenant found with optional fields of another type: those are left out.
    const found = result(200, discovery({ tenant_region_scope: 5, cloud_instance_name: null }));
    assert.equal(found.result, 'found');
    assert.deepEqual(Object.keys(found), ['result', 'tenantId', 'cloud', 'cloudName', 'issuer']);
  });

  test(`${build}: wrong types are refused at their JSON path, in JavaScript's words`, () => {
    const cases = [
      ...(build === 'full' ? [
        [() => sdk.fillCommand('x', null), 'values', 'expected an object, got null'],
        [() => sdk.fillCommand('x', []), 'values', 'expected an object, got an array'],
        [() => sdk.fillCommand('x', new Map()), 'values', 'expected an object, got a Map'],
        [() => sdk.fillCommand('x', 'tenant'), 'values', 'expected an object, got a string'],
        [() => sdk.fillCommand('x', { tenantId: 7 }), 'values.tenantId', 'expected a string, got a number'],
        [() => sdk.fillCommand('x', { applicationId: true }), 'values.applicationId', 'expected a string, got a boolean'],
        [() => sdk.fillCommand('x', { guestMail: {} }), 'values.guestMail', 'expected a string, got an object'],
        [() => sdk.fillCommand('x', { resourceGroup: [] }), 'values.resourceGroup', 'expected a string, got an array'],
        [() => sdk.fillCommand('x', { logStorageAccount: 1 }), 'values.logStorageAccount', 'expected a string, got a number'],
        [() => sdk.fillCommand('x', { subscriptions: SUB }), 'values.subscriptions', 'expected an array, got a string'],
        [() => sdk.fillCommand('x', { subscriptions: null }), 'values.subscriptions', 'expected an array, got null'],
        [() => sdk.fillCommand('x', { subscriptions: {} }), 'values.subscriptions', 'expected an array, got an object'],
        [() => sdk.checkCommandValues({ subscriptions: [SUB, SUB, 7] }), 'values.subscriptions[2]', 'expected a string, got a number'],
        [() => sdk.checkCommandValues({ subscriptions: [SUB, null] }), 'values.subscriptions[1]', 'expected a string, got null'],
        [() => sdk.checkCommandValues({ subscriptions: [[SUB]] }), 'values.subscriptions[0]', 'expected a string, got an array'],
        [() => sdk.checkCommandValues({ subscriptions: [() => SUB] }), 'values.subscriptions[0]', 'expected JSON data (plain objects, arrays, strings, numbers, booleans, null), got a function'],
      ] : []),
      [() => sdk.tenantLookupRequest('contoso.com', 'https://login.microsoftonline.us'), 'options', 'expected an object, got a string'],
      [() => sdk.tenantLookupRequest('contoso.com', { authority: 1 }), 'options.authority', 'expected a string, got a number'],
      [() => sdk.tenantLookupRequest('contoso.com', { allowLoopback: 'yes' }), 'options.allowLoopback', 'expected a boolean, got a string'],
      [() => sdk.tenantLookupRequest('contoso.com', { allowLoopback: null }), 'options.allowLoopback', 'expected a boolean, got null'],
      [() => sdk.tenantLookupResult({ kind: 'timeout' }, []), 'options', 'expected an object, got an array'],
      [() => sdk.tenantLookupResult(null), 'response', 'expected an object, got null'],
      [() => sdk.tenantLookupResult(undefined), 'response', 'expected an object, got undefined'],
      [() => sdk.tenantLookupResult({}), 'response', 'the property "kind" is missing'],
      [() => sdk.tenantLookupResult({ kind: 'ok' }), 'response.kind', 'not one of "response", "offline", "timeout"'],
      [() => sdk.tenantLookupResult({ kind: 1 }), 'response.kind', 'expected a string, got a number'],
      [() => sdk.tenantLookupResult({ kind: 'response', status: '200', body: '' }), 'response.status', 'expected a number, got a string'],
      [() => sdk.tenantLookupResult({ kind: 'response', status: 200.5, body: '' }), 'response.status', 'expected an integer from 0 to 65535, got a number that is not'],
      [() => sdk.tenantLookupResult({ kind: 'response', status: -1, body: '' }), 'response.status', 'expected an integer from 0 to 65535, got a number that is not'],
      [() => sdk.tenantLookupResult({ kind: 'response', status: 70000, body: '' }), 'response.status', 'expected an integer from 0 to 65535, got a number that is not'],
      [() => sdk.tenantLookupResult({ kind: 'response', status: NaN, body: '' }), 'response.status', 'expected an integer from 0 to 65535, got a number that is not'],
      [() => sdk.tenantLookupResult({ kind: 'response', status: 200, body: { issuer: 'x' } }), 'response.body', 'expected a string, got an object'],
    ];
    for (const [call, path, message] of cases) assert.throws(call, misuse(sdk, path, message), `${path}: ${message}`);
  });

  test(`${build}: messages never quote the value`, () => {
    const calls = [
      ...(build === 'full' ? [
        () => sdk.fillCommand('x', { tenantId: { secret: SECRET } }),
        () => sdk.fillCommand('x', { subscriptions: [SECRET, 1] }),
      ] : []),
      () => sdk.tenantLookupResult({ kind: SECRET }),
      () => sdk.tenantLookupResult({ kind: 'response', status: SECRET }),
      () => sdk.tenantLookupRequest('x', { authority: SECRET, allowLoopback: SECRET }),
    ];
    for (const call of calls) {
      assert.throws(call, (err) => {
        assert.equal(err.code, 'invalid-argument');
        assert.ok(!err.message.includes('CANARY') && !err.path.includes('CANARY'), err.message);
        return true;
      });
    }
  });

  test(`${build}: hostile input ends in a clean AzureOnboardingError and the module keeps working`, () => {
    let nested = [];
    for (let i = 0; i < 10_000; i++) nested = [nested];
    const huge = 'a'.repeat(10 * 1024 * 1024);
    const throwing = {};
    Object.defineProperty(throwing, 'tenantId', { enumerable: true, get() { throw new Error(SECRET); } });
    let reads = 0;
    const changing = {};
    // A string for the check, an object for the read: still refused, never misread.
    Object.defineProperty(changing, 'tenantId', { enumerable: true, get() { return reads++ === 0 ? 'x' : { a: 1 }; } });
    const trap = new Proxy({}, { ownKeys() { throw new Error(SECRET); } });
    const proxyArray = new Proxy([SUB, 1], {});
    const cases = [
      ...(build === 'full' ? [
        [() => sdk.fillCommand('x', { subscriptions: nested }), 'values.subscriptions[0]'],
        [() => sdk.fillCommand('x', throwing), 'values'],
        [() => sdk.fillCommand('x', changing), 'values.tenantId'],
        [() => sdk.checkCommandValues(trap), 'values'],
        [() => sdk.checkCommandValues({ subscriptions: proxyArray }), 'values.subscriptions[1]'],
      ] : []),
      [() => sdk.tenantLookupResult(new Proxy({}, { get() { throw new Error(SECRET); } })), 'response'],
      [() => sdk.tenantLookupRequest('x', { get authority() { throw new TypeError(SECRET); } }), 'options'],
    ];
    for (const [call, path] of cases) {
      assert.throws(call, (err) => {
        if (path.endsWith('[0]')) {
          // Too deep: refused at the level where the limit was passed.
          assert.ok(err.path.startsWith(path), err.path);
          assert.match(err.message, /nested more than 128 levels deep$/);
          misuse(sdk, err.path)(err);
        } else {
          misuse(sdk, path)(err);
        }
        assert.ok(!err.message.includes('CANARY'), err.message);
        return true;
      });
    }
    // A huge sparse array is refused before its elements are walked.
    if (build === 'full') {
      const started = Date.now();
      assert.throws(() => sdk.checkCommandValues({ subscriptions: new Array(50_000_000) }), misuse(sdk, 'values', 'holds more than 16777216 values; that is more than any values can be'));
      assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    }
    // A 10 MB string is read (the lookup body has no cap below the SDK's JSON limit) or
    // refused, never a crash; 10 MB of subscriptions neither.
    const big = sdk.tenantLookupResult({ kind: 'response', status: 200, body: huge });
    assert.equal(big.result, 'failed');
    if (build === 'full') {
      const many = sdk.checkCommandValues({ subscriptions: [huge] });
      assert.equal(many.length, 1);
      assert.ok(!many[0].message.includes(huge.slice(0, 1000)));
    }
    // Prototype pollution keys are ordinary (ignored) properties; nothing leaks onto Object.prototype.
    const polluted = JSON.parse(`{"__proto__": {"tenantId": "${TENANT}", "polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "subscriptions": ["${SUB}"]}`);
    if (build === 'full') {
      assert.deepEqual(sdk.checkCommandValues(polluted), []);
      assert.equal(sdk.fillCommand('{tenantId} {subscriptionId}', polluted).text, `{tenantId} ${SUB}`);
    }
    assert.equal({}.polluted, undefined);
    const found = sdk.tenantLookupResult({ kind: 'response', status: 200, body: discovery({ __proto__: 1 }) });
    assert.equal(found.result, 'found');
    assert.equal({}.polluted, undefined);
    // Lone surrogates arrive as U+FFFD, as for every string: read, not a crash.
    if (build === 'full') {
      const lone = sdk.checkCommandValues({ tenantId: '\uD800', subscriptions: ['a\uDC00b', SUB] });
      assert.deepEqual(lone.map((p) => [p.input, p.index]), [['tenantId', undefined], ['subscriptions', 0]]);
      assert.equal(sdk.fillCommand('{resourceGroup}', { resourceGroup: '\uD83D' }).invalid.length, 1);
    }
    // The module still works.
    assert.deepEqual(sdk.tenantLookupRequest('contoso.com'), { result: 'ready', url: URL_OF('contoso.com') });
    assert.equal(sdk.validateConfig({}).valid, false);
  });

  test(`${build}: strings outside ASCII keep their exact UTF-16 boundaries`, () => {
    const rg = 'grüße-😀-組';
    if (build === 'full') {
      const f = sdk.fillCommand('{resourceGroup}|{guestMail}|{tenantId}', { resourceGroup: rg, guestMail: 'ä😀@x', tenantId: TENANT });
      assert.equal(f.text.split('|')[2], TENANT);
    }
    const lookup = sdk.tenantLookupResult({ kind: 'response', status: 200, body: discovery({ tenant_region_scope: 'ÉU😀' }) });
    assert.equal(lookup.tenantRegionScope, 'ÉU😀');
    assert.equal(lookup.tenantId, TENANT);
  });
}

test('the command filling is in the full build only', () => {
  assert.equal(typeof full.fillCommand, 'function');
  assert.equal(typeof full.checkCommandValues, 'function');
  assert.equal('fillCommand' in light, false);
  assert.equal('checkCommandValues' in light, false);
});

test('both builds give the same objects and the same refusals', () => {
  const response = { kind: 'response', status: 200, body: discovery({ tenant_region_scope: 'EU' }) };
  assert.deepEqual(full.tenantLookupResult(response), light.tenantLookupResult(response));
  const message = (f) => { try { f(); } catch (e) { return [e.code, e.path, e.message]; } return null; };
  assert.deepEqual(message(() => full.tenantLookupResult({ kind: 2 })), message(() => light.tenantLookupResult({ kind: 2 })));
});

test('formFields() is catalog().form, in both builds, a fresh array each call', () => {
  for (const sdk of [light, full]) {
    const fields = sdk.formFields();
    assert.deepEqual(fields, sdk.catalog().form);
    assert.deepEqual(fields.map((f) => f.field), ['accessOption', 'tenantId', 'clientId', 'clientSecret', 'deviceName', 'location', 'useStorageAccountContributorRole']);
    fields.pop();
    assert.equal(sdk.formFields().length, 7);
  }
});
