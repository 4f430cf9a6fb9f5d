// The same JS suite that runs in Node (tests/js), run in Chromium against the browser build
// of the package: node:test and node:assert are swapped for small browser shims, the package
// for its browser entry after `await init()`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launchChromium, openPage } from '../support/browser.mjs';

/** Suites that need nothing but the package (not the file system or child processes). */
const SUITES = ['api', 'parity', 'assess', 'remediate', 'light-data'];
const support = (f) => fileURLToPath(new URL(`../support/${f}`, import.meta.url));
let server;
let browser;
let results = [];

before(async () => {
  server = await createServer({
    root: fileURLToPath(new URL('../..', import.meta.url)),
    logLevel: 'warn',
    configFile: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { noDiscovery: true, include: [] },
    resolve: {
      alias: [
        { find: /^node:test$/, replacement: support('browser-test.mjs') },
        { find: /^node:assert\/strict$/, replacement: support('browser-assert.mjs') },
        { find: /^@workbench\/azure-onboarding$/, replacement: support('browser-package.mjs') },
        { find: /^@workbench\/azure-onboarding\/full$/, replacement: support('browser-package-full.mjs') },
      ],
    },
  });
  await server.listen();
  browser = await launchChromium();
  const url = new URL(`tests/support/browser-suite.html?files=${SUITES.join(',')}`, server.resolvedUrls.local[0]);
  const { page, problems } = await openPage(browser, url.href);
  await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 30_000 });
  results = await page.evaluate(() => window.__results);
  assert.deepEqual(problems, [], 'no console errors while loading the suite');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the suite ran in the browser', () => {
  assert.ok(results.length >= 20, `${results.length} results`);
});

test('every test of the JS suite passes in Chromium too', async (t) => {
  for (const r of results) {
    await t.test(r.name, () => assert.ok(r.ok, r.error));
  }
});
