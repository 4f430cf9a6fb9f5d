// "Collect from Azure now" on the wizard's "Check my tenant": the host's `tokenProvider`, the
// full build's `collect` against the fake of Azure (the live crate's example `fake_azure`, on
// another 127.0.0.1 origin, with latency and 429s), progress while it runs, the report and
// the snapshot download afterwards; token canaries that must appear nowhere; keyboard-only
// use; screenshots at phone and desktop width (SCREENSHOTS, default /tmp/wizard-collect/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../www/serve.mjs';
import { launchChromium, openPage } from '../support/browser.mjs';
import { buildFakeAzure, startFakeAzure, stopFakeAzures } from '../support/fake-azure.mjs';
import { axeViolations, deepHtml } from '../support/pages.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = process.env.SCREENSHOTS ?? join(tmpdir(), 'wizard-collect');
mkdirSync(shots, { recursive: true });
const shot = (name) => join(shots, `${name}.png`);

// A tenant big enough that progress updates several times: the demo's second subscription
// (two storage accounts, a 403 on Defender pricings) cloned EXTRA times, beside the demo's own.
const EXTRA = 60;
const demo = JSON.parse(readFileSync(`${root}examples/demo-snapshot.json`, 'utf8'));
const demoPlan = JSON.parse(readFileSync(`${root}examples/demo-plan.json`, 'utf8'));
const TEMPLATE_SUB = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';
const subs = Array.from({ length: EXTRA }, (_, i) => `9a8b7c6d-5e4f-4a3b-9c2d-${(0xa00000 + i).toString(16).padStart(12, '0')}`);
const cloned = demo.responses.filter((r) => r.url.startsWith('https://management.azure.com/') && r.url.includes(TEMPLATE_SUB));
const bigSnapshot = {
  ...demo,
  responses: [...demo.responses, ...subs.flatMap((s) => cloned.map((r) => JSON.parse(JSON.stringify(r).replaceAll(TEMPLATE_SUB, s))))],
};
const bigPlan = { ...demoPlan, subscriptions: [...demoPlan.subscriptions, ...subs] };
const dir = mkdtempSync(join(tmpdir(), 'wizard-collect-'));
const bigSnapshotPath = join(dir, 'snapshot.json');
writeFileSync(bigSnapshotPath, JSON.stringify(bigSnapshot));
const planFile = (plan, name = 'plan.json') => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });

// Canary tokens shaped like an admin's delegated tokens (JWTs), each with a marker that must
// appear nowhere but in the Authorization header.
const b64url = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims, marker) => `${b64url({ typ: 'JWT', alg: 'none' })}.${b64url(claims)}.${marker}`;
const ARM_TOKEN = jwt({ aud: 'https://management.azure.com', scp: 'user_impersonation' }, 'CANARYwizardARMsignature0001');
const GRAPH_TOKEN = jwt({ aud: 'https://graph.microsoft.com', scp: 'User.Read.All' }, 'CANARYwizardGRAPHsignature0002');
const OTHER_TOKEN = jwt({ aud: 'https://management.azure.com' }, 'CANARYwizardOTHERsignature0003');
const CANARIES = ['CANARYwizardARMsignature0001', 'CANARYwizardGRAPHsignature0002', 'CANARYwizardOTHERsignature0003'];
const leaks = (text) => CANARIES.filter((c) => text.includes(c));

let server;
let browser;

/** Starts the fake of Azure replaying `snapshot` with extra arguments; resolves to its base URL. */
const startFake = (snapshot, ...args) => startFakeAzure(snapshot, { armToken: ARM_TOKEN, graphToken: GRAPH_TOKEN }, ...args);

before(async () => {
  buildFakeAzure();
  server = await startServer({ port: 0 });
  browser = await launchChromium();
});
after(async () => {
  stopFakeAzures();
  await browser?.close();
  await server?.close();
});

const wizard = (page, css) => page.locator(`azure-onboarding-wizard ${css}`);
const button = (page, text) => wizard(page, 'button').filter({ hasText: text });

