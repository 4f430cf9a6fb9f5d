// <azure-onboarding-form> in headless Chromium: messages while typing, the submit payload,
// the access options, tenant lookup against a fake authority, the secret canary, keyboard
// use, accessibility, and screenshots (tests/artifacts/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer } from '../../www/serve.mjs';
import { launchChromium, openPage } from '../support/browser.mjs';
import { CANARY, TENANT, deepHtml, axeViolations, startFakeAuthority } from '../support/pages.mjs';

const shots = new URL('../artifacts/screenshots/', import.meta.url);
mkdirSync(shots, { recursive: true });
const shot = (name) => new URL(`${name}.png`, shots).pathname;

let server;
let browser;
let authority;

before(async () => {
  server = await startServer({ port: 0 });
  authority = await startFakeAuthority();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await authority?.close();
  await server?.close();
});

/** Opens the form page; records every console message too. */
async function openForm(query = '') {
  const { page, problems } = await openPage(browser, `${server.url}form.html${query}`);
  const console = [];
  page.on('console', (msg) => console.push(msg.text()));
  await page.setViewportSize({ width: 820, height: 1000 });
  await page.locator('azure-onboarding-form form:not([aria-busy])').waitFor({ timeout: 30_000 });
  // Collect submit events on the page, as a host would listen for them.
  await page.evaluate(() => {
    window.submitted = [];
    document.addEventListener('onboarding-submit', (e) => window.submitted.push(e.detail));
  });
  return { page, problems, console };
}

const field = (page, name) => page.locator(`azure-onboarding-form input[name="${name}"]`);
const messages = (page, name) => page.locator(`azure-onboarding-form [data-field="${name}"] .message`);
const save = (page) => page.locator('azure-onboarding-form [part="submit"]');

async function chooseCustomApp(page) {
  await page.locator('azure-onboarding-form input[value="customApp"]').check();
}

test('each kind of mistake shows its own message, with aria-invalid and aria-describedby', async () => {
  const { page, problems } = await openForm();
  await page.screenshot({ path: shot('form-empty-light'), fullPage: true });
  await chooseCustomApp(page);
  const cases = [
    ['clientSecret', '2f1c6a0e-9b7d-4c3e-8a51-6d2b9f0e7a41', 'secret-id-instead-of-value', /Secret ID/],
    ['tenantId', 'contoso.onmicrosoft.com', 'tenant-id-is-domain', /domain name/],
    ['clientId', '00000003-0000-0000-c000-000000000000', 'well-known-app-id', /Microsoft Graph/],
    ['tenantId', '00000000-0000-0000-0000-000000000000', 'nil-guid', /all-zero GUID/],
  ];
  for (const [name, value, code, text] of cases) {
    await field(page, name).fill(value);
    const message = messages(page, name).first();
    assert.equal(await message.getAttribute('data-code'), code, name);
    assert.match(await message.textContent(), text);
    assert.equal(await field(page, name).getAttribute('aria-invalid'), 'true');
    const describedBy = (await field(page, name).getAttribute('aria-describedby')).split(' ');
    const msgId = await page.locator(`azure-onboarding-form [data-field="${name}"] .messages`).getAttribute('id');
    assert.ok(describedBy.includes(msgId), `${name} is described by its messages`);
  }
  // The legacy field is collapsed; opened, it must stay blank.
  const legacy = page.locator('azure-onboarding-form details.legacy');
  assert.equal(await legacy.getAttribute('open'), null);
  await legacy.locator('summary').click();
  await field(page, 'useStorageAccountContributorRole').fill('Y');
  assert.equal(await messages(page, 'useStorageAccountContributorRole').first().getAttribute('data-code'), 'legacy-field-must-be-blank');
  assert.equal(await save(page).isDisabled(), false, 'Save stays reachable while errors remain');
  assert.match(await page.locator('azure-onboarding-form .actions .status').textContent(), /Fix \d+ problems? to save/);
  await page.screenshot({ path: shot('form-errors-light'), fullPage: true });
  await field(page, 'useStorageAccountContributorRole').fill('');
  assert.equal(await messages(page, 'useStorageAccountContributorRole').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Save on an incomplete form shows the error summary, focused, with links to the fields', async () => {
  const { page } = await openForm();
  await save(page).click();
  const summary = page.locator('azure-onboarding-form [part="summary"]');
  await summary.waitFor();
  assert.match(await summary.textContent(), /Fix 2 problems before saving/);
  assert.match(await summary.textContent(), /Directory \(tenant\) ID/);
  assert.equal(await page.evaluate(() => document.querySelector('azure-onboarding-form').shadowRoot.activeElement?.getAttribute('part')), 'summary');
  assert.equal(await save(page).isDisabled(), false, 'Save stays focusable: the summary is one Tab away');
  await summary.locator('a').first().click();
  assert.equal(await page.evaluate(() => document.querySelector('azure-onboarding-form').shadowRoot.activeElement?.name), 'tenantId');
  assert.deepEqual(await page.evaluate(() => window.submitted), []);
  await page.close();
});

test('a complete custom-app configuration submits the exact normalized payload, secret included', async () => {
  const { page, problems } = await openForm();
  await chooseCustomApp(page);
  await field(page, 'tenantId').fill(` {${TENANT.toUpperCase()}} `);
  await field(page, 'clientId').fill('0F4C7E8A-1B2C-4D3E-8F90-A1B2C3D4E5F6');
  await field(page, 'clientSecret').fill(`  ${CANARY}  `);
  await field(page, 'deviceName').fill('  Azure production ');
  assert.equal(await messages(page, 'tenantId').first().getAttribute('data-code'), 'trimmed', 'warnings show but do not block');
  assert.equal(await save(page).isDisabled(), false);
  await page.screenshot({ path: shot('form-valid-light'), fullPage: true });
  await save(page).click();
  const submitted = await page.evaluate(() => window.submitted);
  assert.deepEqual(submitted, [{
    accessOption: 'customApp',
    tenantId: TENANT,
    clientId: '0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6',
    clientSecret: CANARY,
    deviceName: 'Azure production',
    location: 'Microsoft Cloud',
  }]);
  // Saved: Save sends nothing more until an edit. The event bubbles out of the shadow root
  // and is composed.
  await field(page, 'deviceName').fill('Azure production 2');
  const flags = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('onboarding-submit', (e) => resolve([e.bubbles, e.composed]), { once: true });
    document.querySelector('azure-onboarding-form').shadowRoot.querySelector('form').requestSubmit();
  }));
  assert.deepEqual(flags, [true, true]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the enterprise-app option hides the client fields and leaves them out of the payload', async () => {
  const { page } = await openForm();
  await chooseCustomApp(page);
  await field(page, 'clientId').fill('not a guid');
  await field(page, 'clientSecret').fill(CANARY);
  await page.locator('azure-onboarding-form input[value="enterpriseApp"]').check();
  assert.equal(await field(page, 'clientId').isVisible(), false);
  assert.equal(await field(page, 'clientSecret').isVisible(), false);
  await field(page, 'tenantId').fill(TENANT);
  await field(page, 'deviceName').fill('Azure production');
  assert.equal(await save(page).isDisabled(), false, 'the hidden invalid client ID does not block Save');
  await save(page).click();
  assert.deepEqual(await page.evaluate(() => window.submitted), [{
    accessOption: 'enterpriseApp', tenantId: TENANT, deviceName: 'Azure production', location: 'Microsoft Cloud',
  }]);
  await page.close();
});

