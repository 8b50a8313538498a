//! The one service every surface calls — GraphQL, MCP, the bots and the scheduler: it builds
//! the caller's tool context, runs tools and the coordinator, keeps conversations and the
//! app records, and writes every question, tool call and answer to the audit log. The
//! surfaces only translate; nothing here knows HTTP.

mod ask;
mod audit;
mod caller;

use std::sync::Arc;
use std::time::Instant;

use chrono::{NaiveDate, Utc};
use revpulse_agents::Coordinator;
use revpulse_gateway_store::AppStore;
use revpulse_graph::model::User;
use revpulse_tools::{Catalogue, Stores, ToolContext, ToolReply};
use serde_json::Value;

pub use ask::{AskOutcome, AskRequest};
pub use audit::AuditEvent;
pub use caller::{Caller, Surface};

use crate::ServiceError;

/// Which day counts as today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Today {
    /// A fixed day (the demo company's, tests).
    Fixed(NaiveDate),
    /// The clock's day in UTC.
    Clock,
}

impl Today {
    /// The day.
    pub fn date(self) -> NaiveDate {
        match self {
            Self::Fixed(day) => day,
            Self::Clock => Utc::now().date_naive(),
        }
    }
}

/// What the service is made of.
pub struct ServiceParts {
    /// The stores tools read.
    pub stores: Stores,
    /// The coordinator and its brain.
    pub coordinator: Coordinator,
    /// Everyone in the company (to map principals to scopes).
    pub users: Vec<User>,
    /// Which day counts as today.
    pub today: Today,
    /// The app database.
    pub app: AppStore,
}

/// The shared service; cheap to clone.
#[derive(Clone)]
pub struct RevPulseService {
    inner: Arc<ServiceParts>,
}

impl RevPulseService {
    /// A service over `parts`.
    pub fn new(parts: ServiceParts) -> Self {
        Self {
            inner: Arc::new(parts),
        }
    }

    /// Everyone in the company.
    pub fn users(&self) -> &[User] {
        &self.inner.users
    }

    /// Today.
    pub fn today(&self) -> NaiveDate {
        self.inner.today.date()
    }

    /// The tool catalogue.
    pub fn catalogue(&self) -> &Catalogue {
        self.inner.coordinator.catalogue()
    }

    /// The coordinator.
    pub fn coordinator(&self) -> &Coordinator {
        &self.inner.coordinator
    }

    /// The stores tools read.
    pub fn stores(&self) -> &Stores {
        &self.inner.stores
    }

    /// The app database.
    pub fn app(&self) -> &AppStore {
        &self.inner.app
    }

    /// The tool context of `caller`.
    pub fn context(&self, caller: &Caller) -> ToolContext {
        ToolContext::new(
            caller.scope.clone(),
            self.today(),
            self.inner.stores.clone(),
        )
    }

    /// Calls tool `name` with JSON `args` for `caller`; audited either way.
    pub async fn call_tool(
        &self,
        caller: &Caller,
        name: &str,
        args: Value,
    ) -> Result<ToolReply, ServiceError> {
        let started = Instant::now();
        let ctx = self.context(caller);
        let result = self
            .catalogue()
            .call(&ctx, name, args.clone())
            .await
            .map_err(ServiceError::from);
        let elapsed = started.elapsed();
        crate::ops::metrics::record_tool(name, caller.surface, elapsed, result.is_ok());
        let event = match &result {
            Ok(reply) => AuditEvent::tool_call(
                name,
                reply.args.clone(),
                reply.sources.iter().map(|s| s.id().to_owned()).collect(),
                None,
            ),
            Err(e) => AuditEvent::tool_call(name, args, Vec::new(), Some(e)),
        };
        self.audit(caller, event.took(elapsed)).await?;
        result
    }
}
