//! Customers: accounts (the visible ones) and what follows an account — contacts, tickets,
//! weekly usage and contracts.

use super::Visible;
use crate::GraphClient;
use crate::error::GraphError;
use crate::model::{Account, Contact, Contract, Ticket, UsageSnapshot};

const ACCOUNTS: &str = "MATCH (a:Account)
    WHERE a.name IS NOT NULL AND ($everything OR a.id IN $accounts)
    RETURN collect(a {.id, .name, .industry, .segment, .region_id, .owner_id, .employees,
                      .created_on}) AS records";

const CONTACTS: &str = "MATCH (c:Contact)
    WHERE c.name IS NOT NULL AND ($everything OR c.account_id IN $accounts)
    RETURN collect(c {.id, .account_id, .name, .title, .persona, .email}) AS records";

/// Tickets come back without their comments: the graph keeps only how many there were.
const TICKETS: &str = "MATCH (t:Ticket)
    WHERE t.subject IS NOT NULL AND ($everything OR t.account_id IN $accounts)
    RETURN collect(t {.id, .account_id, .contact_id, .opened_at, .closed_at, .priority,
                      .subject, .sentiment, comments: []}) AS records";

const USAGE: &str = "MATCH (s:UsageSnapshot)
    WHERE s.week_start IS NOT NULL AND ($everything OR s.account_id IN $accounts)
    RETURN collect(s {.account_id, .week_start, .active_users, .licensed_seats, .events})
        AS records";

const CONTRACTS: &str = "MATCH (k:Contract)
    WHERE k.status IS NOT NULL AND ($everything OR k.account_id IN $accounts)
    RETURN collect(k {.id, .account_id, .opportunity_id, .product_line_id, .start_date,
                      .renewal_date, .arr, .seats, .status}) AS records";

/// The customer records of a read.
pub(super) struct CustomerRecords {
    pub(super) accounts: Vec<Account>,
    pub(super) contacts: Vec<Contact>,
    pub(super) tickets: Vec<Ticket>,
    pub(super) usage: Vec<UsageSnapshot>,
    pub(super) contracts: Vec<Contract>,
}

impl GraphClient {
    /// Reads the accounts within `visible` and the records that follow them, each kind sorted
    /// by id (usage by its id: account and week).
    pub(super) async fn read_customers(
        &self,
        visible: &Visible,
    ) -> Result<CustomerRecords, GraphError> {
        let mut accounts: Vec<Account> = self
            .read_records("read_company_accounts", ACCOUNTS, visible)
            .await?;
        accounts.sort_by(|a, b| a.id.cmp(&b.id));
        let mut contacts: Vec<Contact> = self
            .read_records("read_company_contacts", CONTACTS, visible)
            .await?;
        contacts.sort_by(|a, b| a.id.cmp(&b.id));
        let mut tickets: Vec<Ticket> = self
            .read_records("read_company_tickets", TICKETS, visible)
            .await?;
        tickets.sort_by(|a, b| a.id.cmp(&b.id));
        let mut usage: Vec<UsageSnapshot> = self
            .read_records("read_company_usage", USAGE, visible)
            .await?;
        usage.sort_by_cached_key(UsageSnapshot::id);
        let mut contracts: Vec<Contract> = self
            .read_records("read_company_contracts", CONTRACTS, visible)
            .await?;
        contracts.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(CustomerRecords {
            accounts,
            contacts,
            tickets,
            usage,
            contracts,
        })
    }
}
