//! Snapshots of a tenant's Azure state (format `azure-onboarding-snapshot/v1`): the format,
//! the requests it answers ([`RequestSpec`]), the URL key and paging rules by which a
//! request finds its response ([`url`], [`index`]), and the typed readers of the responses.
//!
//! A snapshot is the list of GET responses the assessment reads, recorded verbatim. The
//! collector, a customer running `az rest` by hand and the test fake of Azure all produce
//! the same format; [`required_requests`](crate::required_requests) lists the requests.

pub(crate) mod arg;
pub(crate) mod blob_list;
pub(crate) mod index;
#[cfg(test)]
mod json_path_tests;
pub(crate) mod readers;
mod requests;
pub(crate) mod url;
pub(crate) mod xml;

pub use arg::{
    inventory_requests, InventoryQuery, InventoryRequest, ARG_PAGE_ROWS,
    ARG_SUBSCRIPTIONS_PER_QUERY,
};
pub use requests::{RequestId, RequestSpec};

use crate::input::{checked, parse_strict, read_value, InputError};
use crate::json_path::{checked as checked_value, members, required, At, Read};
use serde::{Deserialize, Deserializer, Serialize};

/// The `format` value of a version 1 snapshot: GET responses only. What the collector
/// writes when it recorded no POST (see [`Snapshot::fit_format`]).
pub const SNAPSHOT_FORMAT: &str = "azure-onboarding-snapshot/v1";

/// The `format` value of a version 2 snapshot: an entry may also be a POST with its
/// `requestBody` recorded (Azure Resource Graph queries), and the body is part of what the
/// response answers. Version 1 snapshots are still read.
pub const SNAPSHOT_FORMAT_V2: &str = "azure-onboarding-snapshot/v2";

/// Why a snapshot was rejected (see [`InputError`]).
pub type SnapshotError = InputError;

/// A snapshot of a tenant's Azure state: verbatim responses to the GET requests the
/// assessment reads.
///
/// JSON:
/// ```json
/// { "format": "azure-onboarding-snapshot/v1",
///   "collectedAt": "2026-11-26T12:00:00Z",
///   "responses": [ { "method": "GET",
///                    "url": "https://management.azure.com/subscriptions/<id>?api-version=2022-12-01",
///                    "status": 200,
///                    "body": { "...": "the response body, verbatim" } } ] }
/// ```
/// Deserializing, with any serde format, runs the checks of [`validate`](Snapshot::validate).
/// `collectedAt` (RFC 3339) is the "now" of expiry checks. Lookup matches method, host,
/// path (case-insensitively) and the `$filter` value (percent-decoded, whitespace and case
/// folded); `api-version` and other query parameters are ignored, so a response recorded
/// with `az rest` matches. A paged list is several entries linked by `nextLink` /
/// `@odata.nextLink`.
///
/// ```
/// use azure_onboarding::Snapshot;
/// let s = Snapshot::from_json(r#"{"format":"azure-onboarding-snapshot/v1",
///     "collectedAt":"2026-11-26T12:00:00Z","responses":[]}"#).unwrap();
/// assert!(s.responses.is_empty());
/// let e = Snapshot::from_json(r#"{"format":"azure-onboarding-snapshot/v1",
///     "collectedAt":"2026-11-26T12:00:00Z","responses":[{"url":"https://x","status":"200"}]}"#)
///     .unwrap_err();
/// assert_eq!(e.path(), Some("responses[0].status"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Snapshot {
    /// Always [`SNAPSHOT_FORMAT`].
    #[serde(deserialize_with = "de_format")]
    pub format: String,
    /// When the responses were collected (RFC 3339, e.g. `2026-11-26T12:00:00Z`).
    #[serde(deserialize_with = "de_collected_at")]
    pub collected_at: String,
    /// The recorded responses, in collection order.
    #[serde(default)]
    pub responses: Vec<SnapshotResponse>,
}

