// Remediation through the full build gives exactly the Rust SDK's plan, templates and script
// for the demo tenant (the golden files crates/azure-onboarding/tests/remediate_golden.rs checks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { remediate } from '@workbench/azure-onboarding/full';
import plan from '../../examples/demo-plan.json' with { type: 'json' };
import snapshot from '../../examples/demo-snapshot.json' with { type: 'json' };
import goldenPlan from '../../crates/azure-onboarding/tests/golden/remediate/demo.json' with { type: 'json' };
import goldenFull from '../../crates/azure-onboarding/tests/golden/remediate/demo-full.json' with { type: 'json' };
import armA from '../../crates/azure-onboarding/tests/golden/remediate/demo.3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718.arm.json' with { type: 'json' };
import armB from '../../crates/azure-onboarding/tests/golden/remediate/demo.9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d.arm.json' with { type: 'json' };

const goldenScript = await fetchText('../../crates/azure-onboarding/tests/golden/remediate/demo.sh');

async function fetchText(rel) {
  const url = new URL(rel, import.meta.url);
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return readFile(url, 'utf8');
  }
  return (await fetch(url)).text();
}

test('remediate(plan, snapshot) is the Rust plan, with the same templates and script', () => {
  const r = remediate(plan, snapshot);
  assert.deepEqual(r.plan, goldenPlan);
  const bySub = Object.fromEntries(r.armTemplates.map((t) => [t.subscriptionId, t.template]));
  assert.deepEqual(bySub['3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718'], armA);
  assert.deepEqual(bySub['9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d'], armB);
  assert.equal(r.azScript, goldenScript);
});

test('without a snapshot, the whole setup of the plan', () => {
  assert.deepEqual(remediate(plan).plan, goldenFull);
});

test('a snapshot of the wrong shape throws with its JSON path', () => {
  assert.throws(() => remediate(plan, { format: 'azure-onboarding-snapshot/v1' }), (err) => {
    assert.equal(err.name, 'AzureOnboardingError');
    assert.match(err.path, /^snapshot/);
    return true;
  });
});
