//! Everything about crossing into JavaScript: the arguments' checks and readers (the form
//! and the data arguments as compact strings; serde only in the full build), misuse errors
//! with a code and a JSON path, and the panic hook.

use azure_onboarding::{ConfigView, Field, NormalizedView};
#[cfg(feature = "assess")]
use serde::Serialize;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** Machine-readable reason of an `AzureOnboardingError` (thrown only on misuse; `aborted`: `collect` was cancelled through `options.signal`). */
export type MisuseCode = "invalid-argument" | "serialization-failed" | "internal-error" | "not-initialized" | "aborted";

/**
 * Thrown only on misuse of the API (an argument of the wrong shape or size, a call before
 * `init()`) or on an internal error; findings about the user's input are returned as data, never thrown.
 * `err instanceof AzureOnboardingError` works for errors of the entry it is imported from
 * (`name === "AzureOnboardingError"` works everywhere).
 */
export interface AzureOnboardingError extends Error {
  name: "AzureOnboardingError";
  /** What went wrong, stable across versions. */
  code: MisuseCode;
  /** The JSON path of the offending value, e.g. `config.tenantId`; `""` when not applicable. */
  path: string;
}
/** The class of the errors this package throws. */
export declare const AzureOnboardingError: {
  new (message: string, code: MisuseCode, path: string): AzureOnboardingError;
  readonly prototype: AzureOnboardingError;
};
"#;

#[wasm_bindgen(inline_js = r#"
export class AzureOnboardingError extends Error {
  constructor(message, code, path) {
    super(message);
    this.name = 'AzureOnboardingError';
    this.code = code;
    this.path = path;
  }
}
export function throwInternal(message) {
  throw new AzureOnboardingError(message, 'internal-error', '');
}
// What an export throws when the module trapped ("RuntimeError: unreachable": a panic in a
// build with panic = immediate-abort, or memory exhausted): the glue has started a fresh
// instance (guard_traps in crates/xtask/src/wasm.rs), and the error says it is a bug. The
// form's bytes in the module's memory are wiped: the trap may have come before the module
// wiped them.
// Anything else (a misuse error, an exception of the caller's callback) passes unchanged.
export function trapped(e) {
  if (!(e instanceof WebAssembly.RuntimeError)) return e;
  wipeForm();
  return new AzureOnboardingError('internal error in @workbench/azure-onboarding; this is a bug, please report it', 'internal-error', '');
}

// What a JS value is, in words for a message ("an array", "a Map", "null").
export function kind(v) {
  if (v === null) return 'null';
  const t = typeof v;
  if (t === 'object') {
    let tag;
    // A Proxy may throw from its traps (a revoked one from Array.isArray): then it is "an object".
    try { tag = Array.isArray(v) ? 'Array' : Object.prototype.toString.call(v).slice(8, -1); } catch { tag = 'Object'; }
    if (tag === 'Array') return 'an array';
    return tag === 'Object' ? 'an object' : (/^[AEIOU]/.test(tag) ? 'an ' : 'a ') + tag;
  }
  if (t === 'number' && !Number.isFinite(v)) return String(v);
  return t === 'undefined' ? 'undefined' : (/^[aeiou]/.test(t) ? 'an ' : 'a ') + t;
}

// Checks an argument before it is converted: `top` is what it must be ('object': a plain
// object; '': anything JSON-like), then nesting, size and string lengths are bounded and
// only JSON-like values (plain objects, arrays, strings, numbers, booleans, null) may occur.
// Returns [path, message] for the first problem, or undefined. Iterative: no recursion.
export function checkArgument(value, name, top, maxDepth, maxNodes, maxChars, maxString) {
  try {
    return checkData(value, name, top, maxDepth, maxNodes, maxChars, maxString);
  } catch {
    // A getter or a Proxy's trap threw: refused as misuse, never the caller's exception
    // through the module (an async export would not even reject: it would crash the page).
    return [name, 'could not be read (a getter or a Proxy of the argument threw)'];
  }
}
function checkData(value, name, top, maxDepth, maxNodes, maxChars, maxString) {
  const pathOf = (e) => {
    let p = '';
    for (; e.parent; e = e.parent) p = (typeof e.key === 'number' ? '[' + e.key + ']' : '.' + e.key) + p;
    return name + p;
  };
  if (top === 'object' && kind(value) !== 'an object') {
    return [name, 'expected an object, got ' + kind(value)];
  }
  const stack = [{ v: value, depth: 1, parent: null, key: null }];
  let nodes = 0, chars = 0;
  while (stack.length) {
    const e = stack.pop();
    const v = e.v;
    if (++nodes > maxNodes) return [name, 'holds more than ' + maxNodes + ' values; that is more than any ' + name + ' can be'];
    const t = typeof v;
    if (t === 'string') {
      if (v.length > maxString) return [pathOf(e), 'longer than ' + maxString + ' characters; no value here is that long'];
      if ((chars += v.length) > maxChars) return [name, 'holds more than ' + maxChars + ' characters of text in all'];
    } else if (v === null || t === 'number' || t === 'boolean' || t === 'undefined') {
      // Leaves; undefined is an absent property, as in JSON.stringify.
    } else {
      const k = kind(v);
      if (k !== 'an object' && k !== 'an array') {
        return [pathOf(e), 'expected JSON data (plain objects, arrays, strings, numbers, booleans, null), got ' + k];
      }
      if (e.depth > maxDepth) return [pathOf(e), 'nested more than ' + maxDepth + ' levels deep'];
      // Every element will be counted: refuse a huge (sparse) array or object before its
      // elements are stacked, not after (new Array(5e7) took 13 s and gigabytes).
      const size = k === 'an array' ? v.length : Object.keys(v).length;
      if (nodes + stack.length + size > maxNodes) return [name, 'holds more than ' + maxNodes + ' values; that is more than any ' + name + ' can be'];
      if (k === 'an array') {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: e.depth + 1, parent: e, key: i });
      } else {
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i];
          if (key.length > maxString) return [pathOf(e), 'has a property name longer than ' + maxString + ' characters'];
          chars += key.length;
          stack.push({ v: v[key], depth: e.depth + 1, parent: e, key });
        }
      }
    }
  }
  return undefined;
}

