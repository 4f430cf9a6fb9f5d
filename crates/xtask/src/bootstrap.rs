//! Idempotent installation of everything the build and the tests need, and `doctor`, which
//! shows the same decisions without acting on them.
//!
//! Every tool is probed by running it ([`crate::probe`]): the WebAssembly linker links a tiny
//! module, the others print their versions. What is missing is installed from the package
//! registries only: Debian (apt-get), crates.io (cargo install) and npm (npm ci from the
//! committed lockfile); then everything is probed again, and a tool that still does not work
//! stops the run with what to do. `rustup target add` is never called: on machines without
//! the wasm32 target it hangs instead of failing, so the target is detected, not tried.

use crate::probe::{self, Layout, Linker, LinkerKind};
use crate::{describe, exec, output, root, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the tools are for: the demo needs only the builds; the tests need the linters and
/// the browser as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `cargo xtask demo` and `cargo xtask wasm`: the CLI and the wasm builds.
    Build,
    /// `cargo xtask test`: also clippy for wasm32, Chromium, chromedriver and shellcheck.
    Test,
}

/// How the wasm32 standard library is obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WasmToolchain {
    /// rustup's own `wasm32-unknown-unknown` target is installed: use it as it is.
    Rustup,
    /// Debian's `rustc-web` with `rust-web-src`, building std with `-Zbuild-std`.
    DebianBuildStd,
}

/// The Debian compiler used when rustup has no wasm32 target.
const DEBIAN_RUSTC: &str = "/usr/bin/rustc";
/// Debian's cargo, paired with [`DEBIAN_RUSTC`].
const DEBIAN_CARGO: &str = "/usr/bin/cargo";
/// The binaryen (wasm-opt) major version pinned in package.json; Debian's 108 breaks
/// wasm-bindgen's externref table.
const WASM_OPT_VERSION: &str = "version 132";

/// The tools found or installed by [`run`].
#[derive(Debug)]
pub struct Tools {
    /// Where the wasm32 standard library comes from.
    pub wasm_toolchain: WasmToolchain,
    /// The WebAssembly linker handed to cargo (`None` with rustup, which brings its own).
    pub wasm_linker: Option<PathBuf>,
    /// `wasm-bindgen`, at exactly the version of the crate in Cargo.lock.
    pub wasm_bindgen: PathBuf,
    /// `wasm-bindgen-test-runner` from the same install.
    pub wasm_bindgen_test_runner: PathBuf,
    /// `wasm-opt` from the pinned npm package `binaryen`.
    pub wasm_opt: PathBuf,
    /// The chromedriver that drives Chromium (only probed for tests).
    pub chromedriver: PathBuf,
    /// The Chromium the browser tests drive (only probed for tests).
    pub chromium: PathBuf,
}

impl Tools {
    /// A cargo invocation for the wasm32 target (`subcommand` is `build`, `test`, `clippy`…),
    /// with the target dir, flags and linker of the detected toolchain.
    pub fn wasm_cargo(&self, subcommand: &str) -> Command {
        let root = root();
        let mut cmd = match self.wasm_toolchain {
            WasmToolchain::Rustup => {
                let mut cmd = Command::new("cargo");
                cmd.arg(subcommand)
                    .args(["--target", "wasm32-unknown-unknown"])
                    .env("CARGO_TARGET_DIR", root.join("target/wasm"));
                cmd
            }
            WasmToolchain::DebianBuildStd => {
                // Debian's 1.96 artifacts never share a target dir with rustup's 1.95.
                let mut cmd = Command::new(DEBIAN_CARGO);
                // /usr/bin first, so that `cargo clippy` finds Debian's cargo-clippy and
                // clippy-driver (rust-web-clippy) instead of rustup's proxies.
                let path = std::env::var("PATH").unwrap_or_default();
                cmd.env("PATH", format!("/usr/bin:{path}"));
                cmd.arg(subcommand)
                    .args(["--target", "wasm32-unknown-unknown"])
                    .arg("-Zbuild-std=std,panic_abort")
                    // std's size-over-speed variants (sorts: merge and heap sort instead of
                    // driftsort and ipnsort, both O(n log n); smaller integer formatting;
                    // float parsing without its fast path). Issue 15, measured with
                    // `cargo xtask wasm`: light 40,601 -> 39,936 B, full 263,062 -> 255,465 B
                    // gzipped (the stable sort alone was 31 KB raw of the full module);
                    // validateConfig and validateField as fast (0.99-1.03x, one
                    // bench/validate.bench.mjs run beside the build without it).
                    .arg("-Zbuild-std-features=optimize_for_size")
                    .env("RUSTC", DEBIAN_RUSTC)
                    .env("RUSTDOC", "/usr/bin/rustdoc")
                    .env("RUSTC_BOOTSTRAP", "1")
                    .env("CARGO_TARGET_DIR", root.join("target/wasm-build-std"))
                    // rustup's proxies would otherwise be preferred for nested tools.
                    .env_remove("RUSTUP_TOOLCHAIN")
                    .env_remove("CARGO");
                cmd
            }
        };
        if let Some(linker) = &self.wasm_linker {
            cmd.env(LINKER_ENV, linker);
        }
        cmd
    }
}

