// readForm's fast check (flatForm in boundary.rs: a plain object of strings, null and
// undefined, walked with for-in) may only say "fine" where the complete check
// (checkArgument, then each form field a string) finds nothing: otherwise misuse would pass.
// Both are run here on the same hostile and ordinary values, with the real limits and with
// limits small enough that every bound is crossed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';

const snippetsDir = new URL('../../pkg/dist/snippets/', import.meta.url);
const snippet = {};
for (const dir of readdirSync(snippetsDir)) {
  for (const file of readdirSync(new URL(`${dir}/`, snippetsDir))) {
    Object.assign(snippet, await import(new URL(`${dir}/${file}`, snippetsDir).href));
  }
}
const FORM_FIELDS = ['accessOption', 'deviceName', 'location', 'tenantId', 'clientId', 'clientSecret', 'useStorageAccountContributorRole'];

// What the complete check says: a problem (path) or undefined.
function expected(value, name, [maxDepth, maxNodes, maxChars, maxString]) {
  // No context (undefined or null) is an empty one; a config is always needed.
  if (value == null && name === 'context') return undefined;
  const problem = snippet.checkArgument(value, name, 'object', maxDepth, maxNodes, maxChars, maxString);
  if (problem) return problem[0];
  for (const key of FORM_FIELDS) {
    const v = value[key];
    if (v !== undefined && v !== null && typeof v !== 'string') return `${name}.${key}`;
  }
  return undefined;
}
// The module's memory, as the module passes it, and where readForm writes.
const memory = new WebAssembly.Memory({ initial: 2 });
const AT = 1000, CAPACITY = 64 * 1024;
// What readForm does (the path of the error it keeps when it returns -1, or undefined), for
// every `wanted` it is called with. It never throws.
function actual(value, nameIndex, wanted, [maxDepth, maxNodes, maxChars, maxString]) {
  const written = snippet.readForm(value, nameIndex, wanted, memory, AT, CAPACITY, maxDepth, maxNodes, maxChars, maxString);
  snippet.wipeForm();
  const err = snippet.takeError();
  assert.equal(err !== undefined, written === -1, 'an error is kept exactly when -1 is returned');
  if (err === undefined) return undefined;
  assert.equal(err.name, 'AzureOnboardingError', String(err));
  return err.path;
}

