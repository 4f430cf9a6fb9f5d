//! The form's results (`ValidationReport`, `Issue[]`, the normalized `WorkbenchConfig`), and
//! those of the tenant lookup (`TenantLookupRequest`, `TenantLookupOutcome`, in both builds)
//! and of `fillCommand` and `checkCommandValues` (`FilledCommand`, `ValueProblem[]`, full
//! build only; their few lines of JS below are in both builds' snippet), cross
//! into JavaScript as one compact string, and the JS objects are built once, in the
//! JS below (issue 15): serde-wasm-bindgen built them property by property, one crossing per
//! value, which was most of the cost of a keystroke's validation. The objects are exactly
//! what serde-wasm-bindgen's `json_compatible` serializer made from the same Rust values
//! (same keys in the same order, absent optionals left out); tests/js and tests/parity hold
//! that. No `core::fmt` here: the text is assembled with `push_str`.
//!
//! The text: a header of comma-separated entries, `;`, then the strings one after the other.
//! Each header entry is the next string's length in UTF-16 units (JS string lengths), or `-`
//! for an absent one. Strings are read in the order they were written; numbers and booleans
//! travel as strings (`"1"`, `"0"`, `"3"`). Two entries carry no string, for the form's
//! normalized values: `=`, the caller's own value unchanged, and `^n`, the first n UTF-16
//! units of the caller's value and "…" (the secret's hint). The module writes the text in
//! its memory and the JS reads it there (`cross`).

use crate::boundary::take_input;
use azure_onboarding::authority::{TenantLookupFailure, TenantLookupOutcome, TenantLookupRequest};
#[cfg(feature = "assess")]
use azure_onboarding::catalog::{FilledCommand, ValueProblem};
use azure_onboarding::{ConfigView, Issue, NormalizedView, ValidationView};
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

