// The form and the wizard as a customer and a host page use them (issue 17): phones, work
// kept across pages, "Your IDs" that explain what they ignore, embedding (theme, parts,
// landmarks, ready), Save, accessible names, the report, loading, and the smaller items.
// Each at 375 px and on the desktop where layout matters, by keyboard where a person would,
// with axe at every impact level; screenshots in tests/artifacts/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { startServer } from '../../www/serve.mjs';
import { launchChromium, openPage } from '../support/browser.mjs';
import { CANARY, TENANT, axeViolations, deepHtml } from '../support/pages.mjs';

const shots = new URL('../artifacts/screenshots/', import.meta.url);
mkdirSync(shots, { recursive: true });
const shot = (name) => new URL(`${name}.png`, shots).pathname;
const SUBS = ['3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d'];
const APP = '0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const PHONE = { width: 375, height: 800 };
const DESKTOP = { width: 1440, height: 900 };

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

async function openWizard(viewport = DESKTOP, query = '') {
  const { page, problems } = await openPage(browser, `${server.url}${query}`);
  await page.setViewportSize(viewport);
  await page.locator('azure-onboarding-wizard nav button').first().waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    window.submitted = [];
    document.addEventListener('onboarding-submit', (e) => window.submitted.push(e.detail));
  });
  return { page, problems };
}

const w = (page, css) => page.locator(`azure-onboarding-wizard ${css}`);
const ids = (page, key) => w(page, `[data-input="${key}"] :is(input, textarea, select)`);
const form = (page, css) => w(page, `azure-onboarding-form ${css}`);
const goTo = (page, title) => w(page, 'nav button').filter({ hasText: title }).click();
/** Whether the page scrolls sideways (something wider than the screen). */
const overflowX = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function toForm(page) {
  await goTo(page, 'Configure Azure in Workbench');
  await form(page, 'form').waitFor();
}

// ---- 1. Phones and zoom ---------------------------------------------------------------------

