//! Text renderings of reports and of the catalog.

use azure_onboarding::catalog::{Catalog, IdentifierKind, Level, Requirement};
use azure_onboarding::{Field, Severity, ValidationReport};
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
