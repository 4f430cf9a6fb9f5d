//! The WebAssembly build: cargo (wasm-release profile) → wasm-bindgen → wasm-opt -Oz →
//! the npm package `@workbench/azure-onboarding` under `pkg/`.

use crate::bootstrap::Tools;
use crate::{exec, root, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One build of the module: its file stem inside `pkg/dist`, the cargo features and the
/// gzipped budget (wasm + JS glue) that `cargo xtask test` enforces.
#[derive(Debug, Clone, Copy)]
pub struct Variant {
    /// File stem inside `pkg/dist`.
    pub out_name: &'static str,
    /// Cargo features of `azure-onboarding-wasm`.
    pub features: &'static str,
    /// Budget in bytes for the gzipped `.wasm` plus the gzipped JS glue. Set from the
    /// measured size with a little headroom; raise it only deliberately, in its own commit,
    /// saying what the growth buys.
    pub budget_gz: u64,
}

/// The builds, in the order they are made: the light one a settings page loads (validation
/// and catalog measured 69,066 B on 2026-11-26; tenant lookup and normalizeConfig brought it
/// to 79,009 B) and the full one for the wizard and for consoles that check a tenant in the
/// browser (assessment 170,812 B; with remediation and its two renderings 207,732 B; with
/// the browser collector, gloo-net and serde_json's parser 254,506 B; with the panic reinit
/// and the wizard's command filling 260,181 B). The light build grew to 91,492 B when the
/// wizard's steps moved onto it (issue 17: the full module only for "Check my tenant"):
/// `fillCommand` and `checkCommandValues` (about 9 KB) and the catalog's form fields and
/// placeholder help, formerly hand-kept in the elements' JS (about 3 KB). On 2026-12-01 the
/// full build measured 272,904 B: typed snapshot readers parsed once instead of raw JSON
/// lookups (issue 13, about 6.7 KB), and the hardening of issue 12 (the boundary's shape,
/// depth and length checks, per-position URL encoding, ARM expression escaping, Azure's name
/// grammar; about 4 KB). Issue 15 (part B) made the plan and the snapshot check themselves
/// while deserializing, so that plain serde cannot skip `validate()` and each refusal names
/// its element's path: 275,517 B (+2.6 KB). Issue 16 (are logs arriving?) adds the
/// Blob-service requests and their URL rules, the bounded XML reader and the blob-list
/// reader, the log-arrival check and its texts, and the collector's storage token and
/// NextMarker paging: measured 286,661 B on the base before issue 15 part B (+13.8 KB over
/// 272,904 B, builds not side by side), 289,665 B merged with it. The light build measured
/// 92,107 B with the new catalog requirement. Shrinking both builds is issue 15's work.
pub const VARIANTS: [Variant; 2] = [
    Variant {
        out_name: "azure_onboarding",
        features: "",
        budget_gz: 90 * 1024,
    },
    Variant {
        out_name: "azure_onboarding_full",
        features: "assess",
        budget_gz: 284 * 1024,
    },
];

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
    /// Which build.
    pub variant: Variant,
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

/// Builds every variant and assembles the package; prints the gzipped sizes.
pub fn build(tools: &Tools) -> Result<Vec<Sizes>> {
    check_package_version()?;
    let dist = dist();
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .map_err(|e| format!("cannot clear {}: {e}", dist.display()))?;
    }
    VARIANTS
        .iter()
        .map(|v| build_variant(tools, *v, &dist))
        .collect()
}

/// The test-only build with `panicForTest` (feature `panic-check`), into
/// `target/panic-check/`, never into the package: tests/js/panic.test.mjs loads it.
pub const PANIC_CHECK: Variant = Variant {
    out_name: "azure_onboarding_panic_check",
    features: "panic-check",
    budget_gz: u64::MAX,
};

/// Builds [`PANIC_CHECK`] the same way as the shipped builds.
pub fn build_panic_check(tools: &Tools) -> Result<Sizes> {
    let dir = root().join("target/panic-check");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    build_variant(tools, PANIC_CHECK, &dir)
}