/// One recorded response.
///
/// JSON: `{ "method": "GET", "url": "https://…", "status": 200, "body": … }`; `method`
/// defaults to `GET`, `body` to `null`. In a v2 snapshot a POST also records the JSON body
/// it sent, `"requestBody": {…}`: lookup matches it (keys in any order) beside the method
/// and URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct SnapshotResponse {
    /// HTTP method (`GET`).
    #[serde(default = "get", deserialize_with = "de_method")]
    pub method: String,
    /// The absolute request URL, `https://host/path?query`.
    #[serde(deserialize_with = "de_url")]
    pub url: String,
    /// HTTP status code.
    #[serde(deserialize_with = "de_status")]
    pub status: u16,
    /// The response body, verbatim (`null` if there was none).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub body: serde_json::Value,
    /// The JSON body the request sent (v2 only; a POST such as a Resource Graph query).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "unknown"))]
    pub request_body: Option<serde_json::Value>,
}

fn get() -> String {
    "GET".into()
}

/// The same as the derived `Deserialize` (checks and messages included), without serde (see
/// `json_path::Read`): what the wasm package reads its snapshot argument with.
impl Read for Snapshot {
    fn read<'a>(value: &'a serde_json::Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
        let (mut format, mut collected_at, mut responses) = (None, None, Vec::new());
        let fields = ["format", "collectedAt", "responses"];
        members(
            value,
            at,
            ("Snapshot", false),
            &fields,
            &mut |key, v, at| {
                match key {
                    "format" => format = Some(checked_value(v, at, |s: &String| check_format(s))?),
                    "collectedAt" => {
                        collected_at =
                            Some(checked_value(v, at, |s: &String| check_collected_at(s))?)
                    }
                    "responses" => responses = Read::read(v, at)?,
                    _ => {}
                }
                Ok(())
            },
        )?;
        Ok(Snapshot {
            format: required(format, "format")?,
            collected_at: required(collected_at, "collectedAt")?,
            responses,
        })
    }
}

/// Each response's `body` and (when not null) `requestBody`, taken out of a parsed snapshot
/// and left `null` (read as the same response without them), in the order of `responses`.
fn take_bodies(
    value: &mut serde_json::Value,
) -> Vec<(serde_json::Value, Option<serde_json::Value>)> {
    let Some(responses) = value.get_mut("responses").and_then(|r| r.as_array_mut()) else {
        return Vec::new();
    };
    responses
        .iter_mut()
        .map(|r| match r.as_object_mut() {
            Some(o) => (
                o.get_mut("body")
                    .map(serde_json::Value::take)
                    .unwrap_or_default(),
                o.get_mut("requestBody")
                    .filter(|b| !b.is_null())
                    .map(serde_json::Value::take),
            ),
            None => (serde_json::Value::Null, None),
        })
        .collect()
}

impl Read for SnapshotResponse {
    fn read<'a>(value: &'a serde_json::Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
        let (mut method, mut url, mut status) = (None, None, None);
        let (mut body, mut request_body) = (serde_json::Value::Null, None);
        let fields = ["method", "url", "status", "body", "requestBody"];
        members(
            value,
            at,
            ("SnapshotResponse", false),
            &fields,
            &mut |key, v, at| {
                match key {
                    "method" => method = Some(checked_value(v, at, |s: &String| check_method(s))?),
                    "url" => url = Some(checked_value(v, at, |s: &String| check_url(s))?),
                    "status" => status = Some(checked_value(v, at, |s: &u16| check_status(*s))?),
                    "body" => body = Read::read(v, at)?,
                    "requestBody" => request_body = Read::read(v, at)?,
                    _ => {}
                }
                Ok(())
            },
        )?;
        Ok(SnapshotResponse {
            method: method.unwrap_or_else(get),
            url: required(url, "url")?,
            status: required(status, "status")?,
            body,
            request_body,
        })
    }
}

impl SnapshotResponse {
    /// A GET response.
    pub fn get(url: impl Into<String>, status: u16, body: serde_json::Value) -> Self {
        SnapshotResponse {
            method: get(),
            url: url.into(),
            status,
            body,
            request_body: None,
        }
    }

    /// A POST response to a request that sent the JSON `request_body` (v2).
    pub fn post(
        url: impl Into<String>,
        request_body: serde_json::Value,
        status: u16,
        body: serde_json::Value,
    ) -> Self {
        SnapshotResponse {
            method: "POST".into(),
            url: url.into(),
            status,
            body,
            request_body: Some(request_body),
        }
    }
}

