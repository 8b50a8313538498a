//! Calls to the server: per-request timeouts, retries of transient failures, waiting on
//! asynchronous tasks, and errors that carry Meilisearch's own message and code.

use std::future::Future;
use std::time::Duration;

use meilisearch_sdk::client::Client;
use meilisearch_sdk::errors::{Error, ErrorCode, ErrorType, MeilisearchError};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use tokio::time::{Instant, sleep, timeout};

use super::config::MeiliConfig;
use crate::error::SearchError;

/// Longest pause between two polls of a task.
const MAX_POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The client plus the patience settings.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    pub(crate) client: Client,
    request_timeout: Duration,
    max_retries: u32,
    retry_backoff: Duration,
    task_timeout: Duration,
    task_poll_interval: Duration,
}

/// Why one attempt failed.
enum Failure {
    /// The server or the network answered with an error.
    Sdk(Error),
    /// No answer within the request timeout.
    TimedOut,
}

impl Transport {
    /// A client for the configured server.
    pub(crate) fn new(config: &MeiliConfig) -> Result<Self, SearchError> {
        let client = Client::new(config.base_url(), config.api_key.as_deref())
            .map_err(|e| backend_error("cannot build the HTTP client", &e))?;
        Ok(Self {
            client,
            request_timeout: config.request_timeout,
            max_retries: config.max_retries,
            retry_backoff: config.retry_backoff,
            task_timeout: config.task_timeout,
            task_poll_interval: config.task_poll_interval,
        })
    }

    /// Runs `request` with the request timeout, retrying transient failures with
    /// exponential backoff; `what` names the operation in errors.
    pub(crate) async fn call<T, F, Fut>(&self, what: &str, mut request: F) -> Result<T, SearchError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let mut attempt = 0;
        loop {
            let failure = match timeout(self.request_timeout, request()).await {
                Ok(Ok(value)) => return Ok(value),
                Ok(Err(error)) => Failure::Sdk(error),
                Err(_) => Failure::TimedOut,
            };
            let transient = match &failure {
                Failure::TimedOut => true,
                Failure::Sdk(error) => is_transient(error),
            };
            if !transient || attempt >= self.max_retries {
                let attempts = if attempt == 0 {
                    String::new()
                } else {
                    format!(" (after {} attempts)", attempt + 1)
                };
                return Err(match failure {
                    Failure::Sdk(error) => backend_error(&format!("{what}{attempts}"), &error),
                    Failure::TimedOut => SearchError::Backend {
                        backend: super::BACKEND,
                        message: format!(
                            "{what}{attempts}: no answer within {:?}",
                            self.request_timeout
                        ),
                    },
                });
            }
            let pause = self.retry_backoff.saturating_mul(1 << attempt.min(16));
            tracing::warn!(
                what,
                attempt = attempt + 1,
                ?pause,
                "meilisearch request failed; retrying"
            );
            sleep(pause).await;
            attempt += 1;
        }
    }

    /// Enqueues a task with `request` and waits until it succeeds; a failed task becomes an
    /// error carrying Meilisearch's message and code.
    pub(crate) async fn run_task<F, Fut>(&self, what: &str, request: F) -> Result<(), SearchError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<TaskInfo, Error>>,
    {
        let info = self.call(what, request).await?;
        self.wait(what, info.task_uid).await
    }

    /// Polls task `uid` until it finishes or the task timeout passes; a failed task becomes
    /// an error naming `what`, Meilisearch's message and its code.
    pub(crate) async fn wait(&self, what: &str, uid: u32) -> Result<(), SearchError> {
        self.outcome(what, uid)
            .await?
            .map_err(|error| SearchError::Backend {
                backend: super::BACKEND,
                message: format!("{what}: task {uid} failed: {}", describe(&error)),
            })
    }

    /// Polls task `uid` until it finishes: `Ok(Err(_))` is the task's own failure, `Err(_)`
    /// a failure to learn the outcome (unreachable server, task timeout).
    pub(crate) async fn outcome(
        &self,
        what: &str,
        uid: u32,
    ) -> Result<Result<(), MeilisearchError>, SearchError> {
        let deadline = Instant::now() + self.task_timeout;
        let mut interval = self.task_poll_interval.max(Duration::from_millis(1));
        let reading = format!("{what}: reading task {uid}");
        loop {
            match self
                .call(&reading, || self.client.get_task(TaskId(uid)))
                .await?
            {
                Task::Succeeded { .. } => return Ok(Ok(())),
                Task::Failed { content } => return Ok(Err(content.error)),
                Task::Enqueued { .. } | Task::Processing { .. } => {}
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(SearchError::Backend {
                    backend: super::BACKEND,
                    message: format!(
                        "{what}: task {uid} did not finish within {:?}; it may still complete (see GET /tasks/{uid})",
                        self.task_timeout
                    ),
                });
            }
            sleep(interval.min(deadline - now)).await;
            interval = (interval * 2).min(MAX_POLL_INTERVAL);
        }
    }
}

