//! The onboarding plan: what Workbench should monitor in a tenant.

use crate::facts::defender;
use crate::input::{checked, checked_seq, read_json, CheckedElement, InputError};
use crate::json_path::{
    checked as checked_value, checked_list, members, required, wrong, At, Read,
};
use crate::{AccessOption, ClientId, EgressRule, StorageAccountId, SubscriptionId, TenantId};
use core::fmt;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

/// Why a plan was rejected (see [`InputError`]).
pub type PlanError = InputError;

/// What Workbench should monitor in a tenant, and how it gets access.
///
/// JSON (camelCase):
/// ```json
/// { "tenantId": "<guid>", "accessOption": "customApp",
///   "applicationId": "<appId of the custom app, or of the provider's enterprise app>",
///   "guestUser": { "mail": "analyst@provider.example" },
///   "subscriptions": ["<guid>"],
///   "logStorageAccount": "/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Storage/storageAccounts/<name>",
///   "monitoredStorageAccounts": "all" | ["<storage account resource id>"],
///   "defenderPlans": ["StorageAccounts", "KeyVaults", "Arm", "AppServices", "SqlServers", "CosmosDbs"],
///   "egressIps": ["203.0.113.10", "198.51.100.0/29"] }
/// ```
/// `guestUser` (no guest checks without it), `monitoredStorageAccounts` (default `"all"`:
/// every storage account of the planned subscriptions but the log account),
/// `defenderPlans` (default: the six of [`defender::MONITORED`]) and `egressIps` (default
/// none) are optional. Unknown keys are ignored.
///
/// Deserializing, with any serde format or framework (`serde_json::from_str`,
/// `axum::Json<OnboardingPlan>`), runs the checks of [`validate`](OnboardingPlan::validate):
/// a plan that deserializes is valid. [`from_json`](OnboardingPlan::from_json) adds the size
/// limit and errors that name the JSON path.
///
/// ```
/// use azure_onboarding::OnboardingPlan;
/// let plan = OnboardingPlan::from_json(r#"{
///   "tenantId": "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b", "accessOption": "customApp",
///   "applicationId": "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
///   "subscriptions": ["11111111-1111-4111-8111-111111111111"],
///   "logStorageAccount": "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs"
/// }"#).unwrap();
/// assert_eq!(plan.defender_plans.len(), 6);
/// let err = OnboardingPlan::from_json(r#"{"tenantId": "contoso.onmicrosoft.com"}"#).unwrap_err();
/// assert_eq!(err.path(), Some("tenantId"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct OnboardingPlan {
    /// Directory (tenant) ID.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub tenant_id: TenantId,
    /// Option 1 (`enterpriseApp`) or Option 2 (`customApp`).
    pub access_option: AccessOption,
    /// The appId whose service principal gets the roles and permissions.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub application_id: ClientId,
    /// The provider's analyst, invited as a guest (Step 1), if planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guest_user: Option<GuestUser>,
    /// Subscriptions to monitor (at least one).
    #[serde(deserialize_with = "de_subscriptions")]
    #[cfg_attr(feature = "typescript", tsify(type = "string[]"))]
    pub subscriptions: Vec<SubscriptionId>,
    /// The StorageV2 account that receives the storage logs (Step 4).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub log_storage_account: StorageAccountId,
    /// Storage accounts whose logs go to the log account.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "\"all\" | string[]", optional))]
    pub monitored_storage_accounts: MonitoredStorageAccounts,
    /// Defender for Cloud plans that should be on (`Standard`) on every subscription.
    #[serde(default = "default_plans", deserialize_with = "de_defender_plans")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub defender_plans: Vec<String>,
    /// The provider's egress addresses that the log account's firewall must let through.
    #[serde(default, deserialize_with = "de_egress_ips")]
    #[cfg_attr(feature = "typescript", tsify(type = "string[]", optional))]
    pub egress_ips: Vec<EgressRule>,
}

fn default_plans() -> Vec<String> {
    defender::MONITORED
        .iter()
        .map(|p| (*p).to_owned())
        .collect()
}

