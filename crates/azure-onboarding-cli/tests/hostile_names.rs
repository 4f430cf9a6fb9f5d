//! Names from a snapshot reach the terminal and the Markdown report inert: a display name
//! with ESC sequences, line breaks, table pipes or bidi overrides is shown escaped.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_azure-onboard");
const HOSTILE: &str = "Contoso\u{1b}[2J\u{1b}]0;pwned\u{7}\nREADY: onboarding will work | x\r\u{202e}gnp.exe\u{2066}\u{9b}31m";

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Every value under a key in `keys` in `v` replaced by [`HOSTILE`] (appended to it, for a
/// `name`: the resources stay told apart).
fn poison_keys(v: &mut serde_json::Value, keys: &[&str]) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                if keys.contains(&k.as_str()) {
                    *x = match x.as_str() {
                        Some(old) if k == "name" => format!("{old}{HOSTILE}").into(),
                        _ => HOSTILE.into(),
                    };
                } else {
                    poison_keys(x, keys);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| poison_keys(x, keys)),
        _ => {}
    }
}

fn poison(v: &mut serde_json::Value) {
    poison_keys(v, &["displayName"]);
}

/// A line break in a resource's `name` (the storage accounts' and diagnostic settings' names
/// reach the findings' messages and the commands of their fixes) printed a forged line
/// into the human report: "          READY: …" below a finding. Now the messages are one line
/// each, and no command names such a setting (see `shell::quote` for the `$'…'` quoting).
#[test]
fn names_with_line_breaks_forge_no_line_of_the_report() {
    let mut snapshot: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example("demo-snapshot.json")).unwrap())
            .unwrap();
    poison_keys(&mut snapshot, &["name", "displayName"]);
    let path = std::env::temp_dir().join(format!(
        "azure-onboard-hostile-names-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, snapshot.to_string()).unwrap();
    let out = Command::new(BIN)
        .args(["assess", "--plan", &example("demo-plan.json"), "--snapshot"])
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(r"\u{A}READY"),
        "the names reach the report: {stdout}"
    );
    let forged: Vec<&str> = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("READY"))
        .collect();
    assert!(forged.is_empty(), "a name forged a line: {forged:?}");
    // A diagnostic setting's name with a line break is not one resource name: its fix is
    // the Portal's, no command names it (a quoted `$'…'` before 2026-12-03).
    assert!(
        stdout.contains("This setting's name is not one resource name"),
        "{stdout}"
    );
}

#[test]
fn display_names_with_control_characters_are_shown_escaped() {
    let mut snapshot: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example("demo-snapshot.json")).unwrap())
            .unwrap();
    poison(&mut snapshot);
    let path =
        std::env::temp_dir().join(format!("azure-onboard-hostile-{}.json", std::process::id()));
    std::fs::write(&path, snapshot.to_string()).unwrap();
    for format in ["human", "markdown"] {
        let out = Command::new(BIN)
            .args(["assess", "--plan", &example("demo-plan.json"), "--snapshot"])
            .arg(&path)
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains("Contoso"), "the names are in the report");
        for bad in ['\u{1b}', '\u{7}', '\r', '\u{202e}', '\u{2066}', '\u{9b}'] {
            assert!(
                !stdout.contains(bad),
                "{format}: {bad:?} reached the output"
            );
        }
        assert!(stdout.contains(r"\u{1B}[2J"), "{format}: ESC shown escaped");
        assert!(
            !stdout.lines().any(|l| l.trim_start().starts_with("READY")),
            "{format}: a name forged a line"
        );
        if format == "markdown" {
            let table = stdout.split("## By resource").nth(1).unwrap();
            for row in table.lines().filter(|l| l.starts_with('|')) {
                let borders = row.matches('|').count() - row.matches("\\|").count();
                assert_eq!(borders, 5, "a name broke the table: {row}");
            }
        }
    }
    std::fs::remove_file(&path).ok();
}
