//! Quoting for the bash commands the assessment and remediation print: every value that
//! comes from a snapshot (or other input) goes through here, so that nothing in it expands.

/// Quotes a value for bash: single quotes, an embedded `'` as `'\''`. The one shell
/// quoting encoder: the assessment's and remediation's commands and the CLI's
/// collect-script use it.
///
/// A value holding a character that would break or disguise the line it is printed on
/// ([`is_hidden_character`](crate::is_hidden_character): a line break, a terminal escape, a bidirectional override) is quoted the
/// ANSI-C way instead, `$'…'`, with that character as an escape (`\n`, `\x1b`, the UTF-8 bytes
/// of U+202E as `\xe2\x80\xae`, whatever the shell's locale): the
/// same word to bash, on one visible line (a snapshot's name with a line break could
/// otherwise print a forged line into a report or a script).
///
/// No shell word can hold a NUL character: `\x00` ends the word for bash (`$'a\x00b'` is
/// `a`). A caller must refuse such a value before quoting it, as the product's commands do.
///
/// ```
/// assert_eq!(azure_onboarding::shell_quote("it's $HOME"), r"'it'\''s $HOME'");
/// assert_eq!(azure_onboarding::shell_quote("a\nREADY"), r"$'a\nREADY'");
/// ```
pub fn quote(v: &str) -> String {
    if !v.chars().any(is_hidden) {
        return format!("'{}'", v.replace('\'', r"'\''"));
    }
    let mut out = String::with_capacity(v.len() + 8);
    out.push_str("$'");
    for c in v.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '\'' => out.push_str(r"\'"),
            '\n' => out.push_str(r"\n"),
            '\r' => out.push_str(r"\r"),
            '\t' => out.push_str(r"\t"),
            // Byte by byte (`\xHH`), its UTF-8: `\uHHHH` would depend on the shell's locale.
            c if is_hidden(c) => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Whether `c` must not be printed as it is into a command line, a comment or a report: a
/// control character (C0 with the line breaks, DEL, C1: ESC starts terminal escape
/// sequences), the line and paragraph separators, or a bidirectional formatting character
/// that reorders what is displayed (Trojan Source, CVE-2021-42574). The CLI's reports show
/// such characters as `\u{…}`; [`quote`] writes them as escapes.
///
/// ```
/// assert!(azure_onboarding::is_hidden_character('\n'));
/// assert!(azure_onboarding::is_hidden_character('\u{202E}'));
/// assert!(!azure_onboarding::is_hidden_character('é'));
/// ```
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
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

/// An az option and its value: `--flag value`, or `--flag=value` (one word) when the value
/// starts with `-` or has a `@` right after its first `=`. Callers check [`az_can_carry`]
/// first.
/// - Azure allows names starting with `-` (a resource group `-rg`), but az's argument parser
///   takes a word starting with `-` after an option for an option of its own and refuses the
///   command ("argument --resource-group/-g: expected one argument"); it reads
///   `--resource-group=-rg` as meant.
/// - az splits every argument at its first `=` and reads the file named after it when what
///   follows starts with `@` (`x=@~/.azure/msal_token_cache.json` would put the admin's token
///   cache into the request). Joined, the first `=` is the option's, and the value is taken
///   as it is.
///
/// `quote` is the value's encoder ([`quote`] or [`word`]).
pub(crate) fn option(flag: &str, value: &str, quote: fn(&str) -> String) -> String {
    let expands = value
        .split_once('=')
        .is_some_and(|(_, after)| after.starts_with('@'));
    let sep = if value.starts_with('-') || expands {
        '='
    } else {
        ' '
    };
    format!("{flag}{sep}{}", quote(value))
}

/// Whether az can be given `value` as an option's value at all ([`option`]): not a value
/// with a NUL character (no shell word holds one: bash would cut it there), not one starting
/// with `@` (az reads the file it names, and has no escape for it), not `--` (argparse drops
/// it even as `--name=--`). Such a value comes only from a snapshot (a setting's name, a
/// setting's destination): what would need it is left to the ARM template or the Portal.
pub(crate) fn az_can_carry(value: &str) -> bool {
    !value.contains('\0') && !value.starts_with('@') && value != "--"
}

/// Text for a `#` comment line: control characters (a newline would end the comment and
/// start a command) and the other characters of [`is_hidden`] (a bidirectional override
/// would make the comment read differently from what it says) become spaces.
pub(crate) fn comment(v: &str) -> String {
    v.chars()
        .map(|c| if is_hidden(c) { ' ' } else { c })
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
        assert_eq!(option("--name", "rg", quote), "--name 'rg'");
        assert_eq!(option("--name", "-rg", quote), "--name='-rg'");
        assert_eq!(option("--name", "-rg", word), "--name=-rg");
        assert_eq!(option("--name", "-a\nb", quote), r"--name=$'-a\nb'");
        assert_eq!(option("--name", "x=@f", quote), "--name='x=@f'");
        assert_eq!(
            option("--url", "https://h/?a=b&c=@d", quote),
            "--url 'https://h/?a=b&c=@d'"
        );
        assert!(az_can_carry("-rg") && az_can_carry("x=@f") && az_can_carry("a@b"));
        assert!(!az_can_carry("@f") && !az_can_carry("a\0b") && !az_can_carry("--"));
        assert_eq!(
            object_id(" 5B7E3C1A-9D8F-4E2B-A6C7-3F1E0D9C8B7A ").as_deref(),
            Some("5b7e3c1a-9d8f-4e2b-a6c7-3f1e0d9c8b7a")
        );
        assert_eq!(object_id("$(touch /tmp/pwned)"), None);
        assert_eq!(object_id(""), None);
        assert_eq!(object_id("00000000-0000-0000-0000-000000000000"), None);
    }

    /// What bash makes of a quoted value is the value, byte for byte, whichever quoting
    /// [`quote`] chose (`'…'`, or `$'…'` for the characters of [`is_hidden`]); and a `$'…'`
    /// word is one line, with no hidden character in it.
    #[cfg(unix)]
    #[test]
    fn bash_reads_every_quoted_value_back() {
        let values = [
            "plain",
            "it's $HOME `id` $(id) \\ \"",
            "a\nREADY: every check passed",
            "cr\rlf\r\n tab\t",
            "esc\u{1b}[2J\u{1b}]0;pwned\u{7}",
            "del\u{7f} c1\u{85}\u{9b}31m",
            "bidi \u{202e}gnp.exe\u{2066} \u{061c}\u{200e}",
            "seps\u{2028}\u{2029}",
            "é ☁ 日本 'quoted\n' \\x41 \\u0041",
            "\u{1}\u{1f}0",
            "hex after escape: \u{1b}af \u{202e}abcd",
        ];
        for v in values {
            let q = quote(v);
            if v.chars().any(is_hidden) {
                assert!(q.starts_with("$'") && !q.chars().any(is_hidden), "{q}");
            }
            let out = std::process::Command::new("bash")
                .env("LC_ALL", "C")
                .arg("-c")
                .arg(format!("printf '%s' {q}"))
                .output()
                .expect("bash runs");
            assert!(out.status.success(), "{q}");
            assert_eq!(String::from_utf8(out.stdout).unwrap(), v, "{q}");
        }
    }
}
