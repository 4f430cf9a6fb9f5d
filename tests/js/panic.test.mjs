// A panic reaches the page as an AzureOnboardingError, never as a dead module: the test-only
// build (feature `panic-check`, made by `cargo xtask test` into target/panic-check/, never
// shipped) has a `panicForTest` export; every panic, not only the first, becomes an Error and
// the next call runs on a fresh instance. The glue says whether the build traps on a panic
// (immediate-abort: no panic hook, its exports wrapped by guard_traps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const dir = new URL('../../target/panic-check/', import.meta.url);
const CANARY = 'abc8Q~CANARYcanaryCANARYcanaryCANARY1234';

test('every panic becomes an AzureOnboardingError and the module keeps answering', async () => {
  assert.ok(existsSync(new URL('azure_onboarding_panic_check.js', dir)), 'run `cargo xtask test` (it builds target/panic-check)');
  const sdk = await import(new URL('azure_onboarding_panic_check.js', dir));
  // Which way this build recovers: wasm-bindgen's reinit import exists only with the panic hook.
  const glue = readFileSync(new URL('azure_onboarding_panic_check.js', dir), 'utf8');
  const hook = glue.includes('__wbindgen_reinit');
  assert.equal(glue.includes('WebAssembly.RuntimeError'), true, 'the glue turns traps into errors (guard_traps)');
  sdk.initSync({ module: readFileSync(new URL('azure_onboarding_panic_check_bg.wasm', dir)) });
  for (let round = 1; round <= 3; round++) {
    assert.throws(() => sdk.panicForTest(CANARY), (err) => {
      assert.ok(err instanceof Error, `round ${round}: an Error, not ${err?.constructor?.name}`);
      assert.equal(err.name, 'AzureOnboardingError');
      assert.equal(err.code, 'internal-error');
      // With std's panic hook (rustup's prebuilt std) the message names the source location;
      // with panic = immediate-abort (std built with the module, as cargo xtask wasm does on
      // Debian's toolchain) the glue turns the trap into this error and the location is lost.
      assert.match(err.message, hook
        ? /^internal error in @workbench\/azure-onboarding at .+\.rs:\d+; this is a bug, please report it$/
        : /^internal error in @workbench\/azure-onboarding; this is a bug, please report it$/);
      assert.ok(!err.message.includes('CANARY'), 'the panic payload is not shown');
      return true;
    });
    const report = sdk.validateConfig({ accessOption: 'enterpriseApp', tenantId: 'contoso.onmicrosoft.com' });
    assert.equal(report.valid, false, `round ${round}: the module still validates`);
    assert.ok(report.issues.some((i) => i.code === 'tenant-id-is-domain'));
  }
});
