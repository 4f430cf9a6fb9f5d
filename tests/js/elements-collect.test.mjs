// The live collection's pure helpers (pkg/elements/collect.js), in Node: what the summary
// says about a collected snapshot's failures, and the removal of tokens from a token
// provider's error text. The page around them is tested in tests/e2e/wizard-collect.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readProblems, redact } from '../../pkg/elements/collect.js';

const entry = (status, code) => ({
  method: 'GET', url: 'https://management.azure.com/subscriptions/x', status,
  body: code ? { error: { code, message: 'm' } } : { value: [] },
});

test('readProblems counts 401, 403, unanswered, refused and still-throttled entries, each once', () => {
  const snapshot = {
    format: 'azure-onboarding-snapshot/v1', collectedAt: '2026-12-01T00:00:00Z',
    responses: [entry(200), entry(200), entry(401, 'InvalidAuthenticationToken'), entry(403, 'AuthorizationFailed'),
      entry(403, 'AuthorizationFailed'), entry(502, 'CollectorConnectionFailed'), entry(504, 'CollectorTimeout'),
      entry(421, 'CollectorRefused'), entry(502, 'CollectorResponseTooLarge'), entry(429, 'TooManyRequests'), entry(404, 'NotFound')],
  };
  const problems = readProblems(snapshot);
  assert.deepEqual(problems.map((p) => p.kind), ['unauthorized', 'forbidden', 'no-answer', 'not-read', 'throttled']);
  const text = Object.fromEntries(problems.map((p) => [p.kind, p.text]));
  assert.match(text.unauthorized, /^Azure did not accept the token for 1 request \(401\)/);
  assert.match(text.forbidden, /^Azure refused 2 requests \(403\)/);
  assert.match(text['no-answer'], /^2 requests got no answer \(network failure or timeout\)/);
  assert.equal(text['not-read'], '2 requests could not be read (CollectorRefused, CollectorResponseTooLarge).');
  assert.match(text.throttled, /^1 request stayed throttled \(429\)/);
  assert.ok(problems.every((p) => !p.all));
  // A snapshot where nothing was read: `all` makes the callout an error, not a warning.
  assert.deepEqual(readProblems({ responses: [entry(401), entry(401)] }).map((p) => [p.kind, p.all]), [['unauthorized', true]]);
  // Nothing wrong (404 means "does not exist"), or not a snapshot at all: nothing to say.
  assert.deepEqual(readProblems({ responses: [entry(200), entry(404, 'NotFound')] }), []);
  assert.deepEqual(readProblems(null), []);
  assert.deepEqual(readProblems({ responses: 'x' }), []);
});

test('redact removes the tokens given and anything token-shaped, and stays short', () => {
  const jwt = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJhcm0ifQ.c2lnbmF0dXJlCANARY';
  const opaque = 'EwB4A8l6BAAURSN'.repeat(6);
  const given = 'plain-secret-token-value-CANARY';
  const out = redact(`AADSTS50076: sign in again; was ${given}, cached ${jwt}, refresh ${opaque}; trace 1f0e2d3c-aaaa-4bbb-8ccc-0123456789ab`, [given]);
  assert.ok(!out.includes('CANARY') && !out.includes(opaque), out);
  assert.equal(out, 'AADSTS50076: sign in again; was [token removed], cached [token removed], refresh [removed]; trace 1f0e2d3c-aaaa-4bbb-8ccc-0123456789ab');
  assert.equal(redact('x'.repeat(50) + ' '.repeat(400), []).length, 300);
  assert.equal(redact('no token here', ['', null]), 'no token here');
});
