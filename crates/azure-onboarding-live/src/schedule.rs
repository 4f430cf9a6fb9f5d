//! Pacing of the collector's requests within Azure's throttling
//! (`../shared/azure-reference/FACTS.md` §9):
//!
//! - a **budget per throttling scope** ([`BudgetKey`]): ARM reads per subscription (a token
//!   bucket of 250, refilled at 25/s), tenant-level ARM reads (the same), Azure Resource
//!   Graph queries per user (15 per 5 s, a window), Microsoft Graph per app (3,500 resource
//!   units per 10 s, a window; `appRoleAssignments` costs 2), and any other host (a
//!   conservative bucket of 10, refilled at 5/s). The collector uses 90 % of each
//!   ([`Budgets::use_percent`]) as slack for requests that reach the server late;
//! - **`Retry-After`** (seconds or HTTP-date) blocks the scope it came from until then, and
//!   empties its bucket;
//! - **remaining-budget headers** lower what the collector believes is left
//!   (`x-ms-ratelimit-remaining-subscription-reads`, `…-tenant-reads`; Resource Graph's
//!   `x-ms-user-quota-remaining` / `x-ms-user-quota-resets-after`);
//! - a **global window** of requests in flight, AIMD: it starts at the collector's
//!   `concurrency`, halves on a 429 or 503 (at most once a second), and grows by one per
//!   window of successes back to `concurrency`.
//!
//! Without a clock (a [`Transport`](crate::Transport) whose `now` is `None`) only the window
//! and the per-request `Retry-After` wait apply.

use azure_onboarding::keyed::Keyed;
use core::time::Duration;
use std::collections::VecDeque;

/// One throttling budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// A token bucket: `capacity` requests at once, refilled with `refill` per `period`.
    Bucket {
        /// Tokens when full.
        capacity: u32,
        /// Tokens added per `period`.
        refill: u32,
        /// The refill period.
        period: Duration,
    },
    /// A sliding window: at most `capacity` units in any `period`.
    Window {
        /// Units per period.
        capacity: u32,
        /// The window's length.
        period: Duration,
    },
    /// No budget (tests, or a transport that paces itself).
    Unlimited,
}

/// The budgets the collector keeps to, one per throttling scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budgets {
    /// ARM reads, per subscription (default: bucket of 250, 25 per second).
    pub arm_subscription: Budget,
    /// ARM reads outside a subscription (default: the same bucket).
    pub arm_tenant: Budget,
    /// Azure Resource Graph queries, pages included (default: 15 per 5 s).
    pub resource_graph: Budget,
    /// Microsoft Graph resource units of the app (default: 3,500 per 10 s, a small tenant).
    pub graph: Budget,
    /// Any other host, each on its own (default: bucket of 10, 5 per second).
    pub other_host: Budget,
    /// The share of each budget the collector uses, in percent (default 90; 1 to 100).
    pub use_percent: u8,
}

impl Default for Budgets {
    fn default() -> Self {
        let arm = Budget::Bucket {
            capacity: 250,
            refill: 25,
            period: Duration::from_secs(1),
        };
        Budgets {
            arm_subscription: arm,
            arm_tenant: arm,
            resource_graph: Budget::Window {
                capacity: 15,
                period: Duration::from_secs(5),
            },
            graph: Budget::Window {
                capacity: 3500,
                period: Duration::from_secs(10),
            },
            other_host: Budget::Bucket {
                capacity: 10,
                refill: 5,
                period: Duration::from_secs(1),
            },
            use_percent: 90,
        }
    }
}

impl Budgets {
    /// No budgets at all (only the window of requests in flight).
    pub fn unlimited() -> Self {
        Budgets {
            arm_subscription: Budget::Unlimited,
            arm_tenant: Budget::Unlimited,
            resource_graph: Budget::Unlimited,
            graph: Budget::Unlimited,
            other_host: Budget::Unlimited,
            use_percent: 100,
        }
    }

