//! What a tool runs with: the caller's scope, the day that counts as "today", and the stores.
//! There is no way to build one without a scope, and the stores are only reachable through
//! methods that apply it.

use std::sync::Arc;

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_search::{BrowseRequest, SearchDocument, SearchHit, SearchIndex, SearchRequest};

use crate::{RecordSource, Scope, ToolError, ToolReply};

/// The stores tools read.
#[derive(Clone)]
pub struct Stores {
    /// Structured records (the knowledge graph).
    pub records: Arc<dyn RecordSource>,
    /// Calls, emails, meetings and tickets.
    pub search: Arc<dyn SearchIndex>,
}

/// Told about every tool call made with a context — how the gateway audits the calls an
/// agent makes on a caller's behalf (name, arguments, ids returned).
pub trait ToolObserver: Send + Sync {
    /// A call to `tool` with `args` finished with `result`.
    fn observe(&self, tool: &str, args: &serde_json::Value, result: Result<&ToolReply, &ToolError>);
}

/// One caller's view of the stores on one day.
#[derive(Clone)]
pub struct ToolContext {
    scope: Scope,
    today: NaiveDate,
    stores: Stores,
    observer: Option<Arc<dyn ToolObserver>>,
}

impl ToolContext {
    /// A context for `scope`, treating `today` as the current day (injectable so answers are
    /// reproducible).
    pub fn new(scope: Scope, today: NaiveDate, stores: Stores) -> Self {
        Self {
            scope,
            today,
            stores,
            observer: None,
        }
    }

    /// The same context, reporting every tool call to `observer`.
    pub fn observed_by(mut self, observer: Arc<dyn ToolObserver>) -> Self {
        self.observer = Some(observer);
        self
    }

    /// The observer, if any.
    pub(crate) fn observer(&self) -> Option<&Arc<dyn ToolObserver>> {
        self.observer.as_ref()
    }

    /// The caller's scope.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The day that counts as today.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The same caller on another day (as-of questions).
    pub fn on(&self, day: NaiveDate) -> Self {
        Self {
            today: day,
            ..self.clone()
        }
    }

    /// The records the caller may see.
    pub async fn company(&self) -> Result<Arc<CompanyDataset>, ToolError> {
        self.stores.records.company(self.scope.records()).await
    }

    /// Searches conversations; the caller's scope replaces whatever scope `request` carried.
    pub async fn search(&self, request: SearchRequest) -> Result<Vec<SearchHit>, ToolError> {
        let request = SearchRequest {
            scope: self.scope.retrieval(),
            ..request
        };
        Ok(self.stores.search.search(&request).await?)
    }

    /// Reads every conversation passage matching `request`'s filter, newest first, without a
    /// ranking query; the caller's scope replaces whatever scope `request` carried.
    pub async fn browse(&self, request: BrowseRequest) -> Result<Vec<SearchDocument>, ToolError> {
        let request = BrowseRequest {
            scope: self.scope.retrieval(),
            ..request
        };
        Ok(self.stores.search.browse(&request).await?)
    }
}
