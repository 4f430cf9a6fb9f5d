//! The fake of Azure as a process, for browser tests (the browser collector in headless
//! Chromium, tests/e2e/collect-in-browser.test.mjs) and for trying the `collect` export by hand.
//!
//! ```sh
//! cargo run -q -p azure-onboarding-live --example fake_azure --features testing -- \
//!     --snapshot examples/demo-snapshot.json --arm-token ARM --graph-token GRAPH \
//!     [--fault STATUS,RETRY_AFTER,TIMES,URL_SUBSTRING]... [--endless-body URL_SUBSTRING]...
//!     [--latency-ms N]
//! ```
//!
//! Listens on 127.0.0.1 (a free port), prints one line `listening http://127.0.0.1:PORT` to
//! stdout and serves until killed. ARM and Graph requests are answered from the snapshot
//! when they carry `Authorization: Bearer <one of the tokens given>` (401 otherwise); CORS
//! preflights are answered, so a page on another origin can call it with `fetch`.
//!
//! `--fault 429,2,1,Microsoft.Security/pricings` answers the first request whose URL (public
//! form, `https://management.azure.com/…`) contains `Microsoft.Security/pricings` with 429 and
//! `Retry-After: 2`; an empty field means none (`403,,,roleAssignments`: always 403). Faults
//! are tried in order, the first that matches wins. `--endless-body URL_SUBSTRING` answers
//! matching requests with 200 and a chunked body (no Content-Length) that never ends.
//!
//! Test-only: the tokens are whatever the test passes, nothing is checked but equality.

use azure_onboarding::Snapshot;
use azure_onboarding_live::testing::{
    FakeAzure, FakeConfig, Fault, FaultAction, ResourceGraphConfig,
};
use std::io::Write as _;
use std::time::Duration;

const USAGE: &str = "usage: fake_azure --snapshot FILE [--arm-token T] [--graph-token T] [--fault STATUS,RETRY_AFTER,TIMES,URL_SUBSTRING]... [--endless-body URL_SUBSTRING]... [--latency-ms N] [--resource-graph | --resource-graph-refuse]";

fn fault(spec: &str) -> Result<Fault, String> {
    let mut parts = spec.splitn(4, ',');
    let mut next = || parts.next().unwrap_or("").trim();
    let (status, retry_after, times, url) = (next(), next(), next(), next());
    let bad = |what: &str| format!("--fault {spec}: {what} ({USAGE})");
    let status: u16 = status.parse().map_err(|_| bad("STATUS is not a number"))?;
    let number = |s: &str, what: &str| -> Result<Option<u64>, String> {
        if s.is_empty() {
            Ok(None)
        } else {
            s.parse().map(Some).map_err(|_| bad(what))
        }
    };
    let retry_after = number(retry_after, "RETRY_AFTER is not a number")?;
    let times = number(times, "TIMES is not a number")?
        .map(|t| u32::try_from(t).map_err(|_| bad("TIMES is too large")))
        .transpose()?;
    if url.is_empty() {
        return Err(bad("URL_SUBSTRING is empty"));
    }
    Ok(Fault {
        url_contains: url.to_owned(),
        action: FaultAction::Status {
            status,
            retry_after,
        },
        times,
    })
}

fn config(args: &[String]) -> Result<FakeConfig, String> {
    let mut config = FakeConfig::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or(format!("{arg} needs a value ({USAGE})"))
        };
        match arg.as_str() {
            "--snapshot" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {path}: {e}"))?;
                let snapshot = Snapshot::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
                config.snapshot = Some(snapshot);
            }
            "--arm-token" | "--graph-token" => config.accepted_tokens.push(value()?),
            "--fault" => config.faults.push(fault(&value()?)?),
            "--endless-body" => config.faults.push(Fault {
                url_contains: value()?,
                action: FaultAction::EndlessBody,
                times: None,
            }),
            "--latency-ms" => {
                let ms = value()?;
                let ms: u64 = ms
                    .parse()
                    .map_err(|_| format!("--latency-ms {ms}: not a number"))?;
                config.latency = Duration::from_millis(ms);
            }
            // Azure Resource Graph answering the inventory queries from the snapshot's lists,
            // or refusing every query (403).
            "--resource-graph" => config.resource_graph = Some(ResourceGraphConfig::default()),
            "--resource-graph-refuse" => {
                config.resource_graph = Some(ResourceGraphConfig {
                    refuse: true,
                    ..ResourceGraphConfig::default()
                })
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other} ({USAGE})")),
        }
    }
    if config.snapshot.is_none() {
        return Err(format!("--snapshot is required ({USAGE})"));
    }
    Ok(config)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match config(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("fake_azure: {e}");
            std::process::exit(2);
        }
    };
    let fake = match FakeAzure::start(config).await {
        Ok(f) => f,
        Err(e) => {
            eprintln!("fake_azure: cannot listen on 127.0.0.1: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening {}", fake.base_url());
    let _ = out.flush();
    drop(out);
    // Serve until killed.
    std::future::pending::<()>().await;
}
