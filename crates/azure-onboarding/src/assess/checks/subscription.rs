//! Step 3 and the per-subscription prerequisites: each planned subscription exists, is
//! enabled and in the plan's tenant; the application (and the guest) hold Log Analytics
//! Reader on it; its Defender plans are on; no over-privileged Storage Account Contributor
//! and no retired classic storage accounts.
//!
//! Codes: `subscription-not-found`, `subscription-disabled`, `subscription-wrong-tenant`,
//! `log-analytics-reader-missing`, `storage-account-contributor-assigned`,
//! `defender-plan-not-enabled`, `classic-storage-account`.
//! Reads: `S1` (the subscription), `S2` (role assignments), `S5` (Defender pricings),
//! `S6` (classic storage accounts).

use crate::assess::context::{
    covers, eq, fail, lc, rem, warn, Checker, Got, Listed, Principal, Problem,
};
use crate::assess::report::{FindingCode, ResourceKind};
use crate::assess::subject::{Grantee, Subject};
use crate::assess::{LOGS, PRE, SUBS};
use crate::catalog::{pricing, roles, storage, subscriptions};
use crate::shell::{object_id, word};
use crate::snapshot::readers::{Pricing, RoleAssignment, StorageAccount, Subscription};
use crate::snapshot::{RequestId as R, RequestSpec};
use crate::{SubscriptionId, TenantId};