/// A task uid in the form the client's `get_task` takes.
struct TaskId(u32);

impl AsRef<u32> for TaskId {
    fn as_ref(&self) -> &u32 {
        &self.0
    }
}

/// Whether trying again may help: network errors, timeouts, overload and server errors.
pub(crate) fn is_transient(error: &Error) -> bool {
    match error {
        Error::HttpError(_) => true,
        Error::MeilisearchCommunication(e) => {
            e.status_code >= 500 || e.status_code == 429 || e.status_code == 408
        }
        Error::Meilisearch(e) => {
            code(e) == "too_many_search_requests" || e.error_type == ErrorType::Internal
        }
        _ => false,
    }
}

/// Meilisearch's error code, read from the link when the client does not know the code.
pub(crate) fn code(error: &MeilisearchError) -> String {
    if error.error_code == ErrorCode::Unknown
        && let Some((_, fragment)) = error.error_link.rsplit_once('#')
        && !fragment.is_empty()
    {
        return fragment.to_string();
    }
    error.error_code.to_string()
}

/// "message (code `x`)".
fn describe(error: &MeilisearchError) -> String {
    format!("{} (code `{}`)", error.error_message, code(error))
}

/// A client error as a [`SearchError`], prefixed with what was being done.
pub(crate) fn backend_error(what: &str, error: &Error) -> SearchError {
    let detail = match error {
        Error::Meilisearch(e) => describe(e),
        Error::Timeout => "timed out".to_string(),
        other => other.to_string().replace('\n', "; "),
    };
    SearchError::Backend {
        backend: super::BACKEND,
        message: format!("{what}: {detail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meili_error(json: &str) -> MeilisearchError {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn unknown_codes_are_read_from_the_link() {
        let e = meili_error(
            r#"{"message":"m","code":"invalid_settings_embedders","type":"invalid_request","link":"https://docs.meilisearch.com/errors#invalid_settings_embedders"}"#,
        );
        assert_eq!(code(&e), "invalid_settings_embedders");
        let e = meili_error(
            r#"{"message":"Index `movie` not found.","code":"index_not_found","type":"invalid_request","link":"https://docs.meilisearch.com/errors#index_not_found"}"#,
        );
        assert_eq!(code(&e), "index_not_found");
        assert_eq!(
            describe(&e),
            "Index `movie` not found. (code `index_not_found`)"
        );
    }

    #[test]
    fn only_transient_errors_are_retried() {
        let overloaded = meili_error(
            r#"{"message":"busy","code":"too_many_search_requests","type":"system","link":"https://docs.meilisearch.com/errors#too_many_search_requests"}"#,
        );
        assert!(is_transient(&Error::Meilisearch(overloaded)));
        let bad = meili_error(
            r#"{"message":"bad","code":"invalid_search_filter","type":"invalid_request","link":"https://docs.meilisearch.com/errors#invalid_search_filter"}"#,
        );
        assert!(!is_transient(&Error::Meilisearch(bad)));
        assert!(!is_transient(&Error::Timeout));
    }
}