// The form's fields, in the order of the core's `Field::ALL`.
const FORM_FIELDS = ['accessOption', 'deviceName', 'location', 'tenantId', 'clientId', 'clientSecret', 'useStorageAccountContributorRole'];
// The common case of a form, checked and read in one pass: a plain object whose values are
// all strings, null or undefined, within the limits. Its seven strings (those wanted, bit i:
// FORM_FIELDS[i]; undefined for the others) mean checkArgument would find no problem;
// undefined means "not sure", and checkArgument decides (and names the problem).
// Cheap enough to run on every keystroke: an object literal (or one without a prototype,
// and no Symbol.toStringTag: what kind() calls 'an object'), its keys walked by for-in,
// which visits every own enumerable key (and inherited enumerable ones, only if someone
// added such to Object.prototype: checked too, harmless), each value read once.
function flatForm(value, wanted, maxNodes, maxChars, maxString) {
  if (typeof value !== 'object' || value === null) return undefined;
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || Symbol.toStringTag in value) return undefined;
  const strings = [undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  let chars = 0, nodes = 1;
  for (const key in value) {
    if (++nodes > maxNodes) return undefined;
    const v = value[key];
    if (key.length > maxString) return undefined;
    chars += key.length;
    if (typeof v === 'string') {
      if (v.length > maxString) return undefined;
      chars += v.length;
      const i = fieldIndex(key);
      if (i >= 0 && (wanted & (1 << i))) strings[i] = v;
    } else if (v !== null && v !== undefined) {
      return undefined;
    }
  }
  return chars <= maxChars ? strings : undefined;
}
// The index of a form field's name in FORM_FIELDS, -1 for any other name.
function fieldIndex(key) {
  switch (key) {
    case 'accessOption': return 0;
    case 'deviceName': return 1;
    case 'location': return 2;
    case 'tenantId': return 3;
    case 'clientId': return 4;
    case 'clientSecret': return 5;
    case 'useStorageAccountContributorRole': return 6;
    default: return -1;
  }
}

// The form (`config`, `context`) in one crossing: checked like any argument (checkArgument),
// then the seven fields written as UTF-8 straight into the module's memory, into the buffer
// the module passes (`at`, `capacity`): the fields' byte lengths, two bytes each (little
// endian; 0xFFFF for absent, null or undefined), then their bytes one after the other.
// No text is built, encoded and copied again by the glue (issue 15: a valid form's crossing
// was most of validateConfig's time). Only the fields whose bit is set in `wanted` (bit i:
// FORM_FIELDS[i]) are written; the others are checked all the same, and written as absent.
// Other properties are ignored, as serde ignores them.
// The argument's name by number (a string argument would be decoded from the module's
// memory on every call): 0 `config`, 1 `context`, as `FormName` in Rust.
const FORM_NAMES = ['config', 'context'];
// Misuse is not thrown through the module: readForm returns -1 and the error waits here for
// takeError: a throwing import needs wasm-bindgen's `catch` wrapper, an `arguments` object
// and a closure on every call. Whatever a getter or a Proxy throws becomes the misuse error
// too (its message is not kept: it could quote the input), as in readData.
let pendingError;
export function takeError() {
  const e = pendingError;
  pendingError = undefined;
  return e;
}
// The memory of the module that calls (each call passes it: the light and the full build
// share this file, and a page may use both) and a view of it, made anew for another module
// or when the memory has grown (its old buffer is then detached: the view is empty).
let memory, view = new Uint8Array(0);
function memoryBytes(m) {
  if (m !== memory || view.length === 0) {
    memory = m;
    view = new Uint8Array(m.buffer);
  }
  return view;
}
// The strings of a form too large for the module's buffer, until it has grown (writeForm).
let pendingStrings;
// The last config's strings (FORM_FIELDS order), for results that say "unchanged" instead
// of passing a value back (results.rs `=`); taken by the result that follows (takeInput).
let formInput;
export function takeInput() {
  const s = formInput;
  formInput = undefined;
  return s;
}
// Where the last form was written, to be wiped after a trap (the module wipes it itself
// once read): the view, start and end (three variables: no array made per call).
let writtenIn, writtenFrom = 0, writtenTo = 0;
const encoder = new TextEncoder();
// Returns the bytes written (0 or more); -1 on misuse (the error kept for takeError); -2
// when there is nothing to pass (an absent context, or nothing wanted); below -2, minus the
// room needed: the module grows its buffer and calls writeForm.
export function readForm(value, nameIndex, wanted, m, at, capacity, maxDepth, maxNodes, maxChars, maxString) {
  const name = FORM_NAMES[nameIndex];
  let strings;
  try {
    strings = formStrings(value, name, wanted, maxDepth, maxNodes, maxChars, maxString);
  } catch (e) {
    pendingError = e instanceof AzureOnboardingError ? e
      : new AzureOnboardingError(name + ': could not be read (a getter or a Proxy of the argument threw)', 'invalid-argument', name);
    return -1;
  }
  if (strings === undefined) return -2;
  if (nameIndex === 0) formInput = strings;
  // At most three bytes per UTF-16 unit.
  let room = 14;
  for (let i = 0; i < 7; i++) if (strings[i] !== undefined) room += strings[i].length * 3;
  if (room > capacity) {
    pendingStrings = strings;
    return -room;
  }
  return writeStrings(strings, m, at, capacity);
}
export function writeForm(m, at, capacity) {
  const strings = pendingStrings;
  pendingStrings = undefined;
  return strings === undefined ? -1 : writeStrings(strings, m, at, capacity);
}
// readForm with nothing wanted, as a number (0: fine or absent, 1: misuse, the error kept for
// takeError): validateField's context for a field that depends on no other, on every
// keystroke.
export function checkForm(value, nameIndex, maxDepth, maxNodes, maxChars, maxString) {
  return readForm(value, nameIndex, 0, undefined, 0, 0, maxDepth, maxNodes, maxChars, maxString) === -1 ? 1 : 0;
}
// Where the strings go: a view of the module's memory after the lengths, kept while the
// module passes the same place (a new view per call cost more than the encoding).
let target, targetOf, targetAt = -1, targetEnd = -1;
function writeStrings(strings, module, at, capacity) {
  const m = memoryBytes(module);
  const end = at + capacity;
  if (targetOf !== m || targetAt !== at || targetEnd !== end) {
    target = m.subarray(at + 14, end);
    targetOf = m;
    targetAt = at;
    targetEnd = end;
  }
  // All the strings in one encodeInto (one call instead of seven, and faster than a loop in
  // JS over their characters). Where it wrote one byte per UTF-16 unit, every string was
  // ASCII (any other character takes two bytes or more): its byte length is its length.
  let text = '';
  for (let i = 0; i < 7; i++) if (strings[i] !== undefined) text += strings[i];
  const bytes = encoder.encodeInto(text, target).written;
  writtenIn = m;
  writtenFrom = at;
  writtenTo = at + 14 + bytes;
  if (bytes !== text.length) return writeEach(strings, m, at, end);
  for (let i = 0; i < 7; i++) {
    const s = strings[i];
    const n = s === undefined ? 0xffff : s.length;
    m[at + 2 * i] = n & 0xff;
    m[at + 2 * i + 1] = n >> 8;
  }
  return 14 + bytes;
}
// writeStrings where a string is not ASCII: string by string.
function writeEach(strings, m, at, end) {
  let p = at + 14;
  for (let i = 0; i < 7; i++) {
    const s = strings[i];
    let n = 0xffff;
    if (s !== undefined) {
      // TextEncoder writes a lone surrogate as U+FFFD: so it is in the string kept for the
      // result (an unchanged value is the caller's).
      n = encoder.encodeInto(s, m.subarray(p, end)).written;
      p += n;
      strings[i] = wellFormed(s);
    }
    m[at + 2 * i] = n & 0xff;
    m[at + 2 * i + 1] = n >> 8;
  }
  writtenTo = Math.max(writtenTo, p);
  return p - at;
}
// `s` with every lone surrogate replaced by U+FFFD, as TextEncoder writes it.
function wellFormed(s) {
  if (typeof s.toWellFormed === 'function') return s.toWellFormed();
  return new TextDecoder().decode(encoder.encode(s));
}
// Wipes what the last readForm wrote into the module's memory (after a trap: the module
// wipes it itself once read), and drops the strings held for the module.
export function wipeForm() {
  if (writtenIn !== undefined) writtenIn.fill(0, writtenFrom, writtenTo);
  writtenIn = pendingStrings = formInput = undefined;
}
// The form's seven strings (undefined for absent or not wanted), or undefined when there is
// nothing to pass; throws the misuse error.
function formStrings(value, name, wanted, maxDepth, maxNodes, maxChars, maxString) {
  // No context (undefined or null) is an empty one; a config is always needed.
  if (value == null && name === 'context') return undefined;
  const flat = flatForm(value, wanted, maxNodes, maxChars, maxString);
  // A flat form holds only strings, null and undefined: nothing left to check (with nothing
  // wanted, nothing to pass: validateField of a field that depends on no other).
  if (flat !== undefined) return wanted === 0 ? undefined : flat;
  const problem = checkArgument(value, name, 'object', maxDepth, maxNodes, maxChars, maxString);
  if (problem) throw new AzureOnboardingError(problem[0] + ': ' + problem[1], 'invalid-argument', problem[0]);
  const strings = [undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  for (let i = 0; i < 7; i++) {
    const key = FORM_FIELDS[i];
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') {
      const path = name + '.' + key;
      throw new AzureOnboardingError(path + ': expected a string, got ' + kind(v), 'invalid-argument', path);
    }
    if (wanted & (1 << i)) strings[i] = v;
  }
  return wanted === 0 ? undefined : strings;
}

