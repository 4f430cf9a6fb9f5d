// <azure-onboarding-wizard> on the demo page: the checklist with the customer's IDs in the
// commands, progress, the Step 5 form, "Check my tenant" (readiness report), accessibility
// and screenshots (tests/artifacts/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { startServer } from '../../www/serve.mjs';
import { launchChromium, openPage } from '../support/browser.mjs';
import { TENANT, axeViolations } from '../support/pages.mjs';

const shots = new URL('../artifacts/screenshots/', import.meta.url);
mkdirSync(shots, { recursive: true });
const shot = (name) => new URL(`${name}.png`, shots).pathname;
// A ReadinessReport of the example plan and snapshot (azure-onboard assess --format json):
// the report view is tested against the contract even where the module has no `assess`.
const report = JSON.parse(readFileSync(new URL('../support/fixtures/readiness-report.json', import.meta.url), 'utf8'));
const SUBS = ['3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d'];

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

async function openWizard(query = '') {
  const { page, problems } = await openPage(browser, `${server.url}${query}`);
  await page.setViewportSize({ width: 1180, height: 900 });
  await page.locator('azure-onboarding-wizard nav button').first().waitFor({ timeout: 30_000 });
  return { page, problems };
}

const wizard = (page, css) => page.locator(`azure-onboarding-wizard ${css}`);
const idInput = (page, label) => page.getByLabel(label, { exact: true });
const goTo = (page, title) => wizard(page, 'nav button').filter({ hasText: title }).click();

