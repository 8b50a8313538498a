//! Where tools read structured records from: the caller's visible part of the company, read
//! from the knowledge graph with the scope applied inside the Cypher and cached per scope until
//! the graph's data changes.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use revpulse_graph::GraphClient;
use revpulse_graph::model::{CompanyDataset, RecordScope};
use revpulse_graph::queries::DataStamp;
use tokio::sync::Mutex;

use crate::ToolError;

/// A store of revenue records that can return the part a scope admits.
#[async_trait]
pub trait RecordSource: Send + Sync {
    /// The records `scope` admits, as of now.
    async fn company(&self, scope: &RecordScope) -> Result<Arc<CompanyDataset>, ToolError>;

    /// Which version of the records a read would see now: equal versions mean equal data, so
    /// anything computed from the records may be cached under it. `None` when the source can't
    /// tell, and then nothing may be.
    async fn data_version(&self) -> Result<Option<String>, ToolError>;
}

/// A scope's records with the data stamp they were read at.
type CachedCompany = (DataStamp, Arc<CompanyDataset>);

/// Records read from Neo4j, cached per scope and re-read when the graph's data stamp (which
/// every write through RevPulse replaces) moves.
pub struct GraphRecords {
    client: GraphClient,
    cache: Mutex<HashMap<RecordScope, CachedCompany>>,
}

impl GraphRecords {
    /// Reads through `client`.
    pub fn new(client: GraphClient) -> Self {
        Self {
            client,
            cache: Mutex::new(HashMap::new()),
        }
    }
}

#[async_trait]
impl RecordSource for GraphRecords {
    async fn company(&self, scope: &RecordScope) -> Result<Arc<CompanyDataset>, ToolError> {
        // Read before the data: a write landing in between only costs one extra re-read.
        let stamp = self.client.data_stamp().await?;
        let mut cache = self.cache.lock().await;
        if let Some((cached_at, company)) = cache.get(scope)
            && *cached_at == stamp
        {
            return Ok(Arc::clone(company));
        }
        let company = Arc::new(self.client.read_company(scope).await?);
        cache.insert(scope.clone(), (stamp, Arc::clone(&company)));
        Ok(company)
    }

    async fn data_version(&self) -> Result<Option<String>, ToolError> {
        let stamp = self.client.data_stamp().await?;
        // A graph nothing has written to yet still has one version: empty.
        Ok(Some(stamp.as_str().unwrap_or("unstamped").to_owned()))
    }
}

/// Records held in memory (a bronze folder, a test fixture), scoped by the same rule the graph
/// applies.
pub struct DatasetRecords {
    company: Arc<CompanyDataset>,
}

impl DatasetRecords {
    /// Serves `company`.
    pub fn new(company: CompanyDataset) -> Self {
        Self {
            company: Arc::new(company),
        }
    }
}

#[async_trait]
impl RecordSource for DatasetRecords {
    async fn company(&self, scope: &RecordScope) -> Result<Arc<CompanyDataset>, ToolError> {
        if scope.is_everything() {
            return Ok(Arc::clone(&self.company));
        }
        Ok(Arc::new(scope.filter(&self.company)))
    }

    async fn data_version(&self) -> Result<Option<String>, ToolError> {
        // Held in memory and never changed: one version for the source's whole life.
        Ok(Some("in-memory".to_owned()))
    }
}