    fn of(&self, key: &BudgetKey) -> Budget {
        match key {
            BudgetKey::Subscription(_) => self.arm_subscription,
            BudgetKey::ArmTenant => self.arm_tenant,
            BudgetKey::ResourceGraph => self.resource_graph,
            BudgetKey::Graph => self.graph,
            BudgetKey::Host(_) => self.other_host,
        }
    }
}

/// The throttling scope of a request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum BudgetKey {
    /// ARM, under `/subscriptions/{id}` (lowercase).
    Subscription(String),
    /// ARM, outside a subscription.
    ArmTenant,
    /// `POST /providers/Microsoft.ResourceGraph/resources`.
    ResourceGraph,
    /// Microsoft Graph.
    Graph,
    /// Another host (lowercase).
    Host(String),
}

impl BudgetKey {
    /// The key as text, one per key: the subscription's path, `host:` and the host, or a
    /// word (`arm`, `arg`, `graph`) that neither starts with.
    pub(crate) fn text(&self) -> String {
        match self {
            BudgetKey::Subscription(id) => format!("/subscriptions/{id}"),
            BudgetKey::ArmTenant => "arm".to_owned(),
            BudgetKey::ResourceGraph => "arg".to_owned(),
            BudgetKey::Graph => "graph".to_owned(),
            BudgetKey::Host(host) => format!("host:{host}"),
        }
    }
}

/// The scope and cost of a request, from its public-form URL (the snapshot's URL: ARM is
/// `https://management.azure.com`, Graph `https://graph.microsoft.com`, whatever the cloud).
pub(crate) fn budget_of(canonical_url: &str) -> (BudgetKey, u32) {
    let rest = canonical_url
        .split_once("://")
        .map_or(canonical_url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].to_ascii_lowercase();
    let path = rest[end..].split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    match host.as_str() {
        "management.azure.com" => {
            let mut segments = lower.trim_start_matches('/').split('/');
            match (segments.next(), segments.next()) {
                (Some("subscriptions"), Some(id)) if !id.is_empty() => {
                    (BudgetKey::Subscription(id.to_owned()), 1)
                }
                (Some("providers"), Some("microsoft.resourcegraph")) => {
                    (BudgetKey::ResourceGraph, 1)
                }
                _ => (BudgetKey::ArmTenant, 1),
            }
        }
        "graph.microsoft.com" => {
            // FACTS §9: a GET of servicePrincipals/{id}/appRoleAssignments costs 2 units.
            let cost = if lower.ends_with("/approleassignments") {
                2
            } else {
                1
            };
            (BudgetKey::Graph, cost)
        }
        _ => (BudgetKey::Host(host), 1),
    }
}

/// What the scheduler learns from one answer.
#[derive(Debug, Default)]
pub(crate) struct Answer {
    /// HTTP status; `None` when there was no response (timeout, connection).
    pub status: Option<u16>,
    /// `Retry-After`, already converted to a wait.
    pub retry_after: Option<Duration>,
    /// The throttling headers (lowercase names).
    pub headers: Vec<(String, String)>,
}

#[derive(Debug, Default)]
struct Meter {
    tokens: Option<f64>,
    last: Duration,
    /// Window budgets: the units of finished requests, by the time they finished.
    sent: VecDeque<(Duration, u32)>,
    /// Window budgets: the units of requests in flight. A request counts from its start
    /// until a window after its answer: the server counted it on arrival, somewhere between
    /// the two, so no window of the server's (fixed or sliding) sees more than the budget.
    open: u32,
    blocked_until: Duration,
}

/// The scheduler's state: one per collection.
#[derive(Debug)]
pub(crate) struct Scheduler {
    budgets: Budgets,
    max_window: usize,
    window: f64,
    in_flight: usize,
    meters: Meters,
    last_decrease: Option<Duration>,
    /// 429 answers received.
    pub throttled: usize,
    /// The smallest the window became.
    pub lowest_window: usize,
}

/// The meters by budget, keyed by [`BudgetKey::text`]: the core's `Keyed`, whose hash table
/// type the core's maps use, so the wasm build compiles no second one for `BudgetKey`
/// (issue 15).
type Meters = Keyed<Meter>;