for (const viewport of [PHONE, DESKTOP]) {
  test(`1. at ${viewport.width} px the step list never covers the content and nothing is wider than the screen`, async () => {
    const { page, problems } = await openWizard(viewport);
    // Scrolled down, the step list must not sit over the field the customer taps.
    const tenant = ids(page, 'tenantId');
    // Scrolled so that the field sits just below the top, where a sticky step list would be.
    const top = await tenant.evaluate((el) => el.getBoundingClientRect().top);
    await page.evaluate((y) => window.scrollBy(0, y), top - 40);
    const box = await tenant.boundingBox();
    const hit = await page.evaluate(({ x, y }) => {
      const wizard = document.querySelector('azure-onboarding-wizard');
      return wizard.shadowRoot.elementFromPoint(x, y)?.closest('[data-input]')?.dataset.input ?? null;
    }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    assert.equal(hit, 'tenantId', 'a tap on the tenant field lands on the tenant field');
    await tenant.click();
    await page.keyboard.type(TENANT);
    assert.equal(await tenant.inputValue(), TENANT);
    assert.ok(await overflowX(page) <= 0, `no sideways scrolling (${await overflowX(page)} px too wide)`);
    if (viewport === PHONE) {
      const nav = await w(page, 'nav').boundingBox();
      const content = await w(page, '.content').boundingBox();
      assert.ok(nav.y + nav.height <= content.y + 1, 'the step list is above the content, not over it');
    }
    await page.screenshot({ path: shot(`i17-1-steps-${viewport.width}`), fullPage: viewport === PHONE });
    // The report at this width.
    await goTo(page, 'Check my tenant');
    await w(page, 'button').filter({ hasText: 'Use the example tenant' }).click();
    await w(page, '[part="verdict"]').waitFor();
    assert.ok(await overflowX(page) <= 0, `the report fits (${await overflowX(page)} px too wide)`);
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: shot(`i17-1-report-${viewport.width}`), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// ---- 2. Nothing typed is lost ---------------------------------------------------------------

test('2. the form keeps the secret and device name across pages and option changes; "Your IDs" and the form are one set of values', async () => {
  const { page, problems } = await openWizard(PHONE);
  await ids(page, 'accessOption').selectOption('customApp');
  await ids(page, 'tenantId').fill(TENANT);
  await ids(page, 'applicationId').fill(APP);
  await toForm(page);
  assert.equal(await form(page, 'input[name="tenantId"]').inputValue(), TENANT);
  assert.equal(await form(page, 'input[name="clientId"]').inputValue(), APP);
  await form(page, 'input[name="clientSecret"]').fill(CANARY);
  await form(page, 'input[name="deviceName"]').fill('Azure production');
  // Away and back.
  await goTo(page, 'Before you start');
  await toForm(page);
  assert.equal(await form(page, 'input[name="deviceName"]').inputValue(), 'Azure production');
  assert.equal(await form(page, 'input[name="clientSecret"]').inputValue(), CANARY, 'the secret survives navigation');
  // The access option changed in "Your IDs" and back again.
  await w(page, 'details.ids > summary').click();
  await ids(page, 'accessOption').selectOption('enterpriseApp');
  assert.equal(await form(page, 'input[value="enterpriseApp"]').isChecked(), true, 'the form follows the option');
  await ids(page, 'accessOption').selectOption('customApp');
  assert.equal(await form(page, 'input[name="clientSecret"]').inputValue(), CANARY);
  assert.equal(await form(page, 'input[name="deviceName"]').inputValue(), 'Azure production');
  // A tenant changed in "Your IDs" reaches the form, and Save sends it.
  const other = '11111111-2222-4333-8444-555555555555';
  await ids(page, 'tenantId').fill(other);
  assert.equal(await form(page, 'input[name="tenantId"]').inputValue(), other);
  // The option switched inside the form updates the commands and the progress.
  await form(page, 'input[value="enterpriseApp"]').check();
  assert.equal(await ids(page, 'accessOption').inputValue(), 'enterpriseApp');
  assert.equal(await w(page, '.card[data-requirement^="custom-app"]').count(), 0);
  await form(page, 'input[value="customApp"]').check();
  assert.equal(await ids(page, 'accessOption').inputValue(), 'customApp');
  // A tenant typed into the form reaches "Your IDs" and the commands.
  await form(page, 'input[name="tenantId"]').fill(TENANT);
  assert.equal(await ids(page, 'tenantId').inputValue(), TENANT);
  await goTo(page, 'Before you start');
  assert.equal(await w(page, '[data-requirement="entra-admin-at-hand"] pre').textContent(), `az login --tenant ${TENANT}`);
  await toForm(page);
  await form(page, '[part="submit"]').click();
  const sent = await page.evaluate(() => window.submitted);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].tenantId, TENANT, 'Save sends the tenant the commands show');
  assert.equal(sent[0].clientId, APP);
  assert.equal(sent[0].clientSecret, CANARY);
  assert.ok(!(await deepHtml(page)).includes(CANARY), 'the kept secret is never in the markup');
  assert.deepEqual(problems, []);
  await page.close();
});

// ---- 3. "Your IDs" explains what it ignores -----------------------------------------------

test('3. every ignored value is explained where it was typed; a resource group never reaches a command unquoted', async () => {
  const { page } = await openWizard(PHONE);
  await ids(page, 'guestMail').fill("o'brien@provider.example");
  await ids(page, 'logStorageAccount').fill('Bad_Name');
  await ids(page, 'subscriptions').fill(`${SUBS[0]}\njunk\n${SUBS[1]}`);
  await ids(page, 'resourceGroup').fill('rg-security(logs)');
  const message = (key) => w(page, `[data-input="${key}"] .id-messages`);
  assert.match(await message('guestMail').textContent(), /cannot be put into the commands/);
  assert.equal(await ids(page, 'guestMail').getAttribute('aria-invalid'), 'true');
  assert.match(await message('logStorageAccount').textContent(), /\S/);
  // Named by its entry (the second line), not quoted: a wrong paste may be a secret.
  assert.match(await message('subscriptions').textContent(), /Entry 2: .*not a GUID/i);
  assert.equal(await message('tenantId').textContent(), '');
  assert.match(await w(page, '.ids-summary').textContent(), /\(2 subscriptions\)/, 'junk is not counted');
  await w(page, '[data-requirement="entra-admin-at-hand"]').waitFor();
  await page.screenshot({ path: shot('i17-3-ids-problems-375'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  await goTo(page, 'Console access');
  const invite = w(page, '[data-requirement="guest-analyst-invited"]');
  assert.match(await invite.locator('.command-help').textContent(), /not used: see the message under “Guest analyst e-mail”/);
  assert.ok(!(await invite.locator('pre').textContent()).includes("o'brien"));
  // A legal resource group the shell would misread is quoted in --resource-group and inside
  // every resource ID; one Azure refuses (issue 12 §3) never reaches a command at all.
  for (const rg of ['rg-security(logs)', 'rg security (logs)', 'rg$(id)', 'rg;ls', 'rg&&whoami']) {
    if (!(await w(page, 'details.ids').evaluate((d) => d.open))) await w(page, 'details.ids > summary').click();
    await ids(page, 'resourceGroup').fill(rg);
    await ids(page, 'logStorageAccount').fill('wblogs001');
    await goTo(page, 'logs');
    const text = (await w(page, '.card pre').allTextContents()).join('\n');
    if (rg === 'rg-security(logs)') {
      const raw = text.split('\n').filter((l) => l.includes(rg) && !l.includes(`'${rg}'`) && !/'\/subscriptions\/[^']*'/.test(l));
      assert.deepEqual(raw, [], `${rg} appears unquoted`);
      assert.ok(text.includes(`--scope '/subscriptions/${SUBS[0]}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/wblogs001'`), text);
    } else {
      assert.ok(!text.includes(rg), `${rg} reached a command`);
    }
    await goTo(page, 'Before you start');
  }
  await page.close();
});

// ---- 4. Embedding ---------------------------------------------------------------------------

test('4. a host styles the wizard and its form: theme variables flow in, ::part reaches the form, the theme switches at run time', async () => {
  const { page, problems } = await openWizard(DESKTOP, '?theme=light');
  await page.addStyleTag({ content: `
    azure-onboarding-wizard { --ao-accent: rgb(128, 0, 128); --ao-radius: 13px; --ao-font: Georgia, serif; }
    azure-onboarding-wizard::part(form-submit) { outline: 3px solid rgb(0, 128, 0); }` });
  await toForm(page);
  const submit = form(page, '[part="submit"]');
  const style = await submit.evaluate((el) => { const s = getComputedStyle(el); return [s.backgroundColor, s.borderTopLeftRadius, s.fontFamily, s.outlineColor]; });
  assert.deepEqual(style, ['rgb(128, 0, 128)', '13px', 'Georgia, serif', 'rgb(0, 128, 0)']);
  assert.deepEqual(await axeViolations(page), []);
  const bg = () => form(page, 'input[name="deviceName"]').evaluate((el) => getComputedStyle(el).backgroundColor);
  const light = await bg();
  // The host switches its page and the wizard to dark at run time.
  await page.evaluate(() => {
    document.documentElement.dataset.theme = 'dark';
    document.querySelector('azure-onboarding-wizard').setAttribute('theme', 'dark');
  });
  assert.notEqual(await bg(), light, 'the form turns dark with the wizard');
  assert.equal(await bg(), 'rgb(13, 17, 23)');
  await page.screenshot({ path: shot('i17-4-host-styled-dark') });
  // One <main>: the host's (checked by axe above too: landmark rules).
  assert.equal(await page.evaluate(() => document.querySelectorAll('main').length
    + document.querySelector('azure-onboarding-wizard').shadowRoot.querySelectorAll('main').length), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('4. onboarding-ready bubbles to the document, and a host that listens late has the ready promise', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.readyEvents = [];
    document.addEventListener('onboarding-ready', (e) => window.readyEvents.push(e.target.localName));
  });
  await page.goto(server.url);
  await page.locator('azure-onboarding-wizard nav button').first().waitFor({ timeout: 30_000 });
  const late = await page.evaluate(async () => {
    const wizard = document.querySelector('azure-onboarding-wizard');
    return (await wizard.ready) === wizard;
  });
  assert.equal(late, true);
  assert.ok((await page.evaluate(() => window.readyEvents)).includes('azure-onboarding-wizard'));
  await page.close();
});

// ---- 5. Save --------------------------------------------------------------------------------

test('5. Save is reachable by keyboard with errors shown, sends once, and shows the host\'s answer', async () => {
  const { page, problems } = await openPage(browser, `${server.url}form.html`);
  await page.setViewportSize(PHONE);
  await page.locator('azure-onboarding-form form').waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    window.submitted = [];
    window.answer = null;
    document.addEventListener('onboarding-submit', (e) => {
      window.submitted.push(e.detail);
      e.respondWith(new Promise((resolve, reject) => { window.answer = { resolve, reject }; }));
    });
  });
  const field = (name) => page.locator(`azure-onboarding-form [name="${name}"]`);
  const save = page.locator('azure-onboarding-form [part="submit"]');
  const status = page.locator('azure-onboarding-form .actions .status');
  await field('tenantId').fill('not a tenant');
  await field('tenantId').press('Tab');
  // Keyboard: Tab from the device name reaches Save although an error shows.
  await field('deviceName').focus();
  await page.keyboard.press('Tab'); // location
  await page.keyboard.press('Tab'); // legacy settings
  await page.keyboard.press('Tab'); // Save
  assert.equal(await page.evaluate(() => document.querySelector('azure-onboarding-form').shadowRoot.activeElement?.getAttribute('part')), 'submit');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelector('azure-onboarding-form').shadowRoot.activeElement?.getAttribute('part')), 'summary');
  assert.equal(await page.evaluate(() => window.submitted.length), 0);
  await field('tenantId').fill(TENANT);
  await field('deviceName').fill('Azure production');
  // Enter plus two clicks: one event.
  await field('deviceName').press('Enter');
  // (force: a person can click a button marked aria-disabled; Playwright would wait.)
  await save.click({ force: true });
  await save.click({ force: true });
  assert.equal(await page.evaluate(() => window.submitted.length), 1, 'Save sends once');
  assert.equal(await status.textContent(), 'Saving…', 'no success claimed before the host answers');
  await page.evaluate(() => window.answer.reject(new Error('Workbench is unavailable (503).')));
  await page.waitForFunction(() => /Workbench is unavailable/.test(document.querySelector('azure-onboarding-form').shadowRoot.querySelector('.actions .status').textContent));
  assert.equal(await save.getAttribute('aria-disabled'), null, 'a refused save can be retried');
  await save.click();
  assert.equal(await page.evaluate(() => window.submitted.length), 2);
  await page.evaluate(() => window.answer.resolve('Saved in Workbench as "Azure production".'));
  await page.waitForFunction(() => /Saved in Workbench/.test(document.querySelector('azure-onboarding-form').shadowRoot.querySelector('.actions .status').textContent));
  await save.click({ force: true });
  assert.equal(await page.evaluate(() => window.submitted.length), 2, 'saved: no second event until an edit');
  await field('deviceName').fill('Azure production 2');
  await save.click();
  assert.equal(await page.evaluate(() => window.submitted.length), 3);
  await page.screenshot({ path: shot('i17-5-save-375'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('5. before the module has loaded the form says so and offers no Save that does nothing', async () => {
  const page = await browser.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/azure_onboarding_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${server.url}form.html`);
  const loading = page.locator('azure-onboarding-form [role="status"]').first();
  await loading.waitFor();
  assert.match(await loading.textContent(), /Loading the form/);
  assert.equal(await page.locator('azure-onboarding-form [part="submit"]').count(), 0);
  release();
  await page.locator('azure-onboarding-form [part="submit"]').waitFor({ timeout: 30_000 });
  await page.close();
});

// ---- 6. Names and wording -------------------------------------------------------------------

test('6. every checkbox and Copy button names its item; the reveal toggle says what it will do; required fields are marked', async () => {
  const { page, problems } = await openWizard(DESKTOP);
  await goTo(page, 'application access');
  await w(page, 'details.ids > summary').click();
  await ids(page, 'accessOption').selectOption('customApp');
  const names = await w(page, '.card').evaluateAll((cards) => cards.map((c) => {
    const box = c.querySelector('input[type="checkbox"]');
    const copy = c.querySelector('[part="copy-button"]');
    return [box.getAttribute('aria-label'), copy?.textContent ?? null];
  }));
  const boxes = names.map(([b]) => b);
  assert.equal(new Set(boxes).size, boxes.length, `checkbox names are distinct: ${boxes.join(' | ')}`);
  const copies = names.map(([, c]) => c).filter(Boolean);
  assert.equal(new Set(copies).size, copies.length, 'copy buttons are distinct');
  assert.ok(copies.every((c) => c.startsWith('Copy the command: ')), copies.join(' | '));
  await page.getByRole('checkbox', { name: /Done: Option 2: a client secret/ }).check();
  await toForm(page);
  const reveal = page.getByRole('button', { name: 'Show the client secret' });
  await reveal.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Hide the client secret' }).waitFor();
  for (const name of ['tenantId', 'clientId', 'clientSecret', 'deviceName', 'location']) {
    assert.equal(await form(page, `[name="${name}"]`).getAttribute('aria-required'), 'true', name);
  }
  assert.equal(await form(page, '[name="useStorageAccountContributorRole"]').getAttribute('aria-required'), null);
  // Location is a choice of its one valid value.
  assert.deepEqual(await form(page, 'select[name="location"] option').allTextContents(), ['Microsoft Cloud']);
  // Messages in the customer's words, commands as code, not backticks or internal names.
  await form(page, '[part="submit"]').click();
  const text = await form(page, 'form').textContent();
  assert.ok(!/customApp|enterpriseApp/.test(text), 'no internal option names in messages');
  await form(page, 'input[name="tenantId"]').fill('contoso.onmicrosoft.com');
  const hint = form(page, '[data-field="tenantId"] .message');
  assert.ok(!(await hint.first().textContent()).includes('`'), 'no literal backticks');
  // The "trimmed" warning never shows beside untrimmed text: leaving the field trims it, and
  // the note (that the spaces were removed) stays in place, so nothing below jumps.
  await form(page, 'input[name="tenantId"]').fill(` {${TENANT.toUpperCase()}} `);
  assert.equal(await form(page, '[data-field="tenantId"] [data-code="trimmed"]').count(), 1);
  await form(page, 'input[name="tenantId"]').press('Tab');
  assert.equal(await form(page, 'input[name="tenantId"]').inputValue(), TENANT);
  assert.match(await form(page, '[data-field="tenantId"] [data-code="trimmed"]').textContent(), /were removed/);
  // Commands wrap between words (a GUID is never split while it fits on the line).
  const pre = await w(page, '.card pre').first().evaluate((el) => getComputedStyle(el).wordBreak);
  assert.notEqual(pre, 'break-all');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: shot('i17-6-form-desktop'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

// ---- 7. The report --------------------------------------------------------------------------

test('7. the report shows the snapshot date, ticks passed steps, fills "Your IDs" from the plan, and says which download to use', async () => {
  const { page, problems } = await openWizard(PHONE);
  const plan = JSON.parse(readFileSync(new URL('../../examples/demo-plan.json', import.meta.url), 'utf8'));
  const before = await w(page, '.progress-label').textContent();
  await goTo(page, 'Check my tenant');
  await w(page, 'button').filter({ hasText: 'Use the example tenant' }).click();
  await w(page, '[part="verdict"]').waitFor();
  assert.match(await w(page, '.snapshot-date').textContent(), /Snapshot taken \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  assert.notEqual(await w(page, '.progress-label').textContent(), before, 'passed steps are ticked');
  assert.equal(await ids(page, 'tenantId').inputValue(), plan.tenantId);
  assert.equal(await ids(page, 'subscriptions').inputValue(), plan.subscriptions.join('\n'));
  assert.match(await w(page, '.downloads-help').textContent(), /Recommended: the az script/);
  const fixes = await w(page, '.finding pre').allTextContents();
  const perStep = await w(page, 'details.step-report').evaluateAll((steps) => steps.map((s) =>
    [...s.querySelectorAll('.finding pre')].map((p) => p.textContent)));
  for (const list of perStep) assert.equal(new Set(list).size, list.length, 'no fix repeated within a step');
  assert.ok(fixes.length > 0);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: shot('i17-7-report-375'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

// ---- 8. Loading -----------------------------------------------------------------------------

test('8. the form page loads only the form and the light module; the wizard shows its checklist and fills its commands with the full module, preloaded; the server gzips', async () => {
  const requested = async (url, act) => {
    const page = await browser.newPage();
    const urls = [];
    page.on('request', (r) => urls.push(new URL(r.url()).pathname));
    await page.goto(url);
    await act(page);
    await page.close();
    return urls;
  };
  const formUrls = await requested(`${server.url}form.html`, (p) => p.locator('azure-onboarding-form form').waitFor({ timeout: 30_000 }));
  assert.ok(!formUrls.some((u) => u.includes('wizard') || u.includes('check.js') || u.includes('_full')), formUrls.join('\n'));
  const wizardUrls = await requested(server.url, async (p) => {
    await p.evaluate(() => customElements.whenDefined('azure-onboarding-wizard').then(() => document.querySelector('azure-onboarding-wizard').ready));
    await p.locator('azure-onboarding-wizard nav button').first().waitFor({ timeout: 30_000 });
  });
  // Each .wasm fetched once (the preload is used, not a second download).
  assert.equal(wizardUrls.filter((u) => u === '/pkg/dist/azure_onboarding_full_bg.wasm').length, 1, wizardUrls.join('\n'));
  assert.equal(wizardUrls.filter((u) => u === '/pkg/dist/azure_onboarding_bg.wasm').length, 1, wizardUrls.join('\n'));
  // Both .wasm are preloaded from the wizard page's head; the form page preloads only the light one.
  const html = await (await fetch(server.url)).text();
  assert.match(html, /<link rel="preload" href="\/pkg\/dist\/azure_onboarding_bg\.wasm" as="fetch"/);
  assert.match(html, /<link rel="preload" href="\/pkg\/dist\/azure_onboarding_full_bg\.wasm" as="fetch"/);
  const formHtml = await (await fetch(`${server.url}form.html`)).text();
  assert.doesNotMatch(formHtml, /_full/);
  const gz = await fetch(new URL('pkg/dist/azure_onboarding_full_bg.wasm', server.url), { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.equal(gz.headers.get('content-type'), 'application/wasm');
  const plain = await fetch(new URL('pkg/elements/form.js', server.url), { headers: { 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
});

// ---- 9. Smaller -----------------------------------------------------------------------------

test('9. focus stays on "Look up tenant ID" while it works; reset() hides the secret again; the Option 2 command reuses an existing app', async () => {
  const { page } = await openPage(browser, `${server.url}form.html`);
  await page.locator('azure-onboarding-form form').waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    const f = document.querySelector('azure-onboarding-form');
    f.setAttribute('authority', 'http://127.0.0.1:9');
    f.setAttribute('allow-loopback-authority', '');
  });
  await page.locator('azure-onboarding-form input[name="tenantId"]').fill('contoso.onmicrosoft.com');
  const lookup = page.locator('azure-onboarding-form [part="lookup-button"]');
  await lookup.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /could not be reached/.test(document.querySelector('azure-onboarding-form').shadowRoot.querySelector('.lookup-status').textContent));
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'azure-onboarding-form', 'focus did not drop to the body');
  assert.equal(await page.evaluate(() => document.querySelector('azure-onboarding-form').shadowRoot.activeElement?.getAttribute('part')), 'lookup-button');
  await page.locator('azure-onboarding-form input[value="customApp"]').check();
  await page.locator('azure-onboarding-form [part="reveal-button"]').click();
  assert.equal(await page.locator('azure-onboarding-form input[name="clientSecret"]').getAttribute('type'), 'text');
  await page.evaluate(() => document.querySelector('azure-onboarding-form').reset());
  await page.locator('azure-onboarding-form input[value="customApp"]').check();
  assert.equal(await page.locator('azure-onboarding-form input[name="clientSecret"]').getAttribute('type'), 'password');
  await page.locator('azure-onboarding-form input[name="clientSecret"]').fill(`abc7Q~${'a'.repeat(34)}`);
  const msg = await page.locator('azure-onboarding-form [data-field="clientSecret"] .message').first().textContent();
  assert.match(msg, /37 characters/);
  await page.close();
  const { page: wiz } = await openWizard(DESKTOP);
  await w(wiz, 'details.ids > summary').waitFor();
  await ids(wiz, 'accessOption').selectOption('customApp');
  await goTo(wiz, 'application access');
  const create = await w(wiz, '[data-requirement="custom-app-registered"] pre').textContent();
  assert.match(create, /az ad app list --display-name/);
  assert.match(create, /\|\| appId=\$\(az ad app create/);
  await wiz.close();
});
