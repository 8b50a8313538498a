//! Destructive maintenance, for `revpulse demo --fresh` and test isolation.

use neo4rs::query;

use crate::client::GraphClient;
use crate::error::GraphError;

const DELETE_ALL: &str = "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS";

impl GraphClient {
    /// Deletes every node and relationship in the database (schema is kept). Irreversible:
    /// only the CLI's explicit `--fresh` flag and the tests call it. The data stamp is replaced.
    pub async fn delete_all_data(&self) -> Result<(), GraphError> {
        self.run_write("delete_all_data", query(DELETE_ALL)).await?;
        self.touch_data_stamp().await
    }
}