impl Snapshot {
    /// An empty snapshot collected at `collected_at` (RFC 3339).
    pub fn new(collected_at: impl Into<String>) -> Self {
        Snapshot {
            format: SNAPSHOT_FORMAT.into(),
            collected_at: collected_at.into(),
            responses: Vec::new(),
        }
    }

    /// Parses and [validates](Snapshot::validate) a snapshot from JSON text of at most
    /// [`MAX_JSON_BYTES`](crate::MAX_JSON_BYTES). Errors name the JSON path; it never panics.
    pub fn from_json(text: &str) -> Result<Snapshot, SnapshotError> {
        let mut value = parse_strict(text, "snapshot")?;
        // The bodies are moved out before reading and back after: reading borrows the parsed
        // value, and copying every body took as long as parsing them (19 MB: +70 %).
        let bodies = take_bodies(&mut value);
        let mut s: Snapshot = read_value(&value, "snapshot")?;
        for (response, (body, request_body)) in s.responses.iter_mut().zip(bodies) {
            response.body = body;
            if request_body.is_some() {
                response.request_body = request_body;
            }
        }
        s.validate()?;
        Ok(s)
    }

    /// Sets `format` to the oldest version that holds the responses: v2 when one records a
    /// request body, else v1 (so a collection without POSTs stays readable by v1 readers).
    pub fn fit_format(&mut self) {
        let v2 = self.responses.iter().any(|r| r.request_body.is_some());
        self.format = if v2 {
            SNAPSHOT_FORMAT_V2
        } else {
            SNAPSHOT_FORMAT
        }
        .into();
    }

    /// Checks what deserialization alone does not: the format, the `collectedAt` timestamp,
    /// and that every URL is absolute `https`, every method non-empty and every status an
    /// HTTP status (100 to 599), and that a v1 snapshot records no request body. Response
    /// bodies are not checked here: an unexpected body makes the checks that read it
    /// `unknown` (code `response-unreadable`).
    pub fn validate(&self) -> Result<(), SnapshotError> {
        let bad = |path: String, m: &str| Err(InputError::invalid("snapshot", path, m));
        check_format(&self.format).or_else(|m| bad("format".into(), m))?;
        check_collected_at(&self.collected_at).or_else(|m| bad("collectedAt".into(), m))?;
        for (i, r) in self.responses.iter().enumerate() {
            check_url(&r.url).or_else(|m| bad(format!("responses[{i}].url"), m))?;
            check_method(&r.method).or_else(|m| bad(format!("responses[{i}].method"), m))?;
            check_status(r.status).or_else(|m| bad(format!("responses[{i}].status"), m))?;
            if r.request_body.is_some() && self.format == SNAPSHOT_FORMAT {
                bad(
                    format!("responses[{i}].requestBody"),
                    "a request body needs format \"azure-onboarding-snapshot/v2\"",
                )?;
            }
        }
        Ok(())
    }

    /// Serializes the snapshot as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

// The checks of `validate`, also run while deserializing (the fields' `deserialize_with`), so
// that plain serde (`serde_json::from_str::<Snapshot>`) cannot produce a snapshot that
// `validate` refuses, and errors name the value's path (`responses[3].status`).

fn check_format(format: &str) -> Result<(), &'static str> {
    if format == SNAPSHOT_FORMAT || format == SNAPSHOT_FORMAT_V2 {
        Ok(())
    } else {
        Err("unsupported snapshot format; this version reads \"azure-onboarding-snapshot/v1\" and \"azure-onboarding-snapshot/v2\"")
    }
}

fn check_collected_at(at: &str) -> Result<(), &'static str> {
    match rfc3339_seconds(at) {
        Some(_) => Ok(()),
        None => Err("expected an RFC 3339 timestamp such as 2026-11-26T12:00:00Z"),
    }
}

fn check_url(u: &str) -> Result<(), &'static str> {
    match url::parse_url(u) {
        Some(_) => Ok(()),
        None => Err("expected an absolute https URL such as https://management.azure.com/subscriptions/<id>"),
    }
}

