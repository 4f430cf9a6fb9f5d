// Helpers for the browser tests of the elements: the page's whole markup including shadow
// roots, axe-core, and a fake Microsoft Entra authority on 127.0.0.1.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const axePath = require.resolve('axe-core/axe.min.js');

export const CANARY = 'abc8Q~CANARYcanaryCANARYcanaryCANARY1234';

/** The document's markup with every open shadow root's markup (input values excluded). */
export function deepHtml(page) {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.innerHTML);
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    return parts.join('\n');
  });
}

/** Runs axe-core on the page; returns its violations at every impact level (minor too). */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The serious and critical violations only (kept for callers that want the old cut). */
export async function seriousViolations(page) {
  return (await axeViolations(page)).filter((v) => / \((serious|critical)\): /.test(v));
}

export const TENANT = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';

/**
 * A fake sign-in service: the v2.0 discovery document of contoso.onmicrosoft.com, and the
 * AADSTS90002 answer (HTTP 400) for every other domain. Records the requests it got.
 */
export function startFakeAuthority() {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    const headers = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' };
    const m = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(req.url);
    if (m && m[1] === 'contoso.onmicrosoft.com') {
      res.writeHead(200, headers);
      res.end(JSON.stringify({
        token_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
        issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
      }));
      return;
    }
    res.writeHead(400, headers);
    res.end(JSON.stringify({
      error: 'invalid_tenant',
      error_description: "AADSTS90002: Tenant 'x' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
      error_codes: [90002],
      error_uri: 'https://login.microsoftonline.com/error?code=90002',
    }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((done) => server.close(done)),
  })));
}
