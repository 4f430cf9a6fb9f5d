//! Instruction counts of the form's validation (not a test): runs `validate` and
//! `validate_field` on the benchmark's forms (bench/validate.bench.mjs) a number of times,
//! for `valgrind --tool=callgrind`, whose counts stay the same on a loaded machine:
//!
//! ```sh
//! cargo build --release -p azure-onboarding --example validate_calls
//! valgrind --tool=callgrind target/release/examples/validate_calls valid 1000
//! ```
//! (`valid`, `invalid`, `view` (the valid form, borrowed: what the wasm package runs) or
//! `field`; the count of calls, default 1,000.)

use azure_onboarding::{validate, validate_field, validate_view, Field, WorkbenchConfig};
use std::hint::black_box;

fn form(valid: bool) -> WorkbenchConfig {
    WorkbenchConfig {
        access_option: Some("customApp".into()),
        tenant_id: Some(
            if valid {
                "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b"
            } else {
                "contoso.onmicrosoft.com"
            }
            .into(),
        ),
        client_id: Some("1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d".into()),
        client_secret: Some(
            if valid {
                "abc8Q~benchBENCHbenchBENCHbenchBENCH1234"
            } else {
                "2f1c6a0e-9b7d-4c3e-8a51-6d2b9f0e7a41"
            }
            .into(),
        ),
        device_name: Some("Azure production".into()),
        location: Some("Microsoft Cloud".into()),
        ..Default::default()
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().unwrap_or_else(|| "valid".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let (good, bad) = (form(true), form(false));
    let mut issues = 0;
    for _ in 0..n {
        issues += match case.as_str() {
            "valid" => black_box(validate(black_box(&good))).issues.len(),
            "invalid" => black_box(validate(black_box(&bad))).issues.len(),
            // What the wasm package's validateConfig runs: the borrowed view.
            "view" => black_box(validate_view(black_box(&good))).issues.len(),
            "field" => black_box(validate_field(
                Field::TenantId,
                black_box("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b"),
                &WorkbenchConfig::default(),
            ))
            .len(),
            other => panic!("unknown case {other}: valid, invalid, view or field"),
        };
    }
    println!("{case} x{n}: {issues} issues in all");
}