test('tenant lookup fills the tenant ID from a fake authority, and explains an unknown tenant', async () => {
  const { page, problems } = await openForm();
  await page.evaluate((url) => {
    const form = document.querySelector('azure-onboarding-form');
    form.setAttribute('authority', url);
    form.setAttribute('allow-loopback-authority', '');
  }, authority.url);
  const lookup = page.locator('azure-onboarding-form [part="lookup-button"]');
  assert.equal(await lookup.isVisible(), false, 'no lookup offered for an empty field');
  await field(page, 'tenantId').fill('nobody.example');
  await lookup.click();
  const status = page.locator('azure-onboarding-form .lookup-status');
  await page.waitForFunction(() => /AADSTS90002/.test(document.querySelector('azure-onboarding-form').shadowRoot.querySelector('.lookup-status').textContent));
  assert.match(await status.textContent(), /No Microsoft Entra tenant uses this domain/);
  await field(page, 'tenantId').fill('admin@Contoso.onmicrosoft.com');
  await lookup.click();
  await page.waitForFunction((t) => document.querySelector('azure-onboarding-form').shadowRoot.querySelector('input[name="tenantId"]').value === t, TENANT);
  assert.match(await status.textContent(), /Microsoft Cloud \(Azure global\), region EU/);
  assert.equal(await messages(page, 'tenantId').count(), 0);
  assert.deepEqual(authority.requests, [
    '/nobody.example/v2.0/.well-known/openid-configuration',
    '/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration',
  ]);
  // The 400 of the unknown tenant is the only failed request.
  assert.deepEqual(problems.filter((p) => !p.includes('nobody.example') && !p.includes('400')), []);
  await page.close();
});