/// The variable through which cargo hands rustc the wasm32 linker.
const LINKER_ENV: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER";

/// What bootstrap does about a tool that is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    /// Nothing: the tool works.
    Nothing,
    /// `apt-get install` these Debian packages.
    Apt(Vec<&'static str>),
    /// `cargo install wasm-bindgen-cli --version =V`.
    CargoInstallWasmBindgen(String),
    /// `npm ci` from the committed lockfile.
    NpmCi,
    /// Nothing bootstrap can do: a person must (the text says what).
    Manual(String),
}

impl Action {
    fn describe(&self) -> String {
        match self {
            Action::Nothing => "nothing to do".to_owned(),
            Action::Apt(p) => format!("apt-get install {}", p.join(" ")),
            Action::CargoInstallWasmBindgen(v) => {
                format!("cargo install wasm-bindgen-cli --version ={v} (takes minutes)")
            }
            Action::NpmCi => "npm ci (from package-lock.json)".to_owned(),
            Action::Manual(what) => format!("cannot install it: {what}"),
        }
    }
}

/// One tool as probed: found (where, from where, which version) or not, and the action.
#[derive(Debug, Clone)]
struct Check {
    tool: &'static str,
    found: Option<(PathBuf, String)>,
    /// Why it is missing, when it is.
    why: String,
    action: Action,
}

impl Check {
    fn found(tool: &'static str, path: PathBuf, version: String) -> Self {
        Check {
            tool,
            found: Some((path, version)),
            why: String::new(),
            action: Action::Nothing,
        }
    }

    fn missing(tool: &'static str, why: impl Into<String>, action: Action) -> Self {
        Check {
            tool,
            found: None,
            why: why.into(),
            action,
        }
    }

    fn line(&self) -> String {
        match &self.found {
            Some((path, version)) => format!(
                "{:<24} found    {} ({}), {}; bootstrap: {}",
                self.tool,
                path.display(),
                probe::origin(path),
                version,
                self.action.describe()
            ),
            None => format!(
                "{:<24} MISSING  {}; bootstrap: {}",
                self.tool,
                self.why,
                self.action.describe()
            ),
        }
    }
}

/// Everything probed, with the facts the build needs out of the checks.
struct Survey {
    checks: Vec<Check>,
    wasm_toolchain: WasmToolchain,
    linker: Option<Linker>,
}

fn rustup_has_wasm32() -> bool {
    output(Command::new("rustup").args(["target", "list", "--installed"]))
        .is_some_and(|t| t.lines().any(|l| l.trim() == "wasm32-unknown-unknown"))
}

