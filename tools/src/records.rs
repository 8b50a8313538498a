//! Where tools read structured records from: the caller's visible part of the company, read
//! from the knowledge graph with the scope applied inside the Cypher and cached per scope until
//! the graph's data changes.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use revpulse_graph::GraphClient;
use revpulse_graph::model::{CompanyDataset, RecordScope};
use tokio::sync::Mutex;

use crate::ToolError;

/// A store of revenue records that can return the part a scope admits.
#[async_trait]
pub trait RecordSource: Send + Sync {
    /// The records `scope` admits, as of now.
    async fn company(&self, scope: &RecordScope) -> Result<Arc<CompanyDataset>, ToolError>;
}

/// A scope's records with the data version (node and relationship counts) they were read at.
type CachedCompany = (i64, i64, Arc<CompanyDataset>);

/// Records read from Neo4j, cached per scope and re-read when the graph's data version
/// (its node and relationship counts, which every load changes) moves.
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
        let counts = self.client.counts().await?;
        let version = (counts.total_nodes(), counts.total_relationships());
        let mut cache = self.cache.lock().await;
        if let Some((nodes, rels, company)) = cache.get(scope)
            && (*nodes, *rels) == version
        {
            return Ok(Arc::clone(company));
        }
        let company = Arc::new(self.client.read_company(scope).await?);
        cache.insert(scope.clone(), (version.0, version.1, Arc::clone(&company)));
        Ok(company)
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
}
