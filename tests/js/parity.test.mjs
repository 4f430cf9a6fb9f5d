// Parity with the Rust SDK: the same table gives exactly the same reports through the npm
// package as through the Rust API (crates/azure-onboarding/tests/parity.rs writes and checks
// the golden file this suite reads).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig, validateField, tenantLookupResult } from '@workbench/azure-onboarding';
// JSON modules, so that the same file runs in Node and in the browser (tests/e2e/js-suite-in-browser).
import cases from '../parity/validation-cases.json' with { type: 'json' };
import golden from '../parity/validation-reports.json' with { type: 'json' };
import lookupCases from '../parity/lookup-cases.json' with { type: 'json' };
import lookupGolden from '../parity/lookup-results.json' with { type: 'json' };

test('the table and the golden file describe the same cases', () => {
  assert.deepEqual(cases.map((c) => c.name), golden.map((g) => g.name));
});

for (const [i, { name, config }] of cases.entries()) {
  test(`validateConfig gives the Rust report: ${name}`, () => {
    assert.deepEqual(validateConfig(config), golden[i].report);
    // Keys in the Rust structs' order, as serde gave them (the golden file's are sorted): the
    // compact result crossing builds the objects in JS (crates/azure-onboarding-wasm/src/results.rs).
    const report = validateConfig(config);
    const inOrder = (object, order) => assert.deepEqual(Object.keys(object), order.filter((k) => k in object));
    inOrder(report, ['valid', 'issues', 'normalized']);
    report.issues.forEach((issue) => inOrder(issue, ['field', 'code', 'severity', 'message', 'hint']));
    inOrder(report.normalized, ['accessOption', 'tenantId', 'clientId', 'clientSecret', 'deviceName', 'location', 'useStorageAccountContributorRole']);
  });

  test(`validateField agrees with validateConfig field by field: ${name}`, () => {
    const { issues } = golden[i].report;
    for (const field of Object.keys(config)) {
      const expected = issues.filter((issue) => issue.field === field);
      assert.deepEqual(validateField(field, config[field], config), expected, field);
    }
  });
}

// The tenant lookup: the same answers through the npm package (the browser's JSON.parse and
// the snippet's `discoveryFrom`) as through the Rust API (crates/azure-onboarding/tests/parity.rs).
test('the lookup table and its golden file describe the same cases', () => {
  assert.deepEqual(lookupCases.map((c) => c.name), lookupGolden.map((g) => g.name));
});

for (const [i, { name, response, options }] of lookupCases.entries()) {
  test(`tenantLookupResult gives the Rust outcome: ${name}`, () => {
    assert.deepEqual(tenantLookupResult(response, options), lookupGolden[i].outcome);
  });
}
