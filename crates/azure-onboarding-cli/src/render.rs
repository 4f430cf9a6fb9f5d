//! Text renderings of reports and of the catalog.

use azure_onboarding::catalog::{Catalog, IdentifierKind, Level, Requirement};
use azure_onboarding::{
    Field, ReadinessReport, ResourceKind, Severity, Status, Summary, ValidationReport,
};
use std::fmt::Write as _;

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// A validation report for people: a verdict, then issues grouped by field (form order),
/// then the normalized configuration (secret shown as its hint only).
pub fn report_human(report: &ValidationReport) -> String {
    let mut out = String::new();
    let counts = format!(
        "{}, {}",
        plural(report.error_count(), "error"),
        plural(report.warning_count(), "warning")
    );
    if report.valid {
        let _ = writeln!(out, "OK: the configuration is valid ({counts}).");
    } else {
        let _ = writeln!(out, "INVALID: the configuration has {counts}.");
    }
    for field in Field::ALL {
        let mut issues = report.issues_for(field).peekable();
        if issues.peek().is_none() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({}):", field.label(), field.as_str());
        for issue in issues {
            let tag = match issue.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let _ = writeln!(out, "  {tag}[{}]: {}", issue.code, issue.message);
            if let Some(hint) = &issue.hint {
                let _ = writeln!(out, "    hint: {hint}");
            }
        }
    }
    let n = &report.normalized;
    let rows = [
        (Field::AccessOption, &n.access_option),
        (Field::DeviceName, &n.device_name),
        (Field::Location, &n.location),
        (Field::TenantId, &n.tenant_id),
        (Field::ClientId, &n.client_id),
        (Field::ClientSecret, &n.client_secret),
        (
            Field::UseStorageAccountContributorRole,
            &n.use_storage_account_contributor_role,
        ),
    ];
    if rows.iter().any(|(_, v)| v.is_some()) {
        let _ = writeln!(out, "\nNormalized configuration:");
        for (field, value) in rows {
            if let Some(v) = value {
                let _ = writeln!(out, "  {}: {v}", field.as_str());
            }
        }
    }
    out
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Required => "required",
        Level::Recommended => "recommended",
    }
}

fn kind(k: IdentifierKind) -> &'static str {
    match k {
        IdentifierKind::RbacRole => "Azure role",
        IdentifierKind::DirectoryRole => "Entra directory role",
        IdentifierKind::Application => "API application",
        IdentifierKind::GraphAppRole => "Graph application permission",
        IdentifierKind::GraphScope => "Graph delegated permission",
        IdentifierKind::LogAnalyticsAppRole => "Log Analytics application permission",
        IdentifierKind::DefenderPlan => "Defender plan",
        IdentifierKind::StorageKind => "storage kind",
        IdentifierKind::NetworkBypass => "firewall exception (bypass)",
        IdentifierKind::LogCategory => "log category",
        IdentifierKind::ResourceType => "resource type",
    }
}

fn applies(r: &Requirement) -> Option<String> {
    let option = r.access_option.map(|o| match o {
        azure_onboarding::AccessOption::EnterpriseApp => "Option 1 (enterpriseApp) only",
        azure_onboarding::AccessOption::CustomApp => "Option 2 (customApp) only",
    });
    match (option, r.condition) {
        (Some(o), Some(c)) => Some(format!("{o}; {c}")),
        (Some(o), None) => Some(o.to_owned()),
        (None, Some(c)) => Some(c.to_owned()),
        (None, None) => None,
    }
}

