//! `cargo xtask test`: every test layer, one summary line per layer, in one run.
//!
//! Layers run in order; a failing layer does not stop the ones that do not depend on it,
//! so one run shows everything that is wrong. The last line is `total: N passed, N failed`.

use crate::bootstrap::{self, Tools};
use crate::{describe, root, wasm, Result};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Counts of one layer.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    passed: u64,
    failed: u64,
}

struct Layer {
    name: &'static str,
    counts: Counts,
    note: String,
}

/// Runs all layers; fails when any layer failed or ran no test.
pub fn run_all() -> Result {
    let tools = bootstrap::run(bootstrap::Purpose::Test)?;
    let mut layers: Vec<Layer> = Vec::new();
    let mut record = |name: &'static str, outcome: Result<Counts>| {
        let layer = match outcome {
            Ok(counts) if counts.passed + counts.failed == 0 => Layer {
                name,
                counts: Counts {
                    passed: 0,
                    failed: 1,
                },
                note: "ran no test".to_owned(),
            },
            Ok(counts) => Layer {
                name,
                counts,
                note: String::new(),
            },
            Err(note) => Layer {
                name,
                counts: Counts {
                    passed: 0,
                    failed: 1,
                },
                note,
            },
        };
        println!(
            "\n=== layer {}: {} passed, {} failed {}\n",
            layer.name, layer.counts.passed, layer.counts.failed, layer.note
        );
        layers.push(layer);
    };

    record(
        "rustfmt",
        check(Command::new("cargo").args(["fmt", "--all", "--check"])),
    );
    record(
        "clippy (native)",
        check(Command::new("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ])),
    );
    record("clippy (wasm32)", clippy_wasm(&tools));
    record(
        "native tests (cargo test)",
        counted(Command::new("cargo").args(["test", "--workspace", "--locked"])),
    );
    // The real Azure CLI runs the remediation script, the ARM templates and the collect-script
    // against the fake (about 4 minutes with the install from PyPI on a clean clone, 2 once
    // installed). It had been apart (`cargo xtask test-az`) and broke unnoticed for two days.
    record(
        "Azure CLI end to end (az from PyPI)",
        crate::az::install().and_then(|az| {
            counted(
                Command::new("cargo")
                    .args(crate::az::TEST_ARGS)
                    .env("AZ_E2E_AZ", &az),
            )
        }),
    );
    record("wasm tests (Node)", counted(&mut wasm_test(&tools, "node")));
    record(
        "wasm tests (Chromium)",
        counted(&mut wasm_test(&tools, "browser")),
    );
    let built = wasm::build(&tools).and_then(|mut sizes| {
        // Not shipped, not budgeted: only for tests/js/panic.test.mjs.
        wasm::build_panic_check(&tools)?;
        sizes.retain(|s| s.variant.budget_gz != u64::MAX);
        Ok(sizes)
    });
    let budgets = built.clone().and_then(|sizes| budgets(&sizes));
    record(
        "wasm package build",
        built.map(|s| Counts {
            passed: s.len() as u64,
            failed: 0,
        }),
    );
    record("wasm size budget", budgets);
    // The browser project (DOM lib), a Node-only one (no DOM lib, @types/node) and one on
    // the legacy `moduleResolution: node10` (typesVersions).
    for (name, project) in [
        ("TypeScript (tsc --noEmit, DOM)", "tests/ts"),
        ("TypeScript (Node only, no DOM lib)", "tests/ts/node"),
        ("TypeScript (moduleResolution node10)", "tests/ts/node10"),
    ] {
        record(
            name,
            check(Command::new("node_modules/.bin/tsc").args(["--noEmit", "-p", project])),
        );
    }
    record(
        "JS suite against pkg (node --test)",
        counted(&mut node_test("tests/js")),
    );
    record(
        "browser end-to-end (Chromium)",
        counted(node_test("tests/e2e").env("CHROMIUM", &tools.chromium)),
    );

    println!("\nlayer summary:");
    println!(
        "  {:<38} {:>6} {:>6} {:>6}",
        "layer", "run", "passed", "failed"
    );
    let (mut passed, mut failed) = (0, 0);
    for layer in &layers {
        let Counts {
            passed: p,
            failed: f,
        } = layer.counts;
        println!(
            "  {:<38} {:>6} {:>6} {:>6} {}",
            layer.name,
            p + f,
            p,
            f,
            layer.note
        );
        passed += p;
        failed += f;
    }
    println!("total: {passed} passed, {failed} failed");
    if failed == 0 {
        Ok(())
    } else {
        Err(format!(
            "{failed} check(s) failed; see the layer summary above"
        ))
    }
}

fn budgets(sizes: &[wasm::Sizes]) -> Result<Counts> {
    let mut counts = Counts::default();
    for s in sizes {
        let (name, total, budget) = (s.variant.out_name, s.total_gz(), s.variant.budget_gz);
        let verdict = if total <= budget { "within" } else { "OVER" };
        println!(
            "size budget: {name}: {total} B gzipped (wasm + JS glue + snippets + catalog-form.js), {verdict} the {budget} B allowed; with catalog.js (the wizard's data, which a bundler drops where catalog() is not called) {} B",
            s.with_catalog_gz()
        );
        if total <= budget {
            counts.passed += 1;
        } else {
            counts.failed += 1;
        }
    }
    Ok(counts)
}

fn clippy_wasm(tools: &Tools) -> Result<Counts> {
    // Clippy runs on every workspace member compiled here, so the core is linted for
    // wasm32 too, as the facade's dependency. Twice: with every feature (the full build and
    // the test-only panic check) and with none (the light build, whose
    // `cfg(not(feature = "assess"))` code the first run never sees).
    let mut counts = Counts::default();
    for features in [&["--all-features"][..], &[]] {
        let run = check(
            tools
                .wasm_cargo("clippy")
                .args(["-p", "azure-onboarding-wasm", "--all-targets"])
                .args(features)
                .args(["--", "-D", "warnings"]),
        )?;
        counts.passed += run.passed;
        counts.failed += run.failed;
    }
    Ok(counts)
}

fn wasm_test(tools: &Tools, test: &str) -> Command {
    let mut cmd = tools.wasm_cargo("test");
    cmd.args([
        "-p",
        "azure-onboarding-wasm",
        "--all-features",
        "--test",
        test,
    ])
    .env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        &tools.wasm_bindgen_test_runner,
    )
    .env("CHROMEDRIVER", &tools.chromedriver)
    .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    cmd
}