/// Probes every tool the purpose needs, without changing anything.
fn survey(purpose: Purpose) -> Result<Survey> {
    let layout = Layout::system();
    let mut checks = Vec::new();
    let mut linker = None;
    let wasm_toolchain = if rustup_has_wasm32() {
        checks.push(Check::found(
            "wasm32 std",
            PathBuf::from("rustup target wasm32-unknown-unknown"),
            "installed (with rustup's own linker)".to_owned(),
        ));
        WasmToolchain::Rustup
    } else {
        checks.extend(debian_toolchain(purpose));
        let explicit = std::env::var_os(LINKER_ENV).map(PathBuf::from);
        let search = probe::find_linker(
            &layout,
            explicit.as_deref(),
            &root().join("target/xtask-probe"),
        );
        checks.push(match &search.found {
            Some(l) => {
                let flavor = if l.kind == LinkerKind::RustLld {
                    "rust-lld -flavor wasm"
                } else {
                    "wasm-ld"
                };
                let version = probe::version_line(&l.path, &version_args(l))
                    .unwrap_or_else(|| "version unknown".to_owned());
                Check::found(
                    "wasm linker",
                    l.path.clone(),
                    format!("{version}; linked a probe module as {flavor}"),
                )
            }
            None => Check::missing(
                "wasm linker",
                search.missing_message(),
                Action::Apt(vec![probe::LINKER_PACKAGE]),
            ),
        });
        linker = search.found;
        WasmToolchain::DebianBuildStd
    };

    let version = locked_version("wasm-bindgen")?;
    let expected = format!("wasm-bindgen {version}");
    for (tool, name) in [
        ("wasm-bindgen", "wasm-bindgen"),
        ("wasm-bindgen-test-runner", "wasm-bindgen-test-runner"),
    ] {
        let path = cargo_bin(name);
        checks.push(match probe::version_line(&path, &["--version"]) {
            Some(v)
                if v.contains(&expected) || (name != "wasm-bindgen" && v.contains(&version)) =>
            {
                Check::found(tool, path, v)
            }
            Some(v) => Check::missing(
                tool,
                format!(
                    "{} reports {v:?}, Cargo.lock needs {version}",
                    path.display()
                ),
                Action::CargoInstallWasmBindgen(version.clone()),
            ),
            None => Check::missing(
                tool,
                format!("{} does not run", path.display()),
                Action::CargoInstallWasmBindgen(version.clone()),
            ),
        });
    }

    checks.push(
        match probe::find_runnable(&layout, "node", &["--version"]) {
            Some((path, v)) => Check::found("node", path, v),
            None => Check::missing(
                "node",
                "node is not on PATH",
                Action::Manual("install Node.js 20.19 or newer".to_owned()),
            ),
        },
    );
    checks.push(npm_packages_check());
    let wasm_opt = root().join("node_modules/.bin/wasm-opt");
    checks.push(match probe::version_line(&wasm_opt, &["--version"]) {
        Some(v) if v.contains(WASM_OPT_VERSION) => Check::found("wasm-opt", wasm_opt, v),
        Some(v) => Check::missing(
            "wasm-opt",
            format!(
                "node_modules/.bin/wasm-opt reports {v:?}, expected binaryen {WASM_OPT_VERSION}"
            ),
            Action::Manual("run `rm -rf node_modules && cargo xtask bootstrap`".to_owned()),
        ),
        None => Check::missing(
            "wasm-opt",
            "node_modules/.bin/wasm-opt does not run",
            Action::NpmCi,
        ),
    });

    if purpose == Purpose::Test {
        for (tool, package) in [
            ("chromium", "chromium"),
            ("chromedriver", "chromium-driver"),
            ("shellcheck", "shellcheck"),
        ] {
            checks.push(match probe::find_runnable(&layout, tool, &["--version"]) {
                Some((path, v)) => Check::found(tool, path, v),
                None => Check::missing(
                    tool,
                    format!("no {tool} on PATH runs"),
                    Action::Apt(vec![package]),
                ),
            });
        }
        // The Azure CLI layer installs azure-cli from PyPI into a virtual environment
        // (`crate::az`): python3 with venv and ensurepip (Debian splits them off).
        let venv = [
            "-c",
            "import ensurepip, venv, sys; print(sys.version.split()[0])",
        ];
        checks.push(match probe::find_runnable(&layout, "python3", &venv) {
            Some((path, v)) => Check::found("python3 (venv)", path, v),
            None => Check::missing(
                "python3 (venv)",
                "no python3 on PATH can make a virtual environment".to_owned(),
                Action::Apt(vec!["python3-venv"]),
            ),
        });
    }
    Ok(Survey {
        checks,
        wasm_toolchain,
        linker,
    })
}

