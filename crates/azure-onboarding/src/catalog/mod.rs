//! The onboarding procedure as data: steps, requirements, and where today's Azure differs
//! from the written procedure.
//!
//! Every Azure fact (role GUIDs, app-role GUIDs, plan names, formats) lives in this module
//! with its source named beside it; the rest of the crate refers to these constants instead
//! of repeating literals. [`catalog()`] assembles the checklist that `azure-onboard steps`
//! prints and that the browser wizard shows.
//!
//! ```
//! use azure_onboarding::catalog::{self, roles};
//!
//! let cat = catalog::catalog();
//! let req = cat.requirement("app-log-analytics-reader").unwrap();
//! assert_eq!(req.step, "subscription-roles");
//! assert!(req.identifiers.iter().any(|i| i.id == roles::LOG_ANALYTICS_READER.id));
//! ```
//!
//! # Command templates
//! [`Requirement::cli`] holds an `az` command with placeholders in braces, to be substituted by
//! the caller: `{tenantId}`, `{subscriptionId}`, `{applicationId}` (appId of the custom or
//! enterprise app), `{spObjectId}` (its service principal's object ID), `{guestMail}`,
//! `{guestObjectId}`, `{resourceGroup}`, `{logStorageAccount}` (name), `{logStorageAccountId}`
//! and `{storageAccountId}` (ARM resource IDs), `{egressIp}`, `{plan}`.

mod data;
mod fill;

pub(crate) use fill::fill_placeholders;
pub use fill::{check_command_values, fill_command, CommandValues, FilledCommand, ValueProblem};

// The sourced facts live in the leaf module `facts` (the value types read them too); they
// are published here, under `catalog::`.
pub use crate::facts::{
    apps, dates, defender, directory_roles, endpoints, graph, log_analytics, pricing, roles,
    secrets, storage, subscriptions, Named,
};

use crate::access_option::AccessOption;
use crate::config::Field;
use serde::Serialize;

/// The whole onboarding checklist: the steps in order, and notices where today's Azure
/// differs from the original procedure.
///
/// JSON: `{ "steps": [Step], "notices": [Notice], "form": [FormField], "placeholders": [Placeholder] }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Catalog {
    /// The steps, prerequisites first (number 0), then Steps 1 to 5.
    pub steps: &'static [Step],
    /// Where today's Azure differs from the written procedure, said to the user.
    pub notices: &'static [Notice],
    /// The fields of the Workbench configuration form (Step 5), in form order.
    pub form: &'static [FormField],
    /// The placeholders of the command templates ([`Requirement::cli`]): what each stands
    /// for, and for those the customer types in, the label of the input.
    pub placeholders: &'static [Placeholder],
}

impl Catalog {
    /// Every requirement of every step, in order.
    pub fn requirements(&self) -> impl Iterator<Item = &Requirement> {
        self.steps.iter().flat_map(|s| s.requirements.iter())
    }

    /// The requirement with this stable id, if any.
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements().find(|r| r.id == id)
    }

    /// The step with this stable id, if any.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }
}

/// One step of the procedure.
///
/// JSON: `{ "id", "number", "title", "summary", "requirements": [Requirement] }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Step {
    /// Stable id (`prerequisites`, `console-access`, `application-access`,
    /// `subscription-roles`, `resource-logs`, `workbench-form`).
    pub id: &'static str,
    /// Step number as in the procedure; 0 for the prerequisites.
    pub number: u8,
    /// Short title.
    pub title: &'static str,
    /// What the step achieves, in one or two sentences.
    pub summary: &'static str,
    /// What must (or should) be true once the step is done.
    pub requirements: &'static [Requirement],
}

/// Whether a requirement is needed for the integration to work, or only advised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Level {
    /// Needed: without it Workbench cannot collect (part of) the data.
    Required,
    /// Advised: widens or hardens monitoring.
    Recommended,
}

