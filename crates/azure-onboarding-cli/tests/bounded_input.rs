//! Endless input ends with a clear error: the CLI reads plans, snapshots and configurations
//! through a byte limit (not file metadata), and the collect script stops following
//! nextLinks after a page cap.
#![cfg(unix)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_azure-onboard");

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "azure-onboard-bounded-{}-{name}",
        std::process::id()
    ))
}

/// Runs the binary, failing the test (and killing it) when it has not ended within `limit`:
/// an unbounded read would otherwise hang the suite.
fn run_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("azure-onboard {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A FIFO at `path` whose writer (a thread) offers `byte` until the reader goes away.
fn endless_fifo(path: &Path, byte: u8) -> std::thread::JoinHandle<()> {
    let _ = std::fs::remove_file(path);
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
    let path = path.to_owned();
    std::thread::spawn(move || {
        let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&path) else {
            return;
        };
        let chunk = vec![byte; 1 << 16];
        while f.write_all(&chunk).is_ok() {}
    })
}

#[test]
fn dev_zero_as_snapshot_fails_at_once() {
    for command in ["assess", "remediate"] {
        let out = run_within(
            &[
                command,
                "--plan",
                &example("demo-plan.json"),
                "--snapshot",
                "/dev/zero",
            ],
            Duration::from_secs(30),
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("/dev/zero"), "{err}");
        assert!(err.contains("control character 0x00"), "{err}");
    }
    let out = run_within(
        &["validate", "--config", "/dev/zero"],
        Duration::from_secs(30),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not JSON text"), "{}", stderr(&out));
}

#[test]
fn an_endless_fifo_stops_at_the_limit() {
    // Whitespace is valid JSON padding, so only the limit can stop it: 1 MiB for a
    // configuration, 256 MiB for a plan or snapshot.
    let fifo = temp("config.fifo");
    let writer = endless_fifo(&fifo, b' ');
    let out = run_within(
        &["validate", "--config", fifo.to_str().unwrap()],
        Duration::from_secs(30),
    );
    writer.join().unwrap();
    std::fs::remove_file(&fifo).ok();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("longer than the limit of 1048576 bytes"),
        "{}",
        stderr(&out)
    );

    let fifo = temp("snapshot.fifo");
    let writer = endless_fifo(&fifo, b'\n');
    let out = run_within(
        &[
            "assess",
            "--plan",
            &example("demo-plan.json"),
            "--snapshot",
            fifo.to_str().unwrap(),
        ],
        Duration::from_secs(120),
    );
    writer.join().unwrap();
    std::fs::remove_file(&fifo).ok();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("longer than the limit of 268435456 bytes (256 MiB)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_fifo_with_json_is_read_like_a_file() {
    // Process substitution (`--plan <(…)`) hands over a pipe: bounded reading must keep
    // it working.
    let fifo = temp("plan.fifo");
    let _ = std::fs::remove_file(&fifo);
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let plan = std::fs::read(example("demo-plan.json")).unwrap();
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.write_all(&plan).unwrap();
    });
    let out = run_within(
        &[
            "assess",
            "--plan",
            fifo.to_str().unwrap(),
            "--snapshot",
            &example("demo-snapshot.json"),
            "--format",
            "json",
        ],
        Duration::from_secs(30),
    );
    writer.join().unwrap();
    std::fs::remove_file(&fifo).ok();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ready"], false);
}

#[test]
fn endless_standard_input_stops_at_the_limit() {
    let mut child = Command::new(BIN)
        .args(["validate", "--config", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Writes until the binary stops reading (a broken pipe ends the writer).
    let writer = std::thread::spawn(move || {
        let chunk = [b' '; 1 << 16];
        while stdin.write_all(&chunk).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot read the configuration <stdin>: it is longer than the limit"),
        "{}",
        stderr(&out)
    );
}

/// A stand-in for `az` whose every list has one more page: `az rest --url URL` answers an
/// empty page with a nextLink to a page never seen before; `--query` answers nothing.
const ENDLESS_AZ: &str = r#"#!/usr/bin/env bash
url=""
query=""
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url="$2"; shift 2 ;;
    --url=*) url="${1#--url=}"; shift ;;
    --query) query="$2"; shift 2 ;;
    *) shift ;;
  esac
done
[ -n "$query" ] && exit 0
dir="$(dirname "$0")"
n=$(($(cat "$dir/n" 2>/dev/null || echo 0) + 1))
echo "$n" >"$dir/n"
host="$(printf '%s' "$url" | sed -E 's#^(https://[^/]+)/.*$#\1#')"
# As az prints JSON: indented by two spaces, keys sorted.
printf '{\n  "nextLink": "%s/next?page=%s",\n  "value": []\n}\n' "$host" "$n"
"#;

#[test]
fn the_collect_script_stops_following_next_links_at_the_page_cap() {
    let script = Command::new(BIN)
        .args(["collect-script", "--plan", &example("demo-plan.json")])
        .output()
        .unwrap();
    assert_eq!(script.status.code(), Some(0));
    let script = String::from_utf8(script.stdout).unwrap();
    // The default cap is the collector's.
    let default = azure_onboarding_live::CollectOptions::default().max_pages;
    assert!(
        script.contains(&format!(
            "max_pages=\"${{AZURE_ONBOARD_MAX_PAGES:-{default}}}\""
        )),
        "the cap is not the collector's"
    );

    let dir = temp("endless-az");
    std::fs::create_dir_all(&dir).unwrap();
    let az = dir.join("az");
    std::fs::write(&az, ENDLESS_AZ).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
    let script_path = dir.join("collect.sh");
    std::fs::write(&script_path, &script).unwrap();
    let out_path = dir.join("snapshot.json");
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = Command::new("bash")
        .arg(&script_path)
        .arg(&out_path)
        .env("PATH", path)
        .env("AZURE_ONBOARD_MAX_PAGES", "3")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("the collect script is still following nextLinks after 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let run = child.wait_with_output().unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&out_path).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let snapshot = azure_onboarding::Snapshot::from_json(&text).unwrap();
    // Every list of the first round: exactly three pages, then a note.
    let plan = azure_onboarding::OnboardingPlan::from_json(
        &std::fs::read_to_string(example("demo-plan.json")).unwrap(),
    )
    .unwrap();
    let first = azure_onboarding::required_requests(
        &plan,
        &azure_onboarding::Snapshot::new("2026-11-26T12:00:00Z"),
    );
    // Before them, the five Resource Graph queries: this `az` answers them with a list page
    // (no `data`), which the script does not read as an answer (one page each, recorded),
    // so it reads the per-subscription lists instead.
    let posts = snapshot
        .responses
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, azure_onboarding::InventoryQuery::ALL.len());
    assert_eq!(snapshot.responses.len() - posts, first.len() * 3);
    let notes = stderr(&run)
        .lines()
        .filter(|l| l.contains("after 3 pages"))
        .count();
    assert_eq!(notes, first.len(), "{}", stderr(&run));
}
