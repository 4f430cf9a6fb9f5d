//! Runs the built `azure-onboard` binary on temporary files.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_azure-onboard");
/// A current-format secret (length 40, `8Q~` at index 3..6); not a real secret.
const CANARY: &str = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";
const TENANT: &str = "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b";
const CLIENT: &str = "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6";

/// A temporary file, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(content: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "azure-onboard-test-{}-{}.json",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::write(&path, content).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn config(secret: &str) -> String {
    serde_json::json!({
        "accessOption": "customApp",
        "tenantId": TENANT,
        "clientId": CLIENT,
        "clientSecret": secret,
        "deviceName": "Azure production",
        "location": "Microsoft Cloud",
    })
    .to_string()
}

fn assert_no_canary(out: &Output) {
    for s in [text(&out.stdout), text(&out.stderr)] {
        assert!(!s.contains("8Q~CANARY"), "secret leaked: {s}");
        assert!(!s.contains("CANARYcanary"), "secret leaked: {s}");
    }
}

#[test]
fn valid_config_exits_0() {
    let f = TempFile::new(&config(CANARY));
    for format in ["json", "human"] {
        let out = run(&["validate", "--config", f.path(), "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_no_canary(&out);
    }
    let out = run(&["validate", "--config", f.path(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["normalized"]["clientSecret"], "abc…");
}

#[test]
fn invalid_config_exits_1_with_codes() {
    let f = TempFile::new(&config("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"));
    let out = run(&["validate", "--config", f.path(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["issues"][0]["code"], "secret-id-instead-of-value");

    let out = run(&["validate", "--config", f.path()]);
    assert_eq!(out.status.code(), Some(1));
    let human = text(&out.stdout);
    assert!(human.starts_with("INVALID"), "{human}");
    assert!(
        human.contains("error[secret-id-instead-of-value]"),
        "{human}"
    );
    assert!(human.contains("hint: "), "{human}");
}

#[test]
fn canary_never_printed_whatever_the_mistake() {
    let variants = [
        config(CANARY),
        config(&format!("{CANARY}x")),
        config(&CANARY[..39]),
        serde_json::json!({ "accessOption": "enterpriseApp", "clientSecret": CANARY, "clientId": CANARY, "deviceName": CANARY, "location": CANARY, "tenantId": CANARY, "useStorageAccountContributorRole": CANARY }).to_string(),
        format!("\"{CANARY}\""),
        format!("{{\"clientSecret\": \"{CANARY}\", \"tenantId\": 5}}"),
        format!("{{\"clientSecret\": \"{CANARY}"),
        format!("[\"{CANARY}\"]"),
    ];
    for v in variants {
        let f = TempFile::new(&v);
        for format in ["json", "human"] {
            let out = run(&["validate", "--config", f.path(), "--format", format]);
            assert!(out
                .status
                .code()
                .is_some_and(|c| c == 1 || c == 2 || c == 0));
            assert_no_canary(&out);
        }
    }
}

#[test]
fn malformed_json_exits_2_naming_the_file_and_position() {
    let f = TempFile::new("{\n  \"tenantId\": \"x\",,\n}");
    let out = run(&["validate", "--config", f.path()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(f.path()), "{err}");
    assert!(err.contains("line 2"), "{err}");
    assert!(text(&out.stdout).is_empty());
}

#[test]
fn wrong_shape_exits_2() {
    let f = TempFile::new("{\"tenantId\": 42}");
    let out = run(&["validate", "--config", f.path()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("expected shape"));
}

#[test]
fn missing_file_exits_2() {
    let out = run(&[
        "validate",
        "--config",
        "/nonexistent/azure-onboard/config.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/azure-onboard/config.json"));
}

#[test]
fn usage_error_exits_2() {
    assert_eq!(run(&["validate"]).status.code(), Some(2));
    assert_eq!(
        run(&["validate", "--config", "x", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn reads_stdin() {
    let out = common::run_with_stdin(
        &["validate", "--config", "-", "--format", "json"],
        config(CANARY).as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_no_canary(&out);
}

#[test]
fn steps_prints_the_catalog() {
    let human = run(&["steps"]);
    assert_eq!(human.status.code(), Some(0));
    let h = text(&human.stdout);
    assert!(h.contains("Step 3: Enable roles within Azure subscriptions"));
    assert!(h.contains("73c42c96-874c-492b-b04d-ab87d138a893"));
    assert!(h.contains("2026-10-15"));

    let md = text(&run(&["steps", "--format", "markdown"]).stdout);
    assert!(md.starts_with("# Azure onboarding checklist"));
    assert!(md.contains("## Step 4: Enable Azure resource logs"));
    assert!(md.contains("```sh\naz role assignment create"));

    let json: serde_json::Value =
        serde_json::from_slice(&run(&["steps", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["steps"].as_array().unwrap().len(), 6);
}

#[test]
fn version_is_json() {
    let out = run(&["version"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], "azure-onboard");
}

/// Runs the binary with standard output on a socket whose other end is already closed:
/// every write fails with a broken pipe, as when the reader of `azure-onboard … | head -3`
/// has exited. (A socket pair rather than a pipe: `std::io::pipe` is newer than the MSRV.)
#[cfg(unix)]
fn run_reader_gone(args: &[&str]) -> Output {
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;
    let (ours, theirs) = UnixStream::pair().unwrap();
    drop(ours);
    Command::new(BIN)
        .args(args)
        .stdout(std::process::Stdio::from(OwnedFd::from(theirs)))
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

/// `println!` panicked when the reader had gone ("failed printing to stdout: Broken pipe",
/// with a backtrace, exit 101). Now the output stops quietly and the command keeps the
/// exit code its result gives.
#[cfg(unix)]
#[test]
fn a_reader_that_went_away_is_no_panic_and_keeps_the_exit_code() {
    let valid = TempFile::new(&config(CANARY));
    let invalid = TempFile::new(r#"{"tenantId": "not a tenant"}"#);
    let plan = common::example("demo-plan.json");
    let snapshot = common::example("demo-snapshot.json");
    let (plan, snapshot) = (plan.to_str().unwrap(), snapshot.to_str().unwrap());
    let cases: &[(&[&str], i32)] = &[
        (&["version"], 0),
        (&["steps"], 0),
        (&["steps", "--format", "json"], 0),
        (&["steps", "--format", "markdown"], 0),
        (&["validate", "--config", valid.path()], 0),
        (
            &["validate", "--config", valid.path(), "--format", "json"],
            0,
        ),
        (&["validate", "--config", invalid.path()], 1),
        (&["assess", "--plan", plan, "--snapshot", snapshot], 1),
        (
            &[
                "assess",
                "--plan",
                plan,
                "--snapshot",
                snapshot,
                "--format",
                "json",
            ],
            1,
        ),
        (
            &[
                "remediate",
                "--plan",
                plan,
                "--snapshot",
                snapshot,
                "--format",
                "cli",
            ],
            0,
        ),
        (
            &[
                "remediate",
                "--plan",
                plan,
                "--snapshot",
                snapshot,
                "--format",
                "arm",
            ],
            0,
        ),
        (&["collect-script", "--plan", plan], 0),
    ];
    for (args, code) in cases {
        let out = run_reader_gone(args);
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {stderr}");
        assert!(!stderr.contains(CANARY), "{args:?}");
    }
    // The same commands with a reader print everything: the broken pipe is what made them stop.
    let whole = run(&["steps", "--format", "json"]);
    assert!(whole.status.success());
    assert!(serde_json::from_slice::<serde_json::Value>(&whole.stdout).is_ok());
}

/// `eprintln!` panicked (exit 101) when standard error could not be written, even after a
/// run that had succeeded (`remediate` always notes its summary there). Both a reader that
/// went away and a full device: the messages are dropped, the exit code stands.
#[cfg(unix)]
#[test]
fn standard_error_that_cannot_be_written_is_no_panic() {
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;
    let plan = common::example("demo-plan.json");
    let plan = plan.to_str().unwrap();
    let invalid = TempFile::new(r#"{"tenantId": "not a tenant"}"#);
    let cases: &[(&[&str], i32)] = &[
        (&["validate", "--config", "/nonexistent/config.json"], 2),
        (&["validate", "--config", invalid.path()], 1),
        (&["remediate", "--plan", plan], 0),
        (&["assess", "--plan", plan, "--snapshot", "/nonexistent"], 2),
    ];
    let full = std::path::Path::new("/dev/full");
    for (args, code) in cases {
        let mut stderrs: Vec<(&str, std::process::Stdio)> = Vec::new();
        let (ours, theirs) = UnixStream::pair().unwrap();
        drop(ours);
        stderrs.push(("reader gone", OwnedFd::from(theirs).into()));
        if full.exists() {
            let file = std::fs::OpenOptions::new().write(true).open(full).unwrap();
            stderrs.push(("/dev/full", file.into()));
        }
        for (what, stderr) in stderrs {
            let out = Command::new(BIN)
                .args(*args)
                .stdout(std::process::Stdio::null())
                .stderr(stderr)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(*code),
                "{args:?} with stderr {what}"
            );
        }
    }
}

/// `--concurrency 0` was taken as 1 and `--timeout 0` as 1 s, silently: now refused as usage
/// errors (exit 2) before anything is read or sent.
#[test]
fn zero_counts_and_timeouts_are_refused() {
    let plan = common::example("demo-plan.json");
    for command in ["collect", "verify"] {
        for flag in ["--concurrency", "--timeout", "--request-timeout"] {
            for value in ["0", "-1", "x", ""] {
                let out = run(&[
                    command,
                    "--plan",
                    plan.to_str().unwrap(),
                    "--token-env",
                    "AZURE_ONBOARD_TEST_UNSET",
                    flag,
                    value,
                ]);
                assert_eq!(out.status.code(), Some(2), "{command} {flag} {value}");
                let stderr = text(&out.stderr);
                // clap reads "-1" as an unknown flag: a usage error that names the "-1".
                let named = if value == "-1" { value } else { flag };
                assert!(stderr.contains(named), "{command} {flag} {value}: {stderr}");
                assert!(
                    !stderr.contains("AZURE_ONBOARD_TEST_UNSET"),
                    "refused before the token is looked up: {stderr}"
                );
            }
        }
    }
}

/// A client secret given where an access token belongs (`--token-env`, `--graph-token-env`)
/// would be sent to Azure as a bearer token: refused before anything is sent, unquoted.
#[test]
fn a_client_secret_given_as_a_token_is_refused() {
    let plan = common::example("demo-plan.json");
    let plan = plan.to_str().unwrap();
    for args in [
        &["--token-env", "AO_TEST_SECRET"][..],
        &[
            "--token-env",
            "AO_TEST_TOKEN",
            "--graph-token-env",
            "AO_TEST_SECRET",
        ][..],
    ] {
        let never = std::env::temp_dir().join("azure-onboard-never-written.json");
        let out = Command::new(BIN)
            .args(["collect", "--plan", plan, "--out", never.to_str().unwrap()])
            // Were it not refused, nothing would reach Azure: a loopback port nobody serves.
            .args(["--endpoints-for-testing", "http://127.0.0.1:9"])
            .args(args)
            .env("AO_TEST_SECRET", CANARY)
            .env("AO_TEST_TOKEN", "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("AO_TEST_SECRET")
                && stderr.contains("holds a client secret, not an access token"),
            "{stderr}"
        );
        assert_no_canary(&out);
    }
}

/// `collect --out` that cannot be written was found out only after collecting (minutes of
/// requests lost): a directory, or a file in a directory that does not exist, is refused
/// first, before any request.
#[test]
fn collect_checks_its_output_before_collecting() {
    let plan = common::example("demo-plan.json");
    let dir = std::env::temp_dir();
    let missing = dir.join("azure-onboard-no-such-dir").join("snapshot.json");
    for (out, says) in [
        (dir.to_str().unwrap(), "is a directory"),
        (missing.to_str().unwrap(), "does not exist"),
    ] {
        let output = Command::new(BIN)
            .args(["collect", "--plan", plan.to_str().unwrap(), "--out", out])
            .args([
                "--endpoints-for-testing",
                "http://127.0.0.1:9",
                "--token-env",
                "AO_TEST_TOKEN",
            ])
            .env("AO_TEST_TOKEN", "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{out}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(says) && !stderr.contains("recorded"),
            "{stderr}"
        );
    }
}