// validateField's `field` and `value` in one crossing, when both are what a form passes: a
// field name and a string within the limit (and the room given): the value written as UTF-8
// into the module's memory at `at`, and index * 65536 + its bytes returned (the index in
// FORM_FIELDS). Anything else gives -1, and the module reads the arguments one by one to
// say what is wrong with them.
export function readField(field, value, module, at, capacity, maxValue) {
  if (typeof value !== 'string' || value.length > maxValue || value.length * 3 > capacity) return -1;
  const i = fieldIndex(field);
  if (i < 0) return -1;
  const m = memoryBytes(module);
  const n = encoder.encodeInto(value, m.subarray(at, at + capacity)).written;
  writtenIn = m;
  writtenFrom = at;
  writtenTo = at + n;
  return i * 65536 + n;
}

// The data arguments of fillCommand, checkCommandValues and the tenant lookup (the shape by
// number: 0 CommandValues, 1 TenantLookupOptions, 2 LookupResponse; see `DataShape` in Rust)
// as one compact string, in the format of results.rs: a header of the strings' lengths in
// UTF-16 units ('-' for absent) and ';', then the strings. Checked like any argument
// (checkArgument), then read for the one shape it must have; a wrong type throws the misuse
// error with the JSON path, in JavaScript's words, never quoting the value. Other properties
// are ignored, as serde ignores them. Whatever a getter or a Proxy throws becomes the misuse
// error too (its message is not kept: it could quote the input).
// A compact text being written: `put` each string (undefined for an absent one), then
// `done` gives the text (the format of results.rs; `CompactReader` reads it).
function compactText() {
  let header = '', text = '';
  return {
    put(s) {
      if (header) header += ',';
      if (s === undefined) { header += '-'; } else { header += s.length; text += s; }
    },
    done: () => header + ';' + text,
  };
}
const DATA_NAMES = ['values', 'options', 'response'];
const COMMAND_KEYS = ['tenantId', 'applicationId', 'guestMail', 'resourceGroup', 'logStorageAccount'];
const RESPONSE_KINDS = ['response', 'offline', 'timeout'];
export function readData(value, shape, maxDepth, maxNodes, maxChars, maxString) {
  const name = DATA_NAMES[shape];
  // The tenant lookup's options may be absent: undefined or null give the defaults (no
  // authority, no loopback).
  if (shape === 1 && (value === undefined || value === null)) return '-,1;0';
  const fail = (path, message) => { throw new AzureOnboardingError(path + ': ' + message, 'invalid-argument', path); };
  try {
    const problem = checkArgument(value, name, 'object', maxDepth, maxNodes, maxChars, maxString);
    if (problem) fail(problem[0], problem[1]);
    const { put, done } = compactText();
    // An optional string: absent, null or a string.
    const optional = (key) => {
      const v = value[key];
      if (v === undefined || v === null) return put(undefined);
      if (typeof v !== 'string') fail(name + '.' + key, 'expected a string, got ' + kind(v));
      put(v);
    };
    if (shape === 0) {
      for (let i = 0; i < COMMAND_KEYS.length; i++) optional(COMMAND_KEYS[i]);
      const list = value.subscriptions;
      if (list === undefined) {
        put('0');
      } else {
        if (!Array.isArray(list)) fail(name + '.subscriptions', 'expected an array, got ' + kind(list));
        const items = Array.from(list);
        put(String(items.length));
        for (let i = 0; i < items.length; i++) {
          const v = items[i];
          if (typeof v !== 'string') fail(name + '.subscriptions[' + i + ']', 'expected a string, got ' + kind(v));
          put(v);
        }
      }
    } else if (shape === 1) {
      optional('authority');
      const loopback = value.allowLoopback;
      if (loopback !== undefined && typeof loopback !== 'boolean') fail(name + '.allowLoopback', 'expected a boolean, got ' + kind(loopback));
      put(loopback ? '1' : '0');
    } else {
      const k = value.kind;
      if (k === undefined) fail(name, 'the property "kind" is missing');
      if (typeof k !== 'string') fail(name + '.kind', 'expected a string, got ' + kind(k));
      if (!RESPONSE_KINDS.includes(k)) fail(name + '.kind', 'not one of "response", "offline", "timeout"');
      put(k);
      const status = value.status;
      if (status === undefined || status === null) {
        put(undefined);
      } else if (typeof status !== 'number') {
        fail(name + '.status', 'expected a number, got ' + kind(status));
      } else if (!Number.isInteger(status) || status < 0 || status > 65535) {
        fail(name + '.status', 'expected an integer from 0 to 65535, got a number that is not');
      } else {
        put(String(status));
      }
      optional('body');
    }
    return done();
  } catch (e) {
    if (e instanceof AzureOnboardingError) throw e;
    throw new AzureOnboardingError(name + ': could not be read (a getter or a Proxy of the argument threw)', 'invalid-argument', name);
  }
}