/** The demo page on "Check my tenant", at `width`; records console messages. */
async function openCheck(width) {
  const { page, problems } = await openPage(browser, server.url);
  const consoleText = [];
  page.on('console', (msg) => consoleText.push(msg.text()));
  page.on('pageerror', (err) => consoleText.push(err.message));
  await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
  await wizard(page, 'nav button').first().waitFor({ timeout: 30_000 });
  await wizard(page, 'nav button').filter({ hasText: 'Check my tenant' }).click();
  await wizard(page, '.drop').waitFor();
  return { page, problems, consoleText };
}

/** Gives the wizard a token provider (as a console with MSAL would) and the fake's address. */
function provide(page, { fake, tokens = { arm: ARM_TOKEN, graph: GRAPH_TOKEN }, throwFor = null, message = '' }) {
  return page.evaluate(({ fake, tokens, throwFor, message }) => {
    const w = document.querySelector('azure-onboarding-wizard');
    w.collectOptions = { endpointsForTesting: fake };
    w.tokenProvider = async (api) => {
      await new Promise((r) => setTimeout(r, 50)); // a silent token request takes a moment
      if (api === throwFor) throw new Error(message);
      return tokens[api];
    };
  }, { fake, tokens, throwFor, message });
}

/** Records, in the page, when the visible progress text and the live region change. */
function watchUpdates(page) {
  return page.evaluate(() => {
    const shadow = document.querySelector('azure-onboarding-wizard').shadowRoot;
    window.collectUpdates = { step: [], live: [], values: [] };
    const observer = new MutationObserver(() => {
      const panel = shadow.querySelector('.collect');
      if (!panel) return;
      const t = performance.now();
      const step = panel.querySelector('.collect-step')?.textContent ?? '';
      const live = panel.querySelector('[role="status"]')?.textContent ?? '';
      const bar = panel.querySelector('progress');
      const u = window.collectUpdates;
      if (step !== u.step.at(-1)?.[1]) u.step.push([t, step]);
      if (live !== u.live.at(-1)?.[1]) u.live.push([t, live]);
      if (bar && bar.hasAttribute('value')) {
        const v = [bar.value, bar.max, panel.querySelector('.collect-stats')?.textContent ?? ''];
        if (JSON.stringify(v) !== JSON.stringify(u.values.at(-1))) u.values.push(v);
      }
    });
    observer.observe(shadow, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** The element currently focused, looking into shadow roots: its tag and text. */
function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), text: el.textContent.trim() } : null;
  });
}

