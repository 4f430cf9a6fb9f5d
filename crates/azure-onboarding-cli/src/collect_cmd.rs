//! `azure-onboard collect` and `azure-onboard verify`: collect a snapshot from live Azure
//! (and assess it).

use crate::{display, out, read_text, render, AssessFormat, EXIT_UNREADABLE};
use azure_onboarding::{assess, ClientId, OnboardingPlan, SecretString};
use azure_onboarding_live::{
    apply_live_findings, rfc3339_utc, AccessToken, Cloud, CollectError, CollectOptions, Collected,
    Collector, Credentials, ReqwestTransport,
};
use clap::Args;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

/// What to collect and how to sign in.
#[derive(Debug, Args)]
pub struct CollectArgs {
    /// The onboarding plan (JSON); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    plan: String,
    /// Sign in as the onboarding app: the environment variable that holds its client secret
    /// value (never pass a secret on the command line).
    #[arg(long, value_name = "VAR", conflicts_with = "token_env")]
    client_secret_env: Option<String>,
    /// The app's Application (client) ID; defaults to the plan's applicationId.
    #[arg(long, value_name = "GUID", requires = "client_secret_env")]
    client_id: Option<String>,
    /// Use a caller's ARM token instead: the environment variable that holds it
    /// (`az account get-access-token --query accessToken -o tsv`).
    #[arg(long, value_name = "VAR")]
    token_env: Option<String>,
    /// With --token-env: the environment variable that holds a Microsoft Graph token
    /// (`az account get-access-token --resource-type ms-graph --query accessToken -o tsv`).
    #[arg(long, value_name = "VAR", requires = "token_env")]
    graph_token_env: Option<String>,
    /// The Azure cloud: AzureCloud, AzureUSGovernment or AzureChinaCloud.
    #[arg(long, value_name = "NAME", default_value = "AzureCloud")]
    cloud: String,
    /// The most requests in flight at once (the window starts there and halves on a 429;
    /// each subscription's ARM budget is kept to as well).
    #[arg(long, value_name = "N", default_value_t = CollectOptions::default().concurrency,
          value_parser = at_least_one::<usize>)]
    concurrency: usize,
    /// Seconds allowed for one request attempt.
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = at_least_one::<u64>)]
    request_timeout: u64,
    /// Seconds allowed for the whole collection.
    #[arg(long, value_name = "SECONDS", default_value_t = 600,
          value_parser = at_least_one::<u64>)]
    timeout: u64,
    /// Tests only: send everything to this loopback base URL (the fake of Azure).
    #[arg(long, value_name = "URL", hide = true)]
    endpoints_for_testing: Option<String>,
    /// Tests only: backoff in milliseconds before the second attempt.
    #[arg(long, value_name = "MS", hide = true)]
    backoff_ms_for_testing: Option<u64>,
}

fn env_value(var: &str, what: &str) -> Result<String, String> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Ok(v),
        Ok(_) => Err(format!("the environment variable {var} ({what}) is empty")),
        Err(_) => Err(format!(
            "the environment variable {var} ({what}) is not set or not valid UTF-8"
        )),
    }
}

/// An access token from the environment, wiped when dropped. One that is a client secret is
/// refused by the collector (`CollectError::SecretAsToken`) before anything is sent.
fn token_value(var: &str, what: &str) -> Result<AccessToken, String> {
    Ok(AccessToken::new(env_value(var, what)?))
}

fn credentials(args: &CollectArgs, plan: &OnboardingPlan) -> Result<Credentials, String> {
    if let Some(var) = &args.client_secret_env {
        // The untrimmed value is a copy of the secret too: zeroized when dropped.
        let raw = SecretString::new(env_value(var, "the client secret")?);
        let secret = SecretString::new(raw.expose_secret().trim().to_owned());
        let client_id = match &args.client_id {
            Some(c) => c
                .parse::<ClientId>()
                .map_err(|e| format!("--client-id: {e}"))?,
            None => plan.application_id,
        };
        return Ok(Credentials::ClientSecret { client_id, secret });
    }
    if let Some(var) = &args.token_env {
        let arm = token_value(var, "the ARM access token")?;
        let graph = match &args.graph_token_env {
            Some(g) => Some(token_value(g, "the Graph access token")?),
            None => None,
        };
        return Ok(Credentials::Tokens {
            arm: Some(arm),
            graph,
        });
    }
    Err("say how to sign in: --client-secret-env VAR (the onboarding app) or --token-env VAR (a caller's token)".into())
}

/// A count or a number of seconds: a whole number from 1 (0 would never send, or time out
/// at once).
fn at_least_one<T: std::str::FromStr + PartialEq + From<u8>>(text: &str) -> Result<T, String> {
    match text.parse::<T>() {
        Ok(n) if n != T::from(0) => Ok(n),
        _ => Err("expected a whole number from 1".to_owned()),
    }
}

