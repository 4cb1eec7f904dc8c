//! When a failed try is tried again, and after how long: the queue's retry rule, pure.
//!
//! Worth another try: a server that asked to wait (429, with its `Retry-After`), one that failed on its side (5xx,
//! 408), a time-out or a broken connection — at most [`super::QueueSettings::max_tries`] tries in all, waiting
//! [`super::QueueSettings::backoff`] times 1, 4, 16… between them, or longer when the server asks, never more than
//! [`super::QueueSettings::max_wait`]. Anything else (a page that is not an article, a refused private address, a
//! 4xx) fails at once; a page that is gone (404, 410, a host that does not exist) is also **gone**, which is when
//! the Wayback Machine is asked for a copy.

use std::time::Duration;

use crate::clip::ClipError;
use crate::fetch::FetchError;

use super::QueueSettings;

/// What to do after a failed try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Try again after this long; `hold_host` when the server asked every request to wait (its `Retry-After`).
    Retry { after: Duration, hold_host: bool },
    /// Do not try again; `gone` when the page no longer exists.
    GiveUp { gone: bool },
}

/// The decision after try number `tries` (1 for the first) failed with `error`.
pub fn decide(error: &ClipError, tries: u32, settings: &QueueSettings) -> Decision {
    let ClipError::Fetch(fetch) = error else { return Decision::GiveUp { gone: false } };
    let asked = match fetch {
        FetchError::HttpStatus { status: 404 | 410, .. } | FetchError::Dns { .. } => {
            return Decision::GiveUp { gone: true };
        }
        FetchError::HttpStatus { status: 408 | 425 | 429 | 500..=599, retry_after, .. } => *retry_after,
        FetchError::Timeout { .. }
        | FetchError::ConnectTimeout { .. }
        | FetchError::ConnectionRefused { .. }
        | FetchError::Network { .. } => None,
        _ => return Decision::GiveUp { gone: false },
    };
    if tries >= settings.max_tries {
        return Decision::GiveUp { gone: false };
    }
    let backoff = settings.backoff.saturating_mul(4u32.saturating_pow(tries.saturating_sub(1)));
    let after = asked.map_or(backoff, |asked| asked.max(backoff)).min(settings.max_wait);
    Decision::Retry { after, hold_host: asked.is_some() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, retry_after: Option<u64>) -> ClipError {
        ClipError::Fetch(FetchError::HttpStatus {
            url: "https://news.example/a".into(),
            status,
            reason: String::new(),
            retry_after: retry_after.map(Duration::from_secs),
        })
    }

    fn settings() -> QueueSettings {
        QueueSettings { backoff: Duration::from_secs(5), max_tries: 3, ..QueueSettings::default() }
    }

    #[test]
    fn server_errors_are_tried_three_times_with_growing_waits() {
        let s = settings();
        assert_eq!(
            decide(&status(503, None), 1, &s),
            Decision::Retry { after: Duration::from_secs(5), hold_host: false }
        );
        assert_eq!(
            decide(&status(500, None), 2, &s),
            Decision::Retry { after: Duration::from_secs(20), hold_host: false }
        );
        assert_eq!(decide(&status(500, None), 3, &s), Decision::GiveUp { gone: false });
    }

    #[test]
    fn retry_after_is_honoured_within_the_longest_wait() {
        let s = settings();
        assert_eq!(
            decide(&status(429, Some(30)), 1, &s),
            Decision::Retry { after: Duration::from_secs(30), hold_host: true }
        );
        // A shorter Retry-After than the backoff does not shorten it.
        assert_eq!(
            decide(&status(429, Some(1)), 2, &s),
            Decision::Retry { after: Duration::from_secs(20), hold_host: true }
        );
        assert_eq!(decide(&status(429, Some(86_400)), 1, &s), Decision::Retry { after: s.max_wait, hold_host: true });
    }

    #[test]
    fn gone_pages_and_other_failures_are_not_tried_again() {
        let s = settings();
        assert_eq!(decide(&status(404, None), 1, &s), Decision::GiveUp { gone: true });
        assert_eq!(decide(&status(410, None), 1, &s), Decision::GiveUp { gone: true });
        let dns =
            ClipError::Fetch(FetchError::Dns { url: "https://gone.example/".into(), host: "gone.example".into() });
        assert_eq!(decide(&dns, 1, &s), Decision::GiveUp { gone: true });
        assert_eq!(decide(&status(403, None), 1, &s), Decision::GiveUp { gone: false });
        let no_article = ClipError::NoArticle { url: "https://news.example/".into(), consent_wall: false };
        assert_eq!(decide(&no_article, 1, &s), Decision::GiveUp { gone: false });
    }

    #[test]
    fn time_outs_and_broken_connections_are_tried_again() {
        let s = settings();
        let timeout = ClipError::Fetch(FetchError::Timeout {
            url: "https://slow.example/".into(),
            limit: Duration::from_secs(30),
        });
        assert!(matches!(decide(&timeout, 1, &s), Decision::Retry { .. }));
        let reset = ClipError::Fetch(FetchError::Network { url: "https://a.example/".into(), reason: "reset".into() });
        assert!(matches!(decide(&reset, 2, &s), Decision::Retry { .. }));
    }
}
