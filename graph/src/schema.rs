//! Schema bootstrap: uniqueness constraints on every natural key and the indexes the named
//! queries rely on. Every statement is `IF NOT EXISTS`, so bootstrapping is idempotent.

use neo4rs::query;

use crate::client::GraphClient;
use crate::error::GraphError;

/// Uniqueness constraints: one per node label's natural key.
const CONSTRAINTS: &[&str] = &[
    "CREATE CONSTRAINT data_stamp_key IF NOT EXISTS FOR (n:RevPulseDataStamp) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT team_id IF NOT EXISTS FOR (n:Team) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT user_email IF NOT EXISTS FOR (n:User) REQUIRE n.email IS UNIQUE",
    "CREATE CONSTRAINT product_line_id IF NOT EXISTS FOR (n:ProductLine) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT competitor_name IF NOT EXISTS FOR (n:Competitor) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT contact_id IF NOT EXISTS FOR (n:Contact) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT contract_id IF NOT EXISTS FOR (n:Contract) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT usage_snapshot_id IF NOT EXISTS FOR (n:UsageSnapshot) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT ticket_id IF NOT EXISTS FOR (n:Ticket) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT opportunity_id IF NOT EXISTS FOR (n:Opportunity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT stage_change_id IF NOT EXISTS FOR (n:StageChange) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT amount_change_id IF NOT EXISTS FOR (n:AmountChange) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT close_date_change_id IF NOT EXISTS FOR (n:CloseDateChange) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT forecast_category_change_id IF NOT EXISTS FOR (n:ForecastCategoryChange) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT campaign_id IF NOT EXISTS FOR (n:Campaign) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT lead_id IF NOT EXISTS FOR (n:Lead) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT touch_id IF NOT EXISTS FOR (n:Touch) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT activity_id IF NOT EXISTS FOR (n:Activity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT transcript_id IF NOT EXISTS FOR (n:Transcript) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT chunk_id IF NOT EXISTS FOR (n:Chunk) REQUIRE n.id IS UNIQUE",
];

/// Range indexes for the filters the named queries use (dates, stages, names).
const INDEXES: &[&str] = &[
    "CREATE INDEX opportunity_close_date IF NOT EXISTS FOR (n:Opportunity) ON (n.close_date)",
    "CREATE INDEX opportunity_stage IF NOT EXISTS FOR (n:Opportunity) ON (n.stage)",
    "CREATE INDEX opportunity_created_on IF NOT EXISTS FOR (n:Opportunity) ON (n.created_on)",
    "CREATE INDEX stage_change_at IF NOT EXISTS FOR (n:StageChange) ON (n.at)",
    "CREATE INDEX activity_at IF NOT EXISTS FOR (n:Activity) ON (n.at)",
    "CREATE INDEX ticket_opened_at IF NOT EXISTS FOR (n:Ticket) ON (n.opened_at)",
    "CREATE INDEX contract_renewal_date IF NOT EXISTS FOR (n:Contract) ON (n.renewal_date)",
    "CREATE INDEX lead_status IF NOT EXISTS FOR (n:Lead) ON (n.status)",
    "CREATE INDEX account_name IF NOT EXISTS FOR (n:Account) ON (n.name)",
    "CREATE INDEX user_name IF NOT EXISTS FOR (n:User) ON (n.name)",
    "CREATE INDEX campaign_name IF NOT EXISTS FOR (n:Campaign) ON (n.name)",
];

/// What the schema bootstrap left in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaReport {
    /// Constraints RevPulse expects, all present.
    pub constraints: usize,
    /// Indexes RevPulse expects, all present (constraint-backing indexes not counted).
    pub indexes: usize,
}

/// Creates every constraint and index that is missing and waits until they are online.
pub async fn bootstrap_schema(client: &GraphClient) -> Result<SchemaReport, GraphError> {
    for statement in CONSTRAINTS.iter().chain(INDEXES) {
        client
            .run_write("schema bootstrap", query(statement))
            .await?;
    }
    client
        .run_write("await indexes", query("CALL db.awaitIndexes(300)"))
        .await?;
    Ok(SchemaReport {
        constraints: CONSTRAINTS.len(),
        indexes: INDEXES.len(),
    })
}

/// Names of the constraints RevPulse creates (for tests and diagnostics).
pub fn constraint_names() -> impl Iterator<Item = &'static str> {
    CONSTRAINTS
        .iter()
        .filter_map(|s| s.split_whitespace().nth(2))
}
