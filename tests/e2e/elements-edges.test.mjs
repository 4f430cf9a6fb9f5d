// The elements at their edges, as an outside review drove them (2026-12-03): an edit made
// while the host saves, properties a host sets before the elements are defined, focus when
// the access option re-renders the page, a value over the package's length cap set by a host,
// a module that fails to load once, a host's own (async, or wrong) assessment, the step given
// as a fraction, and a wrong paste into "Your IDs" on a phone. Each case failed before its fix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../www/serve.mjs';
import { launchChromium, openPage } from '../support/browser.mjs';
import { CANARY, TENANT, deepHtml } from '../support/pages.mjs';

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

const IMPORT_MAP = `<script type="importmap">{ "imports": {
  "@workbench/azure-onboarding": "/pkg/dist/azure_onboarding.js",
  "@workbench/azure-onboarding/full": "/pkg/dist/azure_onboarding_full.js" } }</script>`;

/** A page of the test's own at `name` on the server's origin (so the import map resolves). */
async function ownPage(name, body, { width = 1180 } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.setViewportSize({ width, height: 900 });
  await page.route(`${server.url}${name}`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title>${IMPORT_MAP}</head><body><main>${body}</main></body></html>`,
  }));
  await page.goto(`${server.url}${name}`);
  return { page, problems };
}

/** The element deepest in focus, through shadow roots: `tag[name|part]`. */
const focused = (page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a ? `${a.tagName.toLowerCase()}[${a.getAttribute('name') ?? a.getAttribute('part') ?? a.textContent.trim().slice(0, 30)}]` : 'none';
});

test('an edit made while the host is saving is not lost: Save is offered again when the save ends', async () => {
  const { page, problems } = await openPage(browser, `${server.url}form.html`);
  await page.locator('azure-onboarding-form form').waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    window.sent = [];
    document.addEventListener('onboarding-submit', (e) => {
      window.sent.push(e.detail.deviceName);
      e.respondWith(new Promise((resolve) => { window.finishSave = () => resolve('Saved to Workbench.'); }));
    });
  });
  const field = (name) => page.locator(`azure-onboarding-form input[name="${name}"]`);
  const status = page.locator('azure-onboarding-form .actions .status');
  const save = page.locator('azure-onboarding-form [part="submit"]');
  await field('tenantId').fill(TENANT);
  await field('deviceName').fill('Azure prodution');
  await field('deviceName').press('Enter');
  assert.equal(await status.textContent(), 'Saving…');
  await field('deviceName').fill('Azure production');
  await page.evaluate(() => window.finishSave());
  await page.waitForFunction(() => !document.querySelector('azure-onboarding-form').shadowRoot.querySelector('.status').textContent.startsWith('Saving'));
  assert.match(await status.textContent(), /^Saved to Workbench\. .*not saved yet/);
  assert.equal(await save.getAttribute('aria-disabled'), null, 'Save is offered again');
  await field('deviceName').press('Enter');
  await page.waitForFunction(() => window.sent.length === 2);
  assert.deepEqual(await page.evaluate(() => window.sent), ['Azure prodution', 'Azure production']);
  // Without an edit during the save, the form says it is saved and Save rests.
  await page.evaluate(() => window.finishSave());
  await page.waitForFunction(() => document.querySelector('azure-onboarding-form').shadowRoot.querySelector('.status').textContent === 'Saved to Workbench.');
  assert.equal(await save.getAttribute('aria-disabled'), 'true');
  assert.deepEqual(problems, []);
});

test('properties set before the elements are defined are taken over, and the secret is never read back', async () => {
  const { page, problems } = await ownPage('before-define.html', `
    <azure-onboarding-wizard id="w"></azure-onboarding-wizard>
    <azure-onboarding-form id="f"></azure-onboarding-form>
    <script type="module">
      const w = document.getElementById('w');
      const f = document.getElementById('f');
      w.ids = { tenantId: '${TENANT}' };
      w.step = 2;
      w.assess = () => ({ hostAssess: true });
      f.value = { tenantId: '${TENANT}', deviceName: 'Prod', clientSecret: '${CANARY}' };
      await import('/pkg/elements/index.js');
      await Promise.all([w.ready, f.ready]);
      window.result = {
        ids: w.ids.tenantId, step: w.step, heading: w.shadowRoot.querySelector('.page h2').textContent,
        hostAssess: w.assess().hostAssess === true,
        shown: f.shadowRoot.querySelector('input[name=tenantId]').value,
        value: f.value,
      };
    </script>`);
  await page.waitForFunction(() => window.result, null, { timeout: 30_000 });
  const r = await page.evaluate(() => window.result);
  assert.equal(r.ids, TENANT);
  assert.equal(r.step, 2);
  assert.match(r.heading, /^Step 2/);
  assert.equal(r.hostAssess, true);
  assert.equal(r.shown, TENANT);
  assert.deepEqual(r.value, { accessOption: 'enterpriseApp', tenantId: TENANT, deviceName: 'Prod', location: 'Microsoft Cloud' });
  assert.ok(!JSON.stringify(r).includes(CANARY));
  assert.deepEqual(problems, []);
});

test('switching the access option by keyboard keeps the focus where it was', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.evaluate(() => document.querySelector('azure-onboarding-wizard').ready);
  await page.evaluate(() => { document.querySelector('azure-onboarding-wizard').step = 5; });
  await page.locator('azure-onboarding-wizard azure-onboarding-form input[value="enterpriseApp"]').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('azure-onboarding-wizard azure-onboarding-form input[value="customApp"]').isChecked(), true);
  assert.equal(await focused(page), 'input[accessOption]', 'focus stays on the radio group');
  // "Use the example tenant" (its plan switches the option): the page's heading, not the body.
  await page.evaluate(() => { document.querySelector('azure-onboarding-wizard').step = 6; });
  await page.evaluate(() => { document.querySelector('azure-onboarding-wizard').ids = { accessOption: 'enterpriseApp' }; });
  await page.locator('azure-onboarding-wizard button', { hasText: 'Use the example tenant' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('azure-onboarding-wizard [part="verdict"]').waitFor();
  assert.notEqual(await focused(page), 'none');
  assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'BODY');
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
});

test('a value longer than the cap set by a host shows an error, never an exception', async () => {
  const { page, problems } = await openPage(browser, `${server.url}form.html`);
  await page.locator('azure-onboarding-form form').waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    const f = document.querySelector('azure-onboarding-form');
    f.value = { deviceName: 'x'.repeat(5000), tenantId: 'y'.repeat(5000) };
  });
  const shown = await page.locator('azure-onboarding-form input[name="deviceName"]').inputValue();
  assert.equal(shown.length, 4096, 'cut where typing stops');
  await page.locator('azure-onboarding-form [part="submit"]').click();
  assert.match(await page.locator('azure-onboarding-form .summary').textContent(), /Fix \d+ problems? before saving/);
  await assert.rejects(page.evaluate(() => { document.querySelector('azure-onboarding-form').value = 'a string'; }), /expected an object/);
  assert.deepEqual(problems, []);
});

test('a module that fails to load once is offered again, and loads', async () => {
  const page = await browser.newPage();
  let failed = 0;
  await page.route('**/azure_onboarding_bg.wasm', (route) => {
    if (failed++ === 0) return route.fulfill({ status: 503, body: 'busy' });
    return route.continue();
  });
  await page.goto(`${server.url}form.html`);
  const retry = page.locator('azure-onboarding-form button', { hasText: 'Try again' });
  await retry.waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.querySelector('azure-onboarding-form').ready.then(() => 'resolved', () => 'rejected')), 'rejected');
  await retry.click();
  await page.locator('azure-onboarding-form form').waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.querySelector('azure-onboarding-form').ready.then(() => 'resolved', () => 'rejected')), 'resolved');
  assert.equal(failed, 2);
  await page.close();
});

test("a host's assessment may answer later; an answer that is not a report is said so", async () => {
  const run = async (assess) => {
    const { page, problems } = await openPage(browser, server.url);
    await page.evaluate(() => document.querySelector('azure-onboarding-wizard').ready);
    await page.evaluate((source) => {
      const w = document.querySelector('azure-onboarding-wizard');
      w.assess = (0, eval)(source);
      w.step = 6;
    }, assess);
    await page.locator('azure-onboarding-wizard button', { hasText: 'Use the example tenant' }).click();
    await page.locator('azure-onboarding-wizard .report :is([part="verdict"], .callout.error)').waitFor();
    const text = (await page.locator('azure-onboarding-wizard .report').textContent()).slice(0, 120);
    assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
    await page.close();
    return text;
  };
  assert.match(await run(`async (plan, snapshot) => { const full = await import('@workbench/azure-onboarding/full'); await new Promise((r) => setTimeout(r, 200)); return full.assess(plan, snapshot); }`), /^Not ready yet/);
  assert.match(await run('() => ({})'), /did not return a readiness report/);
  assert.match(await run('async () => { throw new Error("the server is down"); }'), /could not be assessed: the server is down/);
});

test('step is a whole page number; set as a fraction it is cut, and the pager goes on from it', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.evaluate(() => document.querySelector('azure-onboarding-wizard').ready);
  const step = await page.evaluate(() => { const w = document.querySelector('azure-onboarding-wizard'); w.step = 1.5; return w.step; });
  assert.equal(step, 1);
  await page.locator('azure-onboarding-wizard .pager button.primary').click();
  assert.equal(await page.evaluate(() => document.querySelector('azure-onboarding-wizard').step), 2);
  assert.deepEqual(problems, []);
});

test('on a phone, a wrong paste into the subscriptions is named by its entry, not echoed, and nothing scrolls sideways', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.evaluate(() => document.querySelector('azure-onboarding-wizard').ready);
  const resourceId = '/subscriptions/3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718/resourceGroups/rg-workbench-logs/providers/Microsoft.Storage/storageAccounts/contosologs';
  await page.getByLabel('Subscription IDs', { exact: true }).fill(`${resourceId}\n${CANARY}`);
  const messages = page.locator('azure-onboarding-wizard [data-input="subscriptions"] .id-messages');
  await messages.locator('.id-message').nth(1).waitFor();
  const text = await messages.textContent();
  assert.match(text, /Entry 1: .*Entry 2: /s);
  assert.ok(!text.includes(resourceId) && !text.includes(CANARY));
  assert.ok(!(await deepHtml(page)).includes(CANARY), 'the secret is only in the textarea the customer typed it into');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
  assert.deepEqual(problems, []);
});

test("the form's value setter keeps its choices: no blank location, no option it does not offer", async () => {
  const { page, problems } = await openPage(browser, `${server.url}form.html`);
  await page.locator('azure-onboarding-form form').waitFor({ timeout: 30_000 });
  const after = (value) => page.evaluate((v) => {
    const f = document.querySelector('azure-onboarding-form');
    try { f.value = v; } catch (err) { return { threw: err.message, value: f.value }; }
    return { value: f.value };
  }, value);
  const blank = await after({ location: '' });
  assert.equal(blank.value.location, 'Microsoft Cloud', 'the one location stays chosen');
  const bogus = await after({ accessOption: 'bogus', tenantId: TENANT });
  assert.match(bogus.threw, /value\.accessOption: expected 'enterpriseApp' or 'customApp'/);
  assert.equal(bogus.value.accessOption, 'enterpriseApp');
  assert.equal(bogus.value.tenantId, undefined, 'nothing of a refused value is applied');
  const otherCloud = await after({ location: 'Azure China' });
  assert.match(otherCloud.threw, /value\.location: expected one of 'Microsoft Cloud'/);
  assert.equal((await after({ accessOption: 'customApp' })).value.accessOption, 'customApp');
  assert.deepEqual(problems, []);
});
