// The subset of `node:assert/strict` the JS suite uses, for running it in a browser.
class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (v) => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

function fail(message, fallback) {
  throw new AssertionError(message ? `${message}: ${fallback}` : fallback);
}

function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

function ok(value, message) {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

const assert = Object.assign(ok, {
  ok,
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) fail(message, `${show(actual)} !== ${show(expected)}`);
  },
  deepEqual(actual, expected, message) {
    if (!same(actual, expected)) fail(message, `${show(actual)} does not deep-equal ${show(expected)}`);
  },
  match(actual, regexp, message) {
    if (!regexp.test(actual)) fail(message, `${show(actual)} does not match ${regexp}`);
  },
  throws(fn, expected, message) {
    try {
      fn();
    } catch (err) {
      if (typeof expected === 'function') {
        if (expected(err) !== true) fail(message, `the validation function rejected ${err}`);
      } else if (expected && typeof expected === 'object') {
        for (const [k, v] of Object.entries(expected)) {
          if (!Object.is(err[k], v)) fail(message, `error.${k} is ${show(err[k])}, expected ${show(v)}`);
        }
      }
      return;
    }
    fail(message, 'expected the function to throw');
  },
});

export default assert;