#[wasm_bindgen(inline_js = r#"
// A result's compact text, read where the module wrote it (`memory`, from `at`, `length`
// bytes of UTF-8): the header from the bytes, the strings from the body decoded once, and
// not at all when it is empty (an unchanged valid form's report: no TextDecoder call).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
let view = new Uint8Array(0), viewOf;
// What an entry `=` reads as: the value the caller passed (see config()); `^n` reads as
// PREFIX with `prefix` n: the first n units of the caller's value, then "…" (a hint).
const SAME = {}, PREFIX = { prefix: 0 };
// The text being read: its bytes, where its next header entry is, its body and where the
// next string in that is (module state, not a closure per result: reading calls no user
// code).
let bytes, h = 0, bodyText = '', s = 0;
function reader(memory, at, length) {
  if (viewOf !== memory || view.length === 0) {
    viewOf = memory;
    view = new Uint8Array(memory.buffer);
  }
  bytes = view;
  const end = at + length, b = view.indexOf(59, at) + 1;
  // A short ASCII body (a valid report's "1" and "0") without a TextDecoder call.
  const short = end - b <= 32 ? ascii(view, b, end) : undefined;
  h = at;
  bodyText = short !== undefined ? short : decoder.decode(view.subarray(b, end));
  s = 0;
  return next;
}
function next() {
  // One header entry: digits, '-', '=' or '^' and digits, then ',' or ';'.
  let c = bytes[h++];
  if (c === 45) { h++; return undefined; }
  if (c === 61) { h++; return SAME; }
  const prefix = c === 94;
  if (prefix) c = bytes[h++];
  let n = 0;
  for (; c >= 48 && c <= 57; c = bytes[h++]) n = n * 10 + c - 48;
  if (prefix) {
    PREFIX.prefix = n;
    return PREFIX;
  }
  const value = bodyText.substr(s, n);
  s += n;
  return value;
}
// bytes[from..to] as a string when they are all ASCII, else undefined.
function ascii(bytes, from, to) {
  let s = '';
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c >= 128) return undefined;
    s += String.fromCharCode(c);
  }
  return s;
}
// A value of the form's results: the caller's own for `=` and `^n`.
const own = (v, input) => (v === SAME ? input : v === PREFIX ? input.slice(0, v.prefix) + '…' : v);
function issues(next) {
  const list = [];
  for (let n = +next(); n > 0; n--) {
    const issue = { field: next(), code: next(), severity: next(), message: next() };
    const hint = next();
    if (hint !== undefined) issue.hint = hint;
    list.push(issue);
  }
  return list;
}
// `NormalizedConfig` and `WorkbenchConfig`: their keys in serialization order, each from
// its place in the form's fields as readForm passed them (`input`, FORM_FIELDS order): a
// value the module left unchanged comes back as `=`, and is the caller's own string. One
// named store per key (a keyed store by a computed key was a third of reportFrom's time).
function config(next, input) {
  const c = {};
  let v;
  if ((v = next()) !== undefined) c.accessOption = own(v, input[0]);
  if ((v = next()) !== undefined) c.tenantId = own(v, input[3]);
  if ((v = next()) !== undefined) c.clientId = own(v, input[4]);
  if ((v = next()) !== undefined) c.clientSecret = own(v, input[5]);
  if ((v = next()) !== undefined) c.deviceName = own(v, input[1]);
  if ((v = next()) !== undefined) c.location = own(v, input[2]);
  if ((v = next()) !== undefined) c.useStorageAccountContributorRole = own(v, input[6]);
  return c;
}
export function reportFrom(memory, at, length, input) {
  const next = reader(memory, at, length);
  const valid = next() === '1';
  return { valid, issues: issues(next), normalized: config(next, input) };
}
export function issuesFrom(memory, at, length) {
  // No text: no issues (the common case while typing a valid value).
  return length === 0 ? [] : issues(reader(memory, at, length));
}
export function configFrom(memory, at, length, input) {
  return config(reader(memory, at, length), input);
}
// A list of strings: its length, then the strings.
function strings(next) {
  const list = [];
  for (let n = +next(); n > 0; n--) list.push(next());
  return list;
}
export function filledFrom(memory, at, length) {
  const next = reader(memory, at, length);
  return { text: next(), missing: strings(next), invalid: strings(next) };
}
export function problemsFrom(memory, at, length) {
  const next = reader(memory, at, length);
  const list = [];
  for (let n = +next(); n > 0; n--) {
    const problem = { input: next() };
    const index = next();
    if (index !== undefined) problem.index = +index;
    problem.message = next();
    list.push(problem);
  }
  return list;
}
// TenantLookupRequest and TenantLookupOutcome: the tag, then the variant's fields.
export function lookupFrom(memory, at, length) {
  const next = reader(memory, at, length);
  const result = next();
  if (result === 'ready') return { result, url: next() };
  if (result === 'failed') return { result, code: next(), message: next() };
  const found = { result, tenantId: next(), cloud: next(), cloudName: next(), issuer: next() };
  const scope = next(), instance = next();
  if (scope !== undefined) found.tenantRegionScope = scope;
  if (instance !== undefined) found.cloudInstanceName = instance;
  return found;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = reportFrom)]
    fn report_from(memory: &JsValue, at: u32, length: u32, input: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = issuesFrom)]
    fn issues_from(memory: &JsValue, at: u32, length: u32, input: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = configFrom)]
    fn config_from(memory: &JsValue, at: u32, length: u32, input: &JsValue) -> JsValue;
    #[cfg(feature = "assess")]
    #[wasm_bindgen(js_name = filledFrom)]
    fn filled_from(memory: &JsValue, at: u32, length: u32, input: &JsValue) -> JsValue;
    #[cfg(feature = "assess")]
    #[wasm_bindgen(js_name = problemsFrom)]
    fn problems_from(memory: &JsValue, at: u32, length: u32, input: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = lookupFrom)]
    fn lookup_from(memory: &JsValue, at: u32, length: u32, input: &JsValue) -> JsValue;
}

/// The reader in JS of a kind of result: memory, address and length in bytes of the text,
/// and the strings of the caller's form (undefined where a result has no `=`).
type Reader = fn(&JsValue, u32, u32, &JsValue) -> JsValue;

/// Hands a compact text to the JS that reads it from the module's memory. Not generic: one
/// copy in the module for every kind of result.
fn cross(text: &str, read: Reader, input: &JsValue) -> JsValue {
    let (at, length) = (text.as_ptr() as usize as u32, text.len() as u32);
    crate::boundary::with_memory(&mut |memory| read(memory, at, length, input))
}

/// The compact text being written (see the module's doc).
#[derive(Default)]
struct Compact {
    header: String,
    body: String,
}

impl Compact {
    /// Room for `body` bytes of strings, so that the body is never reallocated (a
    /// reallocation would leave a copy of the secret in freed memory).
    fn with_capacity(body: usize) -> Self {
        Compact {
            header: String::with_capacity(64),
            body: String::with_capacity(body),
        }
    }

    fn entry(&mut self) {
        if !self.header.is_empty() {
            self.header.push(',');
        }
    }

    fn string(&mut self, s: Option<&str>) {
        self.entry();
        match s {
            None => self.header.push('-'),
            Some(s) => {
                push_decimal(&mut self.header, utf16_len(s));
                self.body.push_str(s);
            }
        }
    }

    /// `value`, or `=` when it is `input` unchanged (the JS takes the caller's own value).
    #[inline(never)]
    fn unless_same(&mut self, value: Option<&str>, input: Option<&str>) {
        match (value, input) {
            (Some(v), Some(i)) if v == i => {
                self.entry();
                self.header.push('=');
            }
            _ => self.string(value),
        }
    }

