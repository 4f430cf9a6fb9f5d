// The demo page, served as the README's demo command serves it, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { startServer } from '../../www/serve.mjs';
import { launchChromium, openPage } from '../support/browser.mjs';

const manifest = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
const artifacts = new URL('../artifacts/', import.meta.url);
let server;
let browser;

before(async () => {
  server = await startServer({ port: 0 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo page loads the wasm module and shows its version, with no console errors', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('#version').textContent(), manifest.version);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: new URL('demo.png', artifacts).pathname, fullPage: true });
  assert.deepEqual(problems, []);
});

test('the server serves the module as application/wasm and refuses paths outside its mounts', async () => {
  const wasm = await fetch(new URL('pkg/dist/azure_onboarding_bg.wasm', server.url));
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const outside = await fetch(new URL('pkg/..%2f..%2fCargo.toml', server.url));
  assert.equal(outside.status, 404);
});

test('the test harness refuses requests to outside hosts and reports them', async () => {
  const { page, problems } = await openPage(browser, server.url);
  const outcome = await page.evaluate(() => fetch('https://login.microsoftonline.com/').then(() => 'reached', () => 'refused'));
  assert.equal(outcome, 'refused');
  assert.ok(problems.some((p) => p.startsWith('blocked request to an outside host: https://login.microsoftonline.com/')), problems.join('\n'));
  await page.close();
});
