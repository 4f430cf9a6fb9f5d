//! Step 2, custom app only: the application's client secret exists and is not expired or
//! about to expire (the "now" is the snapshot's `collectedAt`).
//!
//! Codes: `client-secret-missing`, `client-secret-expired`, `client-secret-expiring`.
//! Reads: `G5` (the app registration by appId, with its `passwordCredentials`).

use crate::assess::context::{eq, fail, rem, warn, Checker, Got, Problem};
use crate::assess::report::FindingCode;
use crate::assess::subject::Subject;
use crate::assess::{APP, SECRET_EXPIRY_WARNING_DAYS};
use crate::snapshot::readers::GraphObject;
use crate::snapshot::{RequestId as R, RequestSpec};

impl<'a> Checker<'a> {
    pub(in crate::assess) fn secret(&mut self, r: usize, res_id: &str, app: &str) {
        let g5 = RequestSpec::applications_by_app_id(app);
        let g5_url = g5.url.clone();
        let apps = match self.get_list::<GraphObject>(g5) {
            Got::Ok(l) => l,
            Got::NotFound => Vec::new(),
            Got::Problem(p) => {
                return self.unknown(
                    APP,
                    r,
                    true,
                    "the expiry of the application's client secret",
                    &p,
                )
            }
        };
        let fix = self.fix("custom-app-client-secret", &[]);
        let fix = rem(
            format!(
                "{} Then enter the new secret Value in the Workbench form.",
                fix.portal
            ),
            fix.cli,
        );
        let registration = apps
            .into_iter()
            .enumerate()
            .find(|(_, a)| a.app_id.is_empty() || eq(&a.app_id, app));
        let (reg_ix, creds) = registration
            .map(|(i, a)| (i, a.password_credentials))
            .unwrap_or_default();
        if creds.is_empty() {
            let f = fail(FindingCode::ClientSecretMissing, res_id,
                "The application has no client secret (or no app registration in this tenant): Workbench signs in with a client secret.".into(), fix);
            return self.push_about(APP, r, f, Subject::ClientSecret);
        }
        let Some(now) = self.now else {
            let p = Problem {
                code: FindingCode::ResponseUnreadable,
                id: R::G5,
                url: String::new(),
                detail: "cannot be judged: the snapshot's collectedAt is not an RFC 3339 timestamp"
                    .into(),
            };
            return self.unknown(
                APP,
                r,
                true,
                "the expiry of the application's client secret",
                &p,
            );
        };
        // The latest readable end date. A secret whose end cannot be read is not taken as
        // never expiring ("Never" no longer exists): it makes the check unknown, unless a
        // readable one is valid beyond the warning period anyway.
        let mut latest: Option<(i64, &str)> = None;
        let mut unreadable: Option<usize> = None;
        for (j, c) in creds.iter().enumerate() {
            match crate::rfc3339_seconds(&c.end_date_time) {
                Some(t) if latest.is_none_or(|(l, _)| t > l) => {
                    latest = Some((t, c.end_date_time.as_str()));
                }
                Some(_) => {}
                None => {
                    unreadable.get_or_insert(j);
                }
            }
        }
        let warning = SECRET_EXPIRY_WARNING_DAYS.saturating_mul(86_400);
        let left = latest.map(|(t, _)| t.saturating_sub(now));
        let (latest, left) = match (latest, left, unreadable) {
            (Some((_, end)), Some(left), None) => (end, left),
            (Some((_, end)), Some(left), Some(_)) if left >= warning => (end, left),
            (_, _, j) => {
                let p = Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::G5,
                    url: g5_url,
                    detail: format!(
                        "has a client secret without a readable end date (`value[{reg_ix}].passwordCredentials[{}].endDateTime` is missing or not an RFC 3339 timestamp); secrets can no longer be created without an expiry",
                        j.unwrap_or(0)
                    ),
                };
                return self.unknown(
                    APP,
                    r,
                    true,
                    "the expiry of the application's client secret",
                    &p,
                );
            }
        };
        let day = latest.get(..10).unwrap_or(latest);
        let f = if left <= 0 {
            Some(fail(FindingCode::ClientSecretExpired, res_id,
                format!("Every client secret of the application has expired (the latest on {day}): Workbench can no longer sign in."), fix))
        } else if left < warning {
            let days = left / 86_400;
            Some(warn(FindingCode::ClientSecretExpiring, res_id,
                format!("The application's latest client secret expires on {day}, in {days} days: create a new one and update Workbench before then."), fix))
        } else {
            None
        };
        self.outcome_about(APP, r, f, Subject::ClientSecret);
    }
}
