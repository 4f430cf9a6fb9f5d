//! Idempotent installation of everything the build and the tests need.
//!
//! Each step checks first, installs only what is missing, and prints one line. Sources are
//! the package registries only: Debian (apt-get), crates.io (cargo install) and npm (npm ci
//! from the committed lockfile). `rustup target add` is never called: on machines without
//! the wasm32 target it hangs instead of failing, so the target is detected, not tried.

use crate::{describe, exec, output, root, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

/// Debian packages of the wasm fallback toolchain (see shared TOOLCHAIN.md).
const DEBIAN_WASM_TOOLCHAIN: &[&str] = &[
    "rustc-web",
    "cargo-web",
    "rust-web-src",
    "rust-web-clippy",
    "lld-22",
];
/// Debian packages of the browser used by the tests.
const DEBIAN_BROWSER: &[&str] = &["chromium", "chromium-driver"];
/// Debian package of the shell-script linter used on generated scripts.
const DEBIAN_LINTERS: &[&str] = &["shellcheck"];
/// The binaryen (wasm-opt) major version pinned in package.json; Debian's 108 breaks
/// wasm-bindgen's externref table.
const WASM_OPT_VERSION: &str = "version 132";

/// How the wasm32 standard library is obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WasmToolchain {
    /// rustup's own `wasm32-unknown-unknown` target is installed: use it as it is.
    Rustup,
    /// Debian's `rustc-web` with `rust-web-src`, building std with `-Zbuild-std`.
    DebianBuildStd,
}

/// The tools found or installed by [`run`].
#[derive(Debug)]
pub struct Tools {
    /// Where the wasm32 standard library comes from.
    pub wasm_toolchain: WasmToolchain,
    /// `wasm-bindgen`, at exactly the version of the crate in Cargo.lock.
    pub wasm_bindgen: PathBuf,
    /// `wasm-bindgen-test-runner` from the same install.
    pub wasm_bindgen_test_runner: PathBuf,
    /// `wasm-opt` from the pinned npm package `binaryen`.
    pub wasm_opt: PathBuf,
    /// The chromedriver that drives Debian's Chromium.
    pub chromedriver: PathBuf,
}

impl Tools {
    /// A cargo invocation for the wasm32 target (`subcommand` is `build`, `test`, `clippy`…),
    /// with the target dir and flags of the detected toolchain.
    pub fn wasm_cargo(&self, subcommand: &str) -> Command {
        let root = root();
        match self.wasm_toolchain {
            WasmToolchain::Rustup => {
                let mut cmd = Command::new("cargo");
                cmd.arg(subcommand)
                    .args(["--target", "wasm32-unknown-unknown"])
                    .env("CARGO_TARGET_DIR", root.join("target/wasm"));
                cmd
            }
            WasmToolchain::DebianBuildStd => {
                // Debian's 1.96 artifacts never share a target dir with rustup's 1.95.
                let mut cmd = Command::new("/usr/bin/cargo");
                // /usr/bin first, so that `cargo clippy` finds Debian's cargo-clippy and
                // clippy-driver (rust-web-clippy) instead of rustup's proxies.
                let path = std::env::var("PATH").unwrap_or_default();
                cmd.env("PATH", format!("/usr/bin:{path}"));
                cmd.arg(subcommand)
                    .args(["--target", "wasm32-unknown-unknown"])
                    .arg("-Zbuild-std=std,panic_abort")
                    .env("RUSTC", "/usr/bin/rustc")
                    .env("RUSTDOC", "/usr/bin/rustdoc")
                    .env("RUSTC_BOOTSTRAP", "1")
                    .env("CARGO_TARGET_DIR", root.join("target/wasm-build-std"))
                    // rustup's proxies would otherwise be preferred for nested tools.
                    .env_remove("RUSTUP_TOOLCHAIN")
                    .env_remove("CARGO");
                cmd
            }
        }
    }
}

/// Checks and installs every tool; prints one line per step.
pub fn run() -> Result<Tools> {
    let wasm_toolchain = wasm_toolchain()?;
    apt_step("browser (chromium, chromedriver)", DEBIAN_BROWSER)?;
    apt_step("shellcheck", DEBIAN_LINTERS)?;
    let (wasm_bindgen, wasm_bindgen_test_runner) = wasm_bindgen_cli()?;
    npm_ci()?;
    let wasm_opt = wasm_opt()?;
    Ok(Tools {
        wasm_toolchain,
        wasm_bindgen,
        wasm_bindgen_test_runner,
        wasm_opt,
        chromedriver: PathBuf::from("/usr/bin/chromedriver"),
    })
}

