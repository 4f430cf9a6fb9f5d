//! Step 4, logs arriving: the storage logs that the diagnostic settings send actually land
//! in the log account, and can be read there as Workbench reads them (Blob service, data
//! plane). Configuration can be right and still nothing arrives; this is the end-to-end
//! check (FACTS §10).
//!
//! Codes: `logs-arriving` (pass, with the newest log's time), `logs-idle` (warn),
//! `logs-not-arriving` (fail), `log-read-not-permitted` and `log-read-blocked-by-firewall`
//! (unknown here; `verify` makes them fail), and `not-collected`, `request-failed`,
//! `response-unreadable` (unknown).
//! Reads: `B1` (the log account's `insights-logs-*` containers), `B2` (per service sending to
//! the log account, in each log container present: the blobs of the collection's day, and
//! of the day before when that day has none), and what `diagnostics` read from `S4`.
//!
//! Readiness: every finding here has `required: false`. A snapshot without these reads (an
//! older one, or one collected by an admin without a data role, or in the browser) must not
//! turn a tenant that the configuration checks prove ready into "not ready". Only a
//! collection with the application's own identity (`verify`) proves what Workbench can read;
//! the live crate then makes the failures required (`apply_live_findings`).

use crate::assess::context::{finding, rem, Checker, Got, LogSource, Problem};
use crate::assess::report::{FindingCode, ResourceKind, Status};
use crate::assess::LOGS;
use crate::catalog::storage;
use crate::shell::word;
use crate::snapshot::blob_list::{blob_error_code, blob_list, BlobList, ListedBlob};
use crate::snapshot::{civil, rfc3339_utc, RequestId, RequestSpec};

/// How recent the newest log must be to count as arriving.
pub(crate) const ARRIVAL_WINDOW_SECONDS: i64 = 24 * 3600;

impl<'a> Checker<'a> {
    /// Step 4: logs are arriving in the log account (see the module documentation).
    pub(in crate::assess) fn log_arrival(&mut self) {
        let sources = core::mem::take(&mut self.log_sources);
        // Nothing sends to the log account: the diagnostic findings say why.
        if sources.is_empty() {
            return;
        }
        let la = self.plan.log_storage_account.clone();
        let id = la.to_string();
        let r = self.resource(
            ResourceKind::LogStorageAccount,
            &id,
            Some(la.name().to_string()),
        );
        let Some(now) = self.now else {
            return;
        };
        let spec = RequestSpec::log_containers(la.name());
        let Some(lists) = self.blob_pages(spec, r, &id, "whether any log has arrived") else {
            return;
        };
        let present: Vec<&str> = storage::LOG_CONTAINERS
            .iter()
            .copied()
            .filter(|c| lists.iter().any(|l| l.containers.iter().any(|n| n == c)))
            .collect();
        if present.is_empty() {
            return self.no_container(r, &id, &sources, now);
        }
        let today = civil(now);
        let yesterday = civil(now - 86_400);
        let mut newest_overall: Option<(i64, String)> = None;
        for src in &sources {
            let mut newest: Option<i64> = None;
            let mut unreadable = false;
            for c in &present {
                let mut day_newest = None;
                for day in [today, yesterday] {
                    let Ok(spec) = RequestSpec::log_blobs(la.name(), c, &src.service, day) else {
                        continue;
                    };
                    let what = format!("whether logs of {} arrive", service_words(&src.service));
                    let Some(lists) = self.blob_pages(spec, src.resource, &src.service, &what)
                    else {
                        unreadable = true;
                        break;
                    };
                    day_newest = lists
                        .iter()
                        .flat_map(|l| &l.blobs)
                        .filter_map(blob_time)
                        .max();
                    // The day before only when the collection's day has nothing yet.
                    if day_newest.is_some() {
                        break;
                    }
                }
                newest = newest.max(day_newest);
                if unreadable {
                    break;
                }
            }
            if unreadable {
                continue;
            }
            match newest {
                Some(t) if now - t <= ARRIVAL_WINDOW_SECONDS => {
                    self.pass(LOGS, src.resource);
                    if newest_overall.as_ref().is_none_or(|(n, _)| t > *n) {
                        newest_overall = Some((t, src.service.clone()));
                    }
                }
                _ => self.idle(src, newest),
            }
        }
        if let Some((t, service)) = newest_overall {
            let f = finding(
                FindingCode::LogsArriving,
                Status::Pass,
                false,
                &id,
                format!(
                    "Logs are arriving in the log storage account: the newest was written at {} (from {}).",
                    rfc3339_utc(t),
                    service_words(&service)
                ),
                rem(
                    "Nothing to fix. To look at the logs: open the log storage account > Storage browser > Blob containers > insights-logs-storageread.",
                    format!(
                        "az storage blob list --account-name {} --container-name {} --auth-mode login --prefix resourceId= --num-results 5 --query [].name --output tsv",
                        word(la.name().as_str()),
                        storage::LOG_CONTAINERS[0]
                    ),
                ),
            );
            self.push(LOGS, r, f);
        }
    }

