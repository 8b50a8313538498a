//! Where the Meilisearch server is and how patiently to talk to it.

use std::time::Duration;

/// Connection and behaviour settings of a [`super::MeiliIndex`].
///
/// Build one with [`MeiliConfig::new`] and adjust the public fields; every field has a
/// working default.
#[derive(Clone, PartialEq)]
pub struct MeiliConfig {
    /// Base URL of the server, e.g. `http://127.0.0.1:7700` (no trailing slash needed).
    pub url: String,
    /// API key sent as a bearer token; `None` for a server without a master key.
    pub api_key: Option<String>,
    /// The index holding the passages; created with primary key `id` when missing.
    pub index_uid: String,
    /// Documents sent per indexing request (at least 1).
    pub batch_size: usize,
    /// Name of the `userProvided` embedder the vectors are stored under.
    pub embedder_name: String,
    /// Weight of the semantic side in [`crate::SearchMode::Hybrid`], in `0.0..=1.0`.
    pub hybrid_semantic_ratio: f32,
    /// Longest wait for one HTTP request before it counts as failed.
    pub request_timeout: Duration,
    /// Extra attempts after a transient failure (connection error, timeout, 5xx, 429).
    pub max_retries: u32,
    /// Pause before the first retry; doubled for each further one.
    pub retry_backoff: Duration,
    /// Longest wait for an asynchronous task (index creation, settings, documents).
    pub task_timeout: Duration,
    /// First pause between two polls of a task; grows up to half a second.
    pub task_poll_interval: Duration,
}

impl MeiliConfig {
    /// Default batch size: large enough to amortise a request, small enough to stay far
    /// below Meilisearch's payload limit with 384-float vectors.
    pub const DEFAULT_BATCH_SIZE: usize = 500;

    /// A configuration for `index_uid` on the server at `url`, without an API key.
    pub fn new(url: impl Into<String>, index_uid: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            api_key: None,
            index_uid: index_uid.into(),
            batch_size: Self::DEFAULT_BATCH_SIZE,
            embedder_name: "minilm".into(),
            hybrid_semantic_ratio: 0.5,
            request_timeout: Duration::from_secs(30),
            max_retries: 3,
            retry_backoff: Duration::from_millis(200),
            task_timeout: Duration::from_secs(120),
            task_poll_interval: Duration::from_millis(20),
        }
    }

    /// Sets the API key.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Sets the number of documents per indexing request.
    pub fn batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size;
        self
    }

    /// Checks the values before anything is sent.
    pub(crate) fn validate(&self) -> Result<(), crate::SearchError> {
        let invalid = |message: String| {
            Err(crate::SearchError::Backend {
                backend: super::BACKEND,
                message,
            })
        };
        if !(self.url.starts_with("http://") || self.url.starts_with("https://")) {
            return invalid(format!(
                "url `{}` must start with http:// or https://",
                self.url
            ));
        }
        let uid_ok = !self.index_uid.is_empty()
            && self.index_uid.len() <= 400
            && self
                .index_uid
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !uid_ok {
            return invalid(format!(
                "index uid `{}` must be 1 to 400 characters among a-z, A-Z, 0-9, - and _",
                self.index_uid
            ));
        }
        if self.batch_size == 0 {
            return invalid("batch_size must be at least 1".into());
        }
        if self.embedder_name.is_empty() {
            return invalid("embedder_name is empty".into());
        }
        if !(0.0..=1.0).contains(&self.hybrid_semantic_ratio) {
            return invalid(format!(
                "hybrid_semantic_ratio {} is outside 0.0..=1.0",
                self.hybrid_semantic_ratio
            ));
        }
        if self.request_timeout.is_zero() || self.task_timeout.is_zero() {
            return invalid("request_timeout and task_timeout must be positive".into());
        }
        Ok(())
    }

    /// The URL without trailing slashes, as the client expects it.
    pub(crate) fn base_url(&self) -> &str {
        self.url.trim_end_matches('/')
    }
}

impl std::fmt::Debug for MeiliConfig {
    /// Shows everything but the API key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MeiliConfig")
            .field("url", &self.url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("index_uid", &self.index_uid)
            .field("batch_size", &self.batch_size)
            .field("embedder_name", &self.embedder_name)
            .field("hybrid_semantic_ratio", &self.hybrid_semantic_ratio)
            .field("request_timeout", &self.request_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_backoff", &self.retry_backoff)
            .field("task_timeout", &self.task_timeout)
            .field("task_poll_interval", &self.task_poll_interval)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_bad_values_are_named() {
        let config = MeiliConfig::new("http://127.0.0.1:7700/", "passages");
        assert!(config.validate().is_ok());
        assert_eq!(config.base_url(), "http://127.0.0.1:7700");
        let bad = MeiliConfig::new("127.0.0.1:7700", "passages");
        assert!(bad.validate().unwrap_err().to_string().contains("http://"));
        let bad = MeiliConfig::new("http://x", "bad uid!");
        assert!(bad.validate().unwrap_err().to_string().contains("bad uid!"));
        let bad = MeiliConfig::new("http://x", "ok").batch_size(0);
        assert!(
            bad.validate()
                .unwrap_err()
                .to_string()
                .contains("batch_size")
        );
    }

    #[test]
    fn debug_hides_the_key() {
        let config = MeiliConfig::new("http://x", "i").api_key("s3cret-key");
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret"));
        assert!(shown.contains("redacted"));
    }
}
