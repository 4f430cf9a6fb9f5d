//! Egress rules: the provider's public IPv4 addresses or CIDR ranges that a storage
//! firewall must allow (`networkAcls.ipRules[].value`, "IPv4 or CIDR", FACTS §4).

use core::fmt;
use core::net::Ipv4Addr;
use core::str::FromStr;

/// Why an egress rule was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EgressRuleError {
    /// Not an IPv4 address or CIDR range.
    #[error(
        "expected an IPv4 address such as 203.0.113.10 or a CIDR range such as 198.51.100.0/29"
    )]
    NotIpv4,
    /// Bad prefix length.
    #[error("the prefix length after / must be a number from 0 to 32")]
    BadPrefix,
    /// Address bits set beyond the prefix.
    #[error("the range has address bits set beyond its /{prefix} prefix; did you mean {network}/{prefix}?")]
    HostBitsSet {
        /// The network address the range probably meant.
        network: Ipv4Addr,
        /// The prefix length.
        prefix: u8,
    },
    /// Not a public address: a provider's egress address on the Internet is always public.
    #[error("this is not a public Internet address (private, loopback, link-local or reserved); the provider's egress addresses are public")]
    NotPublic,
}

/// An IPv4 address or CIDR range. A single address prints without `/32`.
///
/// ```
/// use azure_onboarding::EgressRule;
/// let r: EgressRule = "198.51.100.0/29".parse().unwrap();
/// assert!(r.contains("198.51.100.7".parse().unwrap()));
/// assert_eq!("203.0.113.10/32".parse::<EgressRule>().unwrap().to_string(), "203.0.113.10");
/// assert!("10.0.0.1".parse::<EgressRule>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EgressRule {
    network: Ipv4Addr,
    prefix: u8,
}

fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    }
}

fn is_public(a: Ipv4Addr) -> bool {
    let o = a.octets();
    let shared = o[0] == 100 && (o[1] & 0xC0) == 64; // 100.64.0.0/10
    !(a.is_private()
        || a.is_loopback()
        || a.is_link_local()
        || a.is_broadcast()
        || a.is_multicast()
        || a.is_unspecified()
        || shared
        || o[0] == 0
        || o[0] >= 240)
}

impl EgressRule {
    /// The network (or single) address.
    pub fn network(&self) -> Ipv4Addr {
        self.network
    }

    /// The prefix length (32 for a single address).
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// Whether the rule covers this address.
    pub fn contains(&self, addr: Ipv4Addr) -> bool {
        let m = mask(self.prefix);
        u32::from(addr) & m == u32::from(self.network)
    }
}

impl FromStr for EgressRule {
    type Err = EgressRuleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (clean, _) = crate::normalize::clean_token(s);
        let (addr, prefix) = match clean.split_once('/') {
            Some((a, p)) => {
                let prefix: u8 = p.parse().map_err(|_| EgressRuleError::BadPrefix)?;
                if prefix > 32 || p.starts_with('+') {
                    return Err(EgressRuleError::BadPrefix);
                }
                (a, prefix)
            }
            None => (clean, 32),
        };
        let addr: Ipv4Addr = addr.parse().map_err(|_| EgressRuleError::NotIpv4)?;
        let network = Ipv4Addr::from(u32::from(addr) & mask(prefix));
        if network != addr {
            return Err(EgressRuleError::HostBitsSet { network, prefix });
        }
        if !is_public(addr) {
            return Err(EgressRuleError::NotPublic);
        }
        Ok(EgressRule { network, prefix })
    }
}

impl fmt::Display for EgressRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.prefix == 32 {
            write!(f, "{}", self.network)
        } else {
            write!(f, "{}/{}", self.network, self.prefix)
        }
    }
}

serde_via_str!(EgressRule);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let r: EgressRule = " 203.0.113.10 ".parse().unwrap();
        assert_eq!(r.prefix(), 32);
        assert!(r.contains("203.0.113.10".parse().unwrap()));
        assert!(!r.contains("203.0.113.11".parse().unwrap()));
        assert_eq!(
            "198.51.100.5/29".parse::<EgressRule>(),
            Err(EgressRuleError::HostBitsSet {
                network: "198.51.100.0".parse().unwrap(),
                prefix: 29
            })
        );
        assert_eq!(
            "1.2.3.4/33".parse::<EgressRule>(),
            Err(EgressRuleError::BadPrefix)
        );
        assert_eq!(
            "1.2.3.4/+3".parse::<EgressRule>(),
            Err(EgressRuleError::BadPrefix)
        );
        assert_eq!("1.2.3".parse::<EgressRule>(), Err(EgressRuleError::NotIpv4));
        assert_eq!("::1".parse::<EgressRule>(), Err(EgressRuleError::NotIpv4));
        for private in [
            "10.1.2.3",
            "192.168.0.0/16",
            "127.0.0.1",
            "169.254.1.1",
            "100.64.0.1",
        ] {
            assert_eq!(
                private.parse::<EgressRule>(),
                Err(EgressRuleError::NotPublic),
                "{private}"
            );
        }
        assert_eq!(
            serde_json::to_string(&"198.51.100.0/29".parse::<EgressRule>().unwrap()).unwrap(),
            "\"198.51.100.0/29\""
        );
    }
}
