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
//! travel as strings (`"1"`, `"0"`, `"3"`).

use azure_onboarding::authority::{TenantLookupFailure, TenantLookupOutcome, TenantLookupRequest};
#[cfg(feature = "assess")]
use azure_onboarding::catalog::{FilledCommand, ValueProblem};
use crate::boundary::take_input;
use azure_onboarding::{ConfigView, Issue, ValidationReport, WorkbenchConfig};
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

#[wasm_bindgen(inline_js = r#"
// What an entry `=` reads as: the value the caller passed (see config()).
const SAME = {};
function reader(text) {
  let h = 0, at = text.indexOf(';') + 1;
  return () => {
    // One header entry: digits, '-' or '=', then ',' or ';'.
    let c = text.charCodeAt(h++);
    if (c === 45) { h++; return undefined; }
    if (c === 61) { h++; return SAME; }
    let length = 0;
    for (; c >= 48 && c <= 57; c = text.charCodeAt(h++)) length = length * 10 + c - 48;
    const s = text.substr(at, length);
    at += length;
    return s;
  };
}
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
  if ((v = next()) !== undefined) c.accessOption = v === SAME ? input[0] : v;
  if ((v = next()) !== undefined) c.tenantId = v === SAME ? input[3] : v;
  if ((v = next()) !== undefined) c.clientId = v === SAME ? input[4] : v;
  if ((v = next()) !== undefined) c.clientSecret = v === SAME ? input[5] : v;
  if ((v = next()) !== undefined) c.deviceName = v === SAME ? input[1] : v;
  if ((v = next()) !== undefined) c.location = v === SAME ? input[2] : v;
  if ((v = next()) !== undefined) c.useStorageAccountContributorRole = v === SAME ? input[6] : v;
  return c;
}
export function reportFrom(text, input) {
  const next = reader(text);
  const valid = next() === '1';
  return { valid, issues: issues(next), normalized: config(next, input) };
}
export function issuesFrom(text) {
  return issues(reader(text));
}
export function configFrom(text, input) {
  return config(reader(text), input);
}
// A list of strings: its length, then the strings.
function strings(next) {
  const list = [];
  for (let n = +next(); n > 0; n--) list.push(next());
  return list;
}
export function filledFrom(text) {
  const next = reader(text);
  return { text: next(), missing: strings(next), invalid: strings(next) };
}
export function problemsFrom(text) {
  const next = reader(text);
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
export function lookupFrom(text) {
  const next = reader(text);
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
    fn report_from(text: &str, input: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = issuesFrom)]
    fn issues_from(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = configFrom)]
    fn config_from(text: &str, input: &JsValue) -> JsValue;
    #[cfg(feature = "assess")]
    #[wasm_bindgen(js_name = filledFrom)]
    fn filled_from(text: &str) -> JsValue;
    #[cfg(feature = "assess")]
    #[wasm_bindgen(js_name = problemsFrom)]
    fn problems_from(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = lookupFrom)]
    fn lookup_from(text: &str) -> JsValue;
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

    /// A value that is the caller's own (`=`: the JS reads it from the input).
    fn same(&mut self) {
        self.entry();
        self.header.push('=');
    }

    /// `value`, or `=` when it is `input` unchanged.
    fn unless_same(&mut self, value: Option<&str>, input: Option<&str>) {
        match (value, input) {
            (Some(v), Some(i)) if v == i => self.same(),
            _ => self.string(value),
        }
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
/// client secret: the report holds its hint (`abc…`), which must not be taken for the input.
pub fn report(report: &ValidationReport, input: ConfigView<'_>) -> JsValue {
    let n = &report.normalized;
    let i = input;
    let normalized = [
        (&n.access_option, i.access_option),
        (&n.tenant_id, i.tenant_id),
        (&n.client_id, i.client_id),
        (&n.client_secret, None),
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
            .map(|(v, _)| v.as_ref().map_or(0, String::len))
            .sum::<usize>();
    let mut out = Compact::with_capacity(body);
    out.string(Some(if report.valid { "1" } else { "0" }));
    out.issues(&report.issues);
    for (v, input) in normalized {
        out.unless_same(v.as_deref(), input);
    }
    report_from(&out.finish(), &take_input())
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
        // The common case while typing a valid value: no text to write or read.
        return js_sys::Array::new().into();
    }
    let mut out = Compact::with_capacity(issues_len(issues));
    out.issues(issues);
    issues_from(&out.finish())
}

/// A `WorkbenchConfig` as the JS object, **with the real client secret** (for
/// `normalizeConfig`); a value equal to the caller's (`input`) crosses as `=` (see
/// [`report`]: an unchanged secret is not copied back at all); the text is zeroized once
/// the object is built.
pub fn config(config: &WorkbenchConfig, input: ConfigView<'_>) -> JsValue {
    let (c, i) = (ConfigView::from(config), input);
    let values = [
        (c.access_option, i.access_option),
        (c.tenant_id, i.tenant_id),
        (c.client_id, i.client_id),
        (c.client_secret, i.client_secret),
        (c.device_name, i.device_name),
        (c.location, i.location),
        (
            c.use_storage_account_contributor_role,
            i.use_storage_account_contributor_role,
        ),
    ];
    let body = values.iter().filter_map(|(v, _)| *v).map(str::len).sum();
    let mut out = Compact::with_capacity(body);
    for (v, input) in values {
        out.unless_same(v, input);
    }
    let mut text = out.finish();
    let value = config_from(&text, &take_input());
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
    filled_from(&out.finish())
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
    problems_from(&out.finish())
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
    lookup_from(&out.finish())
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
    lookup_from(&out.finish())
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
