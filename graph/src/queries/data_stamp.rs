//! The data stamp: one marker node that every write through [`GraphClient`] replaces with a
//! fresh random value. A reader that caches what it read (the tools' records cache, the
//! gateway's reply cache) reads the stamp first and re-reads the data only when it moved, so a
//! cache is exact without scanning the graph: any load, re-load with changed properties, or
//! wipe gives a new stamp. The marker (label `RevPulseDataStamp`) is left out of
//! [`GraphClient::counts`].

use neo4rs::query;

use super::read::column;
use crate::client::GraphClient;
use crate::error::GraphError;

const TOUCH: &str = "MERGE (s:RevPulseDataStamp {key: 'graph'}) \
    SET s.stamp = randomUUID(), s.changed_at = datetime()";
const READ: &str = "MATCH (s:RevPulseDataStamp {key: 'graph'}) RETURN s.stamp AS stamp";

/// Which version of the graph's data a read saw. Two reads with equal stamps saw the same data
/// (as far as writes through RevPulse go); `None` is a graph nothing has written to yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DataStamp(Option<String>);

impl DataStamp {
    /// The stamp's text, if the graph has been written to.
    pub fn as_str(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl GraphClient {
    /// The current data stamp: one indexed lookup, cheap enough to read before every cached read.
    pub async fn data_stamp(&self) -> Result<DataStamp, GraphError> {
        let rows = self.fetch_rows("data_stamp", query(READ)).await?;
        match rows.first() {
            Some(row) => Ok(DataStamp(Some(column(row, "data_stamp", "stamp")?))),
            None => Ok(DataStamp(None)),
        }
    }

    /// Replaces the data stamp; called after every write so cached readers re-read.
    pub(crate) async fn touch_data_stamp(&self) -> Result<(), GraphError> {
        self.run_write("touch_data_stamp", query(TOUCH)).await
    }
}