// A string argument (`value`, `domain`, `template`, `field`) of at most `max` UTF-16 units,
// as it is; otherwise the misuse error at `name`, in JavaScript's words, never quoting the
// value. Checked here rather than in the module: each JS function the module imports costs
// its instantiation about 2 µs (V8, measured), and this check needed six.
export function stringArg(value, name, max) {
  if (typeof value !== 'string') {
    const hint = value === null || value === undefined ? ' (FormData.get returns null for a missing field: pass "" for an empty one)' : '';
    throw new AzureOnboardingError(name + ': expected a string, got ' + kind(value) + hint, 'invalid-argument', name);
  }
  if (value.length > max) throw new AzureOnboardingError(name + ': longer than ' + max + ' characters; no value here is that long', 'invalid-argument', name);
  return value;
}

// The fields of an OpenID discovery document that the tenant lookup reads (tenant_lookup.rs),
// from a response's body, as a compact text: issuer, tenant_region_scope,
// cloud_instance_name and error (each a string, or absent: a field of another type counts as
// absent), then how many error_codes are kept and each in decimal (the whole numbers from 0
// up; one of 2^64 or more as 2^64 - 1, as Rust's cast saturates). '' when the body is not
// JSON or not an object (an array is an object here, with no such fields).
const DISCOVERY_KEYS = ['issuer', 'tenant_region_scope', 'cloud_instance_name', 'error'];
export function discoveryFrom(body) {
  let doc;
  try { doc = JSON.parse(body); } catch { return ''; }
  if (typeof doc !== 'object' || doc === null) return '';
  const { put, done } = compactText();
  for (let i = 0; i < DISCOVERY_KEYS.length; i++) {
    const v = doc[DISCOVERY_KEYS[i]];
    put(typeof v === 'string' ? v : undefined);
  }
  const codes = doc.error_codes, kept = [];
  if (Array.isArray(codes)) {
    for (const n of Array.from(codes)) {
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0) kept.push(n >= 18446744073709551615 ? '18446744073709551615' : BigInt(n).toString());
    }
  }
  put(String(kept.length));
  for (let i = 0; i < kept.length; i++) put(kept[i]);
  return done();
}

"#)]
extern "C" {
    /// The JS error class of this package (an `Error` subclass).
    #[wasm_bindgen(extends = js_sys::Error)]
    pub type MisuseError;

    #[wasm_bindgen(constructor, js_class = "AzureOnboardingError")]
    pub fn new(message: &str, code: &str, path: &str) -> MisuseError;

    #[cfg(not(panic = "immediate-abort"))]
    #[wasm_bindgen(js_name = throwInternal)]
    fn throw_internal(message: &str);

    /// `[path, message]` of the first problem of an argument, or `undefined`.
    #[wasm_bindgen(js_name = checkArgument)]
    fn check_argument(
        value: &JsValue,
        name: &str,
        top: &str,
        max_depth: u32,
        max_nodes: u32,
        max_chars: u32,
        max_string: u32,
    ) -> JsValue;

    /// Writes the form argument's fields into the module's `memory` at `at` (see `readForm`):
    /// the bytes written; -1 on misuse (the error is then [`take_error`]'s); -2 when there
    /// is nothing to pass; below -2, minus the room needed (then grow, and [`write_form`]).
    /// Never throws.
    #[wasm_bindgen(js_name = readForm)]
    fn read_form(
        value: &JsValue,
        name: u32,
        wanted: u32,
        memory: &JsValue,
        at: u32,
        capacity: u32,
        max_depth: u32,
        max_nodes: u32,
        max_chars: u32,
        max_string: u32,
    ) -> i32;

    /// Writes the fields `readForm` kept for want of room, now at `at`; the bytes written.
    #[wasm_bindgen(js_name = writeForm)]
    fn write_form(memory: &JsValue, at: u32, capacity: u32) -> i32;

    /// `readForm` with nothing wanted: 0 when the form is fine (or an absent context), 1 on
    /// misuse (the error is then [`take_error`]'s).
    #[wasm_bindgen(js_name = checkForm)]
    fn check_form(
        value: &JsValue,
        name: u32,
        max_depth: u32,
        max_nodes: u32,
        max_chars: u32,
        max_string: u32,
    ) -> u32;

    /// The strings of the last `config` that `readForm` passed (for results that say
    /// "unchanged": results.rs `=`), no longer held on the JS side once taken.
    #[wasm_bindgen(js_name = takeInput)]
    pub fn take_input() -> JsValue;

    /// The misuse error `readForm` kept when it returned no bytes.
    #[wasm_bindgen(js_name = takeError)]
    fn take_error() -> JsValue;

    /// `validateField`'s value written into `memory` at `at` and its field's index in
    /// `Field::ALL` (index * 65536 + bytes), or -1 when either needs a closer look (see
    /// `readField`).
    #[wasm_bindgen(js_name = readField)]
    fn read_field(
        field: &JsValue,
        value: &JsValue,
        memory: &JsValue,
        at: u32,
        capacity: u32,
        max_value: u32,
    ) -> i32;

    /// A data argument as one compact string (see `readData`); throws the misuse error.
    /// `catch`: a getter or a Proxy in the argument may throw anything.
    #[wasm_bindgen(catch, js_name = readData)]
    fn read_data(
        value: &JsValue,
        shape: u32,
        max_depth: u32,
        max_nodes: u32,
        max_chars: u32,
        max_string: u32,
    ) -> Result<String, JsValue>;

    /// What a JS value is, in words ("a number", "an array", "a Map", "null").
    fn kind(value: &JsValue) -> String;

    /// The string argument `value` (see `stringArg`); throws the misuse error.
    #[wasm_bindgen(catch, js_name = stringArg)]
    fn string_arg_js(value: &JsValue, name: &str, max: u32) -> Result<String, JsValue>;

    /// The discovery document's fields in a response's body as a compact text, or '' (see
    /// `discoveryFrom`).
    #[wasm_bindgen(js_name = discoveryFrom)]
    pub fn discovery_from(body: &str) -> String;
}

