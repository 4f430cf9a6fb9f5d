// `npm pack` produces a tarball that installs into an empty project and works there.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let packed;
let project;

before(() => {
  const out = mkdtempSync(join(tmpdir(), 'azure-onboarding-pack-'));
  [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', out], pkgDir));
  project = mkdtempSync(join(tmpdir(), 'azure-onboarding-consumer-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // The package has no dependencies, so the install needs no registry at all.
  npm(['install', '--offline', '--no-audit', '--no-fund', join(out, packed.filename)], project);
});

test('the tarball holds the module, its glue, its types, the elements, the licenses and nothing else', () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ['README.md', 'package.json', 'index.node.js', 'full.node.js', 'dist/azure_onboarding.js', 'dist/azure_onboarding.d.ts', 'dist/azure_onboarding_bg.wasm', 'dist/azure_onboarding_full.js', 'dist/azure_onboarding_full_bg.wasm']) {
    assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
  }
  assert.ok(files.every((f) => /^(README\.md|package\.json|LICENSE-(MIT|APACHE)|(index|full)\.node\.js|dist\/|elements\/)/.test(f)), files.join(', '));
});

test('installed into an empty project, it validates under Node ESM', () => {
  writeFileSync(join(project, 'check.mjs'), `
    import { validateConfig, version } from '@workbench/azure-onboarding';
    const r = validateConfig({ accessOption: 'customApp', tenantId: 'contoso.onmicrosoft.com' });
    console.log(JSON.stringify({ version: version(), codes: r.issues.map((i) => i.code) }));
  `);
  const out = JSON.parse(execFileSync(process.execPath, ['check.mjs'], { cwd: project, encoding: 'utf8' }));
  assert.equal(out.version, packed.version);
  assert.ok(out.codes.includes('tenant-id-is-domain'), out.codes.join(', '));
});

test('installed into an empty project, require() works too (Node 20.19+, 22.12+: require of ES modules)', () => {
  writeFileSync(join(project, 'check.cjs'), `
    const { validateField } = require('@workbench/azure-onboarding');
    const { assess } = require('@workbench/azure-onboarding/full');
    console.log(JSON.stringify({ codes: validateField('tenantId', 'contoso.onmicrosoft.com').map((i) => i.code), assess: typeof assess }));
  `);
  const out = JSON.parse(execFileSync(process.execPath, ['check.cjs'], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  assert.deepEqual(out, { codes: ['tenant-id-is-domain'], assess: 'function' });
});
