//! Reads a company's records back out of the graph, limited to a [`RecordScope`] inside the
//! Cypher itself.
//!
//! A scoped read first resolves which deals and accounts the grants reach (one statement, the
//! rule of [`RecordScope::Granted`]); then each record kind is read with one statement that
//! keeps only the records tied to those deals, accounts or grants. The scope only ever travels
//! as parameters: `$everything`, `$regions`, `$owners`, `$accounts` (visible accounts) and
//! `$deals` (visible deals). Nodes that exist only as the far end of a reference (created by a
//! relationship's `MERGE` before, or without, their own record) carry no properties and are
//! not records, so every read skips them. Each kind comes back sorted by its natural key.
//!
//! Each statement returns its records as one list of maps shaped like the record (one row,
//! one round trip, decoded straight into the model type) rather than a row per record, which
//! the driver fetches 200 at a time: about three times faster for the large kinds (34,070 usage
//! weeks: 0.1–0.2 s against 0.35–0.6 s). The price is that the server builds one kind's visible
//! records in memory before sending them. The six record families are read concurrently.
//!
//! What the graph does not keep comes back empty: transcripts without their turns and tickets
//! without their comments (both live in the search index).

mod activity;
mod customer;
mod deal;
mod history;
mod marketing;
mod org;

use neo4rs::{Query, query};
use serde::de::DeserializeOwned;

use super::read::column;
use crate::GraphClient;
use crate::error::GraphError;
use crate::model::{CompanyDataset, RecordScope};

/// The deals and accounts a set of grants reaches. A deal: its account's region, its owner or
/// its account is granted. An account: its region, its owner or itself is granted, or one of
/// its deals is visible.
const VISIBLE: &str = "MATCH (o:Opportunity) WHERE o.name IS NOT NULL
    OPTIONAL MATCH (a:Account {id: o.account_id})
    WITH o, a
    WHERE a.region_id IN $regions OR o.owner_id IN $owners OR o.account_id IN $granted_accounts
    WITH collect(o.id) AS deals, collect(DISTINCT o.account_id) AS deal_accounts
    OPTIONAL MATCH (a:Account)
    WHERE a.name IS NOT NULL
      AND (a.region_id IN $regions OR a.owner_id IN $owners OR a.id IN $granted_accounts
           OR a.id IN deal_accounts)
    RETURN deals, collect(a.id) AS accounts";

/// A scope resolved into the parameters every per-kind statement filters on.
#[derive(Debug, Clone, Default)]
struct Visible {
    /// Nothing is restricted (the lists are then unused).
    everything: bool,
    /// Granted region ids.
    regions: Vec<String>,
    /// Granted owner (user) ids.
    owners: Vec<String>,
    /// Visible account ids.
    accounts: Vec<String>,
    /// Visible deal ids.
    deals: Vec<String>,
}

impl Visible {
    /// `statement` with the scope's parameters bound.
    fn bind(&self, statement: &'static str) -> Query {
        query(statement)
            .param("everything", self.everything)
            .param("regions", self.regions.clone())
            .param("owners", self.owners.clone())
            .param("accounts", self.accounts.clone())
            .param("deals", self.deals.clone())
    }
}

impl GraphClient {
    /// Every record `scope` admits, each kind sorted by its natural key (history changes by
    /// deal, time and sequence; buying roles by deal, contact and role; usage by its id,
    /// `account:week`). Transcripts come back without turns and tickets without comments: the
    /// graph does not keep them. Each statement is its own read transaction, so a read that
    /// overlaps a load may see part of it.
    pub async fn read_company(&self, scope: &RecordScope) -> Result<CompanyDataset, GraphError> {
        let visible = self.resolve_scope(scope).await?;
        let (org, customers, deals, history, marketing, activities) = futures::try_join!(
            self.read_org(&visible),
            self.read_customers(&visible),
            self.read_deals(&visible),
            self.read_history(&visible),
            self.read_marketing(&visible),
            self.read_activities(&visible),
        )?;
        Ok(CompanyDataset {
            regions: org.regions,
            teams: org.teams,
            users: org.users,
            product_lines: org.product_lines,
            products: org.products,
            competitors: org.competitors,
            accounts: customers.accounts,
            contacts: customers.contacts,
            opportunities: deals.opportunities,
            opportunity_contacts: deals.opportunity_contacts,
            stage_changes: history.stage_changes,
            amount_changes: history.amount_changes,
            close_date_changes: history.close_date_changes,
            forecast_category_changes: history.forecast_category_changes,
            campaigns: marketing.campaigns,
            leads: marketing.leads,
            touches: marketing.touches,
            activities: activities.activities,
            transcripts: activities.transcripts,
            tickets: customers.tickets,
            usage: customers.usage,
            contracts: customers.contracts,
        })
    }

    /// Runs `statement`, which returns its records as one list in column `records`, with the
    /// scope's parameters, and decodes them.
    async fn read_records<T: DeserializeOwned>(
        &self,
        name: &'static str,
        statement: &'static str,
        visible: &Visible,
    ) -> Result<Vec<T>, GraphError> {
        let rows = self.fetch_rows(name, visible.bind(statement)).await?;
        match rows.first() {
            Some(row) => column(row, name, "records"),
            None => Ok(Vec::new()),
        }
    }

    /// Turns `scope` into parameters, asking the graph which deals and accounts it reaches.
    async fn resolve_scope(&self, scope: &RecordScope) -> Result<Visible, GraphError> {
        let RecordScope::Granted {
            regions,
            owners,
            accounts,
        } = scope
        else {
            return Ok(Visible {
                everything: true,
                ..Visible::default()
            });
        };
        let regions: Vec<String> = regions.iter().cloned().collect();
        let owners: Vec<String> = owners.iter().cloned().collect();
        let granted: Vec<String> = accounts.iter().cloned().collect();
        let name = "read_company_visible";
        let statement = query(VISIBLE)
            .param("regions", regions.clone())
            .param("owners", owners.clone())
            .param("granted_accounts", granted);
        let rows = self.fetch_rows(name, statement).await?;
        let (deals, accounts) = match rows.first() {
            Some(row) => (column(row, name, "deals")?, column(row, name, "accounts")?),
            None => (Vec::new(), Vec::new()),
        };
        Ok(Visible {
            everything: false,
            regions,
            owners,
            accounts,
            deals,
        })
    }
}
