// The elements as a console team gets them: `npm pack`, the tarball installed into an empty
// Vite project in a temporary directory, `import '@workbench/azure-onboarding/elements'`,
// `vite build`, and the built page in Chromium. The page also imports the form's own entry
// and the package itself and calls its `init()`: one WebAssembly instance of the light build
// for all of them, and the full build only once "Check my tenant" needs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, createServer, preview } from 'vite';
import { launchChromium, openPage } from '../support/browser.mjs';
import { pack, projectWith } from '../support/packed.mjs';
import { CANARY, TENANT } from '../support/pages.mjs';

const example = (name) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');

const indexHtml = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8"><title>A console page with the onboarding elements</title><link rel="icon" href="data:,">
  <script>
    // Test instrumentation: every WebAssembly instantiation, by the URL it came from.
    window.instantiations = [];
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = async function (source, ...rest) {
        const s = await source;
        window.instantiations.push(s instanceof Response ? new URL(s.url).pathname : name);
        return original.call(this, s, ...rest);
      };
    }
  </script>
</head>
<body>
  <main>
    <azure-onboarding-form id="form"></azure-onboarding-form>
    <azure-onboarding-wizard id="wizard" example-plan="/demo-plan.json" example-snapshot="/demo-snapshot.json"></azure-onboarding-wizard>
    <output id="out">loading</output>
  </main>
  <script type="module" src="./main.js"></script>
</body>
</html>
`;

// What a front-end engineer writes: the elements from the package, the form's own entry
// too, and the package itself for a check of their own.
const mainJs = `
import { loadSdk, AzureOnboardingForm, AzureOnboardingWizard } from '@workbench/azure-onboarding/elements';
import '@workbench/azure-onboarding/elements/form';
import init, { validateConfig, validateField, version } from '@workbench/azure-onboarding';