// The full build's own JS (JSON text for plans, snapshots and options; serde's messages in
// JS terms): a snippet of its own, so that the light build's pages never download it.
#[cfg(feature = "assess")]
#[wasm_bindgen(inline_js = r#"
// serde's wording, in JavaScript's: the type words, and never the offending value.
const TYPES = [
  [/^(?:integer|floating point|[ui]\d+|f\d+|a number)\b/, 'a number'],
  [/^boolean\b/, 'a boolean'],
  [/^(?:string|a string|a borrowed string|char)\b/, 'a string'],
  [/^(?:unit|null$)/, 'null'],
  [/^(?:sequence|a sequence|tuple\b)/, 'an array'],
  [/^(?:map|a map|struct \w+|newtype struct \w+)$|^JsValue\(Object\(/, 'an object'],
];
// What serde expected (our own words): in JS terms where there is one.
// Integers as the readers take them (a snapshot's `status` is a u16).
const INTEGERS = { u8: 'an integer from 0 to 255', u16: 'an integer from 0 to 65535', u32: 'an integer from 0 to 4294967295', u64: 'a whole number from 0', usize: 'a whole number from 0' };
// The access option also reads serde's `{ "customApp": null }`; to JS it is a string.
const ENUMS = /^(?:string or map|map with a single key)$/;
const want = (s) => INTEGERS[s] ?? (ENUMS.test(s) ? 'a string' : (TYPES.find(([re]) => re.test(s)) || [, s])[1]);
// What serde got (holds the input): only its type, never the rest.
const got = (s) => (TYPES.find(([re]) => re.test(s)) || [, 'a value of another type'])[1];
// The names in `a`, `b` as "a", "b" (our own field and variant names, not the input).
const names = (list) => list.replace(/`([^`]*)`/g, '"$1"');
// The value at `path` (`name.a[0].b`) inside `root`, when the path can be followed.
export function valueAt(root, name, path) {
  const re = /\.([^.[\]]+)|\[(\d+)\]/y;
  let v = root;
  for (re.lastIndex = name.length; re.lastIndex < path.length;) {
    const m = re.exec(path);
    if (!m || v === null || typeof v !== 'object') return undefined;
    try { v = v[m[1] ?? Number(m[2])]; } catch { return undefined; }
  }
  return [v];
}
// serde's message in JS terms; `actualKind` is kind() of the offending value where valueAt
// found it, else undefined.
export function misuseMessage(serde, actualKind) {
  // What was got, by its JS type where the offending value could be found.
  const gotten = (s) => (actualKind !== undefined ? actualKind : got(s));
  // Greedy up to the last ", expected": what follows is serde's expectation, never input.
  let m;
  if ((m = /^invalid type: (.*), expected (.*)$/s.exec(serde))) {
    // A fraction where an integer is wanted is a number, but not one of those.
    const g = gotten(m[1]);
    return 'expected ' + want(m[2]) + ', got ' + g + (g === 'a number' && INTEGERS[m[2]] ? ' that is not' : '');
  }
  if ((m = /^invalid value: (.*), expected (.*)$/s.exec(serde))) return 'expected ' + want(m[2]) + ', got ' + gotten(m[1]) + (ENUMS.test(m[2]) ? '' : ' that is not');
  if ((m = /^invalid length (\d+), expected (.*)$/s.exec(serde))) return 'expected ' + want(m[2]) + ', got ' + m[1] + ' elements';
  if ((m = /^unknown variant `.*`, expected (?:one of )?(.*)$/s.exec(serde))) return 'not one of ' + names(m[1]);
  if ((m = /^unknown field `.*`, expected (?:one of )?(.*)$/s.exec(serde))) return 'unknown property; the properties are ' + names(m[1]);
  if (/^unknown (?:variant|field) `.*`, there are no /s.test(serde)) return 'nothing is accepted here';
  if ((m = /^missing field `(\w+)`$/.exec(serde))) return 'the property "' + m[1] + '" is missing';
  if ((m = /^duplicate field `(\w+)`$/.exec(serde))) return 'the property "' + m[1] + '" is given twice';
  // Anything else is one of our own messages: they never quote input, but blank what is
  // quoted all the same, except the snapshot formats this version names.
  return serde.replace(/"[^"]*"?|`[^`]*`?/g, (q) => (/^"azure-onboarding-snapshot\/v\d+"$/.test(q) ? q : q[0] + '…' + q[0]));
}
// An argument already checked by checkArgument, as JSON text (the full build reads plans,
// snapshots and options from text: one parser for them and for Azure's responses).
// undefined when reading the argument throws (a getter, a Proxy: checkArgument read it once
// already, this is the second reading).
export function jsonText(value) {
  try { return JSON.stringify(value); } catch { return undefined; }
}
// The collect options as a plain copy of their own enumerable properties, each read once;
// undefined when reading throws.
export function ownCopy(value) {
  try { return Object.assign({}, value); } catch { return undefined; }
}
// A result of the full build, from serde_json's text.
export function fromJsonText(text) {
  return JSON.parse(text);
}
"#)]
extern "C" {
    /// An argument checked by `checkArgument` as JSON text (`JSON.stringify`).
    #[wasm_bindgen(js_name = jsonText)]
    fn json_text(value: &JsValue) -> Option<String>;

    /// A plain copy of the own enumerable properties of `value` (an object), or `undefined`
    /// when reading them throws.
    #[wasm_bindgen(js_name = ownCopy)]
    pub fn own_copy(value: &JsValue) -> JsValue;

    /// A result as JS values (`JSON.parse`).
    #[wasm_bindgen(js_name = fromJsonText)]
    fn from_json_text(text: &str) -> JsValue;

    /// The value at `path` inside `root` (the argument called `name`) as `[value]`, or
    /// `undefined` when the path cannot be followed.
    #[wasm_bindgen(js_name = valueAt)]
    fn value_at(root: &JsValue, name: &str, path: &str) -> JsValue;

    /// serde's `message` said in JavaScript's words; `actual_kind` is what the offending
    /// value is ([`kind`]) where it was found.
    #[wasm_bindgen(js_name = misuseMessage)]
    fn misuse_message(serde: &str, actual_kind: Option<String>) -> String;
}

