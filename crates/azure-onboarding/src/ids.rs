//! GUID identifiers: tenant, application (client) and subscription IDs.
//!
//! Parsing trims surrounding whitespace, quotes and braces, accepts any case and the
//! 32-digit form without hyphens, and rejects the all-zero GUID. Values print in lowercase
//! canonical form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`) and serialize as that string.

use crate::facts::{apps, Named};
use core::fmt;
use core::str::FromStr;
use uuid::Uuid;

/// Why a GUID identifier was rejected. `what` names the identifier ("tenant ID", …).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuidError {
    /// Nothing was given.
    #[error("the {what} is empty")]
    Empty {
        /// The identifier's name.
        what: &'static str,
    },
    /// Not a GUID.
    #[error("the {what} is not a GUID: expected 32 hexadecimal digits as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")]
    NotAGuid {
        /// The identifier's name.
        what: &'static str,
    },
    /// The all-zero GUID.
    #[error("the {what} is the all-zero GUID, which never identifies anything in Azure")]
    Nil {
        /// The identifier's name.
        what: &'static str,
    },
    /// A domain name was given where the tenant GUID is needed.
    #[error("the tenant ID must be the directory's GUID, not a domain name; find it in Microsoft Entra ID > Overview > Tenant ID, or run `az account show --query tenantId --output tsv`")]
    DomainInsteadOfGuid,
}

/// Parses a GUID after cleaning; `Err` carries the error kind.
fn parse_guid(s: &str, what: &'static str) -> Result<Uuid, GuidError> {
    let (clean, _) = crate::normalize::clean_token(s);
    if clean.is_empty() {
        return Err(GuidError::Empty { what });
    }
    let uuid = Uuid::try_parse(clean).map_err(|_| GuidError::NotAGuid { what })?;
    if uuid.is_nil() {
        return Err(GuidError::Nil { what });
    }
    Ok(uuid)
}

/// Whether `s` looks like a DNS domain (e.g. `contoso.onmicrosoft.com`), or an e-mail
/// address whose part after `@` is one.
pub(crate) fn looks_like_domain(s: &str) -> bool {
    let domain = s.rsplit_once('@').map_or(s, |(_, d)| d);
    let labels: Vec<&str> = domain.trim_end_matches('.').split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
}

macro_rules! guid_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Uuid);

        impl $name {
            /// The GUID.
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }

            /// Wraps a GUID; `None` for the all-zero GUID.
            pub fn from_uuid(uuid: Uuid) -> Option<Self> {
                (!uuid.is_nil()).then_some($name(uuid))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0.hyphenated())
            }
        }

        serde_via_str!($name);
    };
}

guid_type!(
    /// A Microsoft Entra tenant (directory) ID.
    ///
    /// ```
    /// use azure_onboarding::{GuidError, TenantId};
    /// let t: TenantId = " {72F988BF-86F1-41AF-91AB-2D7CD011DB47} ".parse().unwrap();
    /// assert_eq!(t.to_string(), "72f988bf-86f1-41af-91ab-2d7cd011db47");
    /// assert_eq!("contoso.onmicrosoft.com".parse::<TenantId>(), Err(GuidError::DomainInsteadOfGuid));
    /// ```
    TenantId,
    "tenant ID"
);

guid_type!(
    /// An application (client) ID: the `appId` of an app registration. It differs from the
    /// application's object ID and from its service principal's object ID.
    ///
    /// ```
    /// use azure_onboarding::ClientId;
    /// let c: ClientId = "00000003-0000-0000-c000-000000000000".parse().unwrap();
    /// assert_eq!(c.well_known_api().map(|a| a.name), Some("Microsoft Graph"));
    /// ```
    ClientId,
    "client ID"
);

guid_type!(
    /// An Azure subscription ID.
    ///
    /// ```
    /// use azure_onboarding::SubscriptionId;
    /// let s: SubscriptionId = "6f1d2c3b4a594e8f9a7b0c1d2e3f4a5b".parse().unwrap();
    /// assert_eq!(s.to_string(), "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b");
    /// ```
    SubscriptionId,
    "subscription ID"
);

impl FromStr for TenantId {
    type Err = GuidError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match parse_guid(s, "tenant ID") {
            Err(GuidError::NotAGuid { .. })
                if looks_like_domain(crate::normalize::clean_token(s).0) =>
            {
                Err(GuidError::DomainInsteadOfGuid)
            }
            other => other.map(TenantId),
        }
    }
}

impl FromStr for ClientId {
    type Err = GuidError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_guid(s, "client ID").map(ClientId)
    }
}

impl FromStr for SubscriptionId {
    type Err = GuidError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_guid(s, "subscription ID").map(SubscriptionId)
    }
}

/// The first-party API whose application ID this GUID is, if any (see
/// [`catalog::apps::WELL_KNOWN`](crate::catalog::apps::WELL_KNOWN)).
pub(crate) fn well_known_api(uuid: Uuid) -> Option<Named> {
    // The IDs parsed once, at compile time (`try_parse` is a `const fn`; a malformed ID fails
    // the build), not on every keystroke.
    const IDS: [Uuid; apps::WELL_KNOWN.len()] = {
        let mut ids = [Uuid::nil(); apps::WELL_KNOWN.len()];
        let mut i = 0;
        while i < ids.len() {
            ids[i] = match Uuid::try_parse(apps::WELL_KNOWN[i].id) {
                Ok(id) => id,
                Err(_) => panic!("a well-known application ID is not a GUID"),
            };
            i += 1;
        }
        ids
    };
    IDS.iter()
        .position(|&id| id == uuid)
        .map(|i| apps::WELL_KNOWN[i])
}

impl ClientId {
    /// The Microsoft first-party API this is the application ID of (Microsoft Graph, Log
    /// Analytics API), if any: such an ID is never the customer's own application.
    pub fn well_known_api(&self) -> Option<Named> {
        well_known_api(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_canonicalize() {
        let t: TenantId = "'6F1D2C3B-4A59-4E8F-9A7B-0C1D2E3F4A5B',".parse().unwrap();
        assert_eq!(t.to_string(), "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b\""
        );
        let back: TenantId =
            serde_json::from_str("\"6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b\"").unwrap();
        assert_eq!(back, t);
        assert_eq!(
            "00000000-0000-0000-0000-000000000000".parse::<ClientId>(),
            Err(GuidError::Nil { what: "client ID" })
        );
        assert_eq!(
            "".parse::<SubscriptionId>(),
            Err(GuidError::Empty {
                what: "subscription ID"
            })
        );
        assert_eq!(
            "not a guid".parse::<TenantId>(),
            Err(GuidError::NotAGuid { what: "tenant ID" })
        );
        assert_eq!(
            "admin@contoso.onmicrosoft.com".parse::<TenantId>(),
            Err(GuidError::DomainInsteadOfGuid)
        );
    }

    #[test]
    fn domains() {
        assert!(looks_like_domain("contoso.onmicrosoft.com"));
        assert!(looks_like_domain("contoso.com."));
        assert!(!looks_like_domain("contoso"));
        assert!(!looks_like_domain("1.2.3.4"));
        assert!(!looks_like_domain("a..b"));
    }
}