/// The guest analyst of Step 1. JSON: `{ "mail": "analyst@provider.example" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct GuestUser {
    /// The analyst's e-mail address (the guest user's `mail`).
    #[serde(deserialize_with = "de_guest_mail")]
    pub mail: String,
}

/// Which storage accounts must send their logs. JSON: `"all"` or a list of resource IDs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum MonitoredStorageAccounts {
    /// Every storage account of the planned subscriptions, except the log account.
    #[default]
    All,
    /// These accounts.
    List(Vec<StorageAccountId>),
}

impl Serialize for MonitoredStorageAccounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            MonitoredStorageAccounts::All => s.serialize_str("all"),
            MonitoredStorageAccounts::List(l) => l.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for MonitoredStorageAccounts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MonitoredStorageAccounts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"all\" or a list of storage account resource IDs")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.trim().eq_ignore_ascii_case("all") {
                    Ok(MonitoredStorageAccounts::All)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut l = Vec::new();
                let mut check = no_account_twice();
                while let Some(id) = seq.next_element_seed(CheckedElement::new(&mut check))? {
                    l.push(id);
                }
                Ok(MonitoredStorageAccounts::List(l))
            }
        }
        d.deserialize_any(V)
    }
}

/// The same as the derived `Deserialize` (checks and messages included), without serde (see
/// `json_path::Read`): what the wasm package reads its plan argument with.
impl Read for OnboardingPlan {
    fn read<'a>(value: &'a Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
        const FIELDS: [&str; 9] = [
            "tenantId",
            "accessOption",
            "applicationId",
            "guestUser",
            "subscriptions",
            "logStorageAccount",
            "monitoredStorageAccounts",
            "defenderPlans",
            "egressIps",
        ];
        let (mut tenant_id, mut access_option, mut application_id) = (None, None, None);
        let (mut guest_user, mut subscriptions, mut log_storage_account) = (None, None, None);
        let mut monitored_storage_accounts = MonitoredStorageAccounts::All;
        let (mut defender_plans, mut egress_ips) = (None, Vec::new());
        members(
            value,
            at,
            ("OnboardingPlan", false),
            &FIELDS,
            &mut |key, v, at| {
                match key {
                    "tenantId" => tenant_id = Some(Read::read(v, at)?),
                    "accessOption" => access_option = Some(Read::read(v, at)?),
                    "applicationId" => application_id = Some(Read::read(v, at)?),
                    "guestUser" => guest_user = Read::read(v, at)?,
                    "subscriptions" => {
                        let list = checked_list(v, at, &mut no_subscription_twice())?;
                        if list.is_empty() {
                            return Err(de::Error::custom(NO_SUBSCRIPTION));
                        }
                        subscriptions = Some(list);
                    }
                    "logStorageAccount" => log_storage_account = Some(Read::read(v, at)?),
                    "monitoredStorageAccounts" => monitored_storage_accounts = Read::read(v, at)?,
                    "defenderPlans" => {
                        defender_plans = Some(checked_list(v, at, &mut no_plan_twice())?)
                    }
                    "egressIps" => egress_ips = checked_list(v, at, &mut no_rule_twice())?,
                    _ => {}
                }
                Ok(())
            },
        )?;
        Ok(OnboardingPlan {
            tenant_id: required(tenant_id, "tenantId")?,
            access_option: required(access_option, "accessOption")?,
            application_id: required(application_id, "applicationId")?,
            guest_user,
            subscriptions: required(subscriptions, "subscriptions")?,
            log_storage_account: required(log_storage_account, "logStorageAccount")?,
            monitored_storage_accounts,
            defender_plans: defender_plans.unwrap_or_else(default_plans),
            egress_ips,
        })
    }
}

impl Read for GuestUser {
    fn read<'a>(value: &'a Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
        let mut mail = None;
        members(
            value,
            at,
            ("GuestUser", false),
            &["mail"],
            &mut |_, v, at| {
                mail = Some(checked_value(v, at, |m: &String| guest_mail(m))?);
                Ok(())
            },
        )?;
        Ok(GuestUser {
            mail: required(mail, "mail")?,
        })
    }
}

