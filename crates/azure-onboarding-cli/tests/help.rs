//! `azure-onboard --help` and `--version` work (the foundation's "done when").

use std::process::Command;

fn run(arg: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_azure-onboard"))
        .arg(arg)
        .output()
        .expect("the binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn version_prints_name_and_version() {
    let (ok, out) = run("--version");
    assert!(ok);
    assert_eq!(
        out.trim(),
        format!("azure-onboard {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_the_subcommands() {
    let (ok, out) = run("--help");
    assert!(ok);
    for sub in ["validate", "steps"] {
        assert!(out.contains(sub), "--help mentions {sub}:\n{out}");
    }
}
