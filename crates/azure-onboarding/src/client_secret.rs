//! Client secrets: a redacting, zeroizing string type and the Azure client-secret formats.
//!
//! Formats (FACTS §3):
//! - **current**: Microsoft's scanner rule SEC101/156 — length 40 with `8Q~` at index 3..6, or
//!   length 37 with `7Q~`; every character a letter, digit, `-`, `_`, `.` or `~`
//!   (microsoft/security-utilities `SEC101_156_AzureClientAppIdentifiableCredentials.cs`);
//! - **legacy**: SEC101/101 — 32 characters of `[A-Za-z0-9.=-:[_@/*]+?]` with at least one
//!   symbol, or 34 of the current character set with at least one of `- ~ _ .`
//!   (`SEC101_101_AzureClientAppLegacyCredential32.cs`, `…Credentials34.cs`);
//! - a **GUID** is the portal's "Secret ID" (`keyId`), never the secret value.
//!
//! Anything else matches no Azure client-secret format and is rejected: Azure generates
//! secret values itself (Graph `addPassword`), so a value of another shape is a copy error.

use crate::facts::secrets::HINT_LENGTH;
use core::fmt;
use core::str::FromStr;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

/// A string holding a secret: zeroized on drop, and redacted in `Debug` (only Azure's
/// three-character hint is shown, see [`SecretString::hint`]).
///
/// It serializes to the real value, because it is the *input* form (a configuration a
/// service stores); reports never contain it.
///
/// ```
/// use azure_onboarding::SecretString;
/// let s = SecretString::from("abc8Q~not-a-real-secret-just-an-example1");
/// assert_eq!(format!("{s:?}"), "SecretString(\"abc…\")");
/// assert_eq!(s.expose_secret().len(), 40);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretString(Zeroizing<String>);

impl SecretString {
    /// Wraps a secret.
    pub fn new(value: String) -> Self {
        SecretString(Zeroizing::new(value))
    }

    /// The secret itself. Call this only where the secret is used (e.g. a token request).
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Azure's `hint`: the first three characters followed by "…".
    ///
    /// A value shorter than Graph's minimum secret length (16) shows "…" only, so that
    /// a short value is never shown nearly whole.
    pub fn hint(&self) -> String {
        secret_hint(&self.0)
    }
}

/// The hint of a secret value: first three characters and "…", or just "…" when the value
/// is shorter than 16 characters.
pub(crate) fn secret_hint(value: &str) -> String {
    let min = *crate::facts::secrets::GRAPH_SECRET_LENGTH.start();
    if value.len() < min || value.chars().count() < min {
        return "…".to_owned();
    }
    // The first HINT_LENGTH characters, as one slice (not collected char by char).
    let end = value
        .char_indices()
        .nth(HINT_LENGTH)
        .map_or(value.len(), |(at, _)| at);
    let mut hint = String::with_capacity(end + '…'.len_utf8());
    hint.push_str(&value[..end]);
    hint.push('…');
    hint
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SecretString").field(&self.hint()).finish()
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        SecretString::new(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        SecretString::new(value.to_owned())
    }
}

impl Serialize for SecretString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SecretString::new)
    }
}

/// The format of an accepted client secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SecretFormat {
    /// The current format (length 40 with `8Q~`, or 37 with `7Q~`).
    Current,
    /// A legacy format (32 or 34 characters) that predates the current one.
    Legacy,
}

/// What a secret-field value looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SecretShape {
    Empty,
    /// JSON output of `az ad app credential reset` / Graph `addPassword` pasted whole.
    CliOutput,
    /// A GUID: the Secret ID (keyId).
    Guid,
    /// Whitespace inside the value.
    InnerWhitespace,
    Format(SecretFormat),
    /// Nothing known.
    Unknown,
}

const fn url_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// [`url_unreserved`] of every byte, looked up: the current format's check runs on every
/// secret at every keystroke, and one load per character is cheaper than the comparisons.
const URL_UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = url_unreserved(b as u8);
        b += 1;
    }
    table
};

fn is_url_unreserved(b: u8) -> bool {
    URL_UNRESERVED[usize::from(b)]
}

