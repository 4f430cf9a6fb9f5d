//! What a finding is about, as typed data: the crate-internal twin of a [`Finding`]'s
//! `resource` and texts. [`remediate`](crate::remediate()) plans from subjects, never from a
//! finding's message or command. Not serialized: the public report is unchanged.

use crate::snapshot::readers::{DiagnosticSetting, Firewall, StorageAccount};
use crate::SubscriptionId;
use std::rc::Rc;

/// Who holds (or lacks) a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grantee {
    /// The application's service principal.
    Application,
    /// The guest analyst.
    Guest,
}

/// The typed subject of a finding.
#[derive(Debug, Clone)]
pub(crate) enum Subject {
    /// Nothing remediation plans from (it becomes a manual step built from the finding).
    Other,
    /// The application's service principal does not exist.
    ServicePrincipal,
    /// An API application permission (Graph or Log Analytics), by its app role id.
    ApiPermission { id: &'static str },
    /// The application's client secret.
    ClientSecret,
    /// The guest analyst's user.
    GuestUser,
    /// A directory role of the guest analyst, by role definition id.
    DirectoryRole { role: &'static str },
    /// An Azure RBAC role of `principal` at `scope`, by role definition id.
    Role {
        principal: Grantee,
        role: &'static str,
        scope: String,
    },
    /// A Defender plan of a subscription.
    DefenderPlan {
        subscription: SubscriptionId,
        name: String,
    },
    /// The plan's log storage account does not exist.
    LogStorageAccount,
    /// The log storage account's firewall, as the check read it.
    Firewall {
        account: Rc<StorageAccount>,
        firewall: Firewall,
    },
    /// The diagnostic settings of a storage service (`…/blobServices/default`), as read.
    DiagnosticSettings {
        service: String,
        settings: Rc<Vec<DiagnosticSetting>>,
    },
}

/// A finding with its subject.
#[derive(Debug, Clone)]
pub(crate) struct Noted {
    pub(crate) finding: crate::Finding,
    pub(crate) subject: Subject,
}
