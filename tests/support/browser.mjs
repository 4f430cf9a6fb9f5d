// Launches Debian's Chromium for the browser tests (never a downloaded browser).
import { chromium } from 'playwright-core';

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
}

/** Whether a URL is on this machine: the only place tests may talk to. */
export function isLoopback(url) {
  const { protocol, hostname } = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(protocol)) return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * Opens a page that records console errors, page errors and failed requests, and refuses
 * (and records) every request to a host other than this machine, so that a regression that
 * would reach out to Azure or anything else fails the test instead of leaving the machine.
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  await page.route('**/*', (route) => {
    const target = route.request().url();
    if (isLoopback(target)) return route.continue();
    problems.push(`blocked request to an outside host: ${target}`);
    return route.abort('blockedbyclient');
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}