test('tenant lookup refuses a non-Microsoft authority and reports an unreachable one', async () => {
  const { page } = await openForm();
  await field(page, 'tenantId').fill('contoso.onmicrosoft.com');
  await page.evaluate(() => document.querySelector('azure-onboarding-form').setAttribute('authority', 'https://login.example.com'));
  await page.locator('azure-onboarding-form [part="lookup-button"]').click();
  const status = page.locator('azure-onboarding-form .lookup-status');
  assert.match(await status.textContent(), /authority must be https:\/\/login\.microsoftonline\.com/);
  await page.evaluate(() => {
    const form = document.querySelector('azure-onboarding-form');
    form.setAttribute('authority', 'http://127.0.0.1:9'); // discard port: nothing listens
    form.setAttribute('allow-loopback-authority', '');
  });
  await page.locator('azure-onboarding-form [part="lookup-button"]').click();
  await page.waitForFunction(() => /could not be reached/.test(document.querySelector('azure-onboarding-form').shadowRoot.querySelector('.lookup-status').textContent));
  await page.close();
});

test('the canary secret never reaches the DOM markup, the URL, storage or the console', async () => {
  const { page, console } = await openForm();
  await chooseCustomApp(page);
  await field(page, 'clientSecret').fill(CANARY);
  await page.locator('azure-onboarding-form [part="reveal-button"]').click();
  assert.equal(await field(page, 'clientSecret').getAttribute('type'), 'text');
  // The secret pasted into the wrong field is reported without being quoted.
  await field(page, 'deviceName').fill(CANARY);
  assert.equal(await messages(page, 'deviceName').first().getAttribute('data-code'), 'secret-in-wrong-field');
  await field(page, 'tenantId').fill(TENANT);
  await field(page, 'deviceName').fill('Azure production');
  await field(page, 'clientId').fill('0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6');
  await save(page).click();
  assert.equal((await page.evaluate(() => window.submitted)).length, 1);
  const html = await deepHtml(page);
  assert.ok(html.includes('azure-onboarding-form'));
  assert.ok(!html.includes(CANARY), 'markup');
  assert.ok(!html.includes('CANARYcanary'), 'markup (part of the secret)');
  assert.ok(!page.url().includes('CANARY'), 'URL');
  const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
  assert.ok(!storage.includes('CANARY'), 'storage');
  assert.ok(!console.some((m) => m.includes('CANARY')), 'console');
  await page.close();
});

test('keyboard only: Tab, arrows, Space and Enter fill and submit the form', async () => {
  const { page } = await openForm();
  await page.locator('h1').click(); // start from the page, before the form
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // Option 2 in the radio group
  await page.keyboard.press('Tab');
  await page.keyboard.type(TENANT);
  await page.keyboard.press('Tab');
  await page.keyboard.type('0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6');
  await page.keyboard.press('Tab');
  await page.keyboard.type(CANARY);
  await page.keyboard.press('Tab'); // Show
  await page.keyboard.press('Space');
  assert.equal(await field(page, 'clientSecret').getAttribute('type'), 'text');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Azure production');
  await page.keyboard.press('Tab'); // location, prefilled
  await page.keyboard.press('Tab'); // legacy settings
  await page.keyboard.press('Tab'); // Save
  await page.screenshot({ path: shot('form-keyboard-focus-light'), fullPage: true });
  await page.keyboard.press('Enter');
  const submitted = await page.evaluate(() => window.submitted);
  assert.equal(submitted.length, 1);
  assert.equal(submitted[0].accessOption, 'customApp');
  assert.equal(submitted[0].clientSecret, CANARY);
  await page.close();
});

for (const theme of ['light', 'dark']) {
  test(`axe-core finds no violations at any impact level in the form (${theme}), with errors shown`, async () => {
    const { page } = await openForm(`?theme=${theme}`);
    await chooseCustomApp(page);
    await save(page).click(); // the error summary
    await field(page, 'tenantId').fill('contoso.onmicrosoft.com');
    await field(page, 'clientSecret').fill('2f1c6a0e-9b7d-4c3e-8a51-6d2b9f0e7a41');
    await page.locator('azure-onboarding-form details.legacy summary').click();
    assert.deepEqual(await axeViolations(page), []);
    if (theme === 'dark') await page.screenshot({ path: shot('form-errors-dark'), fullPage: true });
    await page.close();
  });
}

test('dark theme: the empty and the valid form (screenshots), Save enabled once valid', async () => {
  const { page, problems } = await openForm('?theme=dark');
  await page.screenshot({ path: shot('form-empty-dark'), fullPage: true });
  await chooseCustomApp(page);
  await field(page, 'tenantId').fill(TENANT);
  await field(page, 'clientId').fill('0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6');
  await field(page, 'clientSecret').fill(CANARY);
  await field(page, 'deviceName').fill('Azure production');
  assert.equal(await save(page).isEnabled(), true, 'Save is enabled on a valid form');
  assert.equal(await page.locator('azure-onboarding-form [aria-invalid="true"]').count(), 0);
  await page.screenshot({ path: shot('form-valid-dark'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});
