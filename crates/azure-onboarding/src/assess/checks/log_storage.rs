//! Step 4, log storage: the planned log storage account exists, is StorageV2, its firewall
//! lets Workbench read the logs, and the application may read its blobs.
//!
//! Codes: `log-storage-account-missing`, `log-storage-account-kind`,
//! `storage-firewall-blocks-logs`, `storage-blob-data-reader-missing`.
//! Reads: `S3` (the log account's subscription's storage accounts), `S2` (role assignments).

use crate::assess::context::{covers, eq, fail, rem, Checker, Principal, Problem};
use crate::assess::report::{Finding, FindingCode, ResourceKind};
use crate::assess::subject::{Grantee, Subject};
use crate::assess::{BLOB_READ_ROLES, LOGS};
use crate::catalog::{roles, storage};
use crate::shell::word;
use crate::snapshot::readers::{Firewall, StorageAccount};
use crate::snapshot::{RequestId as R, RequestSpec};
use crate::SubscriptionId;
use std::rc::Rc;

impl<'a> Checker<'a> {
    /// Step 4: the log storage account, its kind, firewall and the app's blob read role.
    pub(in crate::assess) fn log_account(&mut self) {
        let la = self.plan.log_storage_account.clone();
        let id = la.to_string();
        let sub = la.subscription_id();
        let s = sub.to_string();
        let r = self.resource(
            ResourceKind::LogStorageAccount,
            &id,
            Some(la.name().to_string()),
        );
        let listed = if self.is_missing(sub) {
            Rc::new(Err(None))
        } else {
            self.accounts_of(sub)
        };
        let account = match &*listed {
            Ok(l) => l.iter().find(|a| eq(&a.id, &id)),
            Err(None) => None,
            Err(Some(p)) => {
                self.unknown(LOGS, r, true, "whether the log storage account exists", p);
                return self.blob_reader(r, sub, &id);
            }
        };
        let Some(account) = account else {
            let mut fix = self.fix("log-storage-account", &[]);
            fix.cli.push_str(&format!(" --subscription {s}"));
            let f = fail(FindingCode::LogStorageAccountMissing, &id,
                format!("The log storage account {} does not exist in resource group {} of subscription {s}.", la.name(), la.resource_group()), fix);
            self.push_about(LOGS, r, f, Subject::LogStorageAccount);
            return;
        };
        let kind = account.kind.as_str();
        let f = (!kind.eq_ignore_ascii_case(storage::KIND_STORAGE_V2)).then(|| {
            let upgradable = kind.eq_ignore_ascii_case(storage::KIND_STORAGE) || kind.eq_ignore_ascii_case(storage::KIND_BLOB_STORAGE);
            let fix = if upgradable {
                rem("Open the storage account > Settings > Configuration and select Upgrade to general-purpose v2.",
                    format!("az storage account update --name {} {} --subscription {s} --set kind={} --access-tier Hot", word(la.name().as_str()), crate::shell::option("--resource-group", la.resource_group(), word), storage::KIND_STORAGE_V2))
            } else {
                let mut fix = self.fix("log-storage-account", &[]);
                fix.portal = format!("A {kind} account cannot be upgraded: create a new StorageV2 account and put it in the plan. {}", fix.portal);
                fix
            };
            fail(FindingCode::LogStorageAccountKind, &id,
                format!("The log storage account is of kind {kind}, not StorageV2 (general-purpose v2)."), fix)
        });
        self.outcome(LOGS, r, f);
        match self.firewall(account, &id, &s) {
            Ok(Some((f, firewall))) => {
                let account = Rc::new(account.clone());
                self.push_about(LOGS, r, f, Subject::Firewall { account, firewall });
            }
            Ok(None) => self.pass(LOGS, r),
            Err(detail) => {
                let p = Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::S3,
                    url: RequestSpec::storage_accounts(&s).url,
                    detail,
                };
                self.unknown(
                    LOGS,
                    r,
                    true,
                    "whether the log storage account's firewall lets Workbench through",
                    &p,
                );
            }
        }
        self.blob_reader(r, sub, &id);
    }

    /// The firewall finding, if any, from the one firewall rule
    /// ([`StorageAccount::firewall`]); `Err` (what is missing) when the listing does not say
    /// what the firewall is.
    pub(in crate::assess) fn firewall(
        &self,
        account: &StorageAccount,
        id: &str,
        s: &str,
    ) -> Result<Option<(Finding, Firewall)>, String> {
        let egress = &self.plan.egress_ips;
        let Some(fw) = account.firewall(egress) else {
            return Err("lists the log storage account without its firewall rules (`properties.networkAcls` with a `defaultAction`, or the az CLI's `networkRuleSet`), so its firewall is unknown".into());
        };
        if !fw.blocks(egress) {
            return Ok(None);
        }
        let la = &self.plan.log_storage_account;
        let why = if fw.disabled {
            "public network access is Disabled, so no request from the Internet reaches it"
                .to_owned()
        } else if egress.is_empty() {
            "its firewall denies by default, does not allow read access to storage logging (bypass Logging), and the plan lists no egress IPs to allow".to_owned()
        } else {
            let blocked: Vec<String> = fw.blocked.iter().map(ToString::to_string).collect();
            format!("its firewall denies by default, does not allow read access to storage logging (bypass Logging), and does not allow the egress IPs {}", blocked.join(", "))
        };
        // The snapshot's bypass values, as shell words.
        let mut keep: Vec<String> = fw
            .bypass
            .iter()
            .filter(|b| !b.eq_ignore_ascii_case(storage::BYPASS_LOGGING))
            .map(|b| word(b))
            .collect();
        keep.push(storage::BYPASS_LOGGING.into());
        let mut fix = self.fix("log-storage-firewall", &[]);
        fix.cli = format!(
            "az storage account update --name {} {} --subscription {s} --bypass {}{}",
            word(la.name().as_str()),
            crate::shell::option("--resource-group", la.resource_group(), word),
            keep.join(" "),
            if fw.disabled {
                " --public-network-access Enabled --default-action Deny"
            } else {
                ""
            }
        );
        let f = fail(
            FindingCode::StorageFirewallBlocksLogs,
            id,
            format!("Workbench cannot read the log storage account: {why}."),
            fix,
        );
        Ok(Some((f, fw)))
    }

    pub(in crate::assess) fn blob_reader(&mut self, r: usize, sub: SubscriptionId, id: &str) {
        if self.is_missing(sub) {
            return;
        }
        let roles = self.roles_of(sub);
        let what =
            "whether the application can read the log account's blobs (Storage Blob Data Reader)";
        let has = match (&*roles, &self.sp) {
            (Err(Some(p)), _) | (_, Principal::Unknown(p)) => {
                let p = p.clone();
                return self.unknown(LOGS, r, true, what, &p);
            }
            (Err(None), _) | (_, Principal::Missing) => false,
            (Ok(l), Principal::Known(sp)) => l.iter().any(|a| {
                eq(a.principal(), sp)
                    && BLOB_READ_ROLES.iter().any(|x| eq(a.role(), x))
                    && covers(a.scope(), id)
            }),
        };
        let f = (!has).then(|| fail(FindingCode::StorageBlobDataReaderMissing, id,
            "The application cannot read the log storage account's blobs: it lacks Storage Blob Data Reader on the account, its resource group, subscription or above.".into(),
            self.fix("log-storage-blob-data-reader", &[])));
        let subject = Subject::Role {
            principal: Grantee::Application,
            role: roles::STORAGE_BLOB_DATA_READER.id,
            scope: id.to_owned(),
        };
        self.outcome_about(LOGS, r, f, subject);
    }
}
