//! Untrusted JSON input (snapshot, plan, configuration): the size limit and errors that name
//! the JSON path ([`InputError`]), and [`redact_quoted`] for messages that may quote a secret.

use serde::de::DeserializeOwned;

/// The largest JSON text [`Snapshot::from_json`](crate::Snapshot::from_json) and
/// [`OnboardingPlan::from_json`](crate::OnboardingPlan::from_json) accept: 256 MiB. A tenant
/// of 1,000 subscriptions and 50,000 storage accounts makes a snapshot of about 100 MiB.
pub const MAX_JSON_BYTES: usize = 256 * 1024 * 1024;

/// Why a JSON input (snapshot or plan) was rejected. Every variant but `TooLarge` names the
/// JSON path of the problem (`responses[3].status`, `subscriptions[0]`; `.` is the root).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// Larger than [`MAX_JSON_BYTES`]; not parsed at all.
    #[error("the {what} is {len} bytes long; the limit is {limit} bytes (256 MiB)")]
    TooLarge {
        /// `snapshot` or `plan`.
        what: &'static str,
        /// Length of the text in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Not JSON, or the JSON ends early.
    #[error("the {what} is not valid JSON at `{path}` (line {line}, column {column}): {message}")]
    Syntax {
        /// `snapshot` or `plan`.
        what: &'static str,
        /// JSON path reached when the text went wrong.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// Valid JSON with a wrong value: a wrong type, a missing key, an ID that is not one.
    #[error("the {what} has a wrong value at `{path}`: {message}")]
    Invalid {
        /// `snapshot` or `plan`.
        what: &'static str,
        /// JSON path of the value.
        path: String,
        /// What is wrong and what is expected.
        message: String,
    },
}

impl InputError {
    /// The same error with every quoted value in its message elided ([`redact_quoted`]).
    pub fn redacted(self) -> Self {
        match self {
            InputError::Syntax {
                what,
                path,
                line,
                column,
                message,
            } => InputError::Syntax {
                what,
                path,
                line,
                column,
                message: redact_quoted(&message),
            },
            InputError::Invalid {
                what,
                path,
                message,
            } => InputError::Invalid {
                what,
                path,
                message: redact_quoted(&message),
            },
            too_large => too_large,
        }
    }

    /// The JSON path of the problem, if any (`.` for the whole document).
    pub fn path(&self) -> Option<&str> {
        match self {
            InputError::TooLarge { .. } => None,
            InputError::Syntax { path, .. } | InputError::Invalid { path, .. } => Some(path),
        }
    }

    pub(crate) fn invalid(what: &'static str, path: String, message: impl Into<String>) -> Self {
        InputError::Invalid {
            what,
            path,
            message: message.into(),
        }
    }
}

/// serde quotes the offending value in some messages (`invalid type: string "…", expected
/// a map`); that value might be a client secret, so every quoted part is elided. Used on
/// every parse error of input that may hold the secret (the CLI's `--config`, the wasm
/// package's arguments).
///
/// ```
/// let m = azure_onboarding::redact_quoted(r#"invalid type: string "abc8Q~secret", expected a map"#);
/// assert_eq!(m, r#"invalid type: string "…", expected a map"#);
/// ```
pub fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut open: Option<char> = None;
    for c in message.chars() {
        match open {
            Some(q) if c == q => {
                out.push('…');
                out.push(c);
                open = None;
            }
            Some(_) => {}
            None if c == '"' || c == '`' => {
                out.push(c);
                open = Some(c);
            }
            None => out.push(c),
        }
    }
    if open.is_some() {
        out.push('…');
    }
    out
}

/// serde_json appends " at line L column C"; the error carries those separately.
fn strip_position(message: String) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    }
}

/// Parses JSON text into `T`, refusing texts over [`MAX_JSON_BYTES`], with the JSON path of
/// any error. Never panics (serde_json limits nesting to 128 levels).
///
/// The text is parsed first ([`parse_strict`]: syntax errors with their line and column, a
/// repeated key refused), then read by the core's own reader of parsed JSON, as the npm
/// package reads its arguments: an object only where an object belongs (serde_json's
/// deserializer also reads a struct from an array, by position: `["customApp", "<guid>"]`
/// was a configuration, `[]` an empty one).
pub(crate) fn from_json<T: DeserializeOwned>(
    text: &str,
    what: &'static str,
) -> Result<T, InputError> {
    let value = parse_strict(text, what)?;
    crate::json_path::from_value(&value)
        .map_err(|e| InputError::invalid(what, e.path, e.error.to_string()))
}

/// [`from_json`] for the types that read without serde ([`crate::json_path::Read`]: the plan,
/// the snapshot), as [`read_value`] reads them.
pub(crate) fn read_json<T: crate::json_path::Read>(
    text: &str,
    what: &'static str,
) -> Result<T, InputError> {
    let value = parse_strict(text, what)?;
    read_value(&value, what)
}

/// JSON text as a [`serde_json::Value`]: over [`MAX_JSON_BYTES`], not JSON, or with a key
/// given twice in one object, refused with the JSON path (and for syntax, the line and
/// column). serde_json's own `Value` keeps the last of repeated keys silently.
pub(crate) fn parse_strict(
    text: &str,
    what: &'static str,
) -> Result<serde_json::Value, InputError> {
    strict_text(text, what)
}