/// SEC101/101 legacy 32-character set: `[A-Za-z0-9.=\-:[_@/*\]+?]`.
const fn is_legacy32_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'.' | b'=' | b'-' | b':' | b'[' | b'_' | b'@' | b'/' | b'*' | b']' | b'+' | b'?'
        )
}

/// Whether `s` is a current-format client secret (SEC101/156).
pub(crate) fn is_current_format(s: &str) -> bool {
    let b = s.as_bytes();
    let marker = match b.len() {
        40 => b"8Q~",
        37 => b"7Q~",
        _ => return false,
    };
    &b[3..6] == marker && b.iter().all(|&c| is_url_unreserved(c))
}

/// Whether `s` holds something secret-like anywhere: the current format's marker (`8Q~` or
/// `7Q~` after three secret characters, the keyword secret scanners look for). Used to keep
/// secrets pasted into the wrong field (whole, truncated or padded) out of reports and logs.
pub(crate) fn contains_secret_marker(s: &str) -> bool {
    // Each `~` is looked at, not each window: this runs on every field at every keystroke.
    let b = s.as_bytes();
    b.iter().enumerate().skip(5).any(|(end, &c)| {
        c == b'~'
            && b.get(end - 5..end - 1).is_some_and(|w| {
                matches!(w[3], b'8' | b'7') && w[..3].iter().all(|&c| is_url_unreserved(c))
            })
            && b[end - 1] == b'Q'
    })
}

/// Whether `s` looks like a client secret (either format, or the current format's marker
/// anywhere in it), where something else belongs: an access token, which is a JWT
/// (`eyJ…`, three base64url parts: never a `~`, far longer than 34 characters). The collector
/// refuses such a "token": it would send the secret as a bearer token.
///
/// ```
/// assert!(azure_onboarding::looks_like_client_secret("abc8Q~CANARYcanaryCANARYcanaryCANARY1234"));
/// assert!(!azure_onboarding::looks_like_client_secret("eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln"));
/// ```
pub fn looks_like_client_secret(s: &str) -> bool {
    let s = s.trim();
    contains_secret_marker(s) || is_legacy_format(s)
}