    /// `hint`, or `^n` when it is the first n UTF-16 units of `input` and "…" (the secret's
    /// hint of an unchanged secret: the JS makes it from the caller's string). (The light
    /// module measured the same with and without `inline(never)` on these two.)
    #[inline(never)]
    fn hint_of(&mut self, hint: Option<&str>, input: Option<&str>) {
        if let (Some(h), Some(i)) = (hint, input) {
            if let Some(prefix) = h.strip_suffix('…').filter(|p| !p.is_empty()) {
                if i.starts_with(prefix) {
                    self.entry();
                    self.header.push('^');
                    push_decimal(&mut self.header, utf16_len(prefix));
                    return;
                }
            }
        }
        self.string(hint);
    }

    fn issues(&mut self, issues: &[Issue]) {
        self.decimal(issues.len());
        for issue in issues {
            self.string(Some(issue.field.as_str()));
            self.string(Some(issue.code.as_str()));
            self.string(Some(issue.severity.as_str()));
            self.string(Some(&issue.message));
            self.string(issue.hint.as_deref());
        }
    }

    /// The text, consuming both parts; the caller zeroizes it when it may hold the secret.
    fn finish(mut self) -> String {
        self.header.reserve_exact(1 + self.body.len());
        self.header.push(';');
        self.header.push_str(&self.body);
        self.body.zeroize();
        self.header
    }
}

impl Compact {
    fn decimal(&mut self, n: usize) {
        // At most 20 digits: written on the stack, not in a String of its own.
        let mut digits = [0u8; 20];
        self.string(Some(decimal_digits(n, &mut digits)));
    }

    #[cfg(feature = "assess")]
    fn strings(&mut self, list: &[String]) {
        self.decimal(list.len());
        for s in list {
            self.string(Some(s));
        }
    }

    fn failure(&mut self, failure: &TenantLookupFailure) {
        self.string(Some("failed"));
        self.string(Some(failure.code));
        self.string(Some(&failure.message));
    }
}

/// The length of `s` in UTF-16 units (a JS string's length), from its UTF-8 bytes: one unit
/// per character (every byte but continuation bytes starts one), two for the characters of
/// four bytes (outside the BMP, their first byte is `0xF0..`). A byte loop instead of
/// decoding every character with `encode_utf16` (issue 15: every string of a report).
fn utf16_len(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// `n` in decimal, without `core::fmt`.
fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    out.push_str(decimal_digits(n, &mut digits));
}

/// `n` in decimal, written at the end of `digits` (20 digits hold any `usize`).
fn decimal_digits(mut n: usize, digits: &mut [u8; 20]) -> &str {
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    // ASCII digits only: never the empty default.
    core::str::from_utf8(&digits[i..]).unwrap_or_default()
}

/// A `ValidationReport` as the JS object.
/// A normalized value that equals the caller's (`input`, as the form passed it) crosses as
/// `=`: the JS object gets the caller's own string, and nothing is copied back. Never for the
/// client secret: the report holds its hint (`abc…`), which crosses as `^3` when it is the
/// start of the caller's string (see [`Compact::hint_of`]).
pub fn report(report: &ValidationView<'_>, input: ConfigView<'_>) -> JsValue {
    let n = &report.normalized;
    let i = input;
    let normalized = [
        (&n.access_option, i.access_option),
        (&n.tenant_id, i.tenant_id),
        (&n.client_id, i.client_id),
        (&n.client_secret, i.client_secret),
        (&n.device_name, i.device_name),
        (&n.location, i.location),
        (
            &n.use_storage_account_contributor_role,
            i.use_storage_account_contributor_role,
        ),
    ];
    // The body's size known beforehand: written without growing.
    let body = 1
        + issues_len(&report.issues)
        + normalized
            .iter()
            .map(|(v, _)| v.as_ref().map_or(0, |v| v.len()))
            .sum::<usize>();
    let mut out = Compact::with_capacity(body);
    out.string(Some(if report.valid { "1" } else { "0" }));
    out.issues(&report.issues);
    for (k, (v, input)) in normalized.into_iter().enumerate() {
        // The client secret's place holds its hint: never `=`.
        if k == 3 {
            out.hint_of(v.as_deref(), input);
        } else {
            out.unless_same(v.as_deref(), input);
        }
    }
    let input = take_input();
    cross(&out.finish(), report_from, &input)
}

/// The bytes `Compact::issues` writes into the body for `issues` (the count's digits at most
/// 20).
fn issues_len(issues: &[Issue]) -> usize {
    20 + issues
        .iter()
        .map(|i| {
            i.field.as_str().len()
                + i.code.as_str().len()
                + i.severity.as_str().len()
                + i.message.len()
                + i.hint.as_ref().map_or(0, String::len)
        })
        .sum::<usize>()
}

