// One package, every runtime: a page that imports the package by name, built by Vite, works
// in Chromium (the .wasm is emitted as an asset and fetched by init()).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { launchChromium, openPage } from '../support/browser.mjs';

const root = fileURLToPath(new URL('../bundler/', import.meta.url));
const outDir = fileURLToPath(new URL('../artifacts/vite-dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
let server;
let browser;

before(async () => {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('Vite bundles the package with its .wasm as an asset', () => {
  const assets = readdirSync(new URL('assets/', `file://${outDir}`));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), assets.join(', '));
});

test('the bundled page validates in Chromium with no console errors', async () => {
  const url = server.resolvedUrls.local[0];
  const { page, problems } = await openPage(browser, url);
  await page.waitForFunction(() => document.querySelector('#out').textContent.startsWith('{'));
  const out = JSON.parse(await page.locator('#out').textContent());
  assert.deepEqual(out, { version: manifest.version, codes: ['tenant-id-is-domain'] });
  assert.deepEqual(problems, []);
});