/// Whether `s` is a legacy-format client secret (SEC101/101, 32 or 34 characters).
pub(crate) fn is_legacy_format(s: &str) -> bool {
    let b = s.as_bytes();
    match b.len() {
        32 => {
            b.iter().all(|&c| is_legacy32_char(c)) && b.iter().any(|c| !c.is_ascii_alphanumeric())
        }
        34 => {
            b.iter().all(|&c| is_url_unreserved(c)) && b.iter().any(|c| !c.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

/// Whether a free-text value (device name, location, …) is very likely a legacy-format
/// secret pasted in the wrong field: [`is_legacy_format`] (32 or 34 characters of the legacy
/// alphabets, at least one symbol, no spaces), with upper- and lowercase letters and digits,
/// and as random as a generated secret: at least half of its neighbouring characters change
/// class (upper, lower, digit, symbol). Generated secrets do so about 70% of the time; names
/// of words and separators (`Contoso-Prod-Azure-Subscription1`: 11 of 31) do not.
pub(crate) fn looks_like_legacy_secret(s: &str) -> bool {
    let class = |c: &u8| match c {
        b'A'..=b'Z' => 0u8,
        b'a'..=b'z' => 1,
        b'0'..=b'9' => 2,
        _ => 3,
    };
    let b = s.as_bytes();
    if !is_legacy_format(s) {
        return false;
    }
    let has = |k: u8| b.iter().any(|c| class(c) == k);
    let changes = b
        .windows(2)
        .filter(|w| class(&w[0]) != class(&w[1]))
        .count();
    has(0) && has(1) && has(2) && has(3) && changes * 2 >= b.len()
}

/// Classifies an already trimmed secret-field value.
pub(crate) fn classify(s: &str) -> SecretShape {
    // What a form nearly always holds, decided first: a current-format secret is made of
    // URL-unreserved characters only (no quote, no whitespace, and `~` is in no GUID form),
    // so no other shape can match it.
    if is_current_format(s) {
        return SecretShape::Format(SecretFormat::Current);
    }
    classify_in_order(s)
}

/// [`classify`] shape by shape, in the order that decides between them (what the fast path
/// stands for).
fn classify_in_order(s: &str) -> SecretShape {
    if s.is_empty() {
        return SecretShape::Empty;
    }
    // Only a value with a quote can be a command's JSON output; the lowercased copy of the
    // secret is zeroized like the secret itself.
    if s.contains('"') {
        let lower = Zeroizing::new(s.to_ascii_lowercase());
        let has = |needle| crate::normalize::find(&lower, needle).is_some();
        if has("\"password\"") || has("\"secrettext\"") {
            return SecretShape::CliOutput;
        }
    }
    if uuid::Uuid::try_parse(s).is_ok() {
        return SecretShape::Guid;
    }
    if s.chars().any(char::is_whitespace) {
        return SecretShape::InnerWhitespace;
    }
    if is_current_format(s) {
        SecretShape::Format(SecretFormat::Current)
    } else if is_legacy_format(s) {
        SecretShape::Format(SecretFormat::Legacy)
    } else {
        SecretShape::Unknown
    }
}

/// Why a client secret was rejected. Messages never contain the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientSecretError {
    /// Nothing was given.
    #[error("the client secret is empty; paste the Value of the client secret")]
    Empty,
    /// A GUID: the Secret ID column was copied.
    #[error("the client secret looks like a Secret ID (a GUID); paste the secret's Value column instead (it is shown only once, so create a new secret if it is gone)")]
    SecretIdInsteadOfValue,
    /// The whole JSON output of a CLI command was pasted.
    #[error("the client secret looks like the whole JSON output of `az ad app credential reset`; paste only the value of \"password\"")]
    CliOutput,
    /// No Azure client-secret format matches.
    #[error(
        "the client secret ({length} characters) matches no Azure client-secret format: {detail}"
    )]
    Format {
        /// Number of characters of the value.
        length: usize,
        /// What is wrong, in words.
        detail: &'static str,
    },
}

/// Explains why a value of unknown shape is not a client secret, without quoting it.
pub(crate) fn format_detail(s: &str) -> &'static str {
    let b = s.as_bytes();
    // Each marker has its own length: "8Q~" secrets are 40 characters, "7Q~" ones 37.
    let expected = match b.get(3..6) {
        Some(b"8Q~") => Some(40),
        Some(b"7Q~") => Some(37),
        _ => None,
    };
    if s.chars().any(char::is_whitespace) {
        "it contains spaces or line breaks inside; copy the Value again in one piece"
    } else if let Some(expected) = expected {
        match (b.len().cmp(&expected), expected) {
            (std::cmp::Ordering::Less, 40) => "it has the current format's marker but is too short; part of it was probably cut off while copying (secrets with \"8Q~\" as characters 4 to 6 are exactly 40 characters)",
            (std::cmp::Ordering::Less, _) => "it has the current format's marker but is too short; part of it was probably cut off while copying (secrets with \"7Q~\" as characters 4 to 6 are exactly 37 characters)",
            (std::cmp::Ordering::Greater, 40) => "it has the current format's marker but is too long; something was probably copied along with it (secrets with \"8Q~\" as characters 4 to 6 are exactly 40 characters)",
            (std::cmp::Ordering::Greater, _) => "it has the current format's marker but is too long; something was probably copied along with it (secrets with \"7Q~\" as characters 4 to 6 are exactly 37 characters)",
            (std::cmp::Ordering::Equal, _) => "it has the current format's length and marker but contains characters that never occur in Azure client secrets (only letters, digits and - _ . ~ do)",
        }
    } else if !b.iter().all(|&c| is_legacy32_char(c) || c == b'~') {
        "it contains characters that never occur in Azure client secrets (only letters, digits and - _ . ~ do)"
    } else if b.len() < *crate::facts::secrets::GRAPH_SECRET_LENGTH.start() {
        "it is too short; a client secret Value is 40 characters long today"
    } else {
        "current secrets are 40 characters with \"8Q~\" as characters 4 to 6; copy the Value column of Certificates & secrets again"
    }
}

