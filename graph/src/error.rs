//! The one error type of the graph crate, with what a caller should do about each case.

/// Everything that can go wrong talking to the knowledge graph.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// Neo4j could not be reached (down, wrong address, network). Surface to the operator with
    /// the URI; retrying later may help.
    #[error(
        "cannot reach Neo4j at {uri}: {reason}. Is the database running and NEO4J_URI right? \
         (`revpulse up` starts a local one)"
    )]
    Unreachable {
        /// The configured Bolt URI.
        uri: String,
        /// What the driver said.
        reason: String,
    },
    /// Neo4j refused the user name or password. Surface; do not retry.
    #[error("Neo4j at {uri} rejected the credentials of user '{user}': {reason}")]
    Authentication {
        /// The configured Bolt URI.
        uri: String,
        /// The configured user.
        user: String,
        /// What the server said.
        reason: String,
    },
    /// A write broke a uniqueness or existence constraint: the input holds two records with the
    /// same natural key or a record the graph already has under another shape. Surface with the
    /// record kind; the batch was rolled back.
    #[error(
        "writing {record} batch {batch} broke a graph constraint (nothing from this batch was written): {message}"
    )]
    ConstraintViolation {
        /// The record kind being written, e.g. `"Opportunity"`.
        record: &'static str,
        /// Zero-based batch number within that kind.
        batch: usize,
        /// The server's message (names the constraint and key).
        message: String,
    },
    /// A named query failed for a non-transient reason, or transient retries ran out. Surface
    /// to the operator; the query name says which.
    #[error("graph query `{query}` failed: {reason}")]
    Query {
        /// The query's name.
        query: &'static str,
        /// What the driver or server said.
        reason: String,
    },
    /// A row came back in a shape the query's reader did not expect (schema drift). Abort.
    #[error("graph query `{query}` returned a row that could not be read: {reason}")]
    Decode {
        /// The query's name.
        query: &'static str,
        /// What failed to decode.
        reason: String,
    },
    /// The connection settings are unusable (bad URI, zero batch size …). Fix the config.
    #[error("invalid graph configuration: {0}")]
    Config(String),
}
