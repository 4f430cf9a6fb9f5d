//! `azure-onboard`: the command line of the Azure onboarding SDK.
//!
//! Exit codes: 0 success (configuration valid, tenant ready), 1 configuration invalid or
//! tenant not ready, 2 unreadable input or usage error.

/// `eprintln!` without its panic: a message that standard error cannot take (closed, or a
/// full disk behind it) is dropped, and the exit code still tells the outcome.
/// (`eprintln!` panicked there, exit 101, even after a run that had succeeded.)
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod collect_cmd;
mod collect_script;
mod input;
mod remediate_cmd;
mod render;

use azure_onboarding::{assess, validate, OnboardingPlan, Snapshot, WorkbenchConfig};
use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

/// Check, explain and repair the onboarding of an Azure tenant into Workbench.
#[derive(Debug, Parser)]
#[command(name = "azure-onboard", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the SDK version as JSON (machine-readable; `--version` prints it for people).
    Version,
    /// Validate a Workbench configuration (the Step 5 form) given as a JSON file.
    ///
    /// Exit status: 0 valid, 1 invalid, 2 unreadable input. The client secret is never
    /// printed: the normalized configuration shows only its first three characters.
    Validate {
        /// JSON file with accessOption, tenantId, clientId, clientSecret, deviceName,
        /// location (at most 1 MiB); `-` reads standard input.
        #[arg(long, value_name = "FILE")]
        config: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ValidateFormat::Human)]
        format: ValidateFormat,
    },
    /// Assess whether onboarding will work, from a plan and a snapshot of the tenant's Azure
    /// state (format azure-onboarding-snapshot/v1).
    ///
    /// Exit status: 0 ready, 1 not ready, 2 unreadable input. The human format is a
    /// checklist grouped by step (coloured on a terminal unless NO_COLOR is set); markdown
    /// suits a ticket or an e-mail to the customer; json is the ReadinessReport.
    Assess {
        /// The onboarding plan (JSON); `-` reads standard input.
        #[arg(long, value_name = "FILE")]
        plan: String,
        /// The snapshot (JSON, at most 256 MiB); `-` reads standard input.
        #[arg(long, value_name = "FILE")]
        snapshot: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AssessFormat::Human)]
        format: AssessFormat,
    },
    /// Collect a snapshot of the tenant's Azure state from live Azure (the requests `assess`
    /// reads), signing in as the onboarding app or with a caller's token.
    ///
    /// Exit status: 0 written, 1 written but a token request failed (see the message), 2
    /// unusable input. Secrets and tokens are read from environment variables, never printed.
    Collect {
        #[command(flatten)]
        args: collect_cmd::CollectArgs,
        /// Where to write the snapshot; `-` writes standard output.
        #[arg(long, value_name = "FILE")]
        out: String,
    },
    /// Collect from live Azure and assess in one go (same output and exit status as
    /// `assess`), adding what only a live sign-in shows: token errors (AADSTS codes) and the
    /// Graph permissions missing from the app's token.
    Verify {
        #[command(flatten)]
        args: collect_cmd::CollectArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AssessFormat::Human)]
        format: AssessFormat,
    },
    /// Print a bash script of `az rest` calls that records the same snapshot with your own
    /// `az login`, for a tenant that will not hand out credentials.
    CollectScript {
        /// The onboarding plan (JSON); `-` reads standard input.
        #[arg(long, value_name = "FILE")]
        plan: String,
    },
    /// Plan the changes that make the tenant ready, rendered as ARM templates (one per
    /// subscription), an idempotent `az` script, or JSON; with the manual steps templates
    /// cannot do (admin consent, inviting the guest, a client secret).
    ///
    /// Without --snapshot: the full setup of the plan. With it: only what the assessment
    /// finds not passing; no change deletes anything, but an ARM template PUTs a firewall's
    /// networkAcls and diagnostic settings whole as the snapshot read them (see its
    /// metadata): render it right before deploying, or use the script. Exit status: 0
    /// written, 2 unreadable input.
    Remediate(remediate_cmd::RemediateArgs),
    /// Print the onboarding checklist: every step and requirement, with portal steps,
    /// `az` commands and the Azure identifiers involved.
    Steps {
        /// Output format.
        #[arg(long, value_enum, default_value_t = StepsFormat::Human)]
        format: StepsFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ValidateFormat {
    /// The ValidationReport as JSON (camelCase), on one line.
    Json,
    /// Issues grouped by field, with hints.
    Human,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StepsFormat {
    /// A plain-text checklist.
    Human,
    /// A Markdown document.
    Markdown,
    /// The catalog as JSON (camelCase).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AssessFormat {
    /// A checklist grouped by step, with fixes.
    Human,
    /// The ReadinessReport as JSON (camelCase), pretty-printed.
    Json,
    /// A Markdown report for a ticket or an e-mail.
    Markdown,
}

/// Exit status for unreadable input.
const EXIT_UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Version => {
            out(&format!(
                "{}\n",
                serde_json::json!({ "name": "azure-onboard", "version": azure_onboarding::version() })
            ));
            ExitCode::SUCCESS
        }
        Command::Validate { config, format } => match read_config(&config) {
            Ok(c) => {
                let report = validate(&c);
                match format {
                    ValidateFormat::Json => out(&(serde_json::to_string(&report)
                        .expect("a report always serializes")
                        + "\n")),
                    ValidateFormat::Human => out(&render::report_human(&report)),
                }
                if report.valid {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(message) => {
                say!("azure-onboard: {message}");
                ExitCode::from(EXIT_UNREADABLE)
            }
        },
        Command::Assess {
            plan,
            snapshot,
            format,
        } => {
            if plan == "-" && snapshot == "-" {
                say!("azure-onboard: only one of --plan and --snapshot can be read from standard input");
                return ExitCode::from(EXIT_UNREADABLE);
            }
            let inputs = read_text(&plan, "plan").and_then(|text| {
                OnboardingPlan::from_json(&text).map_err(|e| format!("{}: {e}", display(&plan)))
            });
            let inputs = inputs.and_then(|p| {
                let text = read_text(&snapshot, "snapshot")?;
                Snapshot::from_json(&text)
                    .map(|s| (p, s))
                    .map_err(|e| format!("{}: {e}", display(&snapshot)))
            });
            let (plan, snapshot) = match inputs {
                Ok(x) => x,
                Err(message) => {
                    say!("azure-onboard: {message}");
                    return ExitCode::from(EXIT_UNREADABLE);
                }
            };
            let report = assess(&plan, &snapshot);
            match format {
                AssessFormat::Json => out(&(serde_json::to_string_pretty(&report)
                    .expect("a report always serializes")
                    + "\n")),
                AssessFormat::Human => out(&render::readiness_human(&report, render::use_colour())),
                AssessFormat::Markdown => out(&render::readiness_markdown(&report)),
            }
            if report.ready {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Collect { args, out } => collect_cmd::collect(&args, &out),
        Command::Verify { args, format } => collect_cmd::verify(&args, format),
        Command::CollectScript { plan } => collect_cmd::collect_script(&plan),
        Command::Remediate(args) => remediate_cmd::run(&args),
        Command::Steps { format } => {
            let catalog = azure_onboarding::catalog();
            match format {
                StepsFormat::Human => out(&render::steps_human(catalog)),
                StepsFormat::Markdown => out(&render::steps_markdown(catalog)),
                StepsFormat::Json => out(&(serde_json::to_string_pretty(&catalog)
                    .expect("the catalog serializes")
                    + "\n")),
            }
            ExitCode::SUCCESS
        }
    }
}

/// Prints a command's output on standard output. `print!` panics when the reader has gone
/// (`azure-onboard steps | head -3`: a broken pipe); here the rest of the output is dropped
/// quietly and the command keeps its exit code (the reader chose to stop reading). Any other
/// write error (a full disk) is reported, and the command exits 2, as for an unwritable
/// output file.
pub(crate) fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            say!("azure-onboard: cannot write to standard output: {e}");
            std::process::exit(EXIT_UNREADABLE.into());
        }
    }
}

fn display(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

/// The most the CLI reads of a configuration: seven short strings fit many times over.
const MAX_CONFIG_BYTES: usize = 1024 * 1024;

/// Reads a plan or snapshot file (or standard input) through the SDK's byte limit
/// ([`MAX_JSON_BYTES`](azure_onboarding::MAX_JSON_BYTES), 256 MiB).
fn read_text(path: &str, what: &str) -> Result<String, String> {
    read_limited(path, what, azure_onboarding::MAX_JSON_BYTES)
}

/// Reads a JSON input file (or standard input) through a byte limit that holds for
/// devices, FIFOs and growing files too (see [`input`]).
fn read_limited(path: &str, what: &str, limit: usize) -> Result<String, String> {
    let read = if path == "-" {
        input::read_bounded(std::io::stdin().lock(), limit)
    } else {
        std::fs::File::open(path)
            .map_err(input::ReadError::Io)
            .and_then(|f| input::read_bounded(f, limit))
    };
    read.map_err(|e| format!("cannot read the {what} {}: {e}", display(path)))
}

/// Reads and parses the configuration, refusing files over the SDK's size limit. The error
/// names the file, the JSON path and, for bad JSON, the line and column; it never quotes
/// the content (which may hold the secret).
fn read_config(path: &str) -> Result<WorkbenchConfig, String> {
    let text = read_limited(path, "configuration", MAX_CONFIG_BYTES)?;
    WorkbenchConfig::from_json(&text).map_err(|e| {
        let name = display(path);
        match e {
            azure_onboarding::InputError::Invalid { path: at, message, .. } => format!(
                "{name}: the configuration does not have the expected shape at `{at}`: {message} \
                 (expected a JSON object whose values are strings or null, e.g. {{\"tenantId\": \"…\"}})"
            ),
            azure_onboarding::InputError::Syntax { line, column, message, .. } => format!(
                "{name}:{line}:{column}: the configuration is not valid JSON (line {line}, column {column}): {message}"
            ),
            other => format!("{name}: {other}"),
        }
    })
}
