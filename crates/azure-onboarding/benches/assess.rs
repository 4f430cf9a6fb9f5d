//! Assessment time beside the time of merely parsing the same snapshot, on a generated
//! tenant (default: 1,000 subscriptions x 50 storage accounts = 205,005 responses).
//!
//! `cargo bench -p azure-onboarding --bench assess` (add `-- --quick` for a short run;
//! `BENCH_SUBS=100 BENCH_ACCOUNTS=50` for a smaller tenant). Before the criterion groups it
//! prints one timing of each and their ratio.

#[path = "../tests/common/scale.rs"]
mod scale;

use azure_onboarding::{assess, OnboardingPlan, Snapshot};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn size() -> (usize, usize) {
    let get = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    (get("BENCH_SUBS", 1_000), get("BENCH_ACCOUNTS", 50))
}

fn bench(c: &mut Criterion) {
    let (subs, accounts) = size();
    let plan = OnboardingPlan::from_json(&scale::plan(subs)).unwrap();
    let text = scale::snapshot(subs, accounts);
    let t = Instant::now();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let parse_value = t.elapsed();
    drop(value);
    let t = Instant::now();
    let snapshot = Snapshot::from_json(&text).unwrap();
    let parse_snapshot = t.elapsed();
    let t = Instant::now();
    let report = assess(&plan, &snapshot);
    let assessed = t.elapsed();
    assert!(report.ready);
    eprintln!(
        "tenant: {subs} subscriptions x {accounts} accounts, {} responses, {:.0} MB of JSON\n\
         parse (serde_json::Value): {parse_value:.2?}\n\
         parse (Snapshot::from_json): {parse_snapshot:.2?}\n\
         assess: {assessed:.2?}\n\
         ratio assess / parse (Value): {:.2}",
        snapshot.responses.len(),
        text.len() as f64 / 1e6,
        assessed.as_secs_f64() / parse_value.as_secs_f64(),
    );
    let mut g = c.benchmark_group(format!("tenant-{subs}x{accounts}"));
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("parse serde_json::Value", |b| {
        b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap()))
    });
    g.bench_function("parse Snapshot::from_json", |b| {
        b.iter(|| black_box(Snapshot::from_json(black_box(&text)).unwrap()))
    });
    g.bench_function("assess", |b| {
        b.iter(|| black_box(assess(&plan, black_box(&snapshot))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