fn step(name: &str, what: &str) {
    println!("bootstrap: {name}: {what}");
}

fn wasm_toolchain() -> Result<WasmToolchain> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    if installed.is_some_and(|t| t.lines().any(|l| l.trim() == "wasm32-unknown-unknown")) {
        step(
            "wasm toolchain",
            "rustup target wasm32-unknown-unknown (installed)",
        );
        return Ok(WasmToolchain::Rustup);
    }
    apt_step(
        "wasm toolchain (no rustup wasm32 target: Debian rustc-web + rust-web-src, -Zbuild-std)",
        DEBIAN_WASM_TOOLCHAIN,
    )?;
    if !Path::new("/usr/lib/rustlib/src/rust/library/std").is_dir() {
        return Err(
            "rust-web-src is installed but /usr/lib/rustlib/src/rust/library/std is missing; \
                    reinstall it with `apt-get install --reinstall rust-web-src`"
                .to_owned(),
        );
    }
    if !Path::new("/usr/bin/rust-lld").exists() {
        return Err(
            "/usr/bin/rust-lld does not resolve; install lld-22 (`apt-get install lld-22`)"
                .to_owned(),
        );
    }
    Ok(WasmToolchain::DebianBuildStd)
}

static APT_UPDATED: AtomicBool = AtomicBool::new(false);

fn apt_installed(package: &str) -> bool {
    output(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|s| s.contains("install ok installed"))
}

fn apt_step(name: &str, packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !apt_installed(p))
        .collect();
    if missing.is_empty() {
        step(name, &format!("{} (installed)", packages.join(", ")));
        return Ok(());
    }
    step(
        name,
        &format!("installing {} with apt-get", missing.join(", ")),
    );
    if !APT_UPDATED.swap(true, Ordering::SeqCst) {
        exec(Command::new("apt-get").args(["update", "-qq"]))?;
    }
    exec(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// The version of a package in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\n");
    let at = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?;
    lock[at + needle.len()..]
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("version = \""))
        .and_then(|l| l.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| format!("no version line after {package} in Cargo.lock"))
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"));
    home.join("bin").join(name)
}

fn wasm_bindgen_cli() -> Result<(PathBuf, PathBuf)> {
    let version = locked_version("wasm-bindgen")?;
    let bindgen = cargo_bin("wasm-bindgen");
    let runner = cargo_bin("wasm-bindgen-test-runner");
    let found = output(Command::new(&bindgen).arg("--version")).unwrap_or_default();
    if found.trim() == format!("wasm-bindgen {version}") && runner.exists() {
        step("wasm-bindgen-cli", &format!("{version} (installed)"));
    } else {
        step(
            "wasm-bindgen-cli",
            &format!("installing ={version} from crates.io (matches Cargo.lock; takes minutes)"),
        );
        // `--locked` fails on a yanked transitive crate of this release (TOOLCHAIN.md).
        let mut cmd = Command::new("cargo");
        cmd.args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &format!("={version}"),
        ]);
        exec(&mut cmd).map_err(|e| format!("{e}; retry with `{}`", describe(&cmd)))?;
    }
    Ok((bindgen, runner))
}

fn npm_ci() -> Result {
    let root = root();
    let lock = std::fs::read(root.join("package-lock.json"))
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let stamp = root.join("node_modules/.bootstrap-package-lock.json");
    if std::fs::read(&stamp).is_ok_and(|s| s == lock) {
        step(
            "node packages",
            "node_modules matches package-lock.json (installed)",
        );
        return Ok(());
    }
    step(
        "node packages",
        "npm ci (from the committed package-lock.json)",
    );
    exec(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp, lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

fn wasm_opt() -> Result<PathBuf> {
    let path = root().join("node_modules/.bin/wasm-opt");
    let version = output(Command::new(&path).arg("--version")).unwrap_or_default();
    if !version.contains(WASM_OPT_VERSION) {
        return Err(format!(
            "node_modules/.bin/wasm-opt reports {:?}, expected binaryen {WASM_OPT_VERSION}; \
             run `rm -rf node_modules && cargo xtask bootstrap`",
            version.trim()
        ));
    }
    step(
        "wasm-opt",
        &format!("binaryen {} from npm (installed)", version.trim()),
    );
    Ok(path)
}
