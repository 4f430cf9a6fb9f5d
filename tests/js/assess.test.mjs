// The full build (`@workbench/azure-onboarding/full`): readiness assessment gives exactly the
// Rust SDK's report for the demo tenant, and misuse names the JSON path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assess, validateConfig } from '@workbench/azure-onboarding/full';
import plan from '../../examples/demo-plan.json' with { type: 'json' };
import snapshot from '../../examples/demo-snapshot.json' with { type: 'json' };
import golden from '../../crates/azure-onboarding/tests/golden/demo-report.json' with { type: 'json' };

test('assess(demo plan, demo snapshot) is the Rust golden report', () => {
  assert.deepEqual(assess(plan, snapshot), golden);
});

test('ready is false exactly when a required check fails or is unknown', () => {
  const report = assess(plan, snapshot);
  const blocking = report.steps
    .flatMap((s) => s.findings)
    .some((f) => f.required && (f.status === 'fail' || f.status === 'unknown'));
  assert.equal(report.ready, !blocking);
  assert.equal(report.ready, false);
});

test('an empty snapshot makes every check unknown, never pass', () => {
  const report = assess(plan, { format: 'azure-onboarding-snapshot/v1', collectedAt: '2026-11-26T12:00:00Z', responses: [] });
  assert.equal(report.ready, false);
  assert.equal(report.summary.pass, 0);
  assert.ok(report.summary.unknown > 0);
});

test('a plan of the wrong shape throws with the JSON path', () => {
  assert.throws(() => assess({ ...plan, subscriptions: ['not-a-guid'] }, snapshot), (err) => {
    assert.equal(err.name, 'AzureOnboardingError');
    assert.equal(err.code, 'invalid-argument');
    assert.match(err.path, /^plan\.subscriptions/);
    return true;
  });
  assert.throws(() => assess(plan, { ...snapshot, format: 'v0' }), { name: 'AzureOnboardingError' });
});

test('the full build validates too', () => {
  assert.equal(validateConfig({}).valid, false);
});

test('fillCommand puts in only well-formed IDs, one line per subscription', async () => {
  const { fillCommand } = await import('@workbench/azure-onboarding/full');
  const f = fillCommand('az role assignment list --subscription {subscriptionId} --assignee {guestMail}', {
    subscriptions: ['3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d', '$(id)'],
    guestMail: 'a`id`@provider.example',
  });
  assert.equal(f.text.split('\n').length, 2);
  assert.ok(!f.text.includes('$(id)') && !f.text.includes('`id`'), f.text);
  assert.deepEqual(f.invalid, ['guestMail', 'subscriptionId']);
  assert.deepEqual(f.missing, ['guestMail']);
});

test('an over-deep snapshot throws AzureOnboardingError and the next call works', async () => {
  const { AzureOnboardingError, remediate } = await import('@workbench/azure-onboarding/full');
  let deep = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const hostile = { ...snapshot, responses: [{ ...snapshot.responses[0], body: deep }] };
  for (const call of [() => assess(plan, hostile), () => remediate(plan, hostile), () => assess({ ...plan, egressIps: deep }, snapshot)]) {
    assert.throws(call, (err) => {
      assert.ok(err instanceof AzureOnboardingError, `${err}`);
      assert.equal(err.code, 'invalid-argument');
      assert.match(err.path, /^(snapshot\.responses\[0\]\.body|plan\.egressIps)\[0\]\[0\]/);
      assert.match(err.message, /nested more than 128 levels deep$/);
      return true;
    });
    assert.deepEqual(assess(plan, snapshot), golden, 'the next call works');
  }
});
