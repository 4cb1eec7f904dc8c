//! Politeness per host: at most one request under way to a host, and requests to it started at least
//! [`super::QueueSettings::per_host_interval`] apart, longer when its server asked to wait (`Retry-After`).
//! Pure bookkeeping on [`Instant`]s; hosts with nothing under way and nothing to wait for are forgotten, so the
//! memory it holds does not grow with the length of the queue.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What is known of one host.
#[derive(Debug, Clone, Copy)]
struct Host {
    in_flight: bool,
    /// No request to it may start before this.
    next_start: Instant,
}

/// The hosts the queue is talking to.
#[derive(Debug)]
pub struct HostSchedule {
    interval: Duration,
    hosts: HashMap<String, Host>,
}

impl HostSchedule {
    /// A schedule spacing requests to a host `interval` apart.
    pub fn new(interval: Duration) -> HostSchedule {
        HostSchedule { interval, hosts: HashMap::new() }
    }

    /// The hosts a request may not start to at `now` (one is under way, or the interval has not passed).
    pub fn blocked(&mut self, now: Instant) -> Vec<String> {
        self.hosts.retain(|_, h| h.in_flight || h.next_start > now);
        self.hosts.keys().cloned().collect()
    }

    /// A request to `host` starts at `now`.
    pub fn start(&mut self, host: &str, now: Instant) {
        self.hosts.insert(host.to_string(), Host { in_flight: true, next_start: now + self.interval });
    }

    /// The request to `host` ended at `now`; `hold` keeps its next one waiting that long (the server asked).
    pub fn finish(&mut self, host: &str, now: Instant, hold: Option<Duration>) {
        if let Some(entry) = self.hosts.get_mut(host) {
            entry.in_flight = false;
            if let Some(hold) = hold {
                entry.next_start = entry.next_start.max(now + hold);
            }
        }
    }

    /// The earliest time a host that now waits may be asked again, if any waits.
    pub fn next_ready(&self, now: Instant) -> Option<Instant> {
        self.hosts.values().filter(|h| !h.in_flight && h.next_start > now).map(|h| h.next_start).min()
    }

    /// How many hosts are remembered (for tests of its memory).
    #[cfg(test)]
    pub fn remembered(&self) -> usize {
        self.hosts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_waits_for_its_request_and_then_for_the_interval() {
        let mut hosts = HostSchedule::new(Duration::from_secs(1));
        let t0 = Instant::now();
        hosts.start("a.example", t0);
        assert_eq!(hosts.blocked(t0), vec!["a.example".to_string()]);
        hosts.finish("a.example", t0 + Duration::from_millis(100), None);
        assert_eq!(hosts.blocked(t0 + Duration::from_millis(500)), vec!["a.example".to_string()]);
        assert_eq!(hosts.next_ready(t0 + Duration::from_millis(500)), Some(t0 + Duration::from_secs(1)));
        assert!(hosts.blocked(t0 + Duration::from_secs(1)).is_empty());
        assert_eq!(hosts.remembered(), 0, "a host with nothing to wait for is forgotten");
    }

    #[test]
    fn retry_after_holds_the_host() {
        let mut hosts = HostSchedule::new(Duration::from_secs(1));
        let t0 = Instant::now();
        hosts.start("a.example", t0);
        hosts.finish("a.example", t0, Some(Duration::from_secs(30)));
        assert!(hosts.blocked(t0 + Duration::from_secs(29)).contains(&"a.example".to_string()));
        assert!(hosts.blocked(t0 + Duration::from_secs(30)).is_empty());
    }
}