/// The checklist as plain text.
pub fn steps_human(catalog: &Catalog) -> String {
    let mut out = String::from("Azure onboarding checklist for Workbench\n");
    for step in catalog.steps {
        let _ = writeln!(
            out,
            "\n{}\n{}",
            step.title,
            "=".repeat(step.title.chars().count())
        );
        let _ = writeln!(out, "{}", step.summary);
        for r in step.requirements {
            let _ = writeln!(out, "\n  [ ] {} ({}, {})", r.title, level(r.level), r.id);
            if let Some(a) = applies(r) {
                let _ = writeln!(out, "      Applies: {a}");
            }
            let _ = writeln!(out, "      Why: {}", r.why);
            for (i, p) in r.portal.iter().enumerate() {
                let _ = writeln!(out, "      {}. {p}", i + 1);
            }
            if let Some(cli) = r.cli {
                let _ = writeln!(out, "      CLI: {cli}");
            }
            for id in r.identifiers {
                let note = id.note.map(|n| format!(" ({n})")).unwrap_or_default();
                if id.id == id.name {
                    let _ = writeln!(out, "      - {}: {}{note}", kind(id.kind), id.name);
                } else {
                    let _ = writeln!(
                        out,
                        "      - {}: {} = {}{note}",
                        kind(id.kind),
                        id.name,
                        id.id
                    );
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "\nWhere today's Azure differs from the original procedure\n{}",
        "=".repeat(55)
    );
    for n in catalog.notices {
        let _ = writeln!(out, "\n  * {} ({})", n.title, n.id);
        let _ = writeln!(out, "    The procedure says: {}", n.seed_says);
        let _ = writeln!(out, "    Today: {}", n.today);
    }
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The checklist as Markdown.
pub fn steps_markdown(catalog: &Catalog) -> String {
    let mut out = String::from("# Azure onboarding checklist for Workbench\n");
    for step in catalog.steps {
        let _ = writeln!(out, "\n## {}\n\n{}", step.title, step.summary);
        for r in step.requirements {
            let applies = applies(r).map(|a| format!(" · _{a}_")).unwrap_or_default();
            let _ = writeln!(
                out,
                "\n### {}\n\n`{}` · **{}**{applies}",
                r.title,
                r.id,
                level(r.level)
            );
            let _ = writeln!(out, "\n{}\n", r.why);
            for (i, p) in r.portal.iter().enumerate() {
                let _ = writeln!(out, "{}. {p}", i + 1);
            }
            if let Some(cli) = r.cli {
                let _ = writeln!(out, "\n```sh\n{cli}\n```");
            }
            if !r.identifiers.is_empty() {
                let _ = writeln!(
                    out,
                    "\n| Kind | Name | Identifier | Note |\n|---|---|---|---|"
                );
                for id in r.identifiers {
                    let _ = writeln!(
                        out,
                        "| {} | {} | `{}` | {} |",
                        kind(id.kind),
                        md_cell(id.name),
                        id.id,
                        md_cell(id.note.unwrap_or(""))
                    );
                }
            }
            let _ = writeln!(out, "\nSources: {}", r.sources.join("; "));
        }
    }
    let _ = writeln!(
        out,
        "\n## Where today's Azure differs from the original procedure\n"
    );
    for n in catalog.notices {
        let _ = writeln!(
            out,
            "- **{}** (`{}`): {} _The procedure says: {}_",
            n.title, n.id, n.today, n.seed_says
        );
    }
    out
}

/// Whether to colour the human output: standard output is a terminal and `NO_COLOR` is
/// unset or empty (<https://no-color.org>).
pub fn use_colour() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Pass => "PASS",
        Status::Warn => "WARN",
        Status::Unknown => "UNKNOWN",
        Status::Fail => "FAIL",
    }
}

/// The label of a status, padded to 7 columns, in colour when asked.
fn tag(s: Status, colour: bool) -> String {
    let label = format!("{:<7}", status_label(s));
    if !colour {
        return label;
    }
    let code = match s {
        Status::Pass => "32",
        Status::Warn => "33",
        Status::Unknown => "35",
        Status::Fail => "1;31",
    };
    format!("\x1b[{code}m{label}\x1b[0m")
}

fn counts(s: &Summary) -> String {
    let mut parts = Vec::new();
    for (n, what) in [
        (s.fail, "failed"),
        (s.unknown, "unknown"),
        (s.warn, if s.warn == 1 { "warning" } else { "warnings" }),
        (s.pass, "passed"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    if parts.is_empty() {
        "no checks".to_owned()
    } else {
        parts.join(", ")
    }
}

fn resource_kind(k: ResourceKind) -> &'static str {
    match k {
        ResourceKind::Subscription => "subscription",
        ResourceKind::LogStorageAccount => "log storage account",
        ResourceKind::StorageAccount => "storage account",
        ResourceKind::ServicePrincipal => "service principal",
        ResourceKind::GuestUser => "guest user",
    }
}

fn verdict(report: &ReadinessReport) -> &'static str {
    if report.ready {
        "READY: onboarding will work"
    } else {
        "NOT READY: fix the failed and unknown required checks below"
    }
}

/// A readiness report for people: the verdict, then a checklist grouped by step with the
/// fix of every finding, then the status of each subscription, account and identity.
pub fn readiness_human(report: &ReadinessReport, colour: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}; state collected {}).",
        verdict(report),
        counts(&report.summary),
        report.collected_at
    );
    for step in &report.steps {
        let _ = writeln!(
            out,
            "\n{} {} ({})",
            tag(step.status, colour),
            step.title,
            counts(&step.summary)
        );
        for f in &step.findings {
            let req = if f.required { "" } else { " (not required)" };
            let _ = writeln!(
                out,
                "  {} {}{req}: {}",
                tag(f.status, colour),
                f.code,
                f.resource
            );
            let _ = writeln!(out, "          {}", f.message);
            let _ = writeln!(out, "          Portal: {}", f.remediation.portal);
            let _ = writeln!(out, "          CLI:    {}", f.remediation.cli);
        }
    }
    let _ = writeln!(out, "\nBy resource:");
    for r in &report.resources {
        let name = r
            .name
            .as_deref()
            .map(|n| format!("{n} "))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {}: {name}{}",
            tag(r.status, colour),
            resource_kind(r.kind),
            r.id
        );
    }
    out
}