/// A misuse error at `path` whose message is serde's, said in JavaScript's words (the type
/// of the offending value is read from `root`, the argument called `name`).
#[cfg(feature = "assess")]
fn misuse_error(path: &str, serde: &str, root: &JsValue, name: &str) -> MisuseError {
    let found = value_at(root, name, path);
    let actual_kind = (!found.is_undefined())
        .then(|| kind(&js_sys::Reflect::get_u32(&found, 0).unwrap_or_default()));
    let message = misuse_message(serde, actual_kind);
    MisuseError::new(&format!("{path}: {message}"), "invalid-argument", path)
}

/// Nesting allowed in an argument: serde_json's own limit, so that whatever the CLI and the
/// Rust SDK read, the package reads too. Deeper input would exhaust the WebAssembly stack
/// inside the conversion.
pub const MAX_DEPTH: u32 = 128;

/// Values (of any kind) allowed in one argument, and UTF-16 units of text (strings and
/// property names) in all: the SDK's limit for JSON texts, `MAX_JSON_BYTES`.
const MAX_NODES: u32 = 16 * 1024 * 1024;
const MAX_CHARS: u32 = azure_onboarding::MAX_JSON_BYTES as u32;

/// The longest string a form field may hold (the longest real value, a pasted `az` JSON
/// output, is a few hundred characters): a 10 MB paste is refused before anything is
/// copied or validated, and never echoed back.
pub const MAX_FIELD_CHARS: u32 = 4096;

/// What an argument may hold.
#[derive(Debug, Clone, Copy)]
#[cfg(feature = "assess")]
pub struct Shape {
    /// Whether it must be a plain object (not an array, a Map, null…).
    object: bool,
    /// The longest string inside.
    max_string: u32,
}

/// A plan, a snapshot, options: an object, bounded only as a whole.
#[cfg(feature = "assess")]
pub const DATA: Shape = Shape {
    object: true,
    max_string: MAX_CHARS,
};

#[cfg(feature = "assess")]
fn check(name: &str, value: &JsValue, shape: Shape) -> Result<(), JsValue> {
    let top = if shape.object { "object" } else { "" };
    let found = check_argument(
        value,
        name,
        top,
        MAX_DEPTH,
        MAX_NODES,
        MAX_CHARS,
        shape.max_string,
    );
    if found.is_undefined() {
        return Ok(());
    }
    let found = js_sys::Array::from(&found);
    let path = found.get(0).as_string().unwrap_or_default();
    let message = found.get(1).as_string().unwrap_or_default();
    Err(misuse(&path, &message))
}

/// The form's configuration (`config`, `context`) given to `use_form` as a view of its
/// values where JS wrote them, in a buffer of the module (see `readForm`), instead of
/// property by property or as copies: the form is validated on every keystroke, and the
/// crossing was most of the cost (issue 15). Refused like [`from_js`] would refuse it. The
/// buffer is wiped once `use_form` returns: it holds the client secret.
pub fn with_form(
    name: FormName,
    value: &JsValue,
    use_form: &mut dyn FnMut(ConfigView<'_>) -> JsValue,
) -> Result<JsValue, JsValue> {
    with_form_fields(name, value, &Field::ALL, use_form)
}

/// The values the module made from a form (`normalize_view`'s): every copy wiped when it is
/// dropped, not only the client secret's (the user may have pasted the secret into another
/// field; issue 15's canary found it left in the module's memory). Values borrowed from the
/// form are the buffer's, which is wiped as a whole.
pub struct Wiped<'a>(pub NormalizedView<'a>);

impl Drop for Wiped<'_> {
    fn drop(&mut self) {
        let n = &mut self.0;
        for value in [
            &mut n.access_option,
            &mut n.tenant_id,
            &mut n.client_id,
            &mut n.client_secret,
            &mut n.device_name,
            &mut n.location,
            &mut n.use_storage_account_contributor_role,
        ] {
            if let Some(std::borrow::Cow::Owned(copy)) = value {
                zeroize::Zeroize::zeroize(copy);
            }
        }
    }
}

/// The name of a form argument (by number across the boundary: see `FORM_NAMES`).
#[derive(Debug, Clone, Copy)]
pub enum FormName {
    /// `config`.
    Config = 0,
    /// `context`.
    Context = 1,
}

impl FormName {
    fn as_str(self) -> &'static str {
        match self {
            FormName::Config => "config",
            FormName::Context => "context",
        }
    }
}

