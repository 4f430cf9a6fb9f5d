//! Filling the catalog's `az` command templates with a customer's own identifiers, for the
//! wizard and for anyone who prints the checklist for one tenant.

use crate::facts::defender;
use crate::shell::word;
use crate::{ClientId, StorageAccountId, StorageAccountName, SubscriptionId, TenantId};
use serde::{Deserialize, Serialize};

/// The customer's identifiers a command template may use. JSON camelCase, every key optional:
/// `{ tenantId, applicationId, guestMail, resourceGroup, logStorageAccount, subscriptions: [] }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CommandValues {
    /// Directory (tenant) ID.
    pub tenant_id: Option<String>,
    /// appId of the custom or enterprise application.
    pub application_id: Option<String>,
    /// The guest analyst's e-mail address.
    pub guest_mail: Option<String>,
    /// Resource group of the log storage account.
    pub resource_group: Option<String>,
    /// Name of the log storage account.
    pub log_storage_account: Option<String>,
    /// The monitored subscriptions (the log account is in the first one).
    pub subscriptions: Vec<String>,
}

/// A filled command template.
///
/// JSON: `{ "text": "…", "missing": ["spObjectId"], "invalid": ["tenantId"] }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct FilledCommand {
    /// The command(s): one line per subscription for `{subscriptionId}`, one per Defender
    /// plan for `{plan}`; placeholders without a value stay as `{name}`.
    pub text: String,
    /// Placeholders still in `text`, in order of appearance, each once.
    pub missing: Vec<String>,
    /// Values given but not used because they are not well-formed (a tenant ID that is not a
    /// GUID, a resource group name Azure refuses, …), by placeholder name.
    pub invalid: Vec<String>,
}

/// A value typed for the command templates that cannot be used, and why: shown where it was
/// typed, so that nothing is left out of the commands silently.
///
/// JSON: `{ "input": "subscriptions", "index": 1, "message": "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ValueProblem {
    /// The key of [`CommandValues`] it was typed into (`tenantId`, `subscriptions`, …).
    pub input: &'static str,
    /// For `subscriptions`: the position of the entry in the list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// What is wrong, and what to type instead.
    pub message: String,
}

