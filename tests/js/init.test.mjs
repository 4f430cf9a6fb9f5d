// The browser entries before `await init()`: every export says "call init() first" with an
// AzureOnboardingError (code `not-initialized`), never the glue's "Cannot read properties of
// undefined"; after init the same module instance works. Loads the web glue (what a browser
// or a bundler gets) directly, a fresh copy per test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
    if (build.endsWith('_full')) {
      // collect returns a Promise: it rejects (a caller's .catch sees it), it does not throw.
      let pending;
      assert.doesNotThrow(() => { pending = sdk.collect({}, {}); });
      await assert.rejects(pending, (err) => {
        assert.ok(err instanceof sdk.AzureOnboardingError, `${err}`);
        assert.equal(err.code, 'not-initialized');
        return true;
      });
    }
    sdk.initSync({ module: readFileSync(new URL(`${build}_bg.wasm`, dist)) });
    // The module's start function runs on instantiation; it is not an export of the package.
    assert.equal('start' in sdk, false);
    assert.match(sdk.version(), /^\d+\.\d+\.\d+/);
    assert.equal(sdk.validateConfig({}).valid, false);
  });
}

test('catalog() needs no init, is one data module for both builds, and equals the Rust SDK\'s (azure-onboard steps --format json)', async () => {
  const light = await import(new URL(`azure_onboarding.js?fresh=${fresh++}`, dist));
  const full = await import(new URL(`azure_onboarding_full.js?fresh=${fresh++}`, dist));
  // One function from one module: a page that loads both builds (the wizard) loads the data once.
  assert.equal(light.catalog, full.catalog);
  const a = light.catalog();
  // The data module is written by `cargo xtask wasm` from the core's serialization; the CLI
  // serializes the same catalog at run time, so this holds the package to the Rust SDK.
  const cli = execFileSync('cargo', ['run', '-q', '--locked', '-p', 'azure-onboarding-cli', '--', 'steps', '--format', 'json'], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  assert.deepEqual(a, JSON.parse(cli));
  assert.deepEqual(a.steps.map((s) => s.number), [0, 1, 2, 3, 4, 5]);
  // A fresh object on each call: a caller's edit does not leak into the next caller's.
  a.steps[0].title = 'changed';
  assert.notEqual(light.catalog().steps[0].title, 'changed');
  assert.notEqual(full.catalog().steps[0].title, 'changed');
});

test('neither module exports catalog(); the light one holds none of its prose (the full one keeps what its assessment cites)', () => {
  for (const build of ['azure_onboarding', 'azure_onboarding_full']) {
    const bytes = readFileSync(new URL(`${build}_bg.wasm`, dist));
    const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
    assert.ok(names.includes('validateConfig'), names.join());
    assert.ok(!names.includes('catalog'), names.join());
    if (build === 'azure_onboarding') assert.ok(!bytes.toString('latin1').includes('Have an administrator at hand'));
  }
});