fn check_method(method: &str) -> Result<(), &'static str> {
    if method.trim().is_empty() {
        Err("the method is empty")
    } else {
        Ok(())
    }
}

fn check_status(status: u16) -> Result<(), &'static str> {
    if (100..=599).contains(&status) {
        Ok(())
    } else {
        Err("expected an HTTP status code from 100 to 599")
    }
}

fn de_format<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(d, |s: &String| check_format(s))
}

fn de_collected_at<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(d, |s: &String| check_collected_at(s))
}

fn de_url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(d, |s: &String| check_url(s))
}

fn de_method<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(d, |s: &String| check_method(s))
}

fn de_status<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    checked(d, |s: &u16| check_status(*s))
}

/// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 timestamp (`2026-11-26T12:00:00Z`,
/// `…T12:00:00.1234567+01:00`; a space for `T` and lowercase letters accepted); `None` if
/// it is not one. Fractions of a second are dropped.
///
/// ```
/// use azure_onboarding::rfc3339_seconds;
/// assert_eq!(rfc3339_seconds("1970-01-02T00:00:01Z"), Some(86_401));
/// assert_eq!(rfc3339_seconds("2026-11-26T13:00:00.5+01:00"), rfc3339_seconds("2026-11-26T12:00:00Z"));
/// assert_eq!(rfc3339_seconds("2026-02-30T00:00:00Z"), None);
/// ```
pub fn rfc3339_seconds(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: core::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
        } else {
            None
        }
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let digits = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        rest = &rest[1 + digits..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| -> Option<i64> {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
            };
            let (oh, om) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&mo) || d < 1 || d > month_days[(mo - 1) as usize] {
        return None;
    }
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let (yy, m) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// The civil date (year, month, day) of seconds since 1970 (Howard Hinnant's algorithm).
pub(crate) fn civil(seconds: i64) -> (i64, i64, i64) {
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// An RFC 3339 UTC timestamp with seconds of a Unix time, the inverse of
/// [`rfc3339_seconds`] on whole seconds.
///
/// ```
/// use azure_onboarding::rfc3339_utc;
/// assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
/// assert_eq!(rfc3339_utc(1_795_694_400), "2026-11-26T12:00:00Z");
/// ```
pub fn rfc3339_utc(t: i64) -> String {
    let (y, m, d) = civil(t);
    let s = t.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(rfc3339_seconds("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(rfc3339_seconds("2026-11-26T12:00:00Z"), Some(1_795_694_400));
        assert_eq!(
            rfc3339_seconds("2021-02-02T04:22:45.4980259Z"),
            rfc3339_seconds("2021-02-02T04:22:45Z")
        );
        for bad in [
            "",
            "2026-11-26",
            "2026-11-26T12:00:00",
            "2026-13-01T00:00:00Z",
            "2026-11-26T24:00:00Z",
            "2026-11-26T12:00:00.Z",
            "2026-11-26T12:00:00+1:00",
            "２０２６-11-26T12:00:00Z",
        ] {
            assert_eq!(rfc3339_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn errors_name_the_path() {
        let e = Snapshot::from_json("{\"format\": 3}").unwrap_err();
        assert_eq!(e.path(), Some("format"));
        // (A valid format: deserializing checks it, and a wrong value before the syntax
        // error would be reported first.)
        let e = Snapshot::from_json(
            "{\"format\": \"azure-onboarding-snapshot/v1\", \"collectedAt\": \"",
        )
        .unwrap_err();
        assert!(matches!(e, InputError::Syntax { .. }), "{e}");
        let e = Snapshot::from_json(
            "{\"format\": \"azure-onboarding-snapshot/v1\", \"collectedAt\": \"2026-11-26T12:00:00Z\"} junk",
        )
        .unwrap_err();
        assert!(matches!(e, InputError::Syntax { .. }), "{e}");
        let e =
            Snapshot::from_json("{\"format\": \"x\", \"collectedAt\": \"2026-11-26T12:00:00Z\"}")
                .unwrap_err();
        assert_eq!(e.path(), Some("format"));
        assert!(!e.to_string().contains(" at line "), "{e}");
    }
}