fn build_variant(tools: &Tools, variant: Variant, dist: &Path) -> Result<Sizes> {
    let out_name = variant.out_name;
    let mut cargo = tools.wasm_cargo("build");
    cargo.args(["--profile", "wasm-release", "-p", "azure-onboarding-wasm"]);
    if !variant.features.is_empty() {
        cargo.args(["--features", variant.features]);
    }
    println!(
        "wasm: {out_name}: cargo build --profile wasm-release ({:?})",
        tools.wasm_toolchain
    );
    exec(&mut cargo)?;
    let target_dir = cargo
        .get_envs()
        .find(|(k, _)| *k == "CARGO_TARGET_DIR")
        .and_then(|(_, v)| v.map(PathBuf::from))
        .ok_or("the wasm cargo command has no CARGO_TARGET_DIR")?;
    let raw = target_dir.join("wasm32-unknown-unknown/wasm-release/azure_onboarding_wasm.wasm");

    println!(
        "wasm: {out_name}: wasm-bindgen --target web → {}",
        dist.display()
    );
    exec(
        Command::new(&tools.wasm_bindgen)
            .args(["--target", "web", "--out-name", out_name, "--out-dir"])
            .arg(dist)
            .arg(&raw),
    )?;

    export_error_class(dist, out_name)?;

    let module = dist.join(format!("{out_name}_bg.wasm"));
    println!("wasm: {out_name}: wasm-opt -Oz");
    exec(
        Command::new(&tools.wasm_opt)
            .arg("-Oz")
            .args(WASM_OPT_FEATURES)
            .arg(&module)
            .arg("-o")
            .arg(&module),
    )?;

    let sizes = Sizes {
        variant,
        wasm_gz: gzipped_len(&module)?,
        js_gz: gzipped_len(&dist.join(format!("{out_name}.js")))?,
        wasm_raw: std::fs::metadata(&module).map_err(|e| e.to_string())?.len(),
    };
    println!(
        "wasm: size: {out_name}_bg.wasm {} B ({} B gzipped), JS glue {} B gzipped, total {} B gzipped",
        sizes.wasm_raw,
        sizes.wasm_gz,
        sizes.js_gz,
        sizes.wasm_gz + sizes.js_gz
    );
    Ok(sizes)
}

/// Re-exports the `AzureOnboardingError` class (defined in the wasm crate's inline JS, which
/// wasm-bindgen writes to `snippets/`) from the glue, so that `instanceof` works for users:
/// wasm-bindgen exports only Rust items.
fn export_error_class(dist: &Path, out_name: &str) -> Result {
    let snippets = dist.join("snippets");
    let mut found = Vec::new();
    for dir in std::fs::read_dir(&snippets).map_err(|e| format!("{}: {e}", snippets.display()))? {
        let dir = dir.map_err(|e| e.to_string())?.path();
        for file in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let file = file.map_err(|e| e.to_string())?.path();
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            if text.contains("export class AzureOnboardingError ") {
                let rel = file.strip_prefix(dist).map_err(|e| e.to_string())?;
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    // The one this build's glue imports (each build of the crate writes its own snippets).
    let glue = dist.join(format!("{out_name}.js"));
    let mut text =
        std::fs::read_to_string(&glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    found.retain(|m| text.contains(&format!("'./{m}'")) || text.contains(&format!("\"./{m}\"")));
    found.sort();
    found.dedup();
    let [module] = found.as_slice() else {
        return Err(format!(
            "expected one snippet defining AzureOnboardingError imported by {}, found {found:?}",
            glue.display()
        ));
    };
    text.push_str(&format!(
        "export {{ AzureOnboardingError }} from './{module}';\n"
    ));
    std::fs::write(&glue, text).map_err(|e| format!("{}: {e}", glue.display()))?;
    Ok(())
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