const good = { accessOption: 'customApp', tenantId: '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b', deviceName: 'Azure production' };
class Form { constructor() { Object.assign(this, good); } }
const values = () => [
  {}, good, { ...good, extra: 'x' }, { ...good, tenantId: null, clientId: undefined },
  Object.assign(Object.create(null), good), new Form(),
  { ...good, [Symbol.toStringTag]: 'Map' }, { ...good, [Symbol('s')]: 5 },
  { ...good, extra: { nested: ['a', 1, true, null] } }, { ...good, extra: 5 }, { ...good, extra: () => 1 },
  { ...good, tenantId: 42 }, { ...good, deviceName: { a: 1 } }, { ...good, extra: 'x'.repeat(5000) },
  { ...good, ['k'.repeat(5000)]: 'v' }, { ...good, extra: undefined }, { ...good, extra: new Date(0) },
  [], new Map(), null, undefined, 'tenantId', 5, new Proxy({ ...good }, {}),
  Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k${i}`, 'v'.repeat(i)])),
];
const LIMITS = [[128, 16 * 1024 * 1024, 16 * 1024 * 1024, 4096]];
for (let nodes = 1; nodes <= 8; nodes++) {
  for (const chars of [0, 10, 40, 200]) LIMITS.push([2, nodes, chars, 16]);
}

test('readForm refuses exactly what the complete check refuses, with its path', () => {
  let refused = 0, accepted = 0;
  for (const limits of LIMITS) {
    for (const value of values()) {
      for (const [nameIndex, name] of [[0, 'config'], [1, 'context']]) {
        const want = expected(value, name, limits);
        for (const wanted of [0, 1 << 3, 127]) {
          assert.equal(actual(value, nameIndex, wanted, limits), want, `${name} ${JSON.stringify(limits)} wanted ${wanted}: ${String(value && Object.keys(value))}`);
        }
        // checkForm (nothing wanted, as a number) agrees.
        const [maxDepth, maxNodes, maxChars, maxString] = limits;
        assert.equal(snippet.checkForm(value, nameIndex, maxDepth, maxNodes, maxChars, maxString), want ? 1 : 0);
        assert.equal(snippet.takeError()?.path, want);
        if (want) refused++; else accepted++;
      }
    }
  }
  // Both answers occur, under the real limits and the small ones.
  assert.ok(refused > 100 && accepted > 100, `${refused} refused, ${accepted} accepted`);
});

test('a property added to Object.prototype changes no answer', () => {
  for (const polluted of ['a string', 5, { a: 1 }]) {
    // eslint-disable-next-line no-extend-native
    Object.prototype.polluted = polluted;
    try {
      for (const limits of LIMITS) {
        for (const value of values()) {
          if (value === null || value === undefined) continue;
          const want = expected(value, 'config', limits);
          assert.equal(actual(value, 0, 127, limits), want, `${JSON.stringify(limits)} ${polluted}`);
          assert.equal(actual(value, 1, 0, limits), want && want.replace(/^config/, 'context'));
        }
      }
    } finally {
      delete Object.prototype.polluted;
    }
  }
});

// What readForm wrote at AT, read back: the fields (undefined when absent), or its number
// when it wrote nothing.
function fields(written) {
  if (written < 0) return written;
  const bytes = new Uint8Array(memory.buffer, AT, written);
  const list = [];
  let at = 14;
  for (let i = 0; i < 7; i++) {
    const n = bytes[2 * i] | (bytes[2 * i + 1] << 8);
    if (n === 0xffff) { list.push(undefined); continue; }
    list.push(new TextDecoder().decode(bytes.subarray(at, at + n)));
    at += n;
  }
  assert.equal(at, written, 'every byte written is a field\'s');
  return list;
}
const read = (value, nameIndex, wanted, capacity = CAPACITY) => fields(snippet.readForm(value, nameIndex, wanted, memory, AT, capacity, ...LIMITS[0]));

test('what readForm writes is the form fields, in order, as UTF-8, and nothing when none is wanted', () => {
  const guid = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
  assert.deepEqual(read(good, 0, 127), ['customApp', 'Azure production', undefined, guid, undefined, undefined, undefined]);
  assert.deepEqual(snippet.takeInput(), ['customApp', 'Azure production', undefined, guid, undefined, undefined, undefined], 'the config is kept for the result');
  assert.equal(snippet.takeInput(), undefined, 'taken once');
  assert.deepEqual(read(good, 1, 1 << 3), [undefined, undefined, undefined, guid, undefined, undefined, undefined]);
  assert.equal(snippet.takeInput(), undefined, 'a context is not kept');
  assert.equal(read(good, 1, 0), -2);
  assert.equal(read(null, 1, 127), -2);
  // UTF-8: a lone surrogate becomes U+FFFD, as it did through the glue's copy of a string;
  // ASCII and not byte by byte alike.
  assert.deepEqual(read({ deviceName: 'é😀\uD800', location: 'ab', tenantId: 'aé' }, 0, 127), [undefined, 'é😀\uFFFD', 'ab', 'aé', undefined, undefined, undefined]);
  // The string kept for an unchanged result is the one written, lone surrogate replaced.
  assert.deepEqual(snippet.takeInput(), [undefined, 'é😀\uFFFD', 'ab', 'aé', undefined, undefined, undefined]);
  // Each call writes into the memory it is given (the light and the full build share this
  // file, and a page may use both).
  const other = new WebAssembly.Memory({ initial: 1 });
  const n = snippet.readForm(good, 0, 127, other, 64, 1024, ...LIMITS[0]);
  assert.equal(new TextDecoder().decode(new Uint8Array(other.buffer, 64 + 14, n - 14)), 'customAppAzure production6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b');
  assert.deepEqual(read(good, 1, 1 << 3), [undefined, undefined, undefined, '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b', undefined, undefined, undefined]);
  // And after it has grown (its old buffer detached).
  memory.grow(1);
  assert.deepEqual(read(good, 1, 1 << 3), [undefined, undefined, undefined, '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b', undefined, undefined, undefined]);
  // A form larger than the room given: the room needed, and writeForm writes it there.
  const big = 'x'.repeat(4096);
  const need = snippet.readForm({ deviceName: big, location: big }, 0, 127, memory, AT, 1024, ...LIMITS[0]);
  assert.equal(need, -(14 + 2 * 3 * 4096));
  assert.deepEqual(fields(snippet.writeForm(memory, AT, -need)), [undefined, big, big, undefined, undefined, undefined, undefined]);
  assert.equal(snippet.writeForm(memory, AT, -need), -1, 'written once');
  // Never past the room given, whatever the characters.
  const wide = '😀'.repeat(100);
  const guard = new Uint8Array(memory.buffer, AT, 3000).fill(0xAA);
  const room = -snippet.readForm({ deviceName: wide }, 0, 127, memory, AT, 100, ...LIMITS[0]);
  assert.equal(fields(snippet.writeForm(memory, AT, room))[1], wide);
  assert.ok(guard.subarray(room).every((b) => b === 0xAA), 'nothing written past the room');
  // Wiped after a trap (the module wipes its copy itself): the form holds the client secret.
  const written = snippet.readForm({ ...good, clientSecret: 'abc8Q~CANARYcanaryCANARYcanaryCANARY1234' }, 0, 127, memory, AT, CAPACITY, ...LIMITS[0]);
  const bytes = new Uint8Array(memory.buffer, AT, written);
  assert.ok(new TextDecoder().decode(bytes).includes('CANARY'));
  snippet.wipeForm();
  assert.ok(bytes.every((b) => b === 0));
  assert.equal(snippet.takeInput(), undefined, 'wipeForm drops the strings it held');
});
