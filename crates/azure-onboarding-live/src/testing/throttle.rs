//! The fake's throttling (opt-in, [`FakeConfig::throttling`](super::FakeConfig::throttling)),
//! modelled on `../shared/azure-reference/FACTS.md` §9:
//!
//! - **ARM**: a token bucket per subscription (`/subscriptions/{id}/…`; one more for
//!   tenant-level reads), `arm_capacity` tokens refilled at `arm_refill_per_second`; every
//!   answer carries `x-ms-ratelimit-remaining-subscription-reads` (or `…-tenant-reads`);
//! - **Azure Resource Graph** (`POST /providers/Microsoft.ResourceGraph/resources`): a quota
//!   of `arg_queries` per fixed window of `arg_window` for the one user; every answer carries
//!   `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after` (`hh:mm:ss`);
//! - **Microsoft Graph**: `graph_units` resource units per sliding `graph_window` for the
//!   app, 2 units for `…/appRoleAssignments`, 1 otherwise (`x-ms-resource-unit`);
//! - anything else a host of its own: not limited.
//!
//! A request over its budget is answered `429` with `Retry-After` (seconds, or an HTTP-date
//! with [`Throttling::retry_after_http_date`]) and an ARM/Graph error body, and charged
//! nothing. [`ThrottleCounters`] say what was served and refused.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::time::Instant;

/// The fake's budgets. [`Throttling::azure`] has Azure's documented values.
#[derive(Debug, Clone, PartialEq)]
pub struct Throttling {
    /// ARM bucket size per subscription (Azure: 250).
    pub arm_capacity: u32,
    /// ARM refill per second per subscription (Azure: 25).
    pub arm_refill_per_second: f64,
    /// Resource Graph queries (pages included) per window (Azure: 15).
    pub arg_queries: u32,
    /// Resource Graph's quota window (Azure: 5 s).
    pub arg_window: Duration,
    /// Microsoft Graph resource units per window (Azure, a small tenant: 3,500).
    pub graph_units: u32,
    /// Microsoft Graph's window (Azure: 10 s).
    pub graph_window: Duration,
    /// Send `Retry-After` as an HTTP-date instead of seconds.
    pub retry_after_http_date: bool,
}

impl Throttling {
    /// Azure's documented budgets.
    pub fn azure() -> Self {
        Throttling {
            arm_capacity: 250,
            arm_refill_per_second: 25.0,
            arg_queries: 15,
            arg_window: Duration::from_secs(5),
            graph_units: 3500,
            graph_window: Duration::from_secs(10),
            retry_after_http_date: false,
        }
    }
}

/// What the throttling served and refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThrottleCounters {
    /// ARM requests served (ARG queries not included).
    pub arm_served: usize,
    /// Resource Graph queries served.
    pub arg_served: usize,
    /// Microsoft Graph requests served.
    pub graph_served: usize,
    /// Requests refused with 429, of every kind.
    pub throttled: usize,
    /// Of those, ARM.
    pub arm_throttled: usize,
    /// Of those, Resource Graph.
    pub arg_throttled: usize,
    /// Of those, Microsoft Graph.
    pub graph_throttled: usize,
    /// The fewest tokens any ARM bucket was left with after serving (never below 0).
    pub arm_lowest_tokens: Option<u32>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// The throttling's state, inside the fake.
#[derive(Debug, Default)]
pub(crate) struct Throttle {
    buckets: HashMap<String, Bucket>,
    arg_window_start: Option<Instant>,
    arg_used: u32,
    graph_sent: VecDeque<(Instant, u32)>,
    pub(crate) counters: ThrottleCounters,
}

/// The fake's decision on one request.
pub(crate) struct Verdict {
    /// `Some(retry_after)`: refuse with 429.
    pub refuse: Option<String>,
    /// Headers to add to the answer.
    pub headers: Vec<(String, String)>,
}

