// The npm package's metadata says what is true: its licenses (the files are there), its
// repository (the crates'), the Node versions it runs on, and every export points at a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const at = (path) => new URL(`../../${path}`, import.meta.url);
const read = (path) => readFileSync(at(path), 'utf8');
const manifest = JSON.parse(read('pkg/package.json'));
const cargo = read('Cargo.toml');

test('the license is MIT OR Apache-2.0, as for the crates, with both texts in the package', () => {
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.match(cargo, /^license = "MIT OR Apache-2\.0"$/m);
  assert.match(read('pkg/LICENSE-MIT'), /^MIT License\n\nCopyright \(c\) \d{4} .+\n\nPermission is hereby granted, free of charge/);
  assert.match(read('pkg/LICENSE-APACHE'), /Apache License\s+Version 2\.0, January 2004[\s\S]*END OF TERMS AND CONDITIONS/);
  // One text each: the repository's root copies and the package's are the same.
  assert.equal(read('pkg/LICENSE-MIT'), read('LICENSE-MIT'));
  assert.equal(read('pkg/LICENSE-APACHE'), read('LICENSE-APACHE'));
  for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) assert.ok(manifest.files.includes(f), f);
});

test('the repository is the crates\' repository', () => {
  const [, url] = /^repository = "([^"]+)"$/m.exec(cargo);
  assert.deepEqual(manifest.repository, { type: 'git', url });
});

test('engines: the Node versions where both import and require() of the package work', () => {
  // require() of an ES module works without a flag from Node 20.19 and 22.12 (not 22.0-22.11).
  assert.equal(manifest.engines.node, '^20.19.0 || >=22.12.0');
  const [major, minor] = process.versions.node.split('.').map(Number);
  assert.ok((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22,
    `the suite runs on a supported Node (${process.versions.node})`);
  assert.match(read('pkg/README.md'), /## Node\.js \(20\.19\+ or 22\.12\+\)/);
});

test('the README says that bundling a Node app needs the .wasm copied', () => {
  assert.match(read('pkg/README.md'), /Bundling a Node app[\s\S]{0,400}copy the `\.wasm` next to the bundle/);
});

test('every export, types included, points at a file of the package', () => {
  const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
  assert.ok(targets.length > 10);
  for (const t of targets) assert.ok(existsSync(at(`pkg/${t}`)), `${t} (build the package with cargo xtask wasm)`);
  for (const entry of ['./elements', './elements/form', './elements/wizard']) {
    assert.match(manifest.exports[entry].types, /\.d\.ts$/, entry);
    assert.ok(manifest.sideEffects.includes(manifest.exports[entry].default), `${entry} defines elements: a side effect`);
  }
});