/// A readiness report as Markdown, for a ticket or an e-mail to the customer.
pub fn readiness_markdown(report: &ReadinessReport) -> String {
    let mut out = format!(
        "# Azure onboarding readiness: {}\n\n{}. Checks: {}. Azure state collected {}.\n",
        if report.ready { "ready" } else { "not ready" },
        verdict(report),
        counts(&report.summary),
        report.collected_at
    );
    for step in &report.steps {
        let _ = writeln!(
            out,
            "\n## {}: **{}**\n\n{}.",
            step.title,
            status_label(step.status),
            counts(&step.summary)
        );
        if !step.findings.is_empty() {
            out.push('\n');
        }
        for f in &step.findings {
            let req = if f.required { "" } else { " _(not required)_" };
            let _ = writeln!(
                out,
                "- **{}** `{}`{req} on `{}`  \n  {}  \n  Portal: {}\n\n  ```sh\n  {}\n  ```",
                status_label(f.status),
                f.code,
                f.resource,
                f.message,
                f.remediation.portal,
                f.remediation.cli
            );
        }
    }
    let _ = writeln!(
        out,
        "\n## By resource\n\n| Status | Kind | Name | ID |\n|---|---|---|---|"
    );
    for r in &report.resources {
        let _ = writeln!(
            out,
            "| {} | {} | {} | `{}` |",
            status_label(r.status),
            resource_kind(r.kind),
            md_cell(r.name.as_deref().unwrap_or("")),
            r.id
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> ReadinessReport {
        let read = |f: &str| {
            std::fs::read_to_string(format!("{}/../../examples/{f}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
        };
        let plan = azure_onboarding::OnboardingPlan::from_json(&read("demo-plan.json")).unwrap();
        let snapshot = azure_onboarding::Snapshot::from_json(&read("demo-snapshot.json")).unwrap();
        azure_onboarding::assess(&plan, &snapshot)
    }

    #[test]
    fn colours_only_when_asked() {
        let report = demo();
        let plain = readiness_human(&report, false);
        let coloured = readiness_human(&report, true);
        assert!(!plain.contains('\x1b'));
        assert!(coloured.contains("\x1b[1;31mFAIL   \x1b[0m"));
        assert!(coloured.contains("\x1b[33mWARN   \x1b[0m"));
        let strip = coloured
            .replace("\x1b[1;31m", "")
            .replace("\x1b[33m", "")
            .replace("\x1b[35m", "")
            .replace("\x1b[32m", "")
            .replace("\x1b[0m", "");
        assert_eq!(strip, plain);
    }

    #[test]
    fn counts_read_well() {
        let s = Summary {
            pass: 3,
            fail: 1,
            warn: 1,
            unknown: 0,
        };
        assert_eq!(counts(&s), "1 failed, 1 warning, 3 passed");
        assert_eq!(counts(&Summary::default()), "no checks");
    }
}