/// Reads the plan, signs in and collects. `Err` is a message for exit status 2.
fn run(args: &CollectArgs) -> Result<(OnboardingPlan, Collected), String> {
    let text = read_text(&args.plan, "plan")?;
    let plan =
        OnboardingPlan::from_json(&text).map_err(|e| format!("{}: {e}", display(&args.plan)))?;
    let creds = credentials(args, &plan)?;
    let mut cloud = Cloud::by_name(&args.cloud).ok_or_else(|| {
        format!(
            "unknown cloud {:?}: use AzureCloud, AzureUSGovernment or AzureChinaCloud",
            args.cloud
        )
    })?;
    if let Some(base) = &args.endpoints_for_testing {
        cloud = cloud.with_endpoints_for_testing(base);
    }
    let mut options = CollectOptions {
        // Each at least 1: the argument parser refuses 0 (`at_least_one`).
        concurrency: args.concurrency,
        request_timeout: Duration::from_secs(args.request_timeout),
        overall_timeout: Duration::from_secs(args.timeout),
        ..CollectOptions::default()
    };
    if let Some(ms) = args.backoff_ms_for_testing {
        options.initial_backoff = Duration::from_millis(ms);
        options.max_backoff = Duration::from_millis(ms.saturating_mul(4));
        options.max_retry_after = Duration::from_millis(ms.saturating_mul(4));
    }
    let transport = ReqwestTransport::new(cloud.allow_loopback, Duration::from_secs(10))
        .map_err(|e| format!("cannot set up HTTPS: {e}"))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    let mut collected_at = rfc3339_utc(now);
    // Tests against the fake only: a fixed collection time (the Blob lists are of its day).
    if args.endpoints_for_testing.is_some() {
        if let Ok(at) = std::env::var("AZURE_ONBOARD_COLLECTED_AT_FOR_TESTING") {
            if azure_onboarding::rfc3339_seconds(&at).is_some() {
                collected_at = at;
            }
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        // Requests of the list done/listed (the list grows as answers reveal storage
        // accounts), their rate, the 429s so far and the time left at that rate.
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "collecting {bar:16} {pos}/{len} requests, {per_sec}, {msg}, ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message("0 429s");
        bar
    });
    let collector = Collector::new(&transport, cloud).options(options);
    let collector = match &bar {
        Some(bar) => {
            let bar = bar.clone();
            collector.on_progress(move |p| {
                bar.set_length(p.listed as u64);
                bar.set_position(p.completed as u64);
                bar.set_message(format!("{} 429s", p.throttled));
            })
        }
        None => collector,
    };
    let collected = runtime
        .block_on(collector.collect(&plan, &creds, &collected_at))
        .map_err(|e| match e {
            CollectError::SecretAsToken(api) => {
                let var = if api == "Graph" { &args.graph_token_env } else { &args.token_env };
                format!(
                    "the environment variable {} (the {api} access token) holds a client secret, not an access token: give the app's secret with --client-secret-env, or a token from `az account get-access-token`",
                    var.as_deref().unwrap_or("?")
                )
            }
            e => e.to_string(),
        })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for e in &collected.token_errors {
        say!("azure-onboard: {e}");
    }
    for n in &collected.notes {
        say!("azure-onboard: note: {n}");
    }
    Ok((plan, collected))
}

/// `collect`: exit 0 when the snapshot is written and every token was obtained, 1 when it is
/// written but a token request failed (recorded as 401s), 2 for unusable input.
pub fn collect(args: &CollectArgs, out: &str) -> ExitCode {
    // Before collecting, which can take minutes: an --out that cannot be written would lose
    // the whole collection at the end.
    if let Err(message) = check_out(out) {
        say!("azure-onboard: {message}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let (_, collected) = match run(args) {
        Ok(x) => x,
        Err(message) => {
            say!("azure-onboard: {message}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let json = serde_json::to_string_pretty(&collected.snapshot).unwrap_or_default() + "\n";
    let written = if out == "-" {
        use std::io::Write;
        std::io::stdout().write_all(json.as_bytes())
    } else {
        std::fs::write(out, json)
    };
    if let Err(e) = written {
        say!("azure-onboard: cannot write the snapshot to {out}: {e}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let s = &collected.stats;
    say!(
        "azure-onboard: recorded {} responses ({} HTTP requests, {} retries){}",
        s.pages,
        s.http_requests,
        s.retries,
        if out == "-" {
            String::new()
        } else {
            format!(" in {out}")
        }
    );
    if collected.token_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Whether `--out` names a file that can be written: not a directory, in a directory that
/// exists (`-` is standard output). Permissions are found out when writing.
fn check_out(out: &str) -> Result<(), String> {
    if out == "-" {
        return Ok(());
    }
    let path = std::path::Path::new(out);
    if path.is_dir() {
        return Err(format!("--out {out}: is a directory; name a file"));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    if !parent.is_dir() {
        return Err(format!(
            "--out {out}: the directory {} does not exist",
            parent.display()
        ));
    }
    Ok(())
}

/// `verify`: collect, assess, add what only the live collection knows; print like `assess`.
pub fn verify(args: &CollectArgs, format: AssessFormat) -> ExitCode {
    let (plan, collected) = match run(args) {
        Ok(x) => x,
        Err(message) => {
            say!("azure-onboard: {message}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let mut report = assess(&plan, &collected.snapshot);
    apply_live_findings(&mut report, &plan, &collected);
    match format {
        AssessFormat::Json => {
            out(&(serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"))
        }
        AssessFormat::Human => out(&render::readiness_human(&report, render::use_colour())),
        AssessFormat::Markdown => out(&render::readiness_markdown(&report)),
    }
    if report.ready {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `collect-script`.
pub fn collect_script(plan_path: &str) -> ExitCode {
    let plan = read_text(plan_path, "plan").and_then(|text| {
        OnboardingPlan::from_json(&text).map_err(|e| format!("{}: {e}", display(plan_path)))
    });
    match plan {
        Ok(plan) => {
            out(&crate::collect_script::script(&plan));
            ExitCode::SUCCESS
        }
        Err(message) => {
            say!("azure-onboard: {message}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}
