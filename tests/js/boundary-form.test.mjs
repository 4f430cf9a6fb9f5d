// readForm's fast check (isFlatForm in boundary.rs: a plain object of strings, null and
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
// What readForm does (the path of the error it keeps when it returns no bytes, or
// undefined), for every `wanted` it is called with. It never throws.
function actual(value, nameIndex, wanted, [maxDepth, maxNodes, maxChars, maxString]) {
  const bytes = snippet.readForm(value, nameIndex, wanted, maxDepth, maxNodes, maxChars, maxString);
  const err = snippet.takeError();
  assert.equal(err !== undefined, bytes !== undefined && bytes.length === 0, 'an error is kept exactly when no bytes are returned');
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

test('what readForm passes is the form fields, in order, as UTF-8, and nothing when none is wanted', () => {
  const text = (...args) => new TextDecoder().decode(snippet.readForm(...args));
  assert.equal(text(good, 0, 127, ...LIMITS[0]), '9,16,-,36,-,-,-;customAppAzure production6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b');
  assert.equal(text(good, 1, 1 << 3, ...LIMITS[0]), '-,-,-,36,-,-,-;6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b');
  assert.equal(snippet.readForm(good, 1, 0, ...LIMITS[0]), undefined);
  // Lengths in UTF-16 units, text in UTF-8: a lone surrogate becomes U+FFFD, as it did
  // through the glue's copy of a string; a form larger than the scratch buffer grows it.
  assert.equal(text({ deviceName: 'é😀\uD800' }, 0, 127, ...LIMITS[0]), '-,4,-,-,-,-,-;é😀\uFFFD');
  const big = 'x'.repeat(4096);
  assert.equal(text({ deviceName: big, location: big }, 0, 127, ...LIMITS[0]), `-,4096,4096,-,-,-,-;${big}${big}`);
  // Wiped once the module has its copy: the form holds the client secret.
  const bytes = snippet.readForm({ ...good, clientSecret: 'abc8Q~CANARYcanaryCANARYcanaryCANARY1234' }, 0, 127, ...LIMITS[0]);
  assert.ok(new TextDecoder().decode(bytes).includes('CANARY'));
  snippet.wipeForm();
  assert.ok(bytes.every((b) => b === 0));
});