/// [`with_form`] with only `fields` written into the module (the others are checked all the
/// same and left absent): what `validateField` needs of its context
/// (`validate_field_context`).
///
/// Not generic, and not inlined: one copy in the module for the three exports that read a
/// form (each had its own, 800 B of the module apiece).
#[inline(never)]
pub fn with_form_fields(
    name: FormName,
    value: &JsValue,
    fields: &[Field],
    use_form: &mut dyn FnMut(ConfigView<'_>) -> JsValue,
) -> Result<JsValue, JsValue> {
    let wanted = Field::ALL
        .iter()
        .enumerate()
        .filter(|(_, f)| fields.contains(f))
        .fold(0u32, |bits, (i, _)| bits | 1 << i);
    if wanted == 0 {
        // Only checked (the field depends on no other).
        if check_form(
            value,
            name as u32,
            MAX_DEPTH,
            MAX_NODES,
            MAX_CHARS,
            MAX_FIELD_CHARS,
        ) != 0
        {
            return Err(take_error());
        }
        return Ok(use_form(ConfigView::default()));
    }
    with_buffer(|buffer, memory| {
        let written = {
            let written = read_form(
                value,
                name as u32,
                wanted,
                memory,
                buffer_at(buffer),
                buffer.len() as u32,
                MAX_DEPTH,
                MAX_NODES,
                MAX_CHARS,
                MAX_FIELD_CHARS,
            );
            if written >= -2 {
                written
            } else {
                // More room (the old bytes are zeros: each form is wiped once read).
                buffer.resize(written.unsigned_abs() as usize, 0);
                write_form(memory, buffer_at(buffer), buffer.len() as u32)
            }
        };
        match written {
            // An absent context (undefined or null): an empty one.
            -2 => Ok(use_form(ConfigView::default())),
            -1 => Err(take_error()),
            n => {
                let end = usize::try_from(n).unwrap_or(usize::MAX).min(buffer.len());
                let result = form_view(&buffer[..end]).map(&mut *use_form);
                // A plain fill (memset), not zeroize's byte-by-byte volatile writes: the
                // buffer outlives the call (the next form reads it), so the compiler cannot
                // drop these stores as dead.
                buffer[..end].fill(0);
                result.ok_or_else(|| {
                    MisuseError::new(
                        "the form could not be read",
                        "internal-error",
                        name.as_str(),
                    )
                    .into()
                })
            }
        }
    })
}

/// Runs `f` with the buffer JS writes forms and field values into (see `readForm`; zeros
/// between calls) and the module's memory.
fn with_buffer<R>(f: impl FnOnce(&mut Vec<u8>, &JsValue) -> R) -> R {
    FORM_BUFFER.with(|cell| {
        // A getter of the form that calls the SDK again (re-entry) finds the buffer in use:
        // that call reads into one of its own.
        let mut own = Vec::new();
        let mut shared = cell.try_borrow_mut();
        let buffer = match shared.as_deref_mut() {
            Ok(buffer) => buffer,
            Err(_) => &mut own,
        };
        if buffer.is_empty() {
            // The first form: room for a filled one.
            buffer.resize(FORM_BUFFER_START, 0);
        }
        MEMORY.with(|memory| f(buffer, memory))
    })
}

/// The bytes a filled form takes, about: the buffer's first size.
const FORM_BUFFER_START: usize = 1024;

thread_local! {
    /// Where `readForm` writes the form's fields, in the module's memory; zeros between calls.
    static FORM_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The module's memory, for `readForm` to write into.
    static MEMORY: JsValue = wasm_bindgen::memory();
}

/// Runs `f` with the module's memory (what the JS reads results from, and writes forms into).
pub fn with_memory(f: &mut dyn FnMut(&JsValue) -> JsValue) -> JsValue {
    MEMORY.with(f)
}

/// The buffer's address in the module's memory, for `readForm` to write at.
fn buffer_at(buffer: &mut [u8]) -> u32 {
    buffer.as_mut_ptr() as usize as u32
}

/// The fields `readForm` wrote (see there); `None` when they are not well-formed (never
/// expected: the JS wrote them).
fn form_view(bytes: &[u8]) -> Option<ConfigView<'_>> {
    let (lengths, mut rest) = bytes.split_at_checked(2 * Field::ALL.len())?;
    let mut values = [None; 7];
    for (value, length) in values.iter_mut().zip(lengths.chunks_exact(2)) {
        let length = usize::from(u16::from_le_bytes([length[0], length[1]]));
        if length == 0xFFFF {
            continue;
        }
        let (bytes, after) = rest.split_at_checked(length)?;
        rest = after;
        *value = Some(std::str::from_utf8(bytes).ok()?);
    }
    // Field::ALL's order.
    let [access_option, device_name, location, tenant_id, client_id, client_secret, legacy] =
        values;
    rest.is_empty().then_some(ConfigView {
        access_option,
        tenant_id,
        client_id,
        client_secret,
        device_name,
        location,
        use_storage_account_contributor_role: legacy,
    })
}

/// The data arguments read without serde (see `readData`), by number across the boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataShape {
    /// `values`: `CommandValues` (full build only).
    #[cfg_attr(not(feature = "assess"), allow(dead_code))]
    CommandValues = 0,
    /// `options`: `TenantLookupOptions`.
    TenantLookupOptions = 1,
    /// `response`: `LookupResponse`.
    LookupResponse = 2,
}

impl DataShape {
    /// The argument's name.
    pub fn name(self) -> &'static str {
        match self {
            DataShape::CommandValues => "values",
            DataShape::TenantLookupOptions => "options",
            DataShape::LookupResponse => "response",
        }
    }
}

/// A data argument checked and read in JS for its `shape` (see `readData`), as the compact
/// text; wiped once dropped.
pub fn data_arg(shape: DataShape, value: &JsValue) -> Result<Zeroizing<String>, JsValue> {
    Ok(Zeroizing::new(read_data(
        value,
        shape as u32,
        MAX_DEPTH,
        MAX_NODES,
        MAX_CHARS,
        MAX_CHARS,
    )?))
}

/// The strings of a compact text (`3,-,0;abc`: see results.rs) in order: `Some` for a
/// string, `None` for an absent one; an `Err` when the text is not well-formed (never
/// expected: the JS reader wrote it). Lengths are UTF-16 units (JS lengths); a lone surrogate
/// arrived as U+FFFD, one unit too.
pub struct CompactReader<'a> {
    lengths: std::str::Split<'a, char>,
    rest: &'a str,
    ascii: bool,
}

/// A compact text that is not well-formed.
#[derive(Debug)]
pub struct Broken;

impl<'a> CompactReader<'a> {
    /// A reader of `text`.
    pub fn new(text: &'a str) -> Result<Self, Broken> {
        let (header, rest) = text.split_once(';').ok_or(Broken)?;
        Ok(CompactReader {
            lengths: header.split(','),
            rest,
            ascii: rest.is_ascii(),
        })
    }

    /// The next string, or `None` for an absent one.
    pub fn next_opt(&mut self) -> Result<Option<&'a str>, Broken> {
        let length = self.lengths.next().ok_or(Broken)?;
        if length == "-" {
            return Ok(None);
        }
        let units: usize = length.parse().map_err(|_| Broken)?;
        let end = if self.ascii {
            units
        } else {
            let (mut counted, mut end) = (0, 0);
            for c in self.rest.chars() {
                if counted >= units {
                    break;
                }
                counted += c.len_utf16();
                end += c.len_utf8();
            }
            if counted < units {
                return Err(Broken);
            }
            end
        };
        let (value, after) = self.rest.split_at_checked(end).ok_or(Broken)?;
        self.rest = after;
        Ok(Some(value))
    }

    /// The next string, which must be present.
    pub fn next_str(&mut self) -> Result<&'a str, Broken> {
        self.next_opt()?.ok_or(Broken)
    }

    /// Whether every string was read.
    pub fn is_done(&mut self) -> bool {
        self.rest.is_empty() && self.lengths.next().is_none()
    }
}

