//! Step 2, application and consent: the application's service principal and its API
//! permissions (admin consent).
//!
//! Codes: `service-principal-not-found`, `graph-permission-missing`,
//! `log-analytics-permission-missing`, `legacy-security-alerts-permission`.
//! Reads: `G1` (the service principal by appId), `G2` (its app role assignments).

use crate::assess::context::{eq, fail, lc, warn, Checker, Got, Principal, Problem};
use crate::assess::report::{FindingCode, Remediation, ResourceKind};
use crate::assess::subject::Subject;
use crate::assess::APP;
use crate::catalog::{self, apps, graph, log_analytics, Named};
use crate::shell::object_id;
use crate::snapshot::readers::{AppRoleAssignment, GraphObject};
use crate::snapshot::{RequestId as R, RequestSpec};
use crate::AccessOption;
use std::collections::HashSet;

impl<'a> Checker<'a> {
    /// Step 2: the service principal, its API permissions and (custom app) its secret.
    pub(in crate::assess) fn application(&mut self) {
        let app = self.plan.application_id.to_string();
        let res_id = format!("servicePrincipals(appId='{app}')");
        let r = self.resource(ResourceKind::ServicePrincipal, &res_id, None);
        let custom = self.plan.access_option == AccessOption::CustomApp;
        let g1 = RequestSpec::service_principals_by_app_id(&app);
        let g1_url = g1.url.clone();
        // The service principal of the app: the object whose appId matches (an object
        // without appId is taken as the filter's answer); its id must be an object ID.
        let found = match self.get_list::<GraphObject>(g1) {
            Got::Ok(list) => Got::Ok(
                list.into_iter()
                    .enumerate()
                    .find(|(_, o)| o.app_id.is_empty() || eq(&o.app_id, &app)),
            ),
            Got::NotFound => Got::NotFound,
            Got::Problem(p) => Got::Problem(p),
        };
        let found = match found {
            Got::Ok(Some((i, sp))) => match object_id(&sp.id) {
                Some(id) => Got::Ok(Some((sp, id))),
                None => Got::Problem(Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::G1,
                    url: g1_url,
                    detail: format!("has a service principal whose id is not an object ID (a GUID), at `value[{i}].id`"),
                }),
            },
            Got::Ok(None) => Got::Ok(None),
            Got::NotFound => Got::NotFound,
            Got::Problem(p) => Got::Problem(p),
        };
        match found {
            Got::Ok(Some((sp, id))) => {
                if !sp.display_name.is_empty() {
                    self.resources[r].name = Some(sp.display_name.clone());
                }
                self.pass(APP, r);
                self.set_var("spObjectId", id.clone());
                self.sp = Principal::Known(id);
            }
            Got::Ok(None) | Got::NotFound => {
                let (req, what) = if custom {
                    ("custom-app-registered", "Create the service principal of your app registration (Enterprise applications), or check the applicationId in the plan.")
                } else {
                    ("enterprise-app-consented", "Grant admin consent to the provider's enterprise application: consent creates its service principal in your tenant.")
                };
                let mut fix = self.fix(req, &[]);
                fix.portal = format!("{what} {}", fix.portal);
                fix.cli = format!("az ad sp create --id {app}");
                self.push_about(APP, r, fail(FindingCode::ServicePrincipalNotFound, &res_id,
                    format!("No service principal for application {app} in this tenant: the app was never consented to or created here, or the applicationId is wrong."), fix), Subject::ServicePrincipal);
                self.sp = Principal::Missing;
            }
            Got::Problem(p) => {
                self.unknown(
                    APP,
                    r,
                    true,
                    "whether the application's service principal exists",
                    &p,
                );
                self.sp = Principal::Unknown(p);
            }
        }
        match self.sp.clone() {
            Principal::Known(id) => self.permissions(r, &res_id, &id),
            Principal::Missing => {}
            Principal::Unknown(p) => self.unknown(
                APP,
                r,
                true,
                "the application's API permissions (they need its service principal)",
                &p,
            ),
        }
        if custom {
            self.secret(r, &res_id, &app);
        }
    }

    pub(in crate::assess) fn permissions(&mut self, r: usize, res_id: &str, sp: &str) {
        let granted: HashSet<String> =
            match self.get_list::<AppRoleAssignment>(RequestSpec::app_role_assignments(sp)) {
                Got::Ok(l) => l.into_iter().map(|a| lc(&a.app_role_id)).collect(),
                Got::NotFound => HashSet::new(),
                Got::Problem(p) => {
                    return self.unknown(APP, r, true, "the application's API permissions", &p);
                }
            };
        let has = |n: Named| granted.contains(n.id);
        for perm in graph::REQUIRED_APPLICATION_PERMISSIONS {
            let f = (!has(perm)).then(|| {
                fail(
                    FindingCode::GraphPermissionMissing,
                    res_id,
                    format!("The Microsoft Graph application permission {} is not granted (admin consent missing).", perm.name),
                    self.permission_fix(apps::MICROSOFT_GRAPH, perm),
                )
            });
            self.outcome_about(APP, r, f, Subject::ApiPermission { id: perm.id });
        }
        let la = log_analytics::DATA_READ;
        let f = (!has(la)).then(|| {
            fail(
                FindingCode::LogAnalyticsPermissionMissing,
                res_id,
                "The Log Analytics API application permission Data.Read is not granted (admin consent missing).".into(),
                self.permission_fix(apps::LOG_ANALYTICS_API, la),
            )
        });
        self.outcome_about(APP, r, f, Subject::ApiPermission { id: la.id });
        let legacy = has(graph::SECURITY_EVENTS_READ_ALL) && !has(graph::SECURITY_ALERT_READ_ALL);
        let f = legacy.then(|| {
            warn(
                FindingCode::LegacySecurityAlertsPermission,
                res_id,
                format!("SecurityEvents.Read.All is granted without SecurityAlert.Read.All: the legacy alerts API it served was retired on {}.", catalog::dates::GRAPH_LEGACY_ALERTS_RETIRED_ON),
                self.permission_fix(apps::MICROSOFT_GRAPH, graph::SECURITY_ALERT_READ_ALL),
            )
        });
        let subject = Subject::ApiPermission {
            id: graph::SECURITY_ALERT_READ_ALL.id,
        };
        self.outcome_about(APP, r, f, subject);
    }

    pub(in crate::assess) fn permission_fix(&self, api: Named, perm: Named) -> Remediation {
        let app = self.var("applicationId");
        if self.plan.access_option == AccessOption::CustomApp {
            let mut fix = self.fix("custom-app-admin-consent", &[]);
            fix.portal = format!(
                "In the app registration, open API permissions > Add a permission > {} > Application permissions, add {}. {}",
                api.name, perm.name, fix.portal
            );
            fix.cli = format!(
                "az ad app permission add --id {app} --api {} --api-permissions {}=Role && {}",
                api.id, perm.id, fix.cli
            );
            fix
        } else {
            let sp = self.var("spObjectId");
            let mut fix = self.fix("enterprise-app-consented", &[]);
            fix.cli = format!(
                "az rest --method POST --url https://graph.microsoft.com/v1.0/servicePrincipals/{sp}/appRoleAssignments --body \"{{\\\"principalId\\\":\\\"{sp}\\\",\\\"resourceId\\\":\\\"$(az ad sp show --id {} --query id --output tsv)\\\",\\\"appRoleId\\\":\\\"{}\\\"}}\"",
                api.id, perm.id
            );
            fix
        }
    }
}
