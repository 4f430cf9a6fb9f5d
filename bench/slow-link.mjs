// Benchmark (not a test): how long the form and the wizard's first step take on a slow link
// (150 ms latency, 1.6 Mbps down and up, Chromium's own throttling through CDP
// Network.emulateNetworkConditions), with the demo server compressing (gzip) and, as the
// baseline in the same run, without. Cold cache, a fresh browser context per load.
//   node bench/slow-link.mjs [runs]          (after `cargo xtask wasm`)
// BASELINE_WWW=<dir> adds a row for another copy of the demo (e.g. an older www/ served by
// its own serve.mjs, with pkg/ and examples/ beside it), measured in the same run.
// "ready" is the element's `onboarding-ready` event, in ms after navigation start.
import { startServer } from '../www/serve.mjs';
import { launchChromium } from '../tests/support/browser.mjs';

const runs = Number(process.argv[2] ?? 5);
const LINK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 1.6e6 / 8 };

async function measure(browser, url, element) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', LINK);
  await page.addInitScript((name) => {
    document.addEventListener('onboarding-ready', (e) => {
      if (e.target.localName === name) window.readyAt ??= performance.now();
    }, { capture: true }); // capture: older elements fired it without bubbling
  }, element);
  await page.goto(url);
  await page.waitForFunction(() => window.readyAt !== undefined, null, { timeout: 60_000 });
  const readyAt = await page.evaluate(() => window.readyAt);
  const bytes = await page.evaluate(() => performance.getEntriesByType('resource').reduce((n, e) => n + e.transferSize, 0)
    + performance.getEntriesByType('navigation').reduce((n, e) => n + e.transferSize, 0));
  await context.close();
  return { readyAt, bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launchChromium();
const servers = { gzip: await startServer({ port: 0 }), identity: await startServer({ port: 0, compress: false }) };
if (process.env.BASELINE_WWW) {
  const { startServer: startBaseline } = await import(new URL(`file://${process.env.BASELINE_WWW}/www/serve.mjs`));
  servers.baseline = await startBaseline({ port: 0 });
}
console.log(`slow link: ${LINK.latency} ms, ${(LINK.downloadThroughput * 8) / 1e6} Mbps; ${runs} cold loads each, median`);
for (const [what, path, element] of [['form ready', 'form.html', 'azure-onboarding-form'], ['wizard first step', '', 'azure-onboarding-wizard']]) {
  for (const [mode, server] of Object.entries(servers)) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await measure(browser, `${server.url}${path}`, element));
    const ms = median(results.map((r) => r.readyAt));
    const kb = median(results.map((r) => r.bytes)) / 1024;
    console.log(`  ${what.padEnd(18)} ${mode.padEnd(9)} ${ms.toFixed(0).padStart(6)} ms   ${kb.toFixed(1).padStart(7)} KiB transferred`);
  }
}
await Promise.all(Object.values(servers).map((s) => s.close()));
await browser.close();