fn node_test(dir: &str) -> Command {
    let mut cmd = Command::new("node");
    cmd.args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .arg(dir);
    cmd
}

/// A command that is one check: it passes or fails as a whole.
fn check(cmd: &mut Command) -> Result<Counts> {
    crate::exec(cmd).map(|()| Counts {
        passed: 1,
        failed: 0,
    })
}

/// A test runner whose output says how many tests passed and failed (cargo test,
/// wasm-bindgen-test-runner, node's test runner). Output is shown as it comes.
fn counted(cmd: &mut Command) -> Result<Counts> {
    let mut child = cmd
        .current_dir(root())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", describe(cmd)))?;
    let mut counts = Counts::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::io::Result::ok)
        {
            println!("{line}");
            parse_counts(&line, &mut counts);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() && counts.failed == 0 {
        return Err(format!("{} failed ({status})", describe(cmd)));
    }
    Ok(counts)
}

fn parse_counts(line: &str, counts: &mut Counts) {
    let line = line.trim();
    // cargo test and wasm-bindgen-test-runner: "test result: ok. 3 passed; 0 failed; …"
    if let Some(rest) = line.strip_prefix("test result: ") {
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (label, number) = (words.next(), words.next());
            if let Some(n) = number.and_then(|n| n.parse::<u64>().ok()) {
                match label {
                    Some("passed") => counts.passed += n,
                    Some("failed") => counts.failed += n,
                    _ => {}
                }
            }
        }
        return;
    }
    // node --test, spec reporter: "ℹ pass 3" / "ℹ fail 0".
    if let Some(rest) = line.strip_prefix("ℹ ") {
        let mut words = rest.split_whitespace();
        match (
            words.next(),
            words.next().and_then(|n| n.parse::<u64>().ok()),
        ) {
            (Some("pass"), Some(n)) => counts.passed += n,
            (Some("fail"), Some(n)) => counts.failed += n,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_and_node_summaries() {
        let mut c = Counts::default();
        parse_counts("test result: ok. 12 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s", &mut c);
        parse_counts("ℹ pass 4", &mut c);
        parse_counts("ℹ fail 2", &mut c);
        parse_counts("ℹ tests 6", &mut c);
        parse_counts("some other line with 99 passed", &mut c);
        assert_eq!((c.passed, c.failed), (16, 3));
    }
}
