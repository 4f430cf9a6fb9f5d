//! The one golden-file check of the integration tests.
//!
//! `assert_golden(path, actual)` compares `actual` with the reviewed file at `path` and
//! fails with the first differing line. After a deliberate change, bless the new output with
//! `UPDATE_GOLDEN=1 cargo test -p azure-onboarding --test <name>` and review the diff in git.

use std::path::Path;

/// The environment variable that rewrites golden files instead of comparing them.
pub const BLESS_VAR: &str = "UPDATE_GOLDEN";

/// Compares `actual` with the golden file at `path` (or, with `UPDATE_GOLDEN` set, writes it).
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os(BLESS_VAR).is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with {BLESS_VAR}=1 to create it",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let (line, want, got) = expected
        .lines()
        .zip(actual.lines())
        .enumerate()
        .find(|(_, (e, a))| e != a)
        .map(|(i, (e, a))| (i + 1, e.to_owned(), a.to_owned()))
        .unwrap_or_else(|| {
            let n = expected.lines().count().min(actual.lines().count()) + 1;
            (
                n,
                format!("({} lines)", expected.lines().count()),
                format!("({} lines)", actual.lines().count()),
            )
        });
    panic!(
        "{} differs from the output at line {line}:\n  golden: {want}\n  actual: {got}\nreview the change and run with {BLESS_VAR}=1 to accept it\n--- actual ---\n{actual}",
        path.display()
    );
}