impl Read for MonitoredStorageAccounts {
    fn read<'a>(value: &'a Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
        const EXPECTED: &str = "\"all\" or a list of storage account resource IDs";
        match value {
            Value::String(v) if v.trim().eq_ignore_ascii_case("all") => {
                Ok(MonitoredStorageAccounts::All)
            }
            Value::String(_) => Err(crate::json_path::wrong_value(value, EXPECTED)),
            Value::Array(_) => Ok(MonitoredStorageAccounts::List(checked_list(
                value,
                at,
                &mut no_account_twice(),
            )?)),
            _ => Err(wrong(value, EXPECTED)),
        }
    }
}

impl OnboardingPlan {
    /// Parses and [validates](OnboardingPlan::validate) a plan from JSON text. GUIDs,
    /// resource IDs and egress addresses are checked while parsing; errors name the JSON
    /// path (`subscriptions[1]`) and never quote more than the value's kind of mistake.
    pub fn from_json(text: &str) -> Result<OnboardingPlan, PlanError> {
        let plan: OnboardingPlan = read_json(text, "plan")?;
        plan.validate()?;
        Ok(plan)
    }

    /// Checks what the types alone do not: at least one subscription, none twice, a
    /// plausible guest mail, no empty Defender plan name, no monitored account, Defender plan
    /// or egress rule twice (ARM refuses a template that declares one resource twice, and a
    /// firewall rule given twice is a mistake to show, not to pass on).
    pub fn validate(&self) -> Result<(), PlanError> {
        let bad = |path: String, m: &str| Err(InputError::invalid("plan", path, m));
        if self.subscriptions.is_empty() {
            return bad("subscriptions".into(), NO_SUBSCRIPTION);
        }
        let mut check = no_subscription_twice();
        for (i, s) in self.subscriptions.iter().enumerate() {
            check(s).or_else(|m| bad(format!("subscriptions[{i}]"), m))?;
        }
        if let Some(g) = &self.guest_user {
            guest_mail(&g.mail).or_else(|m| bad("guestUser.mail".into(), m))?;
        }
        let mut check = no_plan_twice();
        for (i, p) in self.defender_plans.iter().enumerate() {
            check(p).or_else(|m| bad(format!("defenderPlans[{i}]"), m))?;
        }
        let mut check = no_rule_twice();
        for (i, r) in self.egress_ips.iter().enumerate() {
            check(r).or_else(|m| bad(format!("egressIps[{i}]"), m))?;
        }
        if let MonitoredStorageAccounts::List(l) = &self.monitored_storage_accounts {
            let mut check = no_account_twice();
            for (i, a) in l.iter().enumerate() {
                check(a).or_else(|m| bad(format!("monitoredStorageAccounts[{i}]"), m))?;
            }
        }
        Ok(())
    }
}

// The checks of `validate`, also run while deserializing (the fields' `deserialize_with`), so
// that plain serde (`serde_json::from_str::<OnboardingPlan>`, axum's `Json<OnboardingPlan>`)
// cannot produce a plan that `validate` refuses, and errors name the element's path.

const NO_SUBSCRIPTION: &str = "list at least one subscription to monitor";

/// A check that no two elements of a list have the same `key`: hashed, linear in the size of
/// the plan. Keys are text: a set of strings is a hash table type the wasm builds have
/// anyway (a set of `SubscriptionId` compiled one more, see keyed.rs).
fn no_twice<T: ?Sized>(
    key: fn(&T) -> String,
    message: &'static str,
) -> impl FnMut(&T) -> Result<(), &'static str> {
    let mut seen = std::collections::HashSet::new();
    move |item| {
        if seen.insert(key(item)) {
            Ok(())
        } else {
            Err(message)
        }
    }
}