fn version_args(linker: &Linker) -> Vec<&'static str> {
    match linker.kind {
        LinkerKind::RustLld => vec!["-flavor", "wasm", "--version"],
        LinkerKind::WasmLd => vec!["--version"],
    }
}

/// Debian's compiler, cargo, standard-library source and (for tests) clippy.
fn debian_toolchain(purpose: Purpose) -> Vec<Check> {
    let mut checks = Vec::new();
    let rustc = Path::new(DEBIAN_RUSTC);
    let rustc_version = probe::version_line(rustc, &["--version"]);
    let targets = output(Command::new(rustc).args(["--print", "target-list"])).unwrap_or_default();
    checks.push(match &rustc_version {
        Some(v) if targets.lines().any(|t| t == "wasm32-unknown-unknown") => {
            Check::found("rustc-web", rustc.to_path_buf(), v.clone())
        }
        Some(v) => Check::missing(
            "rustc-web",
            format!("{DEBIAN_RUSTC} ({v}) has no wasm32-unknown-unknown target"),
            Action::Apt(vec!["rustc-web"]),
        ),
        None => Check::missing(
            "rustc-web",
            format!("{DEBIAN_RUSTC} does not run"),
            Action::Apt(vec!["rustc-web"]),
        ),
    });
    let cargo = Path::new(DEBIAN_CARGO);
    checks.push(match probe::version_line(cargo, &["--version"]) {
        Some(v) => Check::found("cargo-web", cargo.to_path_buf(), v),
        None => Check::missing(
            "cargo-web",
            format!("{DEBIAN_CARGO} does not run"),
            Action::Apt(vec!["cargo-web"]),
        ),
    });
    // The source cargo's -Zbuild-std reads: `<sysroot>/lib/rustlib/src/rust/library`.
    let sysroot = output(Command::new(rustc).args(["--print", "sysroot"]))
        .map(|s| PathBuf::from(s.trim()))
        .unwrap_or_else(|| PathBuf::from("/usr"));
    let std_lib = sysroot.join("lib/rustlib/src/rust/library/std/src/lib.rs");
    checks.push(if std_lib.is_file() {
        Check::found(
            "rust-src",
            std_lib.clone(),
            "std source for -Zbuild-std".to_owned(),
        )
    } else {
        Check::missing(
            "rust-src",
            format!("{} is missing", std_lib.display()),
            Action::Apt(vec!["rust-web-src"]),
        )
    });
    if purpose == Purpose::Test {
        let driver = Path::new("/usr/bin/clippy-driver");
        checks.push(match probe::version_line(driver, &["--version"]) {
            Some(v) => Check::found("clippy (wasm32)", driver.to_path_buf(), v),
            None => Check::missing(
                "clippy (wasm32)",
                "/usr/bin/clippy-driver does not run",
                Action::Apt(vec!["rust-web-clippy"]),
            ),
        });
    }
    checks
}

fn npm_packages_check() -> Check {
    let root = root();
    let lock = std::fs::read(root.join("package-lock.json")).unwrap_or_default();
    let stamp = root.join("node_modules/.bootstrap-package-lock.json");
    if !lock.is_empty() && std::fs::read(&stamp).is_ok_and(|s| s == lock) {
        Check::found(
            "node packages",
            root.join("node_modules"),
            "matches package-lock.json".to_owned(),
        )
    } else {
        Check::missing(
            "node packages",
            "node_modules does not match package-lock.json",
            Action::NpmCi,
        )
    }
}