/// A client secret value that matches an Azure client-secret format.
///
/// Parsing trims surrounding whitespace, quotes and braces. `Debug` shows only the hint;
/// there is deliberately no `Display` and no `Serialize`, so it cannot leak by accident.
///
/// ```
/// use azure_onboarding::{ClientSecret, ClientSecretError, SecretFormat};
/// let s: ClientSecret = " abc8Q~not-a-real-secret-just-an-example1 ".parse().unwrap();
/// assert_eq!(s.format(), SecretFormat::Current);
/// assert_eq!(s.hint(), "abc…");
/// let e = "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6".parse::<ClientSecret>().unwrap_err();
/// assert_eq!(e, ClientSecretError::SecretIdInsteadOfValue);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ClientSecret {
    value: SecretString,
    format: SecretFormat,
}

impl ClientSecret {
    /// The secret value. Call this only where the secret is used.
    pub fn expose_secret(&self) -> &str {
        self.value.expose_secret()
    }

    /// The format it matched.
    pub fn format(&self) -> SecretFormat {
        self.format
    }

    /// Azure's hint: the first three characters and "…".
    pub fn hint(&self) -> String {
        self.value.hint()
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSecret")
            .field("hint", &self.hint())
            .field("format", &self.format)
            .finish()
    }
}

impl FromStr for ClientSecret {
    type Err = ClientSecretError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The cleaned copy is zeroized whether or not it becomes the secret.
        let mut clean = Zeroizing::new(crate::normalize::clean_token(s).0.to_owned());
        match classify(&clean) {
            SecretShape::Empty => Err(ClientSecretError::Empty),
            SecretShape::Guid => Err(ClientSecretError::SecretIdInsteadOfValue),
            SecretShape::CliOutput => Err(ClientSecretError::CliOutput),
            SecretShape::Format(format) => Ok(ClientSecret {
                value: SecretString::new(core::mem::take(&mut *clean)),
                format,
            }),
            SecretShape::InnerWhitespace | SecretShape::Unknown => Err(ClientSecretError::Format {
                length: clean.chars().count(),
                detail: format_detail(&clean),
            }),
        }
    }
}