const hostInit = init(); // the host's own init, while the elements load the same module
const form = document.querySelector('#form');
form.addEventListener('onboarding-submit', (event) => {
  const { clientSecret, ...rest } = event.detail;
  window.submitted = { ...rest, secretLength: clientSecret?.length ?? 0 };
  event.respondWith(Promise.resolve('Stored by the console page.'));
});
await form.ready;
const sdk = await loadSdk();
await hostInit;
await init(); // again, later: harmless
document.querySelector('#out').textContent = JSON.stringify({
  version: version(),
  sameModule: sdk.validateConfig === validateConfig,
  form: form instanceof AzureOnboardingForm,
  wizard: document.querySelector('#wizard') instanceof AzureOnboardingWizard,
  codes: validateField('tenantId', 'contoso.onmicrosoft.com').map((i) => i.code),
});
`;

let packed;
let project;
let server;
let browser;

before(async () => {
  let tarball;
  ({ packed, tarball } = pack());
  project = projectWith(tarball, {
    'index.html': indexHtml,
    'main.js': mainJs,
    'public/demo-plan.json': example('demo-plan.json'),
    'public/demo-snapshot.json': example('demo-snapshot.json'),
  }, 'azure-onboarding-vite-');
  const outDir = join(project, 'dist');
  await build({ root: project, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ root: project, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the tarball ships the elements, their types, their README and the licenses', () => {
  const files = packed.files.map((f) => f.path);
  for (const f of ['elements/index.js', 'elements/form.js', 'elements/wizard.js', 'elements/check.js', 'elements/collect.js', 'elements/sdk.js',
    'elements/theme.js', 'elements/wizard-styles.js', 'elements/index.d.ts', 'elements/form.d.ts', 'elements/wizard.d.ts',
    'elements/README.md', 'LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
  }
});

test('Vite emits one .wasm per build: the light one and the full one', () => {
  const wasm = readdirSync(join(project, 'dist/assets')).filter((f) => f.endsWith('.wasm')).sort();
  assert.equal(wasm.length, 2, wasm.join(', '));
  assert.match(wasm[0], /^azure_onboarding_bg-/);
  assert.match(wasm[1], /^azure_onboarding_full_bg-/);
});

async function openConsole() {
  const { page, problems } = await openPage(browser, server.resolvedUrls.local[0]);
  await page.waitForFunction(() => document.querySelector('#out').textContent.startsWith('{'), null, { timeout: 30_000 });
  return { page, problems, out: JSON.parse(await page.locator('#out').textContent()) };
}

test('both elements work from the package, with one instance per build for every entry', async () => {
  const { page, problems, out } = await openConsole();
  assert.deepEqual(out, { version: packed.version, sameModule: true, form: true, wizard: true, codes: ['tenant-id-is-domain'] });
  // The wizard's commands are filled by the full build: once it is ready, one instance of each.
  await page.evaluate(() => document.querySelector('#wizard').ready);
  const instances = await page.evaluate(() => window.instantiations);
  assert.equal(instances.length, 2, instances.join(', '));
  assert.match(instances[0], /\/assets\/azure_onboarding_bg-[^/]*\.wasm$/);
  assert.match(instances[1], /\/assets\/azure_onboarding_full_bg-[^/]*\.wasm$/);

  // The form validates as the customer types (the wasm core's codes), and submits to the host.
  const form = (css) => page.locator(`#form ${css}`);
  await form('input[value="customApp"]').check();
  await form('input[name="clientSecret"]').fill('2f1c6a0e-9b7d-4c3e-8a51-6d2b9f0e7a41');
  assert.equal(await form('[data-field="clientSecret"] .message').first().getAttribute('data-code'), 'secret-id-instead-of-value');
  await form('input[name="tenantId"]').fill(TENANT);
  await form('input[name="clientId"]').fill('1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d');
  await form('input[name="clientSecret"]').fill(CANARY);
  await form('input[name="deviceName"]').fill('Azure production');
  await form('[part="submit"]').click();
  await form('.actions .status').filter({ hasText: 'Stored by the console page.' }).waitFor();
  const submitted = await page.evaluate(() => window.submitted);
  assert.equal(submitted.tenantId, TENANT);
  assert.equal(submitted.accessOption, 'customApp');
  assert.equal(submitted.secretLength, CANARY.length, 'the host gets the secret in the event');
  assert.ok(!(await page.content()).includes(CANARY.slice(3)), 'the secret is not in the DOM');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the wizard loads the full build once (commands, then "Check my tenant") and assesses the example', async () => {
  const { page, problems } = await openConsole();
  const wizard = (css) => page.locator(`#wizard ${css}`);
  await wizard('nav button').filter({ hasText: 'Check my tenant' }).click();
  await wizard('button').filter({ hasText: 'Use the example tenant' }).click();
  const verdict = wizard('[part="verdict"]');
  await verdict.waitFor({ timeout: 30_000 });
  assert.match(await verdict.textContent(), /Not ready yet/);
  const instances = await page.evaluate(() => window.instantiations);
  assert.equal(instances.length, 2, instances.join(', '));
  assert.match(instances[1], /\/assets\/azure_onboarding_full_bg-[^/]*\.wasm$/);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm')));
  assert.equal(fetched.length, 2, fetched.join(', '));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the same project works under the Vite dev server too (dependency pre-bundling keeps the .wasm reachable)', async () => {
  const dev = await createServer({ root: project, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  try {
    await dev.listen();
    const { page, problems } = await openPage(browser, dev.resolvedUrls.local[0]);
    await page.waitForFunction(() => document.querySelector('#out').textContent.startsWith('{'), null, { timeout: 60_000 });
    const out = JSON.parse(await page.locator('#out').textContent());
    assert.equal(out.sameModule, true);
    await page.locator('#form input[name="tenantId"]').fill('contoso.onmicrosoft.com');
    assert.equal(await page.locator('#form [data-field="tenantId"] .message').first().getAttribute('data-code'), 'tenant-id-is-domain');
    await page.evaluate(() => document.querySelector('#wizard').ready);
    const instances = await page.evaluate(() => window.instantiations);
    assert.equal(instances.length, 2, instances.join(', '));
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await dev.close();
  }
});
