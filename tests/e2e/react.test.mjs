// The React 19 example (examples/react): built by Vite against the package, then used in
// Chromium. React 19 sets the elements' properties (`value`, `ids`) and listens to their
// events (`ononboarding-submit`, `ononboarding-change`, `ononboarding-step`) natively.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { launchChromium, openPage } from '../support/browser.mjs';
import { CANARY, TENANT } from '../support/pages.mjs';

const root = fileURLToPath(new URL('../../examples/react/', import.meta.url));
const outDir = fileURLToPath(new URL('../artifacts/react-dist/', import.meta.url));
let server;
let browser;

before(async () => {
  await build({ root, configFile: `${root}vite.config.js`, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ root, configFile: `${root}vite.config.js`, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('Vite builds the React example with the light and full .wasm as assets', () => {
  const wasm = readdirSync(`${outDir}assets`).filter((f) => f.endsWith('.wasm')).sort();
  assert.equal(wasm.length, 2, wasm.join(', '));
});

test('React 19 passes properties and listens to the events of the form', async () => {
  const { page, problems } = await openPage(browser, server.resolvedUrls.local[0]);
  const form = (css) => page.locator(`azure-onboarding-form ${css}`).first();
  await form('input[name="tenantId"]').waitFor({ timeout: 30_000 });
  // `value` arrived as a property: the prefill is in the fields.
  assert.equal(await form('input[value="customApp"]').isChecked(), true);
  assert.equal(await form('input[name="deviceName"]').inputValue(), 'Azure production');
  // onboarding-change reaches React state as the customer types.
  await form('input[name="tenantId"]').fill('contoso.onmicrosoft.com');
  await page.locator('#form-state').filter({ hasText: /problem\(s\) left/ }).waitFor();
  await form('input[name="tenantId"]').fill(TENANT);
  await form('input[name="clientId"]').fill('1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d');
  await form('input[name="clientSecret"]').fill(CANARY);
  await page.locator('#form-state').filter({ hasText: 'Ready to save' }).waitFor();
  // What the customer typed survives React's re-renders (the prefill is not set again).
  assert.equal(await form('input[name="tenantId"]').inputValue(), TENANT);
  // onboarding-submit: the handler answers with respondWith; the form shows the answer.
  await form('[part="submit"]').click();
  await page.locator('#saved').filter({ hasText: TENANT }).waitFor();
  await form('.actions .status').filter({ hasText: `Saved for tenant ${TENANT}.` }).waitFor();
  assert.ok(!(await page.content()).includes(CANARY.slice(3)), 'the secret is not in the DOM');
  // A prop that is no property (`theme`) becomes an attribute.
  await page.getByRole('button', { name: /Theme: light/ }).click();
  assert.equal(await page.locator('azure-onboarding-form').first().getAttribute('theme'), 'dark');
  assert.deepEqual(problems, []);
  await page.close();
});

test('React 19 sets the wizard\'s ids and follows its pages', async () => {
  const { page, problems } = await openPage(browser, server.resolvedUrls.local[0]);
  const wizard = (css) => page.locator(`azure-onboarding-wizard ${css}`);
  await wizard('nav button').first().waitFor({ timeout: 30_000 });
  assert.equal(await wizard('[part="ids"] textarea, [part="ids"] input').count() > 0, true);
  assert.equal(await page.getByLabel('Directory (tenant) ID', { exact: true }).inputValue(), TENANT);
  await wizard('nav button').nth(2).click();
  await page.locator('#step').filter({ hasText: 'Page 3' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