/// The values of [`CommandValues`] that are well-formed, in the form they are put into
/// commands, and the problems of the others.
struct Checked {
    vars: Vec<(&'static str, String)>,
    subscriptions: Vec<SubscriptionId>,
    problems: Vec<ValueProblem>,
}

/// A sentence: the first letter in upper case and a full stop at the end (the core's error
/// texts start in lower case and end without one).
fn sentence(s: String) -> String {
    let mut chars = s.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return s,
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

fn check(values: &CommandValues) -> Checked {
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let mut problems: Vec<ValueProblem> = Vec::new();
    let mut vars: Vec<(&'static str, String)> = Vec::new();
    let mut take = |input: &'static str, outcome: Option<Result<String, String>>| match outcome {
        Some(Ok(v)) => vars.push((input, v)),
        Some(Err(message)) => problems.push(ValueProblem {
            input,
            index: None,
            message: sentence(message),
        }),
        None => {}
    };

    take(
        "tenantId",
        given(&values.tenant_id).map(|t| {
            t.parse::<TenantId>()
                .map(|t| t.to_string())
                .map_err(|e| e.to_string())
        }),
    );
    take(
        "applicationId",
        given(&values.application_id).map(|a| {
            a.parse::<ClientId>()
                .map(|a| a.to_string())
                .map_err(|e| e.to_string())
        }),
    );
    // Inserted inside quoted JSON in one template: only plain characters, never quoted.
    take(
        "guestMail",
        given(&values.guest_mail).map(|m| {
            if crate::plan::plausible_mail(m) && word(m) == m {
                Ok(m.to_owned())
            } else {
                Err("this e-mail address cannot be put into the commands: use the plain address (letters, digits and . _ - + @; no quotes, spaces or shell characters)".to_owned())
            }
        }),
    );
    let rg = given(&values.resource_group)
        .filter(|r| crate::resource_id::valid_resource_group(r) && !r.contains('/'));
    take(
        "resourceGroup",
        given(&values.resource_group).map(|r| match rg {
            Some(r) => Ok(word(r)),
            None => Err(format!(
                "a resource group name has 1 to 90 letters, digits, _ - . ( ) and does not end with a period{}",
                if r.chars().count() > 90 { " (this one is longer)" } else { "" }
            )),
        }),
    );
    let account = given(&values.log_storage_account).map(|a| a.parse::<StorageAccountName>());
    take(
        "logStorageAccount",
        account
            .clone()
            .map(|a| a.map(|n| n.to_string()).map_err(|e| e.to_string())),
    );

    let mut subscriptions: Vec<SubscriptionId> = Vec::new();
    for (index, s) in values.subscriptions.iter().enumerate() {
        let s = s.trim();
        if s.is_empty() {
            continue;
        }
        match s.parse::<SubscriptionId>() {
            Ok(id) if subscriptions.contains(&id) => {}
            Ok(id) => subscriptions.push(id),
            Err(e) => problems.push(ValueProblem {
                input: "subscriptions",
                index: Some(index),
                message: sentence(e.to_string()),
            }),
        }
    }
    if let (Some(sub), Some(rg), Some(Ok(name))) = (subscriptions.first(), rg, account) {
        if let Ok(id) = StorageAccountId::new(*sub, rg, name) {
            // The resource group may hold characters the shell would misread (parentheses): the ID is one quoted word wherever it is put in.
            vars.push(("logStorageAccountId", word(&id.to_string())));
        }
    }
    Checked {
        vars,
        subscriptions,
        problems,
    }
}

/// Checks the customer's identifiers for the command templates: one [`ValueProblem`] per value
/// that [`fill_command`] would leave out (per entry for the subscriptions), in input order.
///
/// ```
/// use azure_onboarding::catalog::{check_command_values, CommandValues};
/// let values = CommandValues {
///     guest_mail: Some("o'brien@provider.example".into()),
///     subscriptions: vec!["3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718".into(), "junk".into()],
///     ..CommandValues::default()
/// };
/// let problems = check_command_values(&values);
/// assert_eq!(problems.len(), 2);
/// assert_eq!((problems[1].input, problems[1].index), ("subscriptions", Some(1)));
/// ```
pub fn check_command_values(values: &CommandValues) -> Vec<ValueProblem> {
    check(values).problems
}

/// Fills a catalog command template (see the module docs of [`crate::catalog`] for the
/// placeholders). Only well-formed values are put in, and those that the shell could
/// misread are quoted, so a filled command can be pasted as it is.
///
/// ```
/// use azure_onboarding::catalog::{fill_command, CommandValues};
/// let values = CommandValues {
///     subscriptions: vec!["3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718".into(), "not-a-guid".into()],
///     ..CommandValues::default()
/// };
/// let filled = fill_command("az account show --subscription {subscriptionId}", &values);
/// assert_eq!(filled.text, "az account show --subscription 3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718");
/// assert_eq!(filled.invalid, ["subscriptionId"]);
/// ```
pub fn fill_command(template: &str, values: &CommandValues) -> FilledCommand {
    let Checked {
        vars,
        subscriptions,
        problems,
    } = check(values);
    let mut invalid: Vec<String> = Vec::new();
    for p in problems {
        let name = if p.input == "subscriptions" {
            "subscriptionId"
        } else {
            p.input
        };
        if !invalid.iter().any(|i| i == name) {
            invalid.push(name.to_owned());
        }
    }

    let mut lines = vec![template.to_owned()];
    let mut expand = |key: &str, list: &[String]| {
        let placeholder = format!("{{{key}}}");
        if !list.is_empty() && template.contains(&placeholder) {
            lines = lines
                .iter()
                .flat_map(|l| {
                    list.iter()
                        .map(|v| l.replace(&placeholder, v))
                        .collect::<Vec<_>>()
                })
                .collect();
        }
    };
    expand(
        "subscriptionId",
        &subscriptions
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
    );
    expand("plan", &defender::MONITORED.map(str::to_owned));

    let pairs: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = lines
        .iter()
        .map(|l| fill_placeholders(l, &pairs))
        .collect::<Vec<_>>()
        .join("\n");
    let mut missing: Vec<String> = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j)
                if !after[..j].is_empty()
                    && after[..j].chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                let name = &after[..j];
                if !missing.iter().any(|m| m == name) {
                    missing.push(name.to_owned());
                }
                rest = &after[j + 1..];
            }
            _ => rest = after,
        }
    }
    FilledCommand {
        text,
        missing,
        invalid,
    }
}

