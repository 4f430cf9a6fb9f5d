//! `azure-onboard`: the command line of the Azure onboarding SDK.

use clap::{Parser, Subcommand};
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
}

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
    }
}
