//! `cargo xtask test-az`: the remediation script run by the real Azure CLI against the fake
//! Azure (`crates/azure-onboarding-cli/tests/az_e2e.rs`).
//!
//! The Azure CLI comes from PyPI, pinned, into a virtual environment under `target/` made
//! once (about 700 MB, a few minutes); later runs reuse it. A layer of `cargo xtask test` too
//! (it broke unnoticed while it was apart); `test-az` runs it alone, with its output.

use crate::{describe, exec, root, Result};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// The azure-cli release the end-to-end test runs (PyPI `azure-cli`).
pub const AZURE_CLI_VERSION: &str = "2.91.0";

/// The end-to-end test's cargo arguments (the layer of `cargo xtask test` and `test-az`).
pub const TEST_ARGS: [&str; 8] = [
    "test",
    "--locked",
    "-p",
    "azure-onboarding-cli",
    "--test",
    "az_e2e",
    "--",
    "--ignored",
];

/// The cached virtual environment.
fn venv() -> PathBuf {
    root().join("target/azure-cli-venv")
}

/// Installs azure-cli into `target/azure-cli-venv` unless that exact version is there;
/// returns the path of its `az`.
pub fn install() -> Result<PathBuf> {
    let venv = venv();
    let az = venv.join("bin/az");
    let stamp = venv.join("azure-cli-version");
    let python = venv.join("bin/python");
    let have = std::fs::read_to_string(&stamp).unwrap_or_default();
    if az.exists() && have.trim() == AZURE_CLI_VERSION {
        println!(
            "test-az: azure-cli {AZURE_CLI_VERSION}: already in {}",
            venv.display()
        );
        return Ok(az);
    }
    let started = Instant::now();
    if !python.exists() {
        println!("test-az: python3 -m venv {}", venv.display());
        exec(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    let package = format!("azure-cli=={AZURE_CLI_VERSION}");
    println!("test-az: pip install {package} (from PyPI, once; a few minutes)");
    let mut pip = Command::new(&python);
    pip.args([
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--quiet",
        &package,
    ]);
    exec(&mut pip).map_err(|e| format!("{e}; is PyPI reachable? ({})", describe(&pip)))?;
    std::fs::write(&stamp, AZURE_CLI_VERSION).map_err(|e| e.to_string())?;
    println!(
        "test-az: azure-cli {AZURE_CLI_VERSION} installed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(az)
}

/// Installs az if needed, then runs the end-to-end test with it.
pub fn run() -> Result {
    let az = install()?;
    let started = Instant::now();
    let outcome = exec(
        Command::new("cargo")
            .args(TEST_ARGS)
            .arg("--nocapture")
            .env("AZ_E2E_AZ", &az),
    );
    println!(
        "test-az: the end-to-end test took {:.0} s",
        started.elapsed().as_secs_f64()
    );
    outcome
}