/// Replaces `{name}` placeholders of a command template; others stay as they are.
pub(crate) fn fill_placeholders(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let hit = after.find('}').and_then(|j| {
            let name = &after[..j];
            vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v, j))
        });
        match hit {
            Some((v, j)) => {
                // The value of an az option that starts with `-`: `--flag=value`, see
                // `shell::option` (az would read `--flag -value` as two options).
                // (The value as the shell reads it: quoted, `'-…'` or `$'-…'`.)
                let unquoted = v.trim_start_matches('$').trim_start_matches('\'');
                if unquoted.starts_with('-') && out.ends_with(' ') {
                    let flag = out[..out.len() - 1].rsplit(' ').next().unwrap_or("");
                    if flag.len() > 2 && flag.starts_with("--") {
                        out.pop();
                        out.push('=');
                    }
                }
                out.push_str(v);
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB_A: &str = "3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718";
    const SUB_B: &str = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d";

    fn values() -> CommandValues {
        CommandValues {
            tenant_id: Some(" 6F1D2C3B-4A59-4E8F-9A7B-0C1D2E3F4A5B ".into()),
            application_id: Some("1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d".into()),
            guest_mail: Some("analyst@provider.example".into()),
            resource_group: Some("rg-security-logs".into()),
            log_storage_account: Some("wblogs001".into()),
            subscriptions: vec![SUB_A.into(), SUB_B.into()],
        }
    }

    #[test]
    fn every_catalog_template_fills_with_one_line_per_subscription() {
        for r in super::super::catalog().requirements() {
            let Some(cli) = r.cli else { continue };
            let filled = fill_command(cli, &values());
            assert!(filled.invalid.is_empty(), "{}: {:?}", r.id, filled.invalid);
            for known in [
                "tenantId",
                "applicationId",
                "subscriptionId",
                "resourceGroup",
                "plan",
            ] {
                assert!(
                    !filled.missing.iter().any(|m| m == known),
                    "{}: {known} left in {}",
                    r.id,
                    filled.text
                );
            }
            if cli.contains("{subscriptionId}") {
                assert!(
                    filled.text.contains(SUB_A) && filled.text.contains(SUB_B),
                    "{}",
                    r.id
                );
            }
        }
    }

    #[test]
    fn canonical_ids_and_the_log_account_id() {
        let f = fill_command("{tenantId} {logStorageAccountId}", &values());
        assert_eq!(
            f.text,
            format!("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b /subscriptions/{SUB_A}/resourceGroups/rg-security-logs/providers/Microsoft.Storage/storageAccounts/wblogs001")
        );
        assert!(f.missing.is_empty());
    }

    #[test]
    fn hostile_or_malformed_values_are_never_put_in() {
        let v = CommandValues {
            tenant_id: Some("$(touch /tmp/x)".into()),
            guest_mail: Some("a$(id)@provider.example".into()),
            resource_group: Some("rg(1)".into()),
            log_storage_account: Some("Bad_Name".into()),
            subscriptions: vec!["`id`".into()],
            ..CommandValues::default()
        };
        let f = fill_command(
            "az x {tenantId} {guestMail} {resourceGroup} {logStorageAccount} {subscriptionId}",
            &v,
        );
        assert!(
            !f.text.contains("touch") && !f.text.contains("$(id)") && !f.text.contains("`id`"),
            "{}",
            f.text
        );
        assert_eq!(
            f.invalid,
            [
                "tenantId",
                "guestMail",
                "logStorageAccount",
                "subscriptionId"
            ]
        );
        // A resource group Azure accepts but the shell would misread is quoted, not refused.
        assert!(f.text.contains("'rg(1)'"), "{}", f.text);
        // One Azure refuses is refused here too.
        for rg in ["rg;rm -rf", "rg$(id)", "rg&&whoami", "rg."] {
            let v = CommandValues {
                resource_group: Some(rg.into()),
                ..CommandValues::default()
            };
            let f = fill_command("az x {resourceGroup}", &v);
            assert_eq!(f.invalid, ["resourceGroup"], "{rg}");
            assert!(!f.text.contains(rg), "{}", f.text);
        }
        assert_eq!(
            f.missing,
            [
                "tenantId",
                "guestMail",
                "logStorageAccount",
                "subscriptionId"
            ]
        );
    }

    #[test]
    fn a_resource_group_with_parentheses_is_quoted_inside_the_log_account_id_too() {
        // Spaces are not in Azure's rule (issue 12 §3); parentheses are, and bash misreads them.
        let v = CommandValues {
            resource_group: Some("rg-security(logs)".into()),
            ..values()
        };
        let f = fill_command(
            "--resource-group {resourceGroup} --scope {logStorageAccountId}",
            &v,
        );
        assert_eq!(
            f.text,
            format!("--resource-group 'rg-security(logs)' --scope '/subscriptions/{SUB_A}/resourceGroups/rg-security(logs)/providers/Microsoft.Storage/storageAccounts/wblogs001'")
        );
    }

    /// Azure allows a resource group named `-rg`; az reads `--resource-group -rg` as two
    /// options and refuses the command, `--resource-group=-rg` as meant.
    #[test]
    fn a_resource_group_starting_with_a_hyphen_is_joined_to_its_option() {
        for (rg, shown) in [("-rg", "-rg"), ("-rg(1)", "'-rg(1)'")] {
            let v = CommandValues {
                resource_group: Some(rg.into()),
                ..values()
            };
            let f = fill_command(
                "az storage account create --name {logStorageAccount} --resource-group {resourceGroup} --kind StorageV2",
                &v,
            );
            assert_eq!(
                f.text,
                format!("az storage account create --name wblogs001 --resource-group={shown} --kind StorageV2")
            );
            assert!(f.invalid.is_empty(), "{:?}", f.invalid);
            // Not after an option: as it is.
            assert_eq!(
                fill_command("echo {resourceGroup}", &v).text,
                format!("echo {shown}")
            );
        }
    }

    #[test]
    fn every_value_left_out_is_explained_where_it_was_typed() {
        let v = CommandValues {
            tenant_id: Some("contoso.onmicrosoft.com".into()),
            guest_mail: Some("o'brien@provider.example".into()),
            resource_group: Some("logs.".into()),
            log_storage_account: Some("Bad_Name".into()),
            subscriptions: vec![SUB_A.into(), "junk".into(), SUB_A.into()],
            ..CommandValues::default()
        };
        let problems = check_command_values(&v);
        let inputs: Vec<(&str, Option<usize>)> =
            problems.iter().map(|p| (p.input, p.index)).collect();
        assert_eq!(
            inputs,
            [
                ("tenantId", None),
                ("guestMail", None),
                ("resourceGroup", None),
                ("logStorageAccount", None),
                ("subscriptions", Some(1)),
            ]
        );
        assert!(problems[0]
            .message
            .starts_with("The tenant ID must be the directory's GUID"));
        for p in &problems {
            let first = p.message.chars().next().unwrap();
            assert!(first.is_uppercase(), "{}", p.message);
            assert!(p.message.ends_with('.'), "{}", p.message);
        }
        assert!(check_command_values(&values()).is_empty());
        // A repeated subscription gets one line.
        let f = fill_command("{subscriptionId}", &v);
        assert_eq!(f.text, SUB_A);
    }
}