/// A JSON value read with [`StrictVisitor`].
struct Strict(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

/// Builds a [`serde_json::Value`], refusing a key repeated in an object.
struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(serde_json::Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                // Refused while reading the repeated member's value: the error's path is that
                // member's (`guestUser.mail`), not its object's.
                return Err(map
                    .next_value_seed(Repeated(&key))
                    .err()
                    .unwrap_or_else(|| {
                        serde::de::Error::custom(format_args!("duplicate field `{key}`"))
                    }));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(serde_json::Value::Object(out))
    }
}

/// The value of a member whose key was already given: an error ("duplicate field").
struct Repeated<'k>(&'k str);

impl<'de> serde::de::DeserializeSeed<'de> for Repeated<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        Err(serde::de::Error::custom(format_args!(
            "duplicate field `{}`",
            self.0
        )))
    }
}

/// Parses JSON text with [`StrictVisitor`] and serde_json's deserializer, with the path of
/// any error.
fn strict_text(text: &str, what: &'static str) -> Result<serde_json::Value, InputError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(InputError::TooLarge {
            what,
            len: text.len(),
            limit: MAX_JSON_BYTES,
        });
    }
    // Without tracking paths first (it costs the common case, a document that reads, a fifth
    // of the time); the path of an error is found by reading again.
    let mut de = serde_json::Deserializer::from_str(text);
    if let Ok(Strict(value)) = serde::Deserialize::deserialize(&mut de) {
        if de.end().is_ok() {
            return Ok(value);
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let Strict(value) = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() {
            InputError::invalid(what, path, strip_position(inner.to_string()))
        } else {
            InputError::Syntax {
                what,
                path,
                line: inner.line(),
                column: inner.column(),
                message: strip_position(inner.to_string()),
            }
        }
    })?;
    de.end().map_err(|e| InputError::Syntax {
        what,
        path: ".".into(),
        line: e.line(),
        column: e.column(),
        message: strip_position(e.to_string()),
    })?;
    Ok(value)
}

/// Deserializes `T` (a plan, a snapshot, a configuration…) from JSON that is already parsed,
/// with the JSON path of any problem, as [`Snapshot::from_json`](crate::Snapshot::from_json)
/// reports it for text: [`InputError::Invalid`] naming `what` and the path
/// (`subscriptions[1]`; `.` for the whole value). The wasm package reads its arguments
/// through this. Messages may quote the input: use [`InputError::redacted`] where it may hold
/// a secret.
///
/// ```
/// use azure_onboarding::{from_value, InputError, OnboardingPlan};
/// let plan = serde_json::json!({"tenantId": 5});
/// let err = from_value::<OnboardingPlan>(&plan, "plan").unwrap_err();
/// assert_eq!(err.path(), Some("tenantId"));
/// ```
pub fn from_value<T: DeserializeOwned>(
    value: &serde_json::Value,
    what: &'static str,
) -> Result<T, InputError> {
    crate::json_path::from_value(value)
        .map_err(|e| InputError::invalid(what, e.path, e.error.to_string()))
}

/// [`from_value`] for the types that read without serde ([`crate::json_read::Read`]: the plan,
/// the snapshot): the same errors, and none of serde's code per type.
#[doc(hidden)]
pub fn read_value<T: crate::json_path::Read>(
    value: &serde_json::Value,
    what: &'static str,
) -> Result<T, InputError> {
    crate::json_path::read(value)
        .map_err(|e| InputError::invalid(what, e.path, e.error.to_string()))
}

/// A sequence element whose deserialization also runs a check, so that a refused element is
/// reported at its own path (`subscriptions[1]`) by every deserializer that tracks paths
/// ([`from_json`], [`from_value`], the wasm boundary), and refused by plain serde too.
pub(crate) struct CheckedElement<'a, T, F: FnMut(&T) -> Result<(), &'static str>> {
    check: &'a mut F,
    element: core::marker::PhantomData<T>,
}

impl<'a, T, F: FnMut(&T) -> Result<(), &'static str>> CheckedElement<'a, T, F> {
    pub(crate) fn new(check: &'a mut F) -> Self {
        CheckedElement {
            check,
            element: core::marker::PhantomData,
        }
    }
}

impl<'de, T, F> serde::de::DeserializeSeed<'de> for CheckedElement<'_, T, F>
where
    T: serde::Deserialize<'de>,
    F: FnMut(&T) -> Result<(), &'static str>,
{
    type Value = T;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let value = T::deserialize(d)?;
        (self.check)(&value).map_err(serde::de::Error::custom)?;
        Ok(value)
    }
}

/// Deserializes a list whose every element must pass `check` (see [`CheckedElement`]).
pub(crate) fn checked_seq<'de, D, T, F>(d: D, check: F) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
    F: FnMut(&T) -> Result<(), &'static str>,
{
    struct ListVisitor<T, F>(F, core::marker::PhantomData<T>);
    impl<'de, T, F> serde::de::Visitor<'de> for ListVisitor<T, F>
    where
        T: serde::Deserialize<'de>,
        F: FnMut(&T) -> Result<(), &'static str>,
    {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            mut self,
            mut seq: A,
        ) -> Result<Vec<T>, A::Error> {
            let mut list = Vec::new();
            while let Some(v) = seq.next_element_seed(CheckedElement::new(&mut self.0))? {
                list.push(v);
            }
            Ok(list)
        }
    }
    d.deserialize_seq(ListVisitor(check, core::marker::PhantomData))
}

/// Deserializes a value that must pass `check`; the error is reported at the value's path.
pub(crate) fn checked<'de, D, T>(
    d: D,
    check: impl FnOnce(&T) -> Result<(), &'static str>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    let value = T::deserialize(d)?;
    check(&value).map_err(serde::de::Error::custom)?;
    Ok(value)
}