impl<'a> Checker<'a> {
    /// Step 3 and the per-subscription parts of the prerequisites and Step 4.
    pub(in crate::assess) fn subscription(&mut self, sub: SubscriptionId) {
        let s = sub.to_string();
        let sid = format!("/subscriptions/{s}");
        let r = self.resource(ResourceKind::Subscription, &sid, None);
        let s1 = RequestSpec::subscription(&s);
        let s1_url = s1.url.clone();
        let unreadable = |detail: &str| Problem {
            code: FindingCode::ResponseUnreadable,
            id: R::S1,
            url: s1_url.clone(),
            detail: detail.to_owned(),
        };
        match self.get_one::<Subscription>(s1) {
            Got::NotFound => {
                let t = self.plan.tenant_id;
                let f = fail(FindingCode::SubscriptionNotFound, &sid,
                    format!("Subscription {s} was not found: the ID is wrong, or it is not in tenant {t}, or it was deleted."),
                    rem(format!("Check the subscription ID in the plan: in the Azure portal switch to directory {t}, open Subscriptions and copy the Subscription ID; or remove it from the plan."),
                        format!("az account list --all --query \"[?tenantId=='{t}'].[id,name,state]\" --output table")));
                self.push(SUBS, r, f);
                self.mark_missing(sub);
                return;
            }
            Got::Problem(p) => self.unknown(
                SUBS,
                r,
                true,
                "whether the subscription exists and is enabled",
                &p,
            ),
            Got::Ok(info) => {
                if !info.display_name.is_empty() {
                    self.resources[r].name = Some(info.display_name.clone());
                }
                let state = info.state.trim();
                let check = format!(
                    "az account show --subscription {s} --query \"[state,tenantId]\" --output tsv"
                );
                // A body without `state` or `tenantId` proves neither.
                let f = if state.is_empty() {
                    let p = unreadable(
                        "has no `state`: the body Azure sends for a subscription always has one",
                    );
                    self.unknown(SUBS, r, true, "whether the subscription is enabled", &p);
                    None
                } else if subscriptions::STATES_INACTIVE
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(state))
                {
                    Some(fail(FindingCode::SubscriptionDisabled, &sid,
                        format!("Subscription {s} is {state}: nothing in it can be monitored."),
                        rem("Open Cost Management + Billing and resolve the subscription's billing, or reactivate it under Subscriptions > Overview; or remove it from the plan.", check.clone())))
                } else if state.eq_ignore_ascii_case(subscriptions::STATE_WARNED) {
                    Some(warn(FindingCode::SubscriptionDisabled, &sid,
                        format!("Subscription {s} is Warned (billing): it will be disabled unless resolved."),
                        rem("Open Cost Management + Billing and resolve the subscription's billing warning.", check.clone())))
                } else {
                    self.pass(SUBS, r);
                    None
                };
                if let Some(f) = f {
                    self.push(SUBS, r, f);
                }
                match info.tenant_id.parse::<TenantId>() {
                    Err(_) => {
                        let p = unreadable(if info.tenant_id.trim().is_empty() {
                            "has no `tenantId`: the body Azure sends for a subscription always has one"
                        } else {
                            "has a `tenantId` that is not a GUID"
                        });
                        self.unknown(
                            SUBS,
                            r,
                            true,
                            "which tenant the subscription belongs to",
                            &p,
                        );
                    }
                    Ok(t) if t != self.plan.tenant_id => {
                        let f = fail(FindingCode::SubscriptionWrongTenant, &sid,
                            format!("Subscription {s} belongs to tenant {t}, not to the plan's tenant {}.", self.plan.tenant_id),
                            rem("Onboard that tenant separately, or move the subscription (Subscriptions > Change directory), or remove it from the plan.", check));
                        self.push(SUBS, r, f);
                    }
                    Ok(_) => self.pass(SUBS, r),
                }
            }
        }
        // Step 3: Log Analytics Reader for the application and the guest.
        let roles = self.roles_of(sub);
        let who = [(
            self.sp.clone(),
            Grantee::Application,
            "app-log-analytics-reader",
            "the application",
        )]
        .into_iter()
        .chain(self.plan.guest_user.as_ref().map(|_| {
            (
                self.guest.clone(),
                Grantee::Guest,
                "guest-log-analytics-reader",
                "the guest analyst",
            )
        }));
        for (principal, grantee, req, name) in who.collect::<Vec<_>>() {
            let what = format!("Log Analytics Reader of {name} on {sid}");
            let has = match (&*roles, &principal) {
                (Err(Some(p)), _) | (_, Principal::Unknown(p)) => {
                    self.unknown(SUBS, r, true, &what, p);
                    continue;
                }
                (Err(None), _) | (_, Principal::Missing) => false,
                (Ok(l), Principal::Known(id)) => l.iter().any(|a| {
                    eq(a.principal(), id)
                        && eq(a.role(), roles::LOG_ANALYTICS_READER.id)
                        && covers(a.scope(), &sid)
                }),
            };
            let f = (!has).then(|| fail(FindingCode::LogAnalyticsReaderMissing, &sid,
                format!("{} lacks Log Analytics Reader on subscription {s}: Workbench cannot read its logs.", capitalize(name)),
                self.fix(req, &[("subscriptionId", &s)])));
            let subject = Subject::Role {
                principal: grantee,
                role: roles::LOG_ANALYTICS_READER.id,
                scope: sid.clone(),
            };
            self.outcome_about(SUBS, r, f, subject);
        }
        self.contributor(r, &roles);
        self.defender(r, sub, &sid);
        self.classic(r, &s, &sid);
    }

    /// Storage Account Contributor held by the application (once per assignment).
    pub(in crate::assess) fn contributor(&mut self, r: usize, roles: &Listed<RoleAssignment>) {
        let (Ok(list), Principal::Known(sp)) = (&**roles, &self.sp) else {
            return;
        };
        let held: Vec<(String, String)> = list
            .iter()
            .filter(|a| {
                eq(a.principal(), sp) && eq(a.role(), roles::STORAGE_ACCOUNT_CONTRIBUTOR.id)
            })
            .filter(|a| self.contributor_seen.insert(lc(&a.id)))
            .map(|a| (a.id.clone(), a.scope().to_owned()))
            .collect();
        if held.is_empty() {
            return self.pass(LOGS, r);
        }
        for (id, scope) in held {
            // The ID comes from the snapshot: only a role assignment ID goes into the command.
            let id = role_assignment_id(&id).unwrap_or_else(|| "<role-assignment-id>".into());
            let f = warn(FindingCode::StorageAccountContributorAssigned, &scope,
                format!("The application holds Storage Account Contributor at {scope}: it grants the account keys, far more than reading logs needs."),
                rem(format!("Open {scope} > Access control (IAM) > Role assignments, remove the application's Storage Account Contributor assignment, and rely on Storage Blob Data Reader on the log storage account."),
                    format!("az role assignment delete --ids {id}")));
            self.push(LOGS, r, f);
        }
    }

    pub(in crate::assess) fn defender(&mut self, r: usize, sub: SubscriptionId, sid: &str) {
        let s = &sub.to_string();
        let plans = match self.get_list::<Pricing>(RequestSpec::pricings(s)) {
            Got::Ok(l) => l,
            Got::NotFound => Vec::new(),
            Got::Problem(p) => {
                return self.unknown(PRE, r, false, &format!("the Defender plans of {sid}"), &p)
            }
        };
        let wanted = &self.plan.defender_plans;
        for plan in wanted {
            let on = plans
                .iter()
                .any(|p| eq(&p.name, plan) && eq(&p.properties.pricing_tier, pricing::STANDARD));
            let f = (!on).then(|| warn(FindingCode::DefenderPlanNotEnabled, sid,
                format!("The Microsoft Defender plan {plan} is not on (Standard) in subscription {s}: Workbench gets no alerts from it."),
                self.fix("defender-plans", &[("subscriptionId", s), ("plan", &word(plan))])));
            let subject = Subject::DefenderPlan {
                subscription: sub,
                name: plan.trim().to_owned(),
            };
            self.outcome_about(PRE, r, f, subject);
        }
    }

    pub(in crate::assess) fn classic(&mut self, r: usize, s: &str, sid: &str) {
        let list = match self.get_list::<StorageAccount>(RequestSpec::classic_storage_accounts(s)) {
            Got::Ok(l) => l,
            Got::NotFound => {
                let spec = RequestSpec::classic_storage_accounts(s);
                let p = Problem {
                    code: FindingCode::RequestFailed,
                    id: spec.id,
                    url: spec.url,
                    detail: "failed with status 404".into(),
                };
                return self.unknown(
                    LOGS,
                    r,
                    false,
                    &format!("whether {sid} has classic storage accounts"),
                    &p,
                );
            }
            Got::Problem(p) => {
                return self.unknown(
                    LOGS,
                    r,
                    false,
                    &format!("whether {sid} has classic storage accounts"),
                    &p,
                )
            }
        };
        if list.is_empty() {
            return self.pass(LOGS, r);
        }
        for a in list {
            let id = if a.id.is_empty() {
                sid.to_owned()
            } else {
                a.id.clone()
            };
            let f = warn(FindingCode::ClassicStorageAccount, &id,
                format!("Classic storage account {} was retired on {} and cannot be monitored: migrate it to Azure Resource Manager.", a.name, storage::CLASSIC_RETIRED_ON),
                self.fix("classic-storage-accounts", &[("subscriptionId", s)]));
            self.push(LOGS, r, f);
        }
    }
}

/// An ARM role assignment ID (`{scope}/providers/Microsoft.Authorization/roleAssignments/{guid}`),
/// as a shell word; `None` when the snapshot's value does not have that shape.
pub(in crate::assess) fn role_assignment_id(id: &str) -> Option<String> {
    let id = id.trim();
    let (scope, name) = id.rsplit_once('/')?;
    let well_formed = id.starts_with('/')
        && !id.chars().any(|c| c.is_control() || c.is_whitespace())
        && scope
            .to_ascii_lowercase()
            .ends_with("/providers/microsoft.authorization/roleassignments")
        && object_id(name).is_some();
    well_formed.then(|| word(id))
}

pub(in crate::assess) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
