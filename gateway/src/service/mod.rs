//! The one service every surface calls — GraphQL, MCP, the bots and the scheduler: it builds
//! the caller's tool context, runs tools and the coordinator, keeps conversations and the
//! app records, and writes every question, tool call and answer to the audit log. The
//! surfaces only translate; nothing here knows HTTP.

mod ask;
mod audit;
mod caller;
mod reply_cache;

use std::sync::Arc;
use std::time::Instant;

use chrono::{NaiveDate, Utc};
use revpulse_agents::Coordinator;
use revpulse_gateway_store::{AppStore, AuditWriter, canonical_json};

use crate::config::CacheConfig;
use revpulse_graph::model::User;
use revpulse_tools::{Catalogue, Stores, ToolContext, ToolReply};
use serde_json::Value;

pub use ask::{AskOutcome, AskRequest};
pub use audit::AuditEvent;
pub use caller::{Caller, Surface};
pub use reply_cache::{Lookup, ReplyCache, ReplyKey};

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
    /// The reply cache for direct tool reads.
    pub cache: CacheConfig,
}

/// The parts, and the audit writer appending to the app database's chain.
struct Inner {
    parts: ServiceParts,
    audit: AuditWriter,
    replies: ReplyCache,
}

/// The shared service; cheap to clone.
#[derive(Clone)]
pub struct RevPulseService {
    inner: Arc<Inner>,
}

impl RevPulseService {
    /// A service over `parts`.
    pub fn new(parts: ServiceParts) -> Self {
        Self {
            inner: Arc::new(Inner {
                audit: AuditWriter::new(parts.app.clone()),
                replies: ReplyCache::new(&parts.cache),
                parts,
            }),
        }
    }

    /// Everyone in the company.
    pub fn users(&self) -> &[User] {
        &self.inner.parts.users
    }

    /// Today.
    pub fn today(&self) -> NaiveDate {
        self.inner.parts.today.date()
    }

    /// The tool catalogue.
    pub fn catalogue(&self) -> &Catalogue {
        self.inner.parts.coordinator.catalogue()
    }

    /// The coordinator.
    pub fn coordinator(&self) -> &Coordinator {
        &self.inner.parts.coordinator
    }

    /// The stores tools read.
    pub fn stores(&self) -> &Stores {
        &self.inner.parts.stores
    }

    /// The app database.
    pub fn app(&self) -> &AppStore {
        &self.inner.parts.app
    }

    /// The tool context of `caller`.
    pub fn context(&self, caller: &Caller) -> ToolContext {
        ToolContext::new(
            caller.scope.clone(),
            self.today(),
            self.inner.parts.stores.clone(),
        )
    }

    /// Calls tool `name` with JSON `args` for `caller`, served from the reply cache when an
    /// identical call in the same scope was answered on the same data; audited either way.
    pub async fn call_tool(
        &self,
        caller: &Caller,
        name: &str,
        args: Value,
    ) -> Result<ToolReply, ServiceError> {
        let started = Instant::now();
        let result = self.cached_call(caller, name, &args).await;
        let elapsed = started.elapsed();
        crate::ops::metrics::record_tool(name, caller.surface, elapsed, result.is_ok());
        let event = match &result {
            Ok((reply, lookup)) => {
                let event = AuditEvent::tool_call(
                    name,
                    reply.args.clone(),
                    reply.sources.iter().map(|s| s.id().to_owned()).collect(),
                    None,
                );
                crate::ops::metrics::record_tool_cache(name, *lookup == Lookup::Hit);
                match lookup {
                    Lookup::Hit => event.served_from_cache(),
                    Lookup::Miss => event,
                }
            }
            Err(e) => AuditEvent::tool_call(name, args, Vec::new(), Some(e)),
        };
        self.audit(caller, event.took(elapsed)).await?;
        result.map(|(reply, _)| ToolReply::clone(&reply))
    }

    /// The tool's reply, from the cache when the data version allows.
    async fn cached_call(
        &self,
        caller: &Caller,
        name: &str,
        args: &Value,
    ) -> Result<(Arc<ToolReply>, Lookup), ServiceError> {
        let ctx = self.context(caller);
        let call = || async {
            self.catalogue()
                .call(&ctx, name, args.clone())
                .await
                .map(Arc::new)
                .map_err(ServiceError::from)
        };
        let replies = &self.inner.replies;
        if !replies.enabled() {
            return call().await.map(|reply| (reply, Lookup::Miss));
        }
        let Some(data_version) = self.inner.parts.stores.records.data_version().await? else {
            return call().await.map(|reply| (reply, Lookup::Miss));
        };
        let key = ReplyKey {
            tool: name.to_owned(),
            args: canonical_json(args),
            scope: caller.scope.clone(),
            today: ctx.today(),
            data_version,
        };
        replies.get_or_compute(key, call).await
    }
}
