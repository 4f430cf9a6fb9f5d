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
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let mut invalid: Vec<String> = Vec::new();
    let mut vars: Vec<(&str, String)> = Vec::new();
    let mut take = |name: &'static str, ok: Option<String>, raw: Option<&str>| match (ok, raw) {
        (Some(v), _) => vars.push((name, v)),
        (None, Some(_)) => invalid.push(name.to_owned()),
        (None, None) => {}
    };

    let tenant = given(&values.tenant_id);
    take(
        "tenantId",
        tenant
            .and_then(|t| t.parse::<TenantId>().ok())
            .map(|t| t.to_string()),
        tenant,
    );
    let app = given(&values.application_id);
    take(
        "applicationId",
        app.and_then(|a| a.parse::<ClientId>().ok())
            .map(|a| a.to_string()),
        app,
    );
    let mail = given(&values.guest_mail);
    // Inserted inside quoted JSON in one template: only plain characters, never quoted.
    let plain_mail = mail.filter(|m| crate::plan::plausible_mail(m) && word(m) == *m);
    take("guestMail", plain_mail.map(str::to_owned), mail);
    let rg = given(&values.resource_group);
    let valid_rg = rg.filter(|r| crate::resource_id::valid_resource_group(r) && !r.contains('/'));
    take("resourceGroup", valid_rg.map(word), rg);
    let account = given(&values.log_storage_account);
    let name = account.and_then(|a| a.parse::<StorageAccountName>().ok());
    take(
        "logStorageAccount",
        name.as_ref().map(ToString::to_string),
        account,
    );

    let mut subscriptions: Vec<SubscriptionId> = Vec::new();
    for s in values
        .subscriptions
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        match s.parse::<SubscriptionId>() {
            Ok(id) => subscriptions.push(id),
            Err(_) if !invalid.iter().any(|i| i == "subscriptionId") => {
                invalid.push("subscriptionId".to_owned())
            }
            Err(_) => {}
        }
    }
    if let (Some(sub), Some(rg), Some(name)) = (subscriptions.first(), valid_rg, name) {
        if let Ok(id) = StorageAccountId::new(*sub, rg, name) {
            vars.push(("logStorageAccountId", id.to_string()));
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
}
