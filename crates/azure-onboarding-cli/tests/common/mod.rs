//! Helpers shared by the CLI integration tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs `azure-onboard` with `args`, writing `input` to its standard input.
#[allow(dead_code)] // not every test file that includes `common` pipes input
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_azure-onboard"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("the binary reads its input");
    child.wait_with_output().expect("the binary ends")
}

/// Writes `az_script` as an executable `az` into `dir`, writes the collect-script of the
/// demo plan there, and runs it with that `az` first on `PATH` and a fixed `collectedAt`.
/// Returns the run and the path the snapshot was written to.
#[allow(dead_code)] // not every test file that includes `common` runs the collect-script
pub fn run_demo_collect_script(dir: &Path, az_script: &str) -> (Output, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let az = dir.join("az");
    std::fs::write(&az, az_script).unwrap();
    std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
    let plan = example("demo-plan.json");
    let script = Command::new(env!("CARGO_BIN_EXE_azure-onboard"))
        .args(["collect-script", "--plan", plan.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        script.status.success(),
        "{}",
        String::from_utf8_lossy(&script.stderr)
    );
    let script_path = dir.join("collect.sh");
    std::fs::write(&script_path, &script.stdout).unwrap();
    let out_path = dir.join("snapshot.json");
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = Command::new("bash")
        .arg(&script_path)
        .arg(&out_path)
        .env("PATH", path)
        .env("AZURE_ONBOARD_COLLECTED_AT", "2026-11-26T12:00:00Z")
        .output()
        .unwrap();
    (run, out_path)
}

/// A file of the repository's `examples/`.
#[allow(dead_code)] // not every test file that includes `common` reads the examples
pub fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

/// The demo plan and snapshot of `examples/`.
#[allow(dead_code)] // not every test file that includes `common` reads the demo
pub fn demo() -> (azure_onboarding::OnboardingPlan, azure_onboarding::Snapshot) {
    let read = |f: &str| std::fs::read_to_string(example(f)).unwrap();
    (
        azure_onboarding::OnboardingPlan::from_json(&read("demo-plan.json")).unwrap(),
        azure_onboarding::Snapshot::from_json(&read("demo-snapshot.json")).unwrap(),
    )
}