/// `cargo xtask doctor`: one line per tool, nothing changed. Fails when something is
/// missing that bootstrap cannot install.
pub fn doctor() -> Result {
    let survey = survey(Purpose::Test)?;
    for check in &survey.checks {
        println!("doctor: {}", check.line());
    }
    let manual: Vec<String> = survey
        .checks
        .iter()
        .filter_map(|c| match &c.action {
            Action::Manual(what) => Some(format!("{}: {what}", c.tool)),
            _ => None,
        })
        .collect();
    if manual.is_empty() {
        Ok(())
    } else {
        Err(manual.join("; "))
    }
}

/// Checks and installs every tool the purpose needs; prints one line per decision.
pub fn run(purpose: Purpose) -> Result<Tools> {
    let first = survey(purpose)?;
    for check in &first.checks {
        println!("bootstrap: {}", check.line());
    }
    let actions: Vec<&Action> = first.checks.iter().map(|c| &c.action).collect();
    if let Some(Action::Manual(what)) = actions.iter().find(|a| matches!(a, Action::Manual(_))) {
        return Err(what.clone());
    }
    let apt: BTreeSet<&'static str> = actions
        .iter()
        .filter_map(|a| match a {
            Action::Apt(p) => Some(p.iter().copied()),
            _ => None,
        })
        .flatten()
        .collect();
    if !apt.is_empty() {
        apt_install(&apt.into_iter().collect::<Vec<_>>())?;
    }
    if let Some(Action::CargoInstallWasmBindgen(version)) = actions
        .iter()
        .find(|a| matches!(a, Action::CargoInstallWasmBindgen(_)))
    {
        install_wasm_bindgen(version)?;
    }
    if actions.contains(&&Action::NpmCi) {
        npm_ci()?;
    }
    let survey = if actions.iter().all(|a| **a == Action::Nothing) {
        first
    } else {
        // Probe again: an install that did not give a working tool is an error here, with
        // what was tried, not a confusing failure later in the build.
        let again = survey(purpose)?;
        let still: Vec<String> = again
            .checks
            .iter()
            .filter(|c| c.found.is_none())
            .map(|c| format!("{}: {}", c.tool, c.why))
            .collect();
        if !still.is_empty() {
            return Err(format!(
                "still missing after installing: {}",
                still.join("; ")
            ));
        }
        for check in &again.checks {
            println!("bootstrap: {}", check.line());
        }
        again
    };
    let path_of = |tool: &str| {
        survey
            .checks
            .iter()
            .find(|c| c.tool == tool)
            .and_then(|c| c.found.as_ref())
            .map(|(p, _)| p.clone())
    };
    Ok(Tools {
        wasm_toolchain: survey.wasm_toolchain,
        wasm_linker: survey.linker.as_ref().map(|l| l.path.clone()),
        wasm_bindgen: cargo_bin("wasm-bindgen"),
        wasm_bindgen_test_runner: cargo_bin("wasm-bindgen-test-runner"),
        wasm_opt: root().join("node_modules/.bin/wasm-opt"),
        chromedriver: path_of("chromedriver")
            .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver")),
        chromium: path_of("chromium").unwrap_or_else(|| PathBuf::from("/usr/bin/chromium")),
    })
}

fn apt_install(packages: &[&str]) -> Result {
    println!("bootstrap: installing {} with apt-get", packages.join(", "));
    let as_root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if as_root {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    exec(&mut apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(packages);
    exec(&mut install)
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

fn install_wasm_bindgen(version: &str) -> Result {
    println!("bootstrap: installing wasm-bindgen-cli ={version} from crates.io (matches Cargo.lock; takes minutes)");
    // `--locked` fails on a yanked transitive crate of this release (TOOLCHAIN.md).
    let mut cmd = Command::new("cargo");
    cmd.args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={version}"),
    ]);
    exec(&mut cmd).map_err(|e| format!("{e}; retry with `{}`", describe(&cmd)))
}

fn npm_ci() -> Result {
    let root = root();
    let lock = std::fs::read(root.join("package-lock.json"))
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    println!("bootstrap: npm ci (from the committed package-lock.json)");
    exec(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    let stamp = root.join("node_modules/.bootstrap-package-lock.json");
    std::fs::write(&stamp, lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}