/// `Issue[]` as the JS array.
pub fn issues(issues: &[Issue]) -> JsValue {
    if issues.is_empty() {
        // The common case while typing a valid value: no text to write or read (issuesFrom
        // answers a fresh `[]`; `js_sys::Array::new` would be one more import to instantiate).
        return cross("", issues_from, &JsValue::UNDEFINED);
    }
    let mut out = Compact::with_capacity(issues_len(issues));
    out.issues(issues);
    cross(&out.finish(), issues_from, &JsValue::UNDEFINED)
}

/// A `WorkbenchConfig` as the JS object, **with the real client secret** (for
/// `normalizeConfig`); a value equal to the caller's (`input`) crosses as `=` (see
/// [`report`]: an unchanged secret is not copied back at all); the text is zeroized once
/// the object is built.
pub fn config(config: &NormalizedView<'_>, input: ConfigView<'_>) -> JsValue {
    let (c, i) = (config, input);
    let values = [
        (c.access_option.as_deref(), i.access_option),
        (c.tenant_id.as_deref(), i.tenant_id),
        (c.client_id.as_deref(), i.client_id),
        (c.client_secret.as_deref(), i.client_secret),
        (c.device_name.as_deref(), i.device_name),
        (c.location.as_deref(), i.location),
        (
            c.use_storage_account_contributor_role.as_deref(),
            i.use_storage_account_contributor_role,
        ),
    ];
    let body = values.iter().filter_map(|(v, _)| *v).map(str::len).sum();
    let mut out = Compact::with_capacity(body);
    for (v, input) in values {
        out.unless_same(v, input);
    }
    let mut text = out.finish();
    let input = take_input();
    let value = cross(&text, config_from, &input);
    text.zeroize();
    value
}

/// A `FilledCommand` as the JS object `{ text, missing, invalid }`.
#[cfg(feature = "assess")]
pub fn filled(filled: &FilledCommand) -> JsValue {
    let mut out = Compact::default();
    out.string(Some(&filled.text));
    out.strings(&filled.missing);
    out.strings(&filled.invalid);
    cross(&out.finish(), filled_from, &JsValue::UNDEFINED)
}

/// `ValueProblem[]` as the JS array of `{ input, index?, message }`.
#[cfg(feature = "assess")]
pub fn problems(problems: &[ValueProblem]) -> JsValue {
    let mut out = Compact::default();
    out.decimal(problems.len());
    for p in problems {
        out.string(Some(p.input));
        match p.index {
            Some(i) => out.decimal(i),
            None => out.string(None),
        }
        out.string(Some(&p.message));
    }
    cross(&out.finish(), problems_from, &JsValue::UNDEFINED)
}

/// A `TenantLookupRequest` as the JS object (`result: "ready"` or `"failed"`).
pub fn lookup_request(request: &TenantLookupRequest) -> JsValue {
    let mut out = Compact::default();
    match request {
        TenantLookupRequest::Ready { url } => {
            out.string(Some("ready"));
            out.string(Some(url));
        }
        TenantLookupRequest::Failed(failure) => out.failure(failure),
    }
    cross(&out.finish(), lookup_from, &JsValue::UNDEFINED)
}

/// A `TenantLookupOutcome` as the JS object (`result: "found"` or `"failed"`).
pub fn lookup_outcome(outcome: &TenantLookupOutcome) -> JsValue {
    let mut out = Compact::default();
    match outcome {
        TenantLookupOutcome::Found(found) => {
            out.string(Some("found"));
            out.string(Some(&found.tenant_id.to_string()));
            out.string(Some(found.cloud.as_str()));
            out.string(Some(found.cloud_name));
            out.string(Some(&found.issuer));
            out.string(found.tenant_region_scope.as_deref());
            out.string(found.cloud_instance_name.as_deref());
        }
        TenantLookupOutcome::Failed(failure) => out.failure(failure),
    }
    cross(&out.finish(), lookup_from, &JsValue::UNDEFINED)
}

#[cfg(test)]
mod tests {
    use super::{push_decimal, utf16_len};

    #[test]
    fn utf16_lengths_are_those_of_encode_utf16() {
        for s in [
            "",
            "abc",
            "é",
            "Zürich €",
            "𝄞",
            "a𝄞b😀\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            assert_eq!(utf16_len(s), s.encode_utf16().count(), "{s:?}");
        }
        // Every scalar value, one by one.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(utf16_len(&s), c.len_utf16(), "{c:?}");
        }
    }

    #[test]
    fn decimals() {
        for n in [0, 7, 10, 4096, usize::MAX] {
            let mut s = String::new();
            push_decimal(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }
}
