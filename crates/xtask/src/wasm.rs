//! The WebAssembly build: cargo (wasm-release profile) → wasm-bindgen → wasm-opt -Oz →
//! the npm package `@workbench/azure-onboarding` under `pkg/`.

use crate::bootstrap::Tools;
use crate::{exec, root, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// File stem of the generated module inside `pkg/dist`.
pub const OUT_NAME: &str = "azure_onboarding";

/// Features of the optimizer input that wasm-bindgen's output uses (see TOOLCHAIN.md).
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Sizes of a build, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// The optimized `.wasm`, gzipped.
    pub wasm_gz: u64,
    /// The JS glue, gzipped.
    pub js_gz: u64,
    /// The optimized `.wasm`, raw.
    pub wasm_raw: u64,
}

/// `pkg/dist`, where the build output goes (ignored by git).
pub fn dist() -> PathBuf {
    root().join("pkg/dist")
}

/// Builds the module and assembles the package; prints the gzipped sizes.
pub fn build(tools: &Tools) -> Result<Sizes> {
    check_package_version()?;
    let mut cargo = tools.wasm_cargo("build");
    cargo.args(["--profile", "wasm-release", "-p", "azure-onboarding-wasm"]);
    println!(
        "wasm: cargo build --profile wasm-release ({:?})",
        tools.wasm_toolchain
    );
    exec(&mut cargo)?;
    let target_dir = cargo
        .get_envs()
        .find(|(k, _)| *k == "CARGO_TARGET_DIR")
        .and_then(|(_, v)| v.map(PathBuf::from))
        .ok_or("the wasm cargo command has no CARGO_TARGET_DIR")?;
    let raw = target_dir.join("wasm32-unknown-unknown/wasm-release/azure_onboarding_wasm.wasm");

    let dist = dist();
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .map_err(|e| format!("cannot clear {}: {e}", dist.display()))?;
    }
    println!("wasm: wasm-bindgen --target web → pkg/dist");
    exec(
        Command::new(&tools.wasm_bindgen)
            .args(["--target", "web", "--out-name", OUT_NAME, "--out-dir"])
            .arg(&dist)
            .arg(&raw),
    )?;

    let module = dist.join(format!("{OUT_NAME}_bg.wasm"));
    println!("wasm: wasm-opt -Oz");
    exec(
        Command::new(&tools.wasm_opt)
            .arg("-Oz")
            .args(WASM_OPT_FEATURES)
            .arg(&module)
            .arg("-o")
            .arg(&module),
    )?;

    let sizes = Sizes {
        wasm_gz: gzipped_len(&module)?,
        js_gz: gzipped_len(&dist.join(format!("{OUT_NAME}.js")))?,
        wasm_raw: std::fs::metadata(&module).map_err(|e| e.to_string())?.len(),
    };
    println!(
        "wasm: size: {OUT_NAME}_bg.wasm {} B ({} B gzipped), JS glue {} B gzipped, total {} B gzipped",
        sizes.wasm_raw,
        sizes.wasm_gz,
        sizes.js_gz,
        sizes.wasm_gz + sizes.js_gz
    );
    Ok(sizes)
}

/// Length of `gzip -9` of a file (the size a browser downloads from a compressing server).
pub fn gzipped_len(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed on {}", path.display()));
    }
    Ok(out.stdout.len() as u64)
}

/// The npm package version must be the crates' version: one version for one product.
fn check_package_version() -> Result {
    let manifest = std::fs::read_to_string(root().join("pkg/package.json"))
        .map_err(|e| format!("cannot read pkg/package.json: {e}"))?;
    let expected = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    if manifest.contains(&expected) {
        Ok(())
    } else {
        Err(format!(
            "pkg/package.json must say {expected} (the workspace version in Cargo.toml)"
        ))
    }
}