/// How long to wait before asking again when only the window is full.
const WINDOW_POLL: Duration = Duration::from_millis(5);

impl Scheduler {
    pub(crate) fn new(budgets: Budgets, concurrency: usize) -> Self {
        let max = concurrency.max(1);
        Scheduler {
            budgets,
            max_window: max,
            window: max as f64,
            in_flight: 0,
            meters: Meters::default(),
            last_decrease: None,
            throttled: 0,
            lowest_window: max,
        }
    }

    fn share(&self, n: u32) -> f64 {
        let pct = f64::from(self.budgets.use_percent.clamp(1, 100)) / 100.0;
        (f64::from(n) * pct).max(1.0)
    }

    /// Starts a request of `key` costing `cost` at `now`: `None` when it may go (the slot and
    /// the budget are taken), else how long to wait before asking again.
    pub(crate) fn try_start(
        &mut self,
        key: &BudgetKey,
        cost: u32,
        now: Option<Duration>,
    ) -> Option<Duration> {
        if self.in_flight >= (self.window.floor() as usize).max(1) {
            return Some(WINDOW_POLL);
        }
        if let Some(now) = now {
            let budget = self.budgets.of(key);
            let (cap_share, refill_share) = match budget {
                Budget::Bucket {
                    capacity, refill, ..
                } => (self.share(capacity), self.share(refill)),
                Budget::Window { capacity, .. } => (self.share(capacity), 0.0),
                Budget::Unlimited => (0.0, 0.0),
            };
            let meter = self.meters.get_or_insert_with(key.text(), Meter::default);
            if now < meter.blocked_until {
                return Some(meter.blocked_until - now);
            }
            let cost_f = f64::from(cost);
            match budget {
                Budget::Bucket { period, .. } => {
                    let rate = refill_share / period.as_secs_f64().max(1e-3);
                    let tokens = match meter.tokens {
                        None => cap_share,
                        Some(t) => {
                            let dt = now.saturating_sub(meter.last).as_secs_f64();
                            (t + dt * rate).min(cap_share)
                        }
                    };
                    meter.last = now;
                    meter.tokens = Some(tokens);
                    if tokens < cost_f.min(cap_share) {
                        let missing = cost_f.min(cap_share) - tokens;
                        return Some(secs((missing / rate).max(0.001)));
                    }
                    meter.tokens = Some(tokens - cost_f);
                }
                Budget::Window { period, .. } => {
                    while meter.sent.front().is_some_and(|(t, _)| *t + period <= now) {
                        meter.sent.pop_front();
                    }
                    let used: u32 = meter.sent.iter().map(|(_, c)| c).sum::<u32>() + meter.open;
                    if f64::from(used) + cost_f > cap_share && used > 0 {
                        let oldest = meter.sent.front().map(|(t, _)| *t + period);
                        return Some(
                            oldest
                                .map_or(WINDOW_POLL, |t| t.saturating_sub(now))
                                .max(WINDOW_POLL),
                        );
                    }
                    meter.open += cost;
                }
                Budget::Unlimited => {}
            }
        }
        self.in_flight += 1;
        None
    }

