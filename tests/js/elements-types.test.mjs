// The elements' TypeScript declarations (pkg/elements/*.d.ts) type-check a console's usage
// (tests/ts-elements/usage.ts) under tsc --strict with the DOM lib, including lines that
// must fail (`@ts-expect-error`): a declaration that degraded to `any` fails this test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the elements\' declarations type-check a usage example under tsc --strict', () => {
  const tsc = spawnSync(`${root}node_modules/.bin/tsc`, ['--noEmit', '-p', 'tests/ts-elements'], { cwd: root, encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});