/// `validateField`'s field name and value as a form passes them, read in one crossing
/// (`readField`); `None` when one of them is anything else, for the caller to read them one
/// by one (with [`string_arg`]) and say what is wrong.
pub fn field_value_arg(field: &JsValue, value: &JsValue) -> Option<(Field, String)> {
    with_buffer(|buffer, memory| {
        let at = buffer_at(buffer);
        let found = read_field(
            field,
            value,
            memory,
            at,
            buffer.len() as u32,
            MAX_FIELD_CHARS,
        );
        let index = usize::try_from(found >> 16).ok()?;
        let bytes = buffer.get_mut(..(found & 0xFFFF) as usize)?;
        let text = std::str::from_utf8(bytes).ok().map(String::from);
        bytes.fill(0);
        Some((*Field::ALL.get(index)?, text?))
    })
}

/// A string argument (`value`, `domain`, `template`, `field`): refused when it is not a
/// string or is longer than `max` UTF-16 units, before it is copied into the module (checked
/// in JS: `stringArg`).
pub fn string_arg(name: &str, value: &JsValue, max: u32) -> Result<String, JsValue> {
    string_arg_js(value, name, max)
}

/// Deserializes an argument after checking its shape (see `checkArgument`: a plain object,
/// bounded nesting, size and string lengths); on misuse, an error naming the JSON path
/// (`config.tenantId`) in JavaScript's words, never quoting the value.
///
/// The full build reads the argument as JSON text with serde_json, the parser it has anyway
/// for Azure's responses, and reads the value without serde
/// ([`azure_onboarding::json_read`]: the same errors as the types' `Deserialize`, with the
/// JSON path): no second deserializer (serde-wasm-bindgen), no `serde_path_to_error` wrapper
/// (issue 15: 120 KB of the full module were that wrapper) and no serde visitor per type of
/// the plan, the snapshot and the options (about 40 KB more). The text and the parsed
/// copy are wiped once read: `collect`'s options hold access tokens.
#[cfg(feature = "assess")]
pub fn from_js<T: azure_onboarding::json_read::Read>(
    name: &str,
    value: &JsValue,
    shape: Shape,
) -> Result<T, JsValue> {
    check(name, value, shape)?;
    let text = Zeroizing::new(json_text(value).ok_or_else(|| {
        misuse(
            name,
            "could not be read (a getter or a Proxy of the argument threw)",
        )
    })?);
    // JSON.stringify's text of a checked value parses, except a string with a lone surrogate
    // (escaped, and refused by serde_json) and nesting at serde_json's limit of 128 levels.
    let mut parsed: serde_json::Value = serde_json::from_slice(text.as_bytes()).map_err(|e| {
        let why = e.to_string();
        let why = why.rfind(" at line ").map_or(why.as_str(), |i| &why[..i]);
        misuse(name, &format!("cannot be read as JSON data: {why}"))
    })?;
    let read = azure_onboarding::json_read::read_value::<T>(&parsed, "argument");
    wipe(&mut parsed);
    read.map_err(|err| {
        let path = match err.path() {
            Some(".") | None => name.to_owned(),
            Some(inner) => format!("{name}.{inner}"),
        };
        let message = match &err {
            azure_onboarding::InputError::Invalid { message, .. } => message.clone(),
            other => other.to_string(),
        };
        misuse_error(&path, &message, value, name).into()
    })
}

/// Overwrites every string in `value` (the parsed copy of an argument) before it is freed.
#[cfg(feature = "assess")]
fn wipe(value: &mut serde_json::Value) {
    use zeroize::Zeroize;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => s.zeroize(),
            serde_json::Value::Array(items) => stack.extend(items.iter_mut()),
            serde_json::Value::Object(map) => stack.extend(map.values_mut()),
            _ => {}
        }
    }
}

/// A failed semantic check of an argument (`plan.validate()`), as a misuse error whose path
/// is prefixed with the argument's name.
#[cfg_attr(not(feature = "assess"), allow(dead_code))]
pub fn checked(
    name: &str,
    result: Result<(), azure_onboarding::InputError>,
) -> Result<(), JsValue> {
    result.map_err(|err| {
        let path = match err.path() {
            Some(".") | None => name.to_owned(),
            Some(inner) => format!("{name}.{inner}"),
        };
        MisuseError::new(&format!("{path}: {err}"), "invalid-argument", &path).into()
    })
}

/// A misuse error about the argument at `path` (e.g. `options.authority`).
pub fn misuse(path: &str, message: &str) -> JsValue {
    MisuseError::new(&format!("{path}: {message}"), "invalid-argument", path).into()
}

/// Serializes a result as JSON text with serde_json (which the full build has for Azure's
/// responses and the ARM templates) and parses it in JS: plain objects, numbers as numbers,
/// without a second serializer compiled for every result type. The text
/// is wiped once parsed: `normalizeConfig`'s result holds the client secret.
#[cfg(feature = "assess")]
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = Zeroizing::new(serde_json::to_string(value).map_err(|err| {
        JsValue::from(MisuseError::new(
            &format!("cannot convert the result: {err}"),
            "serialization-failed",
            "",
        ))
    })?);
    Ok(from_json_text(&text))
}

/// A panic would otherwise end in an `unreachable` trap ("RuntimeError: unreachable")
/// that tells the page nothing, and leave an instance that std still counts as panicking.
/// The hook schedules a fresh instance for the next call (wasm-bindgen's
/// `schedule_reinit`, which works with `panic = "abort"`) and throws an
/// `AzureOnboardingError` with code `internal-error`. The exports keep no state between
/// calls, so nothing is lost with the old instance; every later call, and every later panic,
/// behaves like the first (tested with the `panic-check` build). Panics should not happen at
/// all: every validator is fed arbitrary strings by property tests. The message names the
/// source location only: a panic payload could quote user input, and that might be a secret.
#[cfg(not(panic = "immediate-abort"))]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        wasm_bindgen::handler::schedule_reinit();
        throw_internal(&format!(
            "internal error in @workbench/azure-onboarding{at}; this is a bug, please report it"
        ));
    }));
}