    /// A request of `key` that cost `cost` ended at `now` with `answer`.
    pub(crate) fn finish(
        &mut self,
        key: &BudgetKey,
        cost: u32,
        now: Option<Duration>,
        answer: &Answer,
    ) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let congested = matches!(answer.status, Some(429 | 503));
        if answer.status == Some(429) {
            self.throttled += 1;
        }
        if congested {
            let due = match (now, self.last_decrease) {
                (Some(n), Some(l)) => n.saturating_sub(l) >= Duration::from_secs(1),
                _ => true,
            };
            if due {
                self.window = (self.window / 2.0).max(1.0);
                self.last_decrease = now;
                self.lowest_window = self.lowest_window.min(self.window as usize);
            }
        } else if answer.status.is_some() {
            self.window = (self.window + 1.0 / self.window).min(self.max_window as f64);
        }
        let Some(now) = now else {
            return;
        };
        let pct = f64::from(self.budgets.use_percent.clamp(1, 100)) / 100.0;
        let meter = self.meters.get_or_insert_with(key.text(), Meter::default);
        if let Budget::Window { .. } = self.budgets.of(key) {
            if meter.open > 0 {
                let cost = cost.min(meter.open);
                meter.open -= cost;
                meter.sent.push_back((now, cost));
            }
        }
        if answer.status == Some(429) {
            let wait = answer.retry_after.unwrap_or(Duration::from_secs(1));
            meter.blocked_until = meter.blocked_until.max(now + wait);
            if meter.tokens.is_some() {
                meter.tokens = Some(0.0);
                meter.last = now + wait;
            }
        }
        let header = |name: &str| {
            answer
                .headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim())
        };
        let remaining_name = match key {
            BudgetKey::Subscription(_) => Some("x-ms-ratelimit-remaining-subscription-reads"),
            BudgetKey::ArmTenant => Some("x-ms-ratelimit-remaining-tenant-reads"),
            _ => None,
        };
        if let Some(remaining) = remaining_name
            .and_then(header)
            .and_then(|v| v.parse::<u32>().ok())
        {
            if let Some(t) = meter.tokens {
                meter.tokens = Some(t.min(f64::from(remaining) * pct));
            }
        }
        if *key == BudgetKey::ResourceGraph {
            let remaining = header("x-ms-user-quota-remaining").and_then(|v| v.parse::<u32>().ok());
            let resets = header("x-ms-user-quota-resets-after").and_then(hms);
            if let (Some(0), Some(resets)) = (remaining, resets) {
                meter.blocked_until = meter.blocked_until.max(now + resets);
            }
        }
    }

    /// Requests in flight now.
    #[cfg(test)]
    pub(crate) fn in_flight(&self) -> usize {
        self.in_flight
    }
}