/// One checkable requirement of a step.
///
/// JSON: `{ "id", "step", "title", "why", "level": "required"|"recommended",
/// "accessOption"?: "enterpriseApp"|"customApp", "condition"?, "identifiers": [Identifier],
/// "portal": [string], "cli"?: string, "sources": [string] }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Requirement {
    /// Stable id, e.g. `app-log-analytics-reader`. Never renamed.
    pub id: &'static str,
    /// Id of the step it belongs to.
    pub step: &'static str,
    /// Short title.
    pub title: &'static str,
    /// Why Workbench needs it.
    pub why: &'static str,
    /// Required or recommended.
    pub level: Level,
    /// Set when the requirement applies to one access option only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_option: Option<AccessOption>,
    /// When the requirement applies, if not always (e.g. only with a storage firewall).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<&'static str>,
    /// The Azure identifiers involved (roles, permissions, plans, categories).
    pub identifiers: &'static [Identifier],
    /// Portal steps, in order.
    pub portal: &'static [&'static str],
    /// Equivalent `az` command template (placeholders in braces; see the module docs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cli: Option<&'static str>,
    /// Where the facts come from.
    pub sources: &'static [&'static str],
}

/// What kind of Azure identifier an [`Identifier`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum IdentifierKind {
    /// Azure RBAC role definition (GUID).
    RbacRole,
    /// Microsoft Entra directory role (template GUID).
    DirectoryRole,
    /// A first-party API application (appId GUID).
    Application,
    /// Microsoft Graph application permission (appRole GUID).
    GraphAppRole,
    /// Microsoft Graph delegated permission (scope GUID).
    GraphScope,
    /// Log Analytics API application permission (appRole GUID).
    LogAnalyticsAppRole,
    /// Defender for Cloud plan (pricing name).
    DefenderPlan,
    /// Storage account kind.
    StorageKind,
    /// Storage firewall `bypass` value.
    NetworkBypass,
    /// Diagnostic-setting log category.
    LogCategory,
    /// A resource type.
    ResourceType,
}

/// An Azure identifier involved in a requirement.
///
/// JSON: `{ "kind", "name", "id", "note"? }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Identifier {
    /// What it identifies.
    pub kind: IdentifierKind,
    /// Human name (role name, permission value, plan name).
    pub name: &'static str,
    /// The identifier itself (a GUID, or the name where Azure uses names).
    pub id: &'static str,
    /// A caveat, e.g. "avoid: over-privileged".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
}

impl Identifier {
    const fn of(kind: IdentifierKind, n: Named) -> Self {
        Identifier {
            kind,
            name: n.name,
            id: n.id,
            note: None,
        }
    }

    const fn named(kind: IdentifierKind, name: &'static str) -> Self {
        Identifier {
            kind,
            name,
            id: name,
            note: None,
        }
    }

    const fn with_note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }
}

/// Where today's Azure differs from the written procedure.
///
/// JSON: `{ "id", "title", "seedSays", "today", "requirements": [string], "sources": [string] }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Notice {
    /// Stable id, e.g. `secret-expiry`.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// What the original procedure says.
    pub seed_says: &'static str,
    /// What is true today, and what to do instead.
    pub today: &'static str,
    /// Ids of the requirements this notice changes.
    pub requirements: &'static [&'static str],
    /// Where the facts come from.
    pub sources: &'static [&'static str],
}

/// A field of the Workbench configuration form as a UI shows it.
///
/// JSON: `{ "field": "tenantId", "label", "description", "required", "accessOption"?, "choices"? }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct FormField {
    /// The field (its JSON key).
    pub field: Field,
    /// The label, as Workbench shows it ([`Field::label`]).
    pub label: &'static str,
    /// Where to find the value, in one sentence.
    pub description: &'static str,
    /// Whether Save needs a value (with [`FormField::access_option`]: only with that option).
    pub required: bool,
    /// Set when the field belongs to one access option only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_option: Option<AccessOption>,
    /// The only values the field takes, when it is a choice (e.g. the location); absent
    /// from the JSON for a free-text field.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub choices: &'static [&'static str],
}

/// A placeholder of the command templates.
///
/// JSON: `{ "name": "spObjectId", "meaning", "input"?, "label"?, "find"? }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Placeholder {
    /// The name in braces, e.g. `subscriptionId`.
    pub name: &'static str,
    /// What it stands for.
    pub meaning: &'static str,
    /// The key of [`CommandValues`] the customer types it into, if any (e.g. `subscriptions`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<&'static str>,
    /// The label of that input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'static str>,
    /// A command template that prints the value (itself filled like the others).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub find: Option<&'static str>,
}

