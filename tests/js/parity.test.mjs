// Parity with the Rust SDK: the same table gives exactly the same reports through the npm
// package as through the Rust API (crates/azure-onboarding/tests/parity.rs writes and checks
// the golden file this suite reads).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateConfig, validateField } from '@workbench/azure-onboarding';

const read = (name) => JSON.parse(readFileSync(new URL(`../parity/${name}`, import.meta.url), 'utf8'));
const cases = read('validation-cases.json');
const golden = read('validation-reports.json');

test('the table and the golden file describe the same cases', () => {
  assert.deepEqual(cases.map((c) => c.name), golden.map((g) => g.name));
});

for (const [i, { name, config }] of cases.entries()) {
  test(`validateConfig gives the Rust report: ${name}`, () => {
    assert.deepEqual(validateConfig(config), golden[i].report);
  });

  test(`validateField agrees with validateConfig field by field: ${name}`, () => {
    const { issues } = golden[i].report;
    for (const field of Object.keys(config)) {
      const expected = issues.filter((issue) => issue.field === field);
      assert.deepEqual(validateField(field, config[field], config), expected, field);
    }
  });
}
