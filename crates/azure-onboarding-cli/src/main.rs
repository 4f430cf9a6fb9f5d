//! `azure-onboard`: the command line of the Azure onboarding SDK.
//!
//! Exit codes: 0 success (configuration valid), 1 configuration invalid, 2 unreadable input
//! or usage error.

mod render;

use azure_onboarding::{validate, WorkbenchConfig};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Read;
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
        /// location; `-` reads standard input.
        #[arg(long, value_name = "FILE")]
        config: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ValidateFormat::Human)]
        format: ValidateFormat,
    },
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

/// Exit status for unreadable input.
const EXIT_UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Version => {
            println!(
                "{}",
                serde_json::json!({ "name": "azure-onboard", "version": azure_onboarding::version() })
            );
            ExitCode::SUCCESS
        }
        Command::Validate { config, format } => match read_config(&config) {
            Ok(c) => {
                let report = validate(&c);
                match format {
                    ValidateFormat::Json => println!(
                        "{}",
                        serde_json::to_string(&report).expect("a report always serializes")
                    ),
                    ValidateFormat::Human => print!("{}", render::report_human(&report)),
                }
                if report.valid {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(message) => {
                eprintln!("azure-onboard: {message}");
                ExitCode::from(EXIT_UNREADABLE)
            }
        },
        Command::Steps { format } => {
            let catalog = azure_onboarding::catalog();
            match format {
                StepsFormat::Human => print!("{}", render::steps_human(catalog)),
                StepsFormat::Markdown => print!("{}", render::steps_markdown(catalog)),
                StepsFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&catalog).expect("the catalog serializes")
                ),
            }
            ExitCode::SUCCESS
        }
    }
}

/// Reads and parses the configuration. The error message names the file and, for bad
/// JSON, the line and column; it never quotes the content (which may hold the secret).
fn read_config(path: &str) -> Result<WorkbenchConfig, String> {
    let (name, text) = if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the configuration from standard input: {e}"))?;
        ("<stdin>".to_owned(), text)
    } else {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the configuration file {path}: {e}"))?;
        (path.to_owned(), text)
    };
    serde_json::from_str(&text).map_err(|e| {
        use serde_json::error::Category;
        let what = match e.classify() {
            Category::Syntax => "is not valid JSON",
            Category::Eof => "ends before the JSON is complete",
            Category::Data => "does not have the expected shape: a JSON object whose values are strings (or null), e.g. {\"tenantId\": \"…\"}",
            Category::Io => "could not be read",
        };
        format!(
            "{name}:{}:{}: the configuration {what} (line {}, column {})",
            e.line(),
            e.column(),
            e.line(),
            e.column()
        )
    })
}
