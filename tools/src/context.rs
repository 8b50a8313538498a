//! What a tool runs with: the caller's scope, the day that counts as "today", and the stores.
//! There is no way to build one without a scope, and the stores are only reachable through
//! methods that apply it.

use std::sync::Arc;

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_search::{BrowseRequest, SearchDocument, SearchHit, SearchIndex, SearchRequest};

use crate::{RecordSource, Scope, ToolError};

/// The stores tools read.
#[derive(Clone)]
pub struct Stores {
    /// Structured records (the knowledge graph).
    pub records: Arc<dyn RecordSource>,
    /// Calls, emails, meetings and tickets.
    pub search: Arc<dyn SearchIndex>,
}

/// One caller's view of the stores on one day.
#[derive(Clone)]
pub struct ToolContext {
    scope: Scope,
    today: NaiveDate,
    stores: Stores,
}

impl ToolContext {
    /// A context for `scope`, treating `today` as the current day (injectable so answers are
    /// reproducible).
    pub fn new(scope: Scope, today: NaiveDate, stores: Stores) -> Self {
        Self {
            scope,
            today,
            stores,
        }
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
