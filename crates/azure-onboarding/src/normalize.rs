//! Cleaning of pasted values: what a copy from the portal, a terminal or a chat adds.

/// Invisible characters that copying adds: whitespace, zero-width spaces and joiners, BOM.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Quote characters copied with a value (ASCII and typographic).
const QUOTE_PAIRS: [(char, char); 6] = [
    ('"', '"'),
    ('\'', '\''),
    ('`', '`'),
    ('\u{201C}', '\u{201D}'),
    ('\u{2018}', '\u{2019}'),
    ('\u{00AB}', '\u{00BB}'),
];

/// Whether `raw` starts and ends with an ASCII letter or digit, which neither cleaning removes
/// (not invisible, not a quote, brace, comma or semicolon): then there is nothing to clean.
/// The common case, checked first because the form is validated on every keystroke.
fn plain_ends(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    matches!(
        (bytes.first(), bytes.last()),
        (Some(first), Some(last)) if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric()
    )
}

/// Cleans a value that is a single token (GUID or secret): removes, at both ends,
/// invisible characters, quotes, braces, commas and semicolons, none of which occur in a
/// GUID or in an Azure client secret. Returns the cleaned value (a slice of `raw`: nothing is
/// copied, the form is validated on every keystroke) and whether it changed.
///
/// Idempotent: cleaning a cleaned value changes nothing.
pub(crate) fn clean_token(raw: &str) -> (&str, bool) {
    if plain_ends(raw) {
        return (raw, false);
    }
    let cleaned = raw.trim_matches(|c: char| {
        is_invisible(c)
            || matches!(c, '{' | '}' | ',' | ';')
            || QUOTE_PAIRS.iter().any(|&(a, b)| c == a || c == b)
    });
    (cleaned, cleaned.len() != raw.len())
}

/// Cleans free text (device name, location, option): removes invisible characters at both
/// ends and quotes that enclose the whole value, repeatedly. Returns the cleaned value (a
/// slice of `raw`) and whether it changed.
///
/// Idempotent: cleaning a cleaned value changes nothing.
pub(crate) fn clean_text(raw: &str) -> (&str, bool) {
    if plain_ends(raw) {
        return (raw, false);
    }
    let mut s = raw.trim_matches(is_invisible);
    loop {
        let before = s.len();
        for (open, close) in QUOTE_PAIRS {
            if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
                s = inner.trim_matches(is_invisible);
            }
        }
        if s.len() == before {
            break;
        }
    }
    (s, s.len() != raw.len())
}

/// Where `needle` first occurs in `haystack` (byte offset): a plain scan, for the form's
/// short values. `str::find` with a `&str` pattern brings the two-way searcher, 2.4 KB of the
/// light WebAssembly module, for two call sites (issue 15).
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_is_str_find() {
        for (h, n) in [
            ("https://x", "://"),
            ("", "://"),
            (":/", "://"),
            ("a\"password\"", "\"password\""),
            ("é://é", "://"),
            ("abc", ""),
            ("aaab", "ab"),
        ] {
            assert_eq!(find(h, n), h.find(n), "{h:?} {n:?}");
        }
    }

    #[test]
    fn token() {
        assert_eq!(clean_token("  {ABC}\n").0, "ABC");
        assert_eq!(clean_token("\"abc\",").0, "abc");
        assert_eq!(clean_token("\u{FEFF}abc\u{200B}").0, "abc");
        assert!(!clean_token("abc").1);
        assert!(clean_token(" abc").1);
    }

    /// The fast path (`plain_ends`) gives what the full cleaning gives.
    #[test]
    fn plain_ends_changes_nothing() {
        let ends = [
            'a', 'Z', '0', ' ', '"', '\'', '{', '}', ',', ';', '\u{200B}', '\u{FEFF}', '\u{201C}',
            '\u{201D}', '\u{00AB}', 'é', '-', '~', '\t',
        ];
        for a in ends {
            for b in ends {
                for inner in ["", "x", " \"q\" ", "a b"] {
                    let raw = format!("{a}{inner}{b}");
                    if plain_ends(&raw) {
                        assert!(
                            a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric(),
                            "{raw:?}"
                        );
                        let token = raw.trim_matches(|c: char| {
                            is_invisible(c)
                                || matches!(c, '{' | '}' | ',' | ';')
                                || QUOTE_PAIRS.iter().any(|&(o, e)| c == o || c == e)
                        });
                        assert_eq!(token, raw, "{raw:?}");
                        assert_eq!(raw.trim_matches(is_invisible), raw, "{raw:?}");
                    }
                }
            }
        }
        assert!(plain_ends("a") && !plain_ends("") && !plain_ends(" a") && !plain_ends("a\""));
    }

    #[test]
    fn text() {
        assert_eq!(clean_text(" ' \"Prod\" ' ").0, "Prod");
        assert_eq!(clean_text("Bob's device").0, "Bob's device");
        assert_eq!(clean_text("\u{201C}Prod\u{201D}").0, "Prod");
        assert_eq!(clean_text("\"").0, "\"");
        assert!(!clean_text("a b").1);
    }
}