    /// Every page of a Blob-service list, or `None` after recording why it cannot be read
    /// (as `unknown`, not required).
    fn blob_pages(
        &mut self,
        spec: RequestSpec,
        r: usize,
        resource: &str,
        what: &str,
    ) -> Option<Vec<BlobList>> {
        let error = self.idx.error_body(&spec);
        let (id, url) = (spec.id, spec.url.clone());
        let problem = match self.fetch(spec) {
            Got::Ok(bodies) => {
                let mut lists = Vec::new();
                for b in bodies {
                    match blob_list(b) {
                        Ok(l) => lists.push(l),
                        Err(e) => {
                            let p = Problem {
                                code: FindingCode::ResponseUnreadable,
                                id,
                                url: url.clone(),
                                detail: format!("has a body the Blob service would not send: {e}"),
                            };
                            self.unknown(LOGS, r, false, what, &p);
                            return None;
                        }
                    }
                }
                return Some(lists);
            }
            Got::NotFound => Problem {
                code: FindingCode::RequestFailed,
                id,
                url,
                detail: if id == RequestId::B1 {
                    "failed with status 404 (no such storage account on the Blob service)".into()
                } else {
                    "failed with status 404 (the container was listed, then not found)".into()
                },
            },
            Got::Problem(p) => p,
        };
        let code = error.and_then(blob_error_code);
        match code.as_deref() {
            Some(storage::ERROR_AUTHORIZATION_PERMISSION_MISMATCH) => {
                let mut fix = self.fix("log-storage-blob-data-reader", &[]);
                fix.portal = format!("If this snapshot was collected with the application's identity (verify): {} If it was collected by an administrator, the administrator lacks a data role: that says nothing about Workbench; collect with verify, or give yourself Storage Blob Data Reader on the account, to check. A new role assignment can take a few minutes to take effect.", fix.portal);
                let mut f = finding(
                    FindingCode::LogReadNotPermitted,
                    Status::Unknown,
                    false,
                    resource,
                    format!("The log storage account refused to list its logs (403 AuthorizationPermissionMismatch): the identity that read it has no data role there (Owner or Contributor alone are not enough), or its role assignment is not effective yet. Cannot check {what}."),
                    fix,
                );
                f.request = Some(problem.url);
                self.push(LOGS, r, f);
            }
            Some(storage::ERROR_AUTHORIZATION_FAILURE) => {
                let la = &self.plan.log_storage_account;
                let ips: Vec<String> = self
                    .plan
                    .egress_ips
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let cli = if ips.is_empty() {
                    format!("az storage account network-rule add --account-name {} {} --ip-address <Workbench egress IP>", word(la.name().as_str()), crate::shell::option("--resource-group", la.resource_group(), word))
                } else {
                    ips.iter().map(|ip| format!("az storage account network-rule add --account-name {} {} --ip-address {ip}", word(la.name().as_str()), crate::shell::option("--resource-group", la.resource_group(), word))).collect::<Vec<_>>().join(" && ")
                };
                let mut f = finding(
                    FindingCode::LogReadBlockedByFirewall,
                    Status::Unknown,
                    false,
                    resource,
                    format!("The log storage account's firewall refused the read of its logs (403 AuthorizationFailure): the address the snapshot was collected from is not allowed. If that was Workbench's (verify from its egress address), Workbench cannot read the logs. Cannot check {what}."),
                    rem("Open the log storage account > Security + networking > Networking > Firewalls and virtual networks, and add Workbench's egress IP addresses under Firewall > Address range. Then collect again from one of them.", cli),
                );
                f.request = Some(problem.url);
                self.push(LOGS, r, f);
            }
            _ => self.unknown(LOGS, r, false, what, &problem),
        }
        None
    }