test('without a token provider the page is as before; with one, a loaded plan is collected live with progress, then assessed as a loaded snapshot', async () => {
  // Two 429s with Retry-After: 1 (the first two classic-storage reads): "throttled" shows.
  const fake = await startFake(bigSnapshotPath, '--latency-ms', '40', '--fault', '429,1,2,Microsoft.ClassicStorage');
  const { page, problems, consoleText } = await openCheck(1280);
  await wizard(page, 'input[type="file"]').setInputFiles(planFile(bigPlan));
  await wizard(page, '.report p').filter({ hasText: 'Now load the snapshot.' }).waitFor();
  assert.equal(await button(page, 'Collect from Azure now').count(), 0, 'no provider: no Collect button');
  assert.equal(await wizard(page, '.collect-hint').count(), 0);
  assert.match(await wizard(page, '.lead').textContent(), /Nothing leaves this page\.$/);

  await provide(page, { fake });
  const collectButton = button(page, 'Collect from Azure now');
  await collectButton.waitFor();
  await watchUpdates(page);
  await collectButton.click();
  const panel = wizard(page, '.collect');
  await panel.waitFor();
  // Progress shows while collecting: wait until it is under way, and look at it.
  await page.waitForFunction(() => (window.collectUpdates.values.at(-1)?.[0] ?? 0) > 100);
  assert.equal(await panel.getAttribute('aria-busy'), 'true');
  assert.equal(await button(page, 'Collecting from Azure').getAttribute('aria-disabled'), 'true');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('desktop-during') });
  assert.deepEqual(await axeViolations(page), []);
  // Leaving the page and coming back keeps the collection and its panel.
  const seen = await page.evaluate(() => window.collectUpdates.values.at(-1)[0]);
  await wizard(page, 'nav button').filter({ hasText: 'Before you start' }).click();
  await wizard(page, 'nav button').filter({ hasText: 'Check my tenant' }).click();
  await page.waitForFunction((n) => {
    const bar = document.querySelector('azure-onboarding-wizard').shadowRoot.querySelector('.collect progress');
    return !bar || bar.value > n;
  }, seen);
  assert.equal(await panel.count(), 1);

  const verdict = wizard(page, '[part="verdict"]');
  await verdict.waitFor({ timeout: 60_000 });
  assert.match(await wizard(page, '.collect h3').textContent(), /Collected from Azure/);
  assert.equal(await panel.getAttribute('aria-busy'), null);
  const updates = await page.evaluate(() => window.collectUpdates);

  // The bar advanced several times, never back, and ended with everything listed read.
  const values = updates.values;
  assert.ok(values.length >= 4, `progress updated ${values.length} times: ${JSON.stringify(values)}`);
  assert.ok(values.every(([v], i) => i === 0 || v >= values[i - 1][0]), 'progress never goes back');
  assert.ok(values.some(([, , stats]) => /\d+ requests\/s/.test(stats)), 'a rate is shown');
  assert.ok(values.some(([, , stats]) => /about \d+ (s|min) left/.test(stats)), 'a time left is shown');
  assert.ok(values.some(([, , stats]) => /2 throttled by Azure \(429\)/.test(stats)), JSON.stringify(values.map((v) => v[2])));
  // Throttled: no more than five visible updates in any second, and a quiet live region.
  // (Progress texts only: "Signing in" and "Listing the requests" come before the first one.)
  const times = updates.step.filter(([, text]) => /^[\d,]+ of [\d,]+ requests read$/.test(text)).map(([t]) => t);
  const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
  assert.ok(busiest <= 5, `at most 5 updates a second, saw ${busiest}`);
  const took = (times.at(-1) - times[0]) / 1000;
  assert.ok(took > 2, `the collection took ${took} s: long enough to see progress`);
  assert.ok(updates.live.length <= 3 + took / 15, `the live region spoke ${updates.live.length} times in ${took} s`);
  assert.match(updates.live.at(-1)[1], /Collection finished in/);

  // The summary: what was read, the 403s of the demo's pricings (one per cloned subscription too).
  assert.match(await wizard(page, '.collect-step').textContent(), /^\d[\d,]* requests read in (\d+ min )?\d+ s \(\d[\d,]* HTTP requests with pages and retries, 2 throttled by Azure and retried\)\.$/);
  // The collector's notes, as text (its `code` spans as <code>), and nothing stray.
  const notes = await wizard(page, '.collect-note').allTextContents();
  assert.ok(notes.some((t) => /log account's blobs .* were not read/.test(t)), JSON.stringify(notes));
  assert.equal(await wizard(page, '.collect-note code').first().textContent(), 'azure-onboard verify');
  assert.doesNotMatch(await wizard(page, '.collect-body').textContent(), /\[object |null|undefined/);
  const forbidden = wizard(page, '[data-problem="forbidden"]');
  assert.match(await forbidden.textContent(), new RegExp(`Azure refused ${EXTRA + 1} requests \\(403\\)`));
  assert.match(await wizard(page, '.drop .files').textContent(), /Snapshot: collected from Azure at \d\d:\d\d UTC/);
  assert.match(await verdict.textContent(), /Not ready yet/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: shot('desktop-after') });
  await wizard(page, '.collect').screenshot({ path: shot('desktop-after-panel') });

  // The snapshot download: the collected snapshot, without a token.
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Download the snapshot (JSON)').click()]);
  assert.match(download.suggestedFilename(), /^azure-snapshot-\d{8}T\d{6}Z\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  assert.deepEqual(leaks(text), []);
  const snapshot = JSON.parse(text);
  assert.equal(snapshot.responses.filter((r) => r.url.includes('/Microsoft.ClassicStorage/')).length, EXTRA + 2);

  // Assessed exactly as a loaded snapshot: loading the downloaded file renders the same report.
  const report = wizard(page, '.report');
  const collectedReport = await report.innerHTML();
  await wizard(page, 'input[type="file"]').setInputFiles({ name: 'downloaded.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await wizard(page, '.drop .files').filter({ hasText: 'Snapshot: downloaded.json' }).waitFor();
  assert.equal(await report.innerHTML(), collectedReport);
  const expected = await page.evaluate(async ({ plan, snapshot }) => (await import('@workbench/azure-onboarding/full')).assess(plan, snapshot), { plan: bigPlan, snapshot });
  assert.match(await verdict.textContent(), new RegExp(`${expected.summary.fail} fail`));
  assert.equal(await wizard(page, 'details.step-report').count(), expected.steps.length);

  // No token in the page (shadow roots included), the console, or anything recorded.
  assert.deepEqual(leaks(await deepHtml(page)), []);
  assert.deepEqual(leaks(consoleText.join('\n')), []);
  // The demo's 403s (and the 429s) are the only failed responses the page saw.
  // (404: these fakes have no Resource Graph, so the collector falls back to the lists.)
  assert.deepEqual(problems.filter((p) => !/^(HTTP (403|404|429)|console\.error: Failed to load resource: .* (403|404|429))/.test(p)), []);
  await page.close();
});

test('keyboard only at phone width: Collect, focus follows the progress, then the download', async () => {
  const fake = await startFake(bigSnapshotPath, '--latency-ms', '40');
  const { page, consoleText } = await openCheck(390);
  await provide(page, { fake });
  assert.match(await wizard(page, '.collect-hint').textContent(), /With the plan loaded, you can also collect/);
  await wizard(page, 'input[type="file"]').setInputFiles(planFile(bigPlan));
  await button(page, 'Collect from Azure now').waitFor();
  assert.match(await wizard(page, '.lead').textContent(), /reads your tenant from Azure with your sign-in/, 'the page no longer says nothing leaves it');
  await page.screenshot({ path: shot('phone-before') });
  // Tab from the top of the page to the Collect button.
  await page.evaluate(() => document.activeElement?.blur());
  let presses = 0;
  while ((await focused(page))?.text !== 'Collect from Azure now') {
    await page.keyboard.press('Tab');
    assert.ok(++presses < 60, `the Collect button is reachable with Tab (now on ${JSON.stringify(await focused(page))})`);
  }
  await watchUpdates(page);
  await page.keyboard.press('Enter');
  // Focus moves to the progress panel's heading, which says what is going on.
  await page.waitForFunction(() => (window.collectUpdates.values.at(-1)?.[0] ?? 0) > 50);
  assert.deepEqual(await focused(page), { tag: 'h3', text: 'Collecting from Azure' });
  // Enter on the disabled-looking button does not start a second collection.
  await page.screenshot({ path: shot('phone-during') });
  await wizard(page, '[part="verdict"]').waitFor({ timeout: 60_000 });
  assert.deepEqual(await focused(page), { tag: 'h3', text: 'Collected from Azure' });
  assert.equal(await wizard(page, '.collect').count(), 1, 'one collection panel');
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(page), { tag: 'button', text: 'Download the snapshot (JSON)' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.deepEqual(leaks(readFileSync(await download.path(), 'utf8')), []);
  await page.screenshot({ path: shot('phone-after') });
  await wizard(page, '.collect').screenshot({ path: shot('phone-after-panel') });
  // Nothing is wider than the phone's screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no horizontal scrolling at 390 px');
  assert.deepEqual(leaks(await deepHtml(page)), []);
  assert.deepEqual(leaks(consoleText.join('\n')), []);
  await page.close();
});

test('a token provider that throws is shown as a clear error without the token, and Collect works again', async () => {
  const fake = await startFake(`${root}examples/demo-snapshot.json`);
  const { page, problems, consoleText } = await openCheck(1280);
  await wizard(page, 'input[type="file"]').setInputFiles(planFile(demoPlan));
  // The ARM token comes; Graph's request fails with a message that (carelessly) holds tokens.
  await provide(page, {
    fake, throwFor: 'graph',
    message: `interaction_required: AADSTS50076: multi-factor authentication needed (was ${ARM_TOKEN}, cached ${OTHER_TOKEN})`,
  });
  await button(page, 'Collect from Azure now').click();
  const error = wizard(page, '[data-collect-error]');
  await error.waitFor();
  assert.equal(await error.getAttribute('role'), 'alert');
  const text = await error.textContent();
  assert.match(text, /The console could not get a token for Microsoft Graph: interaction_required: AADSTS50076/);
  assert.match(text, /\[token removed\].*\[token removed\]/);
  assert.match(await wizard(page, '.collect h3').textContent(), /Not collected/);
  assert.equal(await wizard(page, '[part="verdict"]').count(), 0, 'nothing assessed');
  const again = button(page, 'Collect from Azure now');
  assert.equal(await again.getAttribute('aria-disabled'), null, 'Collect can be tried again');

  // A provider that gives something else than a string.
  await page.evaluate(() => { document.querySelector('azure-onboarding-wizard').tokenProvider = async () => ({ accessToken: 'x' }); });
  await again.click();
  await error.filter({ hasText: "tokenProvider('arm') gave an object, not an access token" }).waitFor().catch(async () => {
    assert.fail(await error.textContent());
  });
  // Misuse of the element's properties is refused at once.
  const refused = await page.evaluate(() => {
    const w = document.querySelector('azure-onboarding-wizard');
    const attempt = (f) => { try { f(); return 'accepted'; } catch (e) { return `${e.name}: ${e.message}`; } };
    return [
      attempt(() => { w.tokenProvider = 'token'; }),
      attempt(() => { w.collectOptions = { armToken: 'abc' }; }),
      attempt(() => { w.collectOptions = [] ; }),
    ];
  });
  assert.deepEqual(refused, [
    'TypeError: tokenProvider: expected a function (api) => Promise<string> or null',
    'TypeError: collectOptions.armToken: not an option here (authority, collectedAt, endpointsForTesting); the tokens come from tokenProvider',
    'TypeError: collectOptions: expected an object or null',
  ]);
  assert.deepEqual(leaks(await deepHtml(page)), []);
  assert.deepEqual(leaks(consoleText.join('\n')), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('tokens Azure does not accept (401), and no answer at all (network), are named in a callout; the report says unknown', async () => {
  const fake = await startFake(`${root}examples/demo-snapshot.json`);
  const { page, consoleText } = await openCheck(1280);
  await wizard(page, 'input[type="file"]').setInputFiles(planFile(demoPlan));
  await provide(page, { fake, tokens: { arm: OTHER_TOKEN, graph: null } });
  await button(page, 'Collect from Azure now').click();
  await wizard(page, '[part="verdict"]').waitFor({ timeout: 60_000 });
  const callout = wizard(page, '[data-collect-problems]');
  assert.match(await callout.getAttribute('class'), /callout error/, 'every request failed: an error, not a warning');
  assert.match(await callout.locator('[data-problem="unauthorized"]').textContent(), /Azure did not accept the token for \d+ requests \(401\)/);
  assert.ok(await wizard(page, '.finding[data-code="not-collected"]').count() > 0, 'no Graph token: its requests are reported not collected');

  // Nothing listening (a port just closed): every request gets no answer, after its retries.
  const closed = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(`http://127.0.0.1:${port}`)); });
  });
  await provide(page, { fake: closed });
  await button(page, 'Collect from Azure now').click();
  const noAnswer = wizard(page, '[data-problem="no-answer"]');
  await noAnswer.waitFor({ timeout: 60_000 });
  assert.match(await noAnswer.textContent(), /^\d+ requests got no answer \(network failure or timeout\)/);
  assert.match(await callout.getAttribute('class'), /callout error/);
  assert.match(await wizard(page, '[part="verdict"]').textContent(), /Not ready yet/);
  assert.ok(await wizard(page, '.status.unknown').count() > 0);
  assert.deepEqual(leaks(await deepHtml(page)), []);
  assert.deepEqual(leaks(consoleText.join('\n')), []);
  await page.close();
});

test('a collection that ends while another page is shown keeps its summary and report for the way back', async () => {
  const fake = await startFake(`${root}examples/demo-snapshot.json`, '--latency-ms', '20');
  const { page, problems } = await openCheck(1280);
  await wizard(page, 'input[type="file"]').setInputFiles(planFile(demoPlan));
  await provide(page, { fake });
  await button(page, 'Collect from Azure now').click();
  await wizard(page, 'nav button').filter({ hasText: 'Before you start' }).click();
  // The report ticks the steps that passed, which the step list shows on any page.
  await wizard(page, 'nav button').filter({ hasText: 'Enable console access' }).locator('.count.done').waitFor({ timeout: 60_000 });
  await wizard(page, 'nav button').filter({ hasText: 'Check my tenant' }).click();
  assert.match(await wizard(page, '.collect h3').textContent(), /Collected from Azure/);
  assert.match(await wizard(page, '[part="verdict"]').textContent(), /Not ready yet/);
  assert.match(await wizard(page, '.drop .files').textContent(), /Snapshot: collected from Azure/);
  assert.doesNotMatch(await wizard(page, '.collect').textContent(), /\[object |null|undefined|NaN/);
  // (404: this fake has no Resource Graph, so the collector falls back to the lists.)
  assert.deepEqual(problems.filter((p) => !/^(HTTP (403|404)|console\.error: Failed to load resource: .* (403|404))/.test(p)), []);
  await page.close();
});

test('Cancel, keyboard only: the collection stops, nothing is kept, focus stays on the panel, Collect works again', async () => {
  const fake = await startFake(bigSnapshotPath, '--latency-ms', '300');
  const { page, consoleText } = await openCheck(1280);
  await provide(page, { fake });
  await wizard(page, 'input[type="file"]').setInputFiles(planFile(bigPlan));
  await button(page, 'Collect from Azure now').focus();
  await watchUpdates(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (window.collectUpdates.values.at(-1)?.[0] ?? 0) > 5);
  assert.deepEqual(await focused(page), { tag: 'h3', text: 'Collecting from Azure' });
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(page), { tag: 'button', text: 'Cancel' });
  await wizard(page, '.collect').screenshot({ path: shot('desktop-cancel-during') });
  await page.keyboard.press('Enter');
  await wizard(page, '[data-collect-cancelled]').waitFor({ timeout: 15_000 });
  assert.match(await wizard(page, '.collect h3').textContent(), /Not collected/);
  assert.deepEqual(await focused(page), { tag: 'h3', text: 'Not collected' });
  assert.equal(await wizard(page, '.collect [role="alert"]').count(), 0, 'a cancel is not shown as an error');
  assert.equal(await wizard(page, '[part="verdict"]').count(), 0, 'no report from a cancelled collection');
  assert.match(await wizard(page, '.drop').textContent(), /Snapshot: not loaded/);
  // Collect is offered again, and a new collection can start.
  await button(page, 'Collect from Azure now').waitFor();
  await wizard(page, '.collect').screenshot({ path: shot('desktop-cancel-after') });
  assert.deepEqual(leaks(await deepHtml(page)), []);
  assert.deepEqual(leaks(consoleText.join('\n')), []);
  await page.close();
});
