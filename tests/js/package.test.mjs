// The JS suite against the built npm package, imported by its name as a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, * as sdk from '@workbench/azure-onboarding';

const manifest = JSON.parse(
  readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'),
);

test('the package works in Node without init()', () => {
  assert.equal(typeof sdk.version, 'function');
  assert.match(sdk.version(), /^\d+\.\d+\.\d+/);
});

test('version() is the npm package version', () => {
  assert.equal(sdk.version(), manifest.version);
});

test('calling the default init() in Node is harmless', async () => {
  await init();
  assert.equal(sdk.version(), manifest.version);
});
