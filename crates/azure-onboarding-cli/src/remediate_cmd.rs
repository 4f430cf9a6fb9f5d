//! `azure-onboard remediate`: the changes that make a tenant ready, as ARM templates, an
//! `az` script or the RemediationPlan JSON.

use crate::{display, out, read_text, EXIT_UNREADABLE};
use azure_onboarding::{
    remediate, render_arm, render_az_script, OnboardingPlan, RemediationPlan, Snapshot,
};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `azure-onboard remediate`.
#[derive(Debug, Args)]
pub struct RemediateArgs {
    /// The onboarding plan (JSON); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    plan: String,
    /// A snapshot of the tenant (JSON): plan only what the assessment finds not passing.
    /// Without it, the full setup of the plan.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RemediateFormat::Json)]
    format: RemediateFormat,
    /// Write files into this directory (created if missing) instead of standard output:
    /// `<subscriptionId>.json` per subscription (arm), `remediate.sh` (cli),
    /// `remediation.json` (json).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// What `remediate` prints or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RemediateFormat {
    /// One subscription-scope ARM template per subscription (standard output: a JSON array
    /// of `{subscriptionId, template}`, in deployment order).
    Arm,
    /// One idempotent bash script of `az` commands.
    Cli,
    /// The RemediationPlan (changes and manual steps) as JSON.
    Json,
}

fn load(args: &RemediateArgs) -> Result<RemediationPlan, String> {
    if args.plan == "-" && args.snapshot.as_deref() == Some("-") {
        return Err("only one of --plan and --snapshot can be read from standard input".into());
    }
    let text = read_text(&args.plan, "plan")?;
    let plan =
        OnboardingPlan::from_json(&text).map_err(|e| format!("{}: {e}", display(&args.plan)))?;
    let snapshot = match &args.snapshot {
        Some(path) => {
            let text = read_text(path, "snapshot")?;
            Some(Snapshot::from_json(&text).map_err(|e| format!("{}: {e}", display(path)))?)
        }
        None => None,
    };
    Ok(remediate(&plan, snapshot.as_ref()))
}

/// Pretty JSON with a final newline.
macro_rules! pretty {
    ($v:expr) => {
        serde_json::to_string_pretty($v).expect("remediation output always serializes") + "\n"
    };
}

fn write(dir: &Path, name: &str, text: &str, executable: bool) -> Result<(), String> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    #[cfg(unix)]
    if executable {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
    }
    #[cfg(not(unix))]
    let _ = executable;
    say!("azure-onboard: wrote {}", path.display());
    Ok(())
}

fn emit(args: &RemediateArgs, r: &RemediationPlan) -> Result<(), String> {
    let Some(dir) = &args.out else {
        match args.format {
            RemediateFormat::Arm => out(&pretty!(&render_arm(r))),
            RemediateFormat::Cli => out(&render_az_script(r)),
            RemediateFormat::Json => out(&pretty!(r)),
        }
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    match args.format {
        RemediateFormat::Arm => {
            for t in render_arm(r) {
                write(
                    dir,
                    &format!("{}.json", t.subscription_id),
                    &pretty!(&t.template),
                    false,
                )?;
            }
        }
        RemediateFormat::Cli => write(dir, "remediate.sh", &render_az_script(r), true)?,
        RemediateFormat::Json => write(dir, "remediation.json", &pretty!(r), false)?,
    }
    Ok(())
}

/// Runs `azure-onboard remediate`: exit 0 when the output was produced, 2 for unreadable
/// input or an unwritable output directory.
pub fn run(args: &RemediateArgs) -> ExitCode {
    let r = match load(args) {
        Ok(r) => r,
        Err(message) => {
            say!("azure-onboard: {message}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    if let Err(message) = emit(args, &r) {
        say!("azure-onboard: {message}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    if !r.manual_steps.is_empty() {
        say!(
            "azure-onboard: {} change(s) planned; {} manual step(s) remain (admin consent, guest, secret…): see the manual steps in the output",
            r.changes.len(),
            r.manual_steps.len()
        );
    }
    ExitCode::SUCCESS
}