impl<'de> Deserialize<'de> for ClientSecret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = SecretString::deserialize(deserializer)?;
        raw.expose_secret()
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURRENT40: &str = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";
    const CURRENT37: &str = "xyz7Q~abcdefghijklmnopqrstuvwxyz01234";

    #[test]
    fn the_length_a_message_names_follows_the_marker() {
        let seven_q_40 = format!("abc7Q~{}", "a".repeat(34));
        assert_eq!(seven_q_40.len(), 40);
        let d = format_detail(&seven_q_40);
        assert!(d.contains("too long") && d.contains("37 characters"), "{d}");
        let d = format_detail(&format!("abc8Q~{}", "a".repeat(30)));
        assert!(
            d.contains("too short") && d.contains("40 characters"),
            "{d}"
        );
        let d = format_detail(&format!("abc8Q~{}#", "a".repeat(33)));
        assert!(d.contains("never occur"), "{d}");
    }

    #[test]
    fn formats() {
        assert_eq!(CURRENT40.len(), 40);
        assert_eq!(CURRENT37.len(), 37);
        assert_eq!(
            classify(CURRENT40),
            SecretShape::Format(SecretFormat::Current)
        );
        assert_eq!(
            classify(CURRENT37),
            SecretShape::Format(SecretFormat::Current)
        );
        // Wrong marker for the length.
        assert_eq!(
            classify("xyz8Q~abcdefghijklmnopqrstuvwxyz01234"),
            SecretShape::Unknown
        );
        // 32 legacy with a symbol; 32 alphanumerics only is not legacy.
        assert_eq!(
            classify("abcdefghijklmnopqrstuvwxyz01234="),
            SecretShape::Format(SecretFormat::Legacy)
        );
        assert_eq!(
            classify("abcdefghijklmnopqrstuvwxyz012345"),
            SecretShape::Unknown
        );
        assert_eq!(
            classify("abcdefghijklmnopqrstuvwxyz0123456~"),
            SecretShape::Format(SecretFormat::Legacy)
        );
        assert_eq!(
            classify("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b"),
            SecretShape::Guid
        );
        assert_eq!(classify("abc 8Q~def"), SecretShape::InnerWhitespace);
        assert_eq!(
            classify(r#"{"appId": "x", "password": "y", "tenant": "z"}"#),
            SecretShape::CliOutput
        );
        assert_eq!(classify("ÿÿÿ8Q~"), SecretShape::Unknown);
    }

    #[test]
    fn hint_and_debug_redact() {
        let s = SecretString::from(CURRENT40);
        assert_eq!(s.hint(), "abc…");
        assert!(!format!("{s:?}").contains("CANARY"));
        let c: ClientSecret = CURRENT40.parse().unwrap();
        assert!(!format!("{c:?}").contains("CANARY"));
        assert_eq!(SecretString::from("short").hint(), "…");
        assert_eq!(SecretString::from("ééééééééééééééééé").hint(), "ééé…");
    }

    #[test]
    fn errors_are_actionable_and_never_quote() {
        for bad in [
            "abc8Q~CANARYcanaryCANARYcanaryCANARY123",
            "abc8Q~CANARYcanaryCANARYcanaryCANARY12345",
            "CANARY!!",
            "CANARYcanaryCANARYcanary",
            "CANARY canary",
        ] {
            let e = bad.parse::<ClientSecret>().unwrap_err();
            let msg = e.to_string();
            assert!(!msg.contains("CANARY"), "{msg}");
            assert!(matches!(e, ClientSecretError::Format { .. }), "{bad}");
        }
    }

    /// The `~`-driven search finds exactly what every window of six finds (the former rule),
    /// on strings of the characters that matter, generated by a fixed LCG.
    #[test]
    fn marker_search_equals_windows() {
        let windows = |s: &str| {
            s.as_bytes().windows(6).any(|w| {
                w[..3].iter().all(|&c| is_url_unreserved(c)) && matches!(&w[3..], b"8Q~" | b"7Q~")
            })
        };
        let alphabet = ['a', '8', '7', 'Q', '~', ' ', '-', 'é', '"'];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut found = 0;
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (state >> 59) as usize;
            let s: String = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(state >> 60) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(contains_secret_marker(&s), windows(&s), "{s:?}");
            found += usize::from(windows(&s));
        }
        assert!(
            found > 10,
            "the generator must produce markers too ({found})"
        );
    }

    /// Deciding the current format first (the fast path of `classify`) gives what the order
    /// of shapes gives (quote, GUID, whitespace, then formats), on 40- and 37-character values
    /// around the marker made of characters each shape looks at, generated by a fixed LCG.
    #[test]
    fn current_format_first_changes_no_shape() {
        let former = classify_in_order;
        // Mostly the characters of a secret, now and then one that makes another shape.
        let (plain, noise) = (
            ['a', 'F', '0', '-', '~', '_', '.'],
            [' ', '"', '{', '}', 'é'],
        );
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut current = 0;
        for i in 0..20_000 {
            let (len, marker) = if i % 2 == 0 { (40, "8Q~") } else { (37, "7Q~") };
            let mut s: String = (0..len - 3)
                .map(|_| match next() % 60 {
                    0 => noise[next() % noise.len()],
                    _ => plain[next() % plain.len()],
                })
                .collect();
            // Mostly the marker in place; sometimes not, or a GUID-like value.
            match next() % 4 {
                0 => {}
                1 => s = "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b".into(),
                _ => {
                    let at = s.char_indices().nth(3).map_or(s.len(), |(i, _)| i);
                    s.insert_str(at, marker);
                }
            }
            let shape = classify(&s);
            assert_eq!(shape, former(&s), "{s:?}");
            current += usize::from(shape == SecretShape::Format(SecretFormat::Current));
        }
        assert!(
            current > 100,
            "the generator must produce current-format secrets too ({current})"
        );
    }
}