/// GUIDs are canonical, so equal IDs compare equal whatever their case was.
fn no_subscription_twice() -> impl FnMut(&SubscriptionId) -> Result<(), &'static str> {
    no_twice(
        |s: &SubscriptionId| s.to_string(),
        "this subscription is listed twice",
    )
}

/// ARM IDs are case-insensitive (resource group names included).
fn no_account_twice() -> impl FnMut(&StorageAccountId) -> Result<(), &'static str> {
    no_twice(
        |a: &StorageAccountId| a.to_string().to_lowercase(),
        "this storage account is listed twice",
    )
}

/// A valid plan name, once; plan names are case-insensitive in ARM (`/pricings/StorageAccounts`).
fn no_plan_twice() -> impl FnMut(&String) -> Result<(), &'static str> {
    let mut twice = no_twice(
        |p: &String| p.to_ascii_lowercase(),
        "this Defender plan is listed twice",
    );
    move |p| defender_plan(p).and_then(|()| twice(p))
}

/// By the rule's canonical text: `203.0.113.7` and `203.0.113.7/32` are one rule.
fn no_rule_twice() -> impl FnMut(&EgressRule) -> Result<(), &'static str> {
    no_twice(
        |r: &EgressRule| r.to_string(),
        "this egress address or range is listed twice",
    )
}

fn guest_mail(mail: &str) -> Result<(), &'static str> {
    if plausible_mail(mail.trim()) {
        Ok(())
    } else {
        Err("expected the analyst's e-mail address, e.g. analyst@provider.example")
    }
}

fn defender_plan(p: &str) -> Result<(), &'static str> {
    if p.trim().is_empty() {
        Err("the plan name is empty")
    } else if !crate::arm_expr::is_defender_plan(p) {
        Err("expected a Defender for Cloud plan name: letters and digits, e.g. StorageAccounts")
    } else {
        Ok(())
    }
}

fn de_subscriptions<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SubscriptionId>, D::Error> {
    let list = checked_seq(d, no_subscription_twice())?;
    if list.is_empty() {
        return Err(de::Error::custom(NO_SUBSCRIPTION));
    }
    Ok(list)
}

fn de_defender_plans<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    checked_seq(d, no_plan_twice())
}

fn de_egress_ips<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<EgressRule>, D::Error> {
    checked_seq(d, no_rule_twice())
}

fn de_guest_mail<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(d, |m: &String| guest_mail(m))
}

/// Whether `m` looks like the analyst's e-mail address. It lands in OData filters and shell
/// commands, so no quotes and no shell metacharacters (none belongs in such an address), and
/// not `=@` (az reads the file named after `=@` in an argument: `x=@~/.azure/…`).
pub(crate) fn plausible_mail(m: &str) -> bool {
    m.len() >= 3
        && !m.contains("=@")
        && m.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
        && !m
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "'\"`$\\;|&<>(){}*?!#".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_with_guest(mail: &str) -> Result<OnboardingPlan, PlanError> {
        let json = serde_json::json!({
            "tenantId": "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b",
            "accessOption": "customApp",
            "applicationId": "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
            "subscriptions": ["3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718"],
            "logStorageAccount": "/subscriptions/3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/workbenchlogs",
            "guestUser": { "mail": mail }
        });
        OnboardingPlan::from_json(&json.to_string())
    }

    #[test]
    fn guest_mail_rejects_shell_and_odata_metacharacters() {
        assert!(plan_with_guest("analyst@provider.example").is_ok());
        assert!(plan_with_guest("first.last+soc@provider.example").is_ok());
        for bad in [
            "a$(touch /tmp/x)@provider.example",
            "a`id`@provider.example",
            "o'brien@provider.example",
            "a\"b@provider.example",
            "a;b@provider.example",
            "analyst@provider",
            "analyst provider.example",
            "x=@provider.example",
        ] {
            let err = plan_with_guest(bad).expect_err(bad);
            assert_eq!(err.path(), Some("guestUser.mail"), "{bad}");
            assert!(
                !err.to_string().contains("touch"),
                "the value is not quoted back"
            );
        }
    }
}
