//! Step 4, diagnostic settings: every monitored storage account's Blob, File, Queue and
//! Table services send StorageRead, StorageWrite and StorageDelete to the log account (the
//! setting belongs on the service, not the account).
//!
//! Codes: `monitored-storage-account-not-found`, `diagnostic-setting-missing`,
//! `diagnostic-category-missing`, `diagnostic-settings-limit`.
//! Reads: `S3` (storage accounts, for `"all"` and to tell a missing account), `S4` (each
//! service's diagnostic settings).

use crate::assess::context::{eq, fail, rem, Checker, Got, LogSource, Problem};
use crate::assess::report::{FindingCode, ResourceKind};
use crate::assess::subject::Subject;
use crate::assess::LOGS;
use crate::catalog::storage;
use crate::shell::{quote, word};
use crate::snapshot::readers::DiagnosticSetting;
use crate::snapshot::{RequestId as R, RequestSpec};
use crate::{MonitoredStorageAccounts, StorageService};
use std::rc::Rc;

impl<'a> Checker<'a> {
    /// Step 4: every monitored account's services send the three log categories.
    pub(in crate::assess) fn diagnostics(&mut self) {
        let log_id = self.plan.log_storage_account.to_string();
        // (account ID, its kind or why the kind is unknown, name).
        let mut targets: Vec<(String, Result<String, Problem>, Option<String>)> = Vec::new();
        let plan = self.plan;
        // The kind an account is listed with; a missing one is unknown.
        let kind_of = |kind: &str, s3: &str| {
            if kind.trim().is_empty() {
                Err(Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::S3,
                    url: s3.to_owned(),
                    detail: "lists the storage account without its `kind`".into(),
                })
            } else {
                Ok(kind.to_owned())
            }
        };
        match &plan.monitored_storage_accounts {
            MonitoredStorageAccounts::All => {
                for &sub in &plan.subscriptions {
                    if self.is_missing(sub) {
                        continue;
                    }
                    let s3 = RequestSpec::storage_accounts(&sub.to_string()).url;
                    let sid = format!("/subscriptions/{sub}");
                    match &*self.accounts_of(sub) {
                        Ok(list) => {
                            for (i, a) in list.iter().enumerate() {
                                if eq(&a.id, &log_id) {
                                    continue;
                                }
                                // The ID goes into requests and commands: only a storage
                                // account resource ID, in canonical form.
                                match a.id.parse::<crate::StorageAccountId>() {
                                    Ok(id) => targets.push((
                                        id.to_string(),
                                        kind_of(&a.kind, &s3),
                                        Some(a.name.clone()),
                                    )),
                                    Err(_) => {
                                        let p = Problem {
                                            code: FindingCode::ResponseUnreadable,
                                            id: R::S3,
                                            url: s3.clone(),
                                            detail: format!("lists a storage account whose id is not a storage account resource ID, at `value[{i}].id`"),
                                        };
                                        let r =
                                            self.resource(ResourceKind::Subscription, &sid, None);
                                        self.unknown(LOGS, r, true, &format!("the diagnostic settings of a storage account of {sid}"), &p);
                                    }
                                }
                            }
                        }
                        Err(None) => {}
                        Err(Some(p)) => {
                            let r = self.resource(ResourceKind::Subscription, &sid, None);
                            self.unknown(LOGS, r, true, &format!("the diagnostic settings of the storage accounts of {sid} (they cannot be listed)"), p);
                        }
                    }
                }
            }
            MonitoredStorageAccounts::List(ids) => {
                for a in ids {
                    let id = a.to_string();
                    let sub = a.subscription_id();
                    let s3 = RequestSpec::storage_accounts(&sub.to_string()).url;
                    // The account's kind (or why it is unknown); `None` when it does not exist.
                    let found: Option<Result<String, Problem>> = if self.is_missing(sub) {
                        None
                    } else {
                        match &*self.accounts_of(sub) {
                            Ok(l) => l
                                .iter()
                                .find(|x| eq(&x.id, &id))
                                .map(|x| kind_of(&x.kind, &s3)),
                            Err(Some(p)) => Some(Err(p.clone())),
                            Err(None) => Some(Err(Problem {
                                code: FindingCode::RequestFailed,
                                id: R::S3,
                                url: s3,
                                detail: "failed with status 404".into(),
                            })),
                        }
                    };
                    match found {
                        Some(kind) => targets.push((id, kind, Some(a.name().to_string()))),
                        None => {
                            let r = self.resource(
                                ResourceKind::StorageAccount,
                                &id,
                                Some(a.name().to_string()),
                            );
                            let f = fail(FindingCode::MonitoredStorageAccountNotFound, &id,
                                format!("The storage account {} listed in the plan does not exist.", a.name()),
                                rem("Check the storage account's resource ID in the plan (storage account > Settings > Endpoints or Properties > Resource ID), or remove it from the plan.",
                                    format!("az storage account list --subscription {sub} --query [].id --output tsv")));
                            self.push(LOGS, r, f);
                        }
                    }
                }
            }
        }
        for (id, kind, name) in targets {
            let r = self.resource(ResourceKind::StorageAccount, &id, name);
            let services = kind
                .as_deref()
                .map_or(&StorageService::ALL[..], services_of);
            for &svc in services {
                self.service_logs(r, &id, svc, kind.as_ref().err());
            }
        }
    }

    /// One service's diagnostic settings. `kind_unknown`: why the account's kind is not
    /// known; then a 404 cannot be told from a missing account and is `unknown`.
    pub(in crate::assess) fn service_logs(
        &mut self,
        r: usize,
        account: &str,
        svc: StorageService,
        kind_unknown: Option<&Problem>,
    ) {
        let svc_id = format!("{account}/{}", svc.path());
        let name = service_name(svc);
        let settings = match self
            .get_list::<DiagnosticSetting>(RequestSpec::diagnostic_settings(&svc_id))
        {
            Got::Ok(l) => l,
            // The account's kind has no such service (e.g. no file service): nothing to log.
            Got::NotFound => {
                match kind_unknown {
                    Some(p) => self.unknown(
                            LOGS,
                            r,
                            true,
                            &format!("the {name} service's diagnostic settings (its 404 means the service does not exist only for a kind of account without it, and the account's kind is unknown)"),
                            p,
                        ),
                    // The account's kind has this service (only those are read): a 404 is
                    // not "nothing to log", it is a read that failed.
                    None => {
                        let spec = RequestSpec::diagnostic_settings(&svc_id);
                        let p = Problem {
                            code: FindingCode::RequestFailed,
                            id: spec.id,
                            url: spec.url,
                            detail: "failed with status 404 although the account's kind has this service".into(),
                        };
                        self.unknown(LOGS, r, true, &format!("the {name} service's diagnostic settings"), &p);
                    }
                }
                return;
            }
            Got::Problem(p) => {
                return self.unknown(
                    LOGS,
                    r,
                    true,
                    &format!("the {name} service's diagnostic settings"),
                    &p,
                )
            }
        };
        let log_id = self.plan.log_storage_account.to_string();
        let to_log: Vec<&DiagnosticSetting> =
            settings.iter().filter(|d| d.sends_to(&log_id)).collect();
        if !to_log.is_empty() {
            // The newest setting's creation time: logs are due a day after it.
            let created = to_log
                .iter()
                .map(|d| crate::rfc3339_seconds(d.system_data.created_at.trim()))
                .try_fold(i64::MIN, |newest, c| c.map(|c| newest.max(c)));
            self.log_sources.push(LogSource {
                service: svc_id.clone(),
                resource: r,
                created,
            });
        }
        let subject = Subject::DiagnosticSettings {
            service: svc_id.clone(),
            settings: Rc::new(settings.clone()),
        };
        let fix = || {
            let mut fix = self.fix(
                "storage-diagnostic-settings",
                &[("storageAccountId", &word(account))],
            );
            fix.cli = fix.cli.replace(StorageService::Blob.path(), svc.path());
            fix
        };
        if to_log.is_empty() {
            let f = fail(FindingCode::DiagnosticSettingMissing, &svc_id,
                format!("The {name} service sends no logs to the log storage account (the setting belongs on the service, not the account)."), fix());
            self.push_about(LOGS, r, f, subject.clone());
            if settings.len() >= storage::MAX_DIAGNOSTIC_SETTINGS {
                let f = fail(FindingCode::DiagnosticSettingsLimit, &svc_id,
                    format!("The {name} service already has {} diagnostic settings, the most Azure allows: one more cannot be added.", settings.len()),
                    rem(format!("Open the storage account > Monitoring > Diagnostic settings > {name}: delete a setting no longer needed, or add the log storage account as a destination of an existing one."),
                        format!("az monitor diagnostic-settings list --resource {} --query [].name --output tsv", word(&svc_id))));
                self.push_about(LOGS, r, f, subject);
            }
            return;
        }
        let mut sent = [false; 3];
        for d in &to_log {
            for l in d.properties.logs.iter().filter(|l| l.enabled) {
                let all = l
                    .category_group
                    .eq_ignore_ascii_case(storage::CATEGORY_GROUP_ALL_LOGS);
                for (i, c) in storage::LOG_CATEGORIES.iter().enumerate() {
                    sent[i] |= all || l.category.eq_ignore_ascii_case(c);
                }
            }
        }
        let missing: Vec<&str> = storage::LOG_CATEGORIES
            .iter()
            .zip(sent)
            .filter(|(_, s)| !s)
            .map(|(c, _)| *c)
            .collect();
        let f = (!missing.is_empty()).then(|| {
            let setting = &to_log[0].name;
            let mut fix = fix();
            // The setting's name comes from the snapshot: quoted, joined to its option where
            // az would misread it; one az cannot be given at all leaves the Portal's way.
            fix.cli = if !crate::resource_id::is_name_segment(setting) {
                "# This setting's name is not one resource name (a / \\ ? # % or a control character): no command can address it; use the Portal.".to_owned()
            } else if crate::shell::az_can_carry(setting) {
                fix.cli.replacen("--name workbench-storage-logs", &crate::shell::option("--name", setting, quote), 1)
            } else {
                "# This setting's name cannot be given to az (a NUL character, or a leading @, which az reads as a file name): use the Portal.".to_owned()
            };
            fail(FindingCode::DiagnosticCategoryMissing, &svc_id,
                format!("The {name} service's diagnostic setting '{setting}' does not send {} to the log storage account.", missing.join(", ")), fix)
        });
        self.outcome_about(LOGS, r, f, subject);
    }
}

pub(in crate::assess) fn service_name(s: StorageService) -> &'static str {
    match s {
        StorageService::Blob => "Blob",
        StorageService::File => "File",
        StorageService::Queue => "Queue",
        StorageService::Table => "Table",
    }
}

/// The services an account of this kind has (premium and legacy blob kinds have one).
pub(in crate::assess) fn services_of(kind: &str) -> &'static [StorageService] {
    if kind.eq_ignore_ascii_case(storage::KIND_BLOB_STORAGE)
        || kind.eq_ignore_ascii_case(storage::KIND_BLOCK_BLOB_STORAGE)
    {
        &[StorageService::Blob]
    } else if kind.eq_ignore_ascii_case(storage::KIND_FILE_STORAGE) {
        &[StorageService::File]
    } else {
        &StorageService::ALL
    }
}
