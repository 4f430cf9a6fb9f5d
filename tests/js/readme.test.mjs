// The README's JavaScript examples, executed as a user would paste them (in Node, against
// the built package), with the output compared to what the README's comments promise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
const dir = new URL('../artifacts/readme/', import.meta.url);

test('the README has JavaScript examples', () => assert.ok(blocks.length >= 1));

for (const [i, code] of blocks.entries()) {
  test(`README JavaScript example ${i + 1} runs and prints what its comments say`, () => {
    mkdirSync(dir, { recursive: true });
    const file = new URL(`example-${i + 1}.mjs`, dir);
    writeFileSync(file, code);
    const out = execFileSync(process.execPath, [file.pathname], { encoding: 'utf8' }).split('\n');
    const promised = [...code.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((m) => m[1]);
    assert.ok(promised.length > 0, 'the example says what it prints');
    for (const [line, comment] of promised.entries()) {
      const expected = comment.replace(/ \(.*\)$/, '');
      assert.equal(out[line], expected, `line ${line + 1} of the output`);
    }
  });
}