/// `hh:mm:ss` (Resource Graph's `x-ms-user-quota-resets-after`) as a duration.
pub(crate) fn hms(v: &str) -> Option<Duration> {
    let mut parts = v.trim().split(':');
    let (h, m, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    // Whole seconds; a fraction rounds up. (No float parsing: it would add kilobytes to
    // the browser build.)
    let (s, frac) = s.split_once('.').unwrap_or((s, ""));
    let h: u64 = h.parse().ok()?;
    let m: u64 = m.parse().ok()?;
    let s: u64 = s.parse().ok()?;
    if m > 59 || s > 60 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let up = u64::from(frac.bytes().any(|b| b != b'0'));
    Some(Duration::from_secs(h * 3600 + m * 60 + s + up))
}

/// `Retry-After` as a wait: delay-seconds, or an HTTP-date (`Wed, 21 Oct 2015 07:28:00
/// GMT`) measured from `now_unix` (the collection's wall clock; a date is ignored without
/// one). A date in the past is no wait.
pub(crate) fn retry_after(v: &str, now_unix: Option<f64>) -> Option<Duration> {
    let v = v.trim();
    if let Ok(s) = v.parse::<u64>() {
        return Some(Duration::from_secs(s));
    }
    let at = http_date(v)? as f64;
    let now = now_unix?;
    Some(secs((at - now).max(0.0)))
}

/// Seconds as a duration, without `Duration::from_secs_f64`'s panic (a cast saturates).
pub(crate) fn secs(s: f64) -> Duration {
    Duration::from_millis((s * 1000.0) as u64)
}

/// Unix seconds of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7).
fn http_date(v: &str) -> Option<i64> {
    let parts: Vec<&str> = v.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = MONTHS.iter().position(|x| x.eq_ignore_ascii_case(month))? + 1;
    if day.len() != 2 || year.len() != 4 || time.len() != 8 {
        return None;
    }
    azure_onboarding::rfc3339_seconds(&format!("{year}-{m:02}-{day}T{time}Z"))
}

/// The order to issue `keys` in: round-robin over the scopes, each scope's requests in
/// their list order, so that no subscription's budget is drained while others idle.
pub(crate) fn interleave(keys: &[BudgetKey]) -> Vec<usize> {
    // Each key's requests, the keys in order of first appearance (by text, see `Meters`).
    let mut groups: Keyed<VecDeque<usize>> = Keyed::default();
    for (i, k) in keys.iter().enumerate() {
        groups
            .get_or_insert_with(k.text(), VecDeque::new)
            .push_back(i);
    }
    let mut order = Vec::with_capacity(keys.len());
    while order.len() < keys.len() {
        for q in groups.values_mut() {
            if let Some(i) = q.pop_front() {
                order.push(i);
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Option<Duration> {
        Some(Duration::from_millis(n))
    }

    #[test]
    fn budget_keys_have_distinct_texts() {
        let keys = [
            BudgetKey::Subscription("x".into()),
            BudgetKey::Subscription("arm".into()),
            BudgetKey::Host("x".into()),
            BudgetKey::Host("arm".into()),
            BudgetKey::Host("/subscriptions/x".into()),
            BudgetKey::ArmTenant,
            BudgetKey::ResourceGraph,
            BudgetKey::Graph,
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a.text(), b.text(), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn scopes_and_costs() {
        let sub = "https://management.azure.com/subscriptions/ABC/providers/x?api-version=1";
        assert_eq!(budget_of(sub), (BudgetKey::Subscription("abc".into()), 1));
        assert_eq!(
            budget_of("https://management.azure.com/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01").0,
            BudgetKey::ResourceGraph
        );
        assert_eq!(
            budget_of("https://management.azure.com/providers/Microsoft.Management/x").0,
            BudgetKey::ArmTenant
        );
        assert_eq!(
            budget_of("https://graph.microsoft.com/v1.0/servicePrincipals/x/appRoleAssignments"),
            (BudgetKey::Graph, 2)
        );
        assert_eq!(
            budget_of("https://Logs.blob.core.windows.net/insights-logs?comp=list").0,
            BudgetKey::Host("logs.blob.core.windows.net".into())
        );
    }

    #[test]
    fn the_bucket_is_kept_and_refills() {
        let mut b = Budgets::unlimited();
        b.arm_subscription = Budget::Bucket {
            capacity: 10,
            refill: 5,
            period: Duration::from_secs(1),
        };
        let mut s = Scheduler::new(b, 100);
        let k = BudgetKey::Subscription("a".into());
        for _ in 0..10 {
            assert_eq!(s.try_start(&k, 1, ms(0)), None);
        }
        let wait = s.try_start(&k, 1, ms(0)).expect("the bucket is empty");
        assert!(wait >= Duration::from_millis(150) && wait <= Duration::from_millis(250));
        assert_eq!(s.try_start(&k, 1, ms(200)), None);
        // Another subscription has its own bucket.
        assert_eq!(
            s.try_start(&BudgetKey::Subscription("b".into()), 1, ms(200)),
            None
        );
    }

    #[test]
    fn the_share_leaves_slack_and_the_window_slides() {
        let mut b = Budgets::unlimited();
        b.resource_graph = Budget::Window {
            capacity: 10,
            period: Duration::from_secs(5),
        };
        b.use_percent = 90;
        let mut s = Scheduler::new(b, 100);
        let k = BudgetKey::ResourceGraph;
        let ok = Answer {
            status: Some(200),
            retry_after: None,
            headers: Vec::new(),
        };
        for i in 0..9 {
            assert_eq!(s.try_start(&k, 1, ms(i * 100)), None, "query {i}");
        }
        // In flight, a query counts (the server counts it on arrival, at a time unknown).
        assert_eq!(s.try_start(&k, 1, ms(1000)), Some(WINDOW_POLL));
        for i in 0..9 {
            s.finish(&k, 1, ms(i * 100 + 50), &ok);
        }
        // Then for a window after its answer: the first answered at 50 ms.
        let wait = s.try_start(&k, 1, ms(1000)).expect("9 of 10 used");
        assert_eq!(wait, Duration::from_millis(4050));
        assert_eq!(s.try_start(&k, 1, ms(5050)), None);
    }

    #[test]
    fn retry_after_blocks_its_scope_and_the_window_halves_then_grows() {
        let mut s = Scheduler::new(Budgets::default(), 8);
        let (a, b) = (
            BudgetKey::Subscription("a".into()),
            BudgetKey::Subscription("b".into()),
        );
        assert_eq!(s.try_start(&a, 1, ms(0)), None);
        let throttled = Answer {
            status: Some(429),
            retry_after: Some(Duration::from_secs(3)),
            headers: Vec::new(),
        };
        s.finish(&a, 1, ms(10), &throttled);
        assert_eq!(s.throttled, 1);
        assert_eq!(
            s.try_start(&a, 1, ms(20)),
            Some(Duration::from_millis(2990))
        );
        assert_eq!(s.try_start(&b, 1, ms(20)), None, "another scope goes on");
        for _ in 0..3 {
            assert_eq!(s.try_start(&b, 1, ms(20)), None);
        }
        assert_eq!(s.in_flight(), 4);
        assert_eq!(
            s.try_start(&b, 1, ms(20)),
            Some(WINDOW_POLL),
            "window 8 -> 4"
        );
        assert_eq!(s.lowest_window, 4);
        let ok = Answer {
            status: Some(200),
            ..Answer::default()
        };
        for _ in 0..4 {
            s.finish(&b, 1, ms(30), &ok);
        }
        assert!(s.window > 4.9, "{}", s.window);
    }

    #[test]
    fn remaining_headers_lower_the_budget() {
        let mut s = Scheduler::new(Budgets::default(), 100);
        let a = BudgetKey::Subscription("a".into());
        assert_eq!(s.try_start(&a, 1, ms(0)), None);
        let answer = Answer {
            status: Some(200),
            retry_after: None,
            headers: vec![(
                "x-ms-ratelimit-remaining-subscription-reads".into(),
                "2".into(),
            )],
        };
        s.finish(&a, 1, ms(0), &answer);
        assert_eq!(s.try_start(&a, 1, ms(0)), None);
        assert!(s.try_start(&a, 1, ms(0)).is_some(), "only 1.8 were left");
        let g = BudgetKey::ResourceGraph;
        assert_eq!(s.try_start(&g, 1, ms(0)), None);
        let quota = Answer {
            status: Some(200),
            retry_after: None,
            headers: vec![
                ("x-ms-user-quota-remaining".into(), "0".into()),
                ("x-ms-user-quota-resets-after".into(), "00:00:04".into()),
            ],
        };
        s.finish(&g, 1, ms(0), &quota);
        assert_eq!(s.try_start(&g, 1, ms(1000)), Some(Duration::from_secs(3)));
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(retry_after(" 3 ", None), Some(Duration::from_secs(3)));
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        let at = azure_onboarding::rfc3339_seconds("2015-10-21T07:28:00Z").unwrap() as f64;
        assert_eq!(retry_after(date, None), None);
        assert_eq!(
            retry_after(date, Some(at - 5.0)),
            Some(Duration::from_secs(5))
        );
        assert_eq!(retry_after(date, Some(at + 5.0)), Some(Duration::ZERO));
        assert_eq!(retry_after("Wed, 21 Foo 2015 07:28:00 GMT", Some(at)), None);
        assert_eq!(retry_after("soon", Some(at)), None);
        assert_eq!(hms("00:01:02"), Some(Duration::from_secs(62)));
        assert_eq!(hms("1:2"), None);
        assert_eq!(hms("00:00:02.5"), Some(Duration::from_secs(3)));
        assert_eq!(hms("00:00:02.000"), Some(Duration::from_secs(2)));
        assert_eq!(hms("00:00:0x"), None);
    }

    #[test]
    fn interleaving_is_round_robin_and_keeps_each_scopes_order() {
        let k = |s: &str| BudgetKey::Subscription(s.into());
        let keys = [k("a"), k("a"), k("a"), k("b"), k("c"), k("c")];
        assert_eq!(interleave(&keys), vec![0, 3, 4, 1, 5, 2]);
    }
}