    /// No `insights-logs-*` container: nothing has ever arrived. A failure once every
    /// setting to the log account is over a day old; before that (or when ARM did not say
    /// when they were created) it may only be early.
    fn no_container(&mut self, r: usize, id: &str, sources: &[LogSource], now: i64) {
        let newest_setting = sources
            .iter()
            .map(|s| s.created)
            .try_fold(i64::MIN, |n, c| c.map(|c| n.max(c)));
        let services: Vec<&str> = sources.iter().map(|s| s.service.as_str()).collect();
        // The catalog requirement's steps, and its az commands with the account filled in.
        let fix = self.fix("storage-logs-arriving", &[]);
        let check = fix.cli;
        let portal = format!("{} Check that each monitored service's diagnostic setting (storage account > Monitoring > Diagnostic settings) sends to this account and that the account is in the same tenant.", fix.portal);
        let portal = portal.as_str();
        match newest_setting {
            Some(created) if now - created >= ARRIVAL_WINDOW_SECONDS => {
                let f = finding(
                    FindingCode::LogsNotArriving,
                    Status::Fail,
                    false,
                    id,
                    format!("No log has ever arrived in the log storage account: it has no insights-logs container, although the diagnostic settings of {} services sending to it were created more than a day ago (the newest at {}).", services.len(), rfc3339_utc(created)),
                    rem(portal, check),
                );
                self.push(LOGS, r, f);
            }
            _ => {
                let when = match newest_setting {
                    Some(c) => format!(
                        "a diagnostic setting to it was created at {}, less than a day ago",
                        rfc3339_utc(c)
                    ),
                    None => "the diagnostic settings do not say when they were created".to_owned(),
                };
                let f = finding(
                    FindingCode::LogsIdle,
                    Status::Warn,
                    false,
                    id,
                    format!("No log has arrived in the log storage account yet (no insights-logs container), but {when}: it may be early, or the monitored services idle."),
                    rem(portal, check),
                );
                self.push(LOGS, r, f);
            }
        }
    }

    /// A service with a correct setting and no log in the arrival window.
    fn idle(&mut self, src: &LogSource, newest: Option<i64>) {
        let last = match newest {
            Some(t) => format!("the newest is from {}", rfc3339_utc(t)),
            None => "none in the last two days".to_owned(),
        };
        let account = src
            .service
            .rsplit_once('/')
            .and_then(|(a, _)| a.rsplit_once('/'))
            .map_or("", |(a, _)| a);
        let name = account.rsplit('/').next().unwrap_or("");
        let n = word(name);
        let lower = src.service.to_ascii_lowercase();
        let read = if lower.ends_with("/fileservices/default") {
            format!("az storage share list --account-name {n}")
        } else if lower.ends_with("/queueservices/default") {
            format!("az storage queue list --account-name {n} --auth-mode login")
        } else if lower.ends_with("/tableservices/default") {
            format!("az storage table list --account-name {n} --auth-mode login")
        } else {
            format!("az storage container list --account-name {n} --auth-mode login")
        };
        let f = finding(
            FindingCode::LogsIdle,
            Status::Warn,
            false,
            &src.service,
            format!("No log of {} has arrived in the log storage account in the last 24 hours ({last}). Its diagnostic setting sends to the log account, so the service may simply be idle: no request, no log.", service_words(&src.service)),
            rem("To test, read something in the service (the command lists it, which writes a StorageRead log), wait a few minutes, then collect and assess again; the log appears in the log account under Storage browser > Blob containers > insights-logs-storageread.", read),
        );
        self.push(LOGS, src.resource, f);
    }
}

/// `the Blob service of contosodata`, from a service ID (`…/storageAccounts/{n}/blobServices/default`).
fn service_words(service: &str) -> String {
    let mut parts = service.trim_end_matches('/').rsplit('/');
    let _default = parts.next();
    let kind = parts.next().unwrap_or("");
    let account = parts.next().unwrap_or("");
    let kind = match kind.to_ascii_lowercase().as_str() {
        "blobservices" => "Blob",
        "fileservices" => "File",
        "queueservices" => "Queue",
        "tableservices" => "Table",
        _ => "storage",
    };
    format!("the {kind} service of {account}")
}

/// When a log blob was last written: `Last-Modified`, or else the hour its name says
/// (`…/y=2026/m=12/d=01/h=05/m=00/PT1H.json`).
fn blob_time(b: &ListedBlob) -> Option<i64> {
    b.last_modified.or_else(|| {
        let part =
            |key: &str| -> Option<&str> { b.name.split('/').find_map(|s| s.strip_prefix(key)) };
        let (y, m, d, h) = (part("y=")?, part("m=")?, part("d=")?, part("h=")?);
        crate::rfc3339_seconds(&format!("{y}-{m}-{d}T{h}:00:00Z"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for t in [
            "1970-01-01T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "2026-12-01T05:00:00Z",
            "2100-03-01T00:00:00Z",
        ] {
            let s = crate::rfc3339_seconds(t).unwrap();
            assert_eq!(rfc3339_utc(s), t);
        }
        assert_eq!(
            civil(crate::rfc3339_seconds("2026-03-01T00:00:00Z").unwrap() - 1),
            (2026, 2, 28)
        );
        let b = ListedBlob {
            name: "resourceId=/SUBSCRIPTIONS/S/X/y=2026/m=12/d=01/h=05/m=00/PT1H.json".into(),
            last_modified: None,
        };
        assert_eq!(
            blob_time(&b),
            crate::rfc3339_seconds("2026-12-01T05:00:00Z")
        );
    }
}