enum Scope {
    Arm(String, &'static str),
    Arg,
    Graph(u32),
    Other,
}

fn scope(method: &str, canonical_url: &str) -> Scope {
    let rest = canonical_url
        .split_once("://")
        .map_or(canonical_url, |(_, r)| r);
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let host = rest[..end].to_ascii_lowercase();
    let path = rest[end..]
        .split('?')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match host.as_str() {
        "management.azure.com" => {
            let mut seg = path.trim_start_matches('/').split('/');
            match (seg.next(), seg.next()) {
                (Some("subscriptions"), Some(id)) if !id.is_empty() => {
                    Scope::Arm(id.to_owned(), "x-ms-ratelimit-remaining-subscription-reads")
                }
                (Some("providers"), Some("microsoft.resourcegraph")) if method == "POST" => {
                    Scope::Arg
                }
                _ => Scope::Arm(String::new(), "x-ms-ratelimit-remaining-tenant-reads"),
            }
        }
        "graph.microsoft.com" => Scope::Graph(if path.ends_with("/approleassignments") {
            2
        } else {
            1
        }),
        _ => Scope::Other,
    }
}

fn retry_after(config: &Throttling, wait: Duration) -> String {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let secs = secs.max(1);
    if config.retry_after_http_date {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        http_date(now + secs + 1)
    } else {
        secs.to_string()
    }
}

/// An IMF-fixdate of Unix seconds.
fn http_date(unix: u64) -> String {
    let stamp = crate::rfc3339_utc(i64::try_from(unix).unwrap_or(0));
    // 2026-11-26T12:00:00Z
    let (y, m, d, t) = (&stamp[0..4], &stamp[5..7], &stamp[8..10], &stamp[11..19]);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS[m.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let weekday = DAYS[((unix / 86_400) % 7) as usize];
    format!("{weekday}, {d} {month} {y} {t} GMT")
}

fn hms(d: Duration) -> String {
    let s = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

impl Throttle {
    /// Charges a request arriving now, or refuses it.
    pub(crate) fn check(&mut self, config: &Throttling, method: &str, url: &str) -> Verdict {
        let now = Instant::now();
        match scope(method, url) {
            Scope::Arm(sub, header) => {
                let cap = f64::from(config.arm_capacity);
                let rate = config.arm_refill_per_second.max(1e-6);
                let b = self.buckets.entry(sub).or_insert(Bucket {
                    tokens: cap,
                    last: now,
                });
                b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * rate).min(cap);
                b.last = now;
                if b.tokens < 1.0 {
                    let wait = Duration::from_secs_f64((1.0 - b.tokens) / rate);
                    self.counters.throttled += 1;
                    self.counters.arm_throttled += 1;
                    return Verdict {
                        refuse: Some(retry_after(config, wait)),
                        headers: vec![(header.into(), "0".into())],
                    };
                }
                b.tokens -= 1.0;
                let left = b.tokens.floor() as u32;
                self.counters.arm_served += 1;
                self.counters.arm_lowest_tokens = Some(
                    self.counters
                        .arm_lowest_tokens
                        .map_or(left, |l| l.min(left)),
                );
                Verdict {
                    refuse: None,
                    headers: vec![(header.into(), left.to_string())],
                }
            }
            Scope::Arg => {
                let start = match self.arg_window_start {
                    Some(s) if now.duration_since(s) < config.arg_window => s,
                    _ => {
                        self.arg_used = 0;
                        self.arg_window_start = Some(now);
                        now
                    }
                };
                let resets = config.arg_window.saturating_sub(now.duration_since(start));
                if self.arg_used >= config.arg_queries {
                    self.counters.throttled += 1;
                    self.counters.arg_throttled += 1;
                    return Verdict {
                        refuse: Some(retry_after(config, resets)),
                        headers: vec![
                            ("x-ms-user-quota-remaining".into(), "0".into()),
                            ("x-ms-user-quota-resets-after".into(), hms(resets)),
                        ],
                    };
                }
                self.arg_used += 1;
                self.counters.arg_served += 1;
                Verdict {
                    refuse: None,
                    headers: vec![
                        (
                            "x-ms-user-quota-remaining".into(),
                            (config.arg_queries - self.arg_used).to_string(),
                        ),
                        ("x-ms-user-quota-resets-after".into(), hms(resets)),
                    ],
                }
            }
            Scope::Graph(cost) => {
                while self
                    .graph_sent
                    .front()
                    .is_some_and(|(t, _)| now.duration_since(*t) >= config.graph_window)
                {
                    self.graph_sent.pop_front();
                }
                let used: u32 = self.graph_sent.iter().map(|(_, c)| c).sum();
                if used + cost > config.graph_units {
                    let oldest = self.graph_sent.front().map_or(now, |(t, _)| *t);
                    let wait = config
                        .graph_window
                        .saturating_sub(now.duration_since(oldest));
                    self.counters.throttled += 1;
                    self.counters.graph_throttled += 1;
                    return Verdict {
                        refuse: Some(retry_after(config, wait)),
                        headers: vec![("x-ms-throttle-limit-percentage".into(), "1.0".into())],
                    };
                }
                self.graph_sent.push_back((now, cost));
                self.counters.graph_served += 1;
                Verdict {
                    refuse: None,
                    headers: vec![("x-ms-resource-unit".into(), cost.to_string())],
                }
            }
            Scope::Other => Verdict {
                refuse: None,
                headers: Vec::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_and_durations() {
        assert_eq!(http_date(1_445_412_480), "Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(hms(Duration::from_millis(3_200)), "00:00:04");
    }

    #[tokio::test(start_paused = true)]
    async fn the_arm_bucket_refuses_when_empty_and_refills() {
        let config = Throttling {
            arm_capacity: 3,
            arm_refill_per_second: 1.0,
            ..Throttling::azure()
        };
        let mut t = Throttle::default();
        let url = "https://management.azure.com/subscriptions/a/providers/x";
        for left in ["2", "1", "0"] {
            let v = t.check(&config, "GET", url);
            assert!(v.refuse.is_none());
            assert_eq!(v.headers[0].1, left);
        }
        let v = t.check(&config, "GET", url);
        assert_eq!(v.refuse.as_deref(), Some("1"));
        // Another subscription has its own bucket.
        let other = t.check(
            &config,
            "GET",
            "https://management.azure.com/subscriptions/b",
        );
        assert!(other.refuse.is_none());
        tokio::time::advance(Duration::from_secs(1)).await;
        assert!(t.check(&config, "GET", url).refuse.is_none());
        assert_eq!(t.counters.arm_served, 5);
        assert_eq!(t.counters.arm_throttled, 1);
    }

    #[tokio::test(start_paused = true)]
    async fn the_graph_quota_window_and_units() {
        let config = Throttling {
            arg_queries: 2,
            graph_units: 3,
            ..Throttling::azure()
        };
        let mut t = Throttle::default();
        let arg = "https://management.azure.com/providers/Microsoft.ResourceGraph/resources";
        assert!(t.check(&config, "POST", arg).refuse.is_none());
        let v = t.check(&config, "POST", arg);
        assert!(v.refuse.is_none());
        assert!(v
            .headers
            .contains(&("x-ms-user-quota-remaining".into(), "0".into())));
        assert_eq!(t.check(&config, "POST", arg).refuse.as_deref(), Some("5"));
        tokio::time::advance(Duration::from_secs(5)).await;
        assert!(t.check(&config, "POST", arg).refuse.is_none());
        let g = "https://graph.microsoft.com/v1.0/servicePrincipals/x/appRoleAssignments";
        assert!(t.check(&config, "GET", g).refuse.is_none());
        assert!(t.check(&config, "GET", g).refuse.is_some(), "2 + 2 > 3");
        assert!(t
            .check(&config, "GET", "https://graph.microsoft.com/v1.0/users")
            .refuse
            .is_none());
        assert_eq!(t.counters.graph_throttled, 1);
    }
}
