// The browser entries before `await init()`: every export says "call init() first" with an
// AzureOnboardingError (code `not-initialized`), never the glue's "Cannot read properties of
// undefined"; after init the same module instance works. Loads the web glue (what a browser
// or a bundler gets) directly, a fresh copy per test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const dist = new URL('../../pkg/dist/', import.meta.url);
let fresh = 0;

for (const build of ['azure_onboarding', 'azure_onboarding_full']) {
  test(`${build}: a call before init() throws "call init() first", then init() makes it work`, async () => {
    const sdk = await import(new URL(`${build}.js?fresh=${fresh++}`, dist));
    const calls = [
      () => sdk.version(),
      () => sdk.validateConfig({}),
      () => sdk.validateField('tenantId', ''),
      () => sdk.normalizeConfig({}),
      () => sdk.tenantLookupRequest('contoso.com'),
    ];
    if (build.endsWith('_full')) calls.push(() => sdk.remediate({}), () => sdk.fillCommand('az login --tenant {tenantId}', {}));
    for (const call of calls) {
      assert.throws(call, (err) => {
        assert.ok(err instanceof sdk.AzureOnboardingError, `${err}`);
        assert.equal(err.code, 'not-initialized');
        assert.equal(err.path, '');
        assert.match(err.message, /call init\(\) first/);
        assert.doesNotMatch(err.message, /undefined|properties/);
        return true;
      });
    }
    sdk.initSync({ module: readFileSync(new URL(`${build}_bg.wasm`, dist)) });
    assert.match(sdk.version(), /^\d+\.\d+\.\d+/);
    assert.equal(sdk.validateConfig({}).valid, false);
  });
}

test('the light catalog() needs no init (data beside the module) and equals the full module\'s (serialized in Rust)', async () => {
  const light = await import(new URL(`azure_onboarding.js?fresh=${fresh++}`, dist));
  const full = await import(new URL(`azure_onboarding_full.js?fresh=${fresh++}`, dist));
  full.initSync({ module: readFileSync(new URL('azure_onboarding_full_bg.wasm', dist)) });
  const a = light.catalog();
  assert.deepEqual(a, full.catalog());
  assert.deepEqual(a.steps.map((s) => s.number), [0, 1, 2, 3, 4, 5]);
  // A fresh object on each call: a caller's edit does not leak into the next caller's.
  a.steps[0].title = 'changed';
  assert.notEqual(light.catalog().steps[0].title, 'changed');
});

test('the light module holds neither catalog() nor its prose (the full one keeps both: its assessment cites the catalog)', () => {
  const bytes = readFileSync(new URL('azure_onboarding_bg.wasm', dist));
  const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  assert.ok(names.includes('validateConfig'), names.join());
  assert.ok(!names.includes('catalog'), names.join());
  assert.ok(!bytes.toString('latin1').includes('Have an administrator at hand'));
});
