//! Node and relationship counts, for load reports and idempotency checks.

use std::collections::BTreeMap;

use neo4rs::query;

use super::read::column;
use crate::client::GraphClient;
use crate::error::GraphError;

const NODES: &str =
    "MATCH (n) WHERE NOT n:RevPulseDataStamp UNWIND labels(n) AS label RETURN label, count(*) AS n";
const RELATIONSHIPS: &str = "MATCH ()-[r]->() RETURN type(r) AS rel, count(*) AS n";

/// How many nodes carry each label and how many relationships of each type exist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphCounts {
    /// Nodes per label.
    pub nodes: BTreeMap<String, i64>,
    /// Relationships per type.
    pub relationships: BTreeMap<String, i64>,
}

impl GraphCounts {
    /// All nodes (each node counted once per label it has; RevPulse nodes have one).
    pub fn total_nodes(&self) -> i64 {
        self.nodes.values().sum()
    }

    /// All relationships.
    pub fn total_relationships(&self) -> i64 {
        self.relationships.values().sum()
    }
}

impl GraphClient {
    /// Counts every node label and relationship type in the database.
    pub async fn counts(&self) -> Result<GraphCounts, GraphError> {
        let mut counts = GraphCounts::default();
        for row in self.fetch_rows("count_nodes", query(NODES)).await? {
            let label: String = column(&row, "count_nodes", "label")?;
            counts
                .nodes
                .insert(label, column(&row, "count_nodes", "n")?);
        }
        for row in self
            .fetch_rows("count_relationships", query(RELATIONSHIPS))
            .await?
        {
            let rel: String = column(&row, "count_relationships", "rel")?;
            counts
                .relationships
                .insert(rel, column(&row, "count_relationships", "n")?);
        }
        Ok(counts)
    }
}
