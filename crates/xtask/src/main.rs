//! Build orchestration for the Azure onboarding SDK: `cargo xtask <command>`.
//!
//! * `bootstrap` installs what the project needs, idempotently, one line per decision.
//! * `doctor` shows, one line per tool, what is found, where it came from, its version and
//!   what bootstrap would do, without changing anything.
//! * `wasm` builds the WebAssembly module and assembles the npm package under `pkg/dist`.
//! * `demo [--port N]` does both and serves the demo page on `http://127.0.0.1:N`.
//! * `test` runs every test layer and prints one summary line per layer.
//! * `test-az` installs the Azure CLI (pinned, from PyPI, into `target/azure-cli-venv`) once
//!   and runs the remediation script with it against the fake Azure.
//!
//! Only the package registries are contacted (Debian, crates.io, npm, PyPI); nothing else.

mod az;
mod bootstrap;
mod layers;
mod probe;
mod wasm;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Result type of the xtask steps: a message that says what failed and what to do.
pub type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str =
    "usage: cargo xtask <bootstrap | doctor | wasm | demo [--port N] | test | test-az>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("bootstrap") => bootstrap::run(bootstrap::Purpose::Test).map(|_| ()),
        Some("doctor") => bootstrap::doctor(),
        Some("wasm") => bootstrap::run(bootstrap::Purpose::Build)
            .and_then(|tools| wasm::build(&tools).map(|_| ())),
        Some("demo") => demo(&args[1..]),
        Some("test") => layers::run_all(),
        Some("test-az") => az::run(),
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn demo(args: &[String]) -> Result {
    let port = match args {
        [] => "8080".to_owned(),
        [flag, port] if flag == "--port" && port.parse::<u16>().is_ok() => port.clone(),
        _ => return Err(USAGE.to_owned()),
    };
    // Only what the demo needs: no clippy, browser or linters.
    let tools = bootstrap::run(bootstrap::Purpose::Build)?;
    println!("demo: cargo build --release (the azure-onboard CLI)");
    exec(Command::new("cargo").args(["build", "--release", "--locked", "--bin", "azure-onboard"]))?;
    wasm::build(&tools)?;
    // The server prints the URL itself once it listens; it runs until interrupted.
    exec(
        Command::new("node")
            .arg("www/serve.mjs")
            .arg("--port")
            .arg(port),
    )
}

/// The workspace root (the parent of `crates/xtask`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/xtask lies two levels below the workspace root")
        .to_path_buf()
}

/// Runs a command in the workspace root, inheriting stdio; fails with the command line.
pub fn exec(cmd: &mut Command) -> Result {
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(cmd)))
    }
}

/// Runs a command in the workspace root and returns its stdout, or `None` if it failed.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.current_dir(root()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A readable rendering of a command line, for messages.
pub fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|s| s.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
