//! Quoting for the bash commands the assessment and remediation print: every value that
//! comes from a snapshot (or other input) goes through here, so that nothing in it expands.

/// Quotes a value for bash: single quotes, an embedded `'` as `'\''`. The one shell
/// quoting encoder: the assessment's and remediation's commands and the CLI's
/// collect-script use it.
///
/// ```
/// assert_eq!(azure_onboarding::shell_quote("it's $HOME"), r"'it'\''s $HOME'");
/// ```
pub fn quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', r"'\''"))
}

/// A value as one bash word: as it is when it holds only characters that are never special
/// to the shell (letters, digits and `- _ . / : @ , + =`), else [`quote`]d. GUIDs and the
/// usual ARM IDs stay readable; anything else cannot expand or split.
pub(crate) fn word(v: &str) -> String {
    let plain = !v.is_empty()
        && v.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'_' | b'.' | b'/' | b':' | b'@' | b',' | b'+' | b'='
                )
        });
    if plain {
        v.to_owned()
    } else {
        quote(v)
    }
}

/// Text for a `#` comment line: control characters (a newline would end the comment and
/// start a command) become spaces.
pub(crate) fn comment(v: &str) -> String {
    v.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A Graph or Entra object ID read from a snapshot, in canonical form; `None` unless it is a
/// GUID (other than the all-zero one). Only such IDs are pasted into commands and templates.
pub(crate) fn object_id(s: &str) -> Option<String> {
    uuid::Uuid::try_parse(s.trim())
        .ok()
        .filter(|u| !u.is_nil())
        .map(|u| u.hyphenated().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("a'b"), r"'a'\''b'");
        assert_eq!(
            word("/subscriptions/x/resourceGroups/rg-1"),
            "/subscriptions/x/resourceGroups/rg-1"
        );
        assert_eq!(word("$(touch /tmp/pwned)"), "'$(touch /tmp/pwned)'");
        assert_eq!(word("a`b`"), "'a`b`'");
        assert_eq!(word(""), "''");
        assert_eq!(comment("a\nrm -rf x\r"), "a rm -rf x ");
        assert_eq!(
            object_id(" 5B7E3C1A-9D8F-4E2B-A6C7-3F1E0D9C8B7A ").as_deref(),
            Some("5b7e3c1a-9d8f-4e2b-a6c7-3f1e0d9c8b7a")
        );
        assert_eq!(object_id("$(touch /tmp/pwned)"), None);
        assert_eq!(object_id(""), None);
        assert_eq!(object_id("00000000-0000-0000-0000-000000000000"), None);
    }
}
