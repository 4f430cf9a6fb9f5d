//! Text renderings of reports and of the catalog.

use azure_onboarding::catalog::{Catalog, IdentifierKind, Level, Requirement};
use azure_onboarding::{
    Field, ReadinessReport, ResourceKind, Severity, Status, Summary, ValidationReport,
};
use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal or a Markdown document as it is: the core's
/// [`azure_onboarding::is_hidden_character`] (control characters, the line and paragraph
/// separators, the bidirectional formatting characters), the set its shell quoting escapes.
fn is_unsafe(c: char) -> bool {
    azure_onboarding::is_hidden_character(c)
}

/// A value from a snapshot, plan or configuration made safe for one line of output: every
/// character of [`is_unsafe`] shown as `\u{…}` (visible, and still tells what was there).
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:X}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text of several lines (a command per subscription) made safe like [`clean`], line by
/// line, each line after the first indented by `indent`.
fn clean_lines(s: &str, indent: &str) -> String {
    s.split('\n')
        .map(|line| clean(line.strip_suffix('\r').unwrap_or(line)))
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

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
            let _ = writeln!(out, "  {tag}[{}]: {}", issue.code, clean(&issue.message));
            if let Some(hint) = &issue.hint {
                let _ = writeln!(out, "    hint: {}", clean(hint));
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
                let _ = writeln!(out, "  {}: {}", field.as_str(), clean(v));
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

/// Text for Markdown prose or a table cell: [`clean`], with `\\`, `|` (ends a cell), `` ` ``
/// (opens a code span) and `<` (opens HTML) escaped.
fn md_cell(s: &str) -> String {
    clean(s)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('`', "\\`")
        .replace('<', "&lt;")
}

/// `s` as a Markdown code span: [`clean`], between backtick fences longer than any run of
/// backticks inside (CommonMark: backslashes do not escape in code spans).
fn md_code(s: &str) -> String {
    let s = clean(s);
    let fence = "`".repeat(longest_backtick_run(&s) + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A fence for a fenced code block holding `s`: at least three backticks, more than any
/// run inside.
fn md_fence(s: &str) -> String {
    "`".repeat((longest_backtick_run(s) + 1).max(3))
}

fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
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

/// Whether to colour the human output: standard output is a terminal, `NO_COLOR` is unset or
/// empty (<https://no-color.org>), and `TERM` is not `dumb` (a terminal without escapes:
/// Emacs' shell, some CI logs).
pub fn use_colour() -> bool {
    use std::io::IsTerminal;
    colour_wanted(
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    )
}

fn colour_wanted(
    terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
}

#[cfg(test)]
mod colour_tests {
    use super::colour_wanted;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_that_takes_escapes_and_without_no_color() {
        let s = |v: &'static str| Some(OsStr::new(v));
        assert!(colour_wanted(true, None, s("xterm-256color")));
        assert!(colour_wanted(true, s(""), None));
        assert!(!colour_wanted(false, None, s("xterm")));
        assert!(!colour_wanted(true, s("1"), s("xterm")));
        assert!(!colour_wanted(true, None, s("dumb")));
    }
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
        clean(&report.collected_at)
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
            // A passing finding (`logs-arriving`) blocks nothing: no "(not required)".
            let req = if f.required || f.status == Status::Pass {
                ""
            } else {
                " (not required)"
            };
            let _ = writeln!(
                out,
                "  {} {}{req}: {}",
                tag(f.status, colour),
                f.code,
                clean(&f.resource)
            );
            // One line each: a line break inside (from a snapshot's value) is shown as
            // `\u{A}`, never printed, so it cannot forge a line of the report.
            let _ = writeln!(out, "          {}", clean(&f.message));
            let _ = writeln!(out, "          Portal: {}", clean(&f.remediation.portal));
            let _ = writeln!(
                out,
                "          CLI:    {}",
                clean_lines(&f.remediation.cli, "                  ")
            );
        }
    }
    let _ = writeln!(out, "\nBy resource:");
    for r in &report.resources {
        let name = r
            .name
            .as_deref()
            .map(|n| format!("{} ", clean(n)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {}: {name}{}",
            tag(r.status, colour),
            resource_kind(r.kind),
            clean(&r.id)
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
        md_cell(&report.collected_at)
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
            let cli = clean_lines(&f.remediation.cli, "  ");
            let fence = md_fence(&cli);
            let _ = writeln!(
                out,
                "- **{}** `{}`{req} on {}  \n  {}  \n  Portal: {}\n\n  {fence}sh\n  {cli}\n  {fence}",
                status_label(f.status),
                f.code,
                md_code(&f.resource),
                md_cell(&f.message),
                md_cell(&f.remediation.portal),
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
            "| {} | {} | {} | {} |",
            status_label(r.status),
            resource_kind(r.kind),
            md_cell(r.name.as_deref().unwrap_or("")),
            md_code(&r.id).replace('|', "\\|")
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

    /// Characters that must not reach a terminal or a Markdown table as they are.
    const HOSTILE: &str =
        "a\u{1b}[2J\u{1b}]0;pwned\u{7}b\nFAKE | row\r\u{202e}gnp.exe\u{2066}\u{85}\u{7f}`x``";

    fn hostile_report() -> ReadinessReport {
        let mut report = demo();
        report.collected_at = HOSTILE.to_owned();
        for r in &mut report.resources {
            r.name = Some(HOSTILE.to_owned());
            r.id = format!("{}{HOSTILE}", r.id);
        }
        for step in &mut report.steps {
            for f in &mut step.findings {
                f.resource = HOSTILE.to_owned();
                f.message = HOSTILE.to_owned();
                f.remediation.portal = HOSTILE.to_owned();
                f.remediation.cli = format!("az one {HOSTILE}\naz two ```");
            }
        }
        report
    }

    fn assert_inert(out: &str) {
        for c in out.chars() {
            assert!(c == '\n' || !is_unsafe(c), "{:?} reached the output", c);
        }
        assert!(out.contains("\\u{1B}[2J"), "ESC is shown, not sent");
        assert!(
            out.contains("\\u{202E}"),
            "bidi override is shown, not applied"
        );
        assert!(!out.contains("\nFAKE"), "no line is injected");
    }

    #[test]
    fn clean_shows_unsafe_characters_and_keeps_the_rest() {
        assert!(matches!(
            clean("Contoso Production é ü 漢"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            clean("a\u{1b}b\nc\u{202e}d\u{9f}"),
            "a\\u{1B}b\\u{A}c\\u{202E}d\\u{9F}"
        );
        assert_eq!(
            clean_lines("az a\r\naz\u{1b} b", "  "),
            "az a\n  az\\u{1B} b"
        );
    }

    #[test]
    fn hostile_names_are_inert_in_human_output() {
        let report = hostile_report();
        assert_inert(&readiness_human(&report, false));
        // With colours on, the only escapes are the colours' own.
        let coloured = readiness_human(&report, true);
        let colours = ["\x1b[1;31m", "\x1b[33m", "\x1b[35m", "\x1b[32m", "\x1b[0m"];
        let mut stripped = coloured.clone();
        for c in colours {
            stripped = stripped.replace(c, "");
        }
        assert_inert(&stripped);
        // Multi-line commands stay multi-line, indented under their label.
        assert!(readiness_human(&report, false).contains("\n                  az two ```\n"));
    }

    #[test]
    fn hostile_names_are_inert_in_markdown() {
        let md = readiness_markdown(&hostile_report());
        assert_inert(&md);
        // Every row of the resource table keeps its five cell borders.
        let table = md.split("## By resource").nth(1).unwrap();
        for row in table.lines().filter(|l| l.starts_with('|')) {
            let borders = row.len() - row.replace('|', "").len() - row.matches("\\|").count();
            assert_eq!(borders, 5, "{row}");
        }
        assert!(!md.contains("<"), "no HTML tag can open");
        // Code spans and blocks are fenced longer than any backtick run inside.
        assert!(md.contains("`x`` ``` |"), "{md}");
        assert!(
            md.contains("\\`x\\`\\`"),
            "backticks in prose open no code span"
        );
        assert!(md.contains("  ````sh\n"), "{md}");
    }
}