/// The onboarding checklist: every step and requirement, and the notices.
///
/// ```
/// let cat = azure_onboarding::catalog();
/// assert_eq!(cat.steps.first().map(|s| s.id), Some("prerequisites"));
/// assert!(cat.notices.iter().any(|n| n.id == "graph-legacy-alerts-retired"));
/// ```
pub fn catalog() -> &'static Catalog {
    &data::CATALOG
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let cat = catalog();
        let mut seen = HashSet::new();
        for id in cat
            .steps
            .iter()
            .map(|s| s.id)
            .chain(cat.requirements().map(|r| r.id))
            .chain(cat.notices.iter().map(|n| n.id))
        {
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{id}"
            );
        }
    }

    #[test]
    fn requirements_point_at_their_step_and_notices_at_requirements() {
        let cat = catalog();
        for s in cat.steps {
            assert!(!s.requirements.is_empty(), "{}", s.id);
            for r in s.requirements {
                assert_eq!(r.step, s.id);
                assert!(!r.portal.is_empty(), "{} has no portal steps", r.id);
                assert!(!r.sources.is_empty(), "{} has no source", r.id);
            }
        }
        for n in cat.notices {
            for r in n.requirements {
                assert!(cat.requirement(r).is_some(), "{} -> {r}", n.id);
            }
        }
        let numbers: Vec<u8> = cat.steps.iter().map(|s| s.number).collect();
        assert_eq!(numbers, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn guid_identifiers_are_canonical_guids() {
        for r in catalog().requirements() {
            for i in r.identifiers {
                let guid_kind = !matches!(
                    i.kind,
                    IdentifierKind::DefenderPlan
                        | IdentifierKind::StorageKind
                        | IdentifierKind::NetworkBypass
                        | IdentifierKind::LogCategory
                        | IdentifierKind::ResourceType
                );
                if guid_kind {
                    let u = uuid::Uuid::try_parse(i.id).expect(i.id);
                    assert_eq!(u.hyphenated().to_string(), i.id);
                }
            }
        }
    }

    #[test]
    fn key_facts_are_present() {
        let cat = catalog();
        let ids: Vec<&str> = cat
            .requirements()
            .flat_map(|r| r.identifiers.iter().map(|i| i.id))
            .collect();
        for must in [
            directory_roles::GLOBAL_READER.id,
            roles::LOG_ANALYTICS_READER.id,
            roles::STORAGE_BLOB_DATA_READER.id,
            graph::SECURITY_ALERT_READ_ALL.id,
            graph::SECURITY_INCIDENT_READ_ALL.id,
            graph::SECURITY_EVENTS_READ_ALL.id,
            log_analytics::DATA_READ.id,
            storage::BYPASS_LOGGING,
            storage::KIND_STORAGE_V2,
        ] {
            assert!(ids.contains(&must), "{must}");
        }
        for plan in defender::MONITORED {
            assert!(ids.contains(&plan), "{plan}");
        }
        for n in [
            "secret-expiry",
            "graph-legacy-alerts-retired",
            "classic-storage-retired",
            "storage-account-contributor-over-privileged",
        ] {
            assert!(cat.notices.iter().any(|x| x.id == n), "{n}");
        }
    }

    #[test]
    fn every_form_field_and_every_placeholder_is_described_once() {
        let cat = catalog();
        let fields: Vec<Field> = cat.form.iter().map(|f| f.field).collect();
        for f in Field::ALL {
            assert_eq!(fields.iter().filter(|x| **x == f).count(), 1, "{f}");
        }
        for f in cat.form {
            assert_eq!(f.label, f.field.label());
        }
        let names: Vec<&str> = cat.placeholders.iter().map(|p| p.name).collect();
        for r in cat.requirements() {
            let Some(cli) = r.cli else { continue };
            for part in cli.split('{').skip(1) {
                let Some((name, _)) = part.split_once('}') else {
                    continue;
                };
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
                    assert!(
                        names.contains(&name),
                        "{}: {{{name}}} is not described",
                        r.id
                    );
                }
            }
        }
        let inputs: Vec<&str> = cat.placeholders.iter().filter_map(|p| p.input).collect();
        assert_eq!(
            inputs,
            [
                "tenantId",
                "applicationId",
                "guestMail",
                "subscriptions",
                "resourceGroup",
                "logStorageAccount"
            ]
        );
    }

    #[test]
    fn serializes_camel_case() {
        let v = serde_json::to_value(catalog()).unwrap();
        let r = &v["steps"][2]["requirements"][1];
        assert!(r.get("accessOption").is_some(), "{r}");
        assert!(v["notices"][0].get("seedSays").is_some());
    }
}