test('the checklist fills the customer IDs into the az commands, one per subscription', async () => {
  const { page, problems } = await openWizard();
  const pages = await wizard(page, 'nav button').allTextContents();
  assert.equal(pages.length, 7);
  assert.match(pages.at(-1), /Check my tenant/);
  await idInput(page, 'Directory (tenant) ID').fill(TENANT);
  await idInput(page, 'Subscription IDs').fill(SUBS.join('\n'));
  const loginCommand = wizard(page, '[data-requirement="entra-admin-at-hand"] pre');
  assert.equal(await loginCommand.textContent(), `az login --tenant ${TENANT}`);
  const defender = await wizard(page, '[data-requirement="defender-plans"] pre').textContent();
  assert.equal(defender.split('\n').length, SUBS.length * 6, 'one command per subscription and plan');
  assert.ok(defender.includes(`--subscription ${SUBS[1]} --name CosmosDbs --tier Standard`));
  await page.screenshot({ path: shot('wizard-start-light') });

  await goTo(page, 'roles within');
  const roles = wizard(page, '[data-requirement="app-log-analytics-reader"]');
  assert.match(await roles.locator('pre').textContent(), new RegExp(`--scope /subscriptions/${SUBS[0]}\\n`));
  assert.equal(await roles.locator('mark.placeholder').first().textContent(), '{spObjectId}', 'unknown IDs stay marked');
  assert.match(await roles.textContent(), /az ad sp show --id/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('progress follows the requirements marked done, and the access option filters them', async () => {
  const { page } = await openWizard();
  const label = wizard(page, '.progress-label');
  const before = await label.textContent();
  await goTo(page, 'application access');
  const cards = wizard(page, '.card[data-requirement]');
  assert.equal(await cards.count(), 2, 'Option 1: tenant ID and enterprise-app consent');
  await wizard(page, 'details.ids > summary').click(); // collapsed away from the first page
  await idInput(page, 'Access option').selectOption('customApp');
  assert.equal(await cards.count(), 6);
  await cards.first().getByLabel('Done').check();
  const after = await label.textContent();
  assert.notEqual(after, before);
  assert.match(after, /1 of \d+ checks done/);
  assert.equal(await wizard(page, 'nav button[aria-current="step"] .count').textContent(), '1/6');
  await page.close();
});

test('the last step holds the form, prefilled from the wizard, and its submit event reaches the page', async () => {
  const { page, problems } = await openWizard();
  await idInput(page, 'Access option').selectOption('customApp');
  await idInput(page, 'Directory (tenant) ID').fill(TENANT);
  await idInput(page, 'Application (client) ID').fill('0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6');
  await goTo(page, 'Configure Azure in Workbench');
  const form = wizard(page, 'azure-onboarding-form');
  await form.locator('form:not([aria-busy])').waitFor();
  assert.equal(await form.locator('input[name="tenantId"]').inputValue(), TENANT);
  assert.equal(await form.locator('input[name="clientId"]').inputValue(), '0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6');
  await form.locator('input[name="clientSecret"]').fill('abc8Q~CANARYcanaryCANARYcanaryCANARY1234');
  await form.locator('input[name="deviceName"]').fill('Azure production');
  await form.locator('[part="submit"]').click();
  await page.locator('#submitted').filter({ hasText: TENANT }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('"Check my tenant" says plainly when the module has no assessment', async () => {
  const { page } = await openWizard();
  const hasAssess = await page.evaluate(async () => typeof (await import('@workbench/azure-onboarding/full')).assess === 'function');
  await goTo(page, 'Check my tenant');
  if (hasAssess) {
    await wizard(page, 'button').filter({ hasText: 'Use the example tenant' }).click();
    await wizard(page, '[part="verdict"]').waitFor();
  } else {
    assert.match(await wizard(page, '[data-unavailable]').textContent(), /not available in this build/);
  }
  await page.close();
});

test('the real assessment of the example tenant offers the remediation as az script and ARM templates', async () => {
  const { page, problems } = await openWizard();
  await goTo(page, 'Check my tenant');
  await wizard(page, 'button').filter({ hasText: 'Use the example tenant' }).click();
  await wizard(page, '[part="verdict"]').waitFor();
  const golden = readFileSync(new URL('../../crates/azure-onboarding/tests/golden/remediate/demo.sh', import.meta.url), 'utf8');
  const [script] = await Promise.all([
    page.waitForEvent('download'),
    wizard(page, 'button').filter({ hasText: 'Download az script' }).click(),
  ]);
  assert.equal(script.suggestedFilename(), 'workbench-remediate.sh');
  assert.equal(readFileSync(await script.path(), 'utf8'), golden);
  const arm = wizard(page, 'button').filter({ hasText: 'ARM template' });
  assert.equal(await arm.count(), SUBS.length);
  const [template] = await Promise.all([page.waitForEvent('download'), arm.first().click()]);
  const parsed = JSON.parse(readFileSync(await template.path(), 'utf8'));
  assert.match(parsed.$schema, /subscriptionDeploymentTemplate\.json/);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const theme of ['light', 'dark']) {
  test(`the readiness report of the example, grouped by step, with fixes (${theme})`, async () => {
    const { page, problems } = await openWizard(`?theme=${theme}`);
    // Stand in for the module's assess with a report of the example files.
    await page.evaluate((r) => { document.querySelector('azure-onboarding-wizard').assess = () => r; }, report);
    await goTo(page, 'Check my tenant');
    await page.screenshot({ path: shot(`wizard-check-${theme}`) });
    await wizard(page, 'button').filter({ hasText: 'Use the example tenant' }).click();
    const verdict = wizard(page, '[part="verdict"]');
    await verdict.waitFor();
    assert.match(await verdict.textContent(), /Not ready yet/);
    assert.match(await verdict.textContent(), new RegExp(`${report.summary.fail} fail`));
    const steps = wizard(page, 'details.step-report');
    assert.equal(await steps.count(), report.steps.length);
    const app = wizard(page, 'details.step-report[data-step="application-access"]');
    assert.equal(await app.getAttribute('open'), '', 'failing steps are open');
    assert.match(await app.locator('.finding[data-code="graph-permission-missing"]').first().textContent(), /admin consent/);
    assert.match(await app.locator('.finding pre').first().textContent(), /^az /);
    // The demo page loads the full build: the remediation's own script, not the fallback.
    assert.equal(await wizard(page, 'button').filter({ hasText: 'Download az script' }).count(), 1);
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: shot(`wizard-report-${theme}`), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`axe-core finds no violations at any impact level in the wizard (${theme})`, async () => {
    const { page } = await openWizard(`?theme=${theme}`);
    await idInput(page, 'Directory (tenant) ID').fill(TENANT);
    assert.deepEqual(await axeViolations(page), []);
    await goTo(page, 'Configure Azure in Workbench');
    await wizard(page, 'azure-onboarding-form form:not([aria-busy])').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: shot(`wizard-form-${theme}`), fullPage: true });
    await page.close();
  });
}

test('a dropped file that is not JSON is named in a clear message', async () => {
  const { page } = await openWizard();
  await page.evaluate((r) => { document.querySelector('azure-onboarding-wizard').assess = () => r; }, report);
  await goTo(page, 'Check my tenant');
  await wizard(page, 'input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  assert.match(await wizard(page, '.report [role="alert"]').textContent(), /notes\.txt: not a JSON file/);
  await wizard(page, 'input[type="file"]').setInputFiles([
    { name: 'plan.json', mimeType: 'application/json', buffer: readFileSync(new URL('../../examples/demo-plan.json', import.meta.url)) },
    { name: 'snapshot.json', mimeType: 'application/json', buffer: readFileSync(new URL('../../examples/demo-snapshot.json', import.meta.url)) },
  ]);
  await wizard(page, '[part="verdict"]').waitFor();
  assert.match(await wizard(page, '.drop .files').textContent(), /Plan: plan\.json · Snapshot: snapshot\.json/);
  await page.close();
});
