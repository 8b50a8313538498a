//! The whole of one company's revenue data as canonical records, grouped by kind: what the
//! demo generator produces, what the bronze copy stores, what the loader writes, and what a
//! scoped read of the graph returns (call transcripts' turns and ticket comments stay with the
//! search index, so a read-back carries transcripts without turns and tickets without comments).

use super::{
    Account, Activity, AmountChange, Campaign, CloseDateChange, Competitor, Contact, Contract,
    ForecastCategoryChange, Lead, Opportunity, OpportunityContact, Product, ProductLine, Region,
    StageChange, Team, Ticket, Touch, Transcript, UsageSnapshot, User,
};

/// Every record of one company, grouped by kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompanyDataset {
    /// Sales regions.
    pub regions: Vec<Region>,
    /// Sales teams.
    pub teams: Vec<Team>,
    /// People: reps, managers, VPs, marketing, finance, CS.
    pub users: Vec<User>,
    /// Product lines.
    pub product_lines: Vec<ProductLine>,
    /// Products.
    pub products: Vec<Product>,
    /// Competitors.
    pub competitors: Vec<Competitor>,
    /// Accounts.
    pub accounts: Vec<Account>,
    /// Contacts.
    pub contacts: Vec<Contact>,
    /// Opportunities (current values).
    pub opportunities: Vec<Opportunity>,
    /// Contact roles on opportunities.
    pub opportunity_contacts: Vec<OpportunityContact>,
    /// Stage history.
    pub stage_changes: Vec<StageChange>,
    /// Amount history.
    pub amount_changes: Vec<AmountChange>,
    /// Close-date history.
    pub close_date_changes: Vec<CloseDateChange>,
    /// Forecast-category history.
    pub forecast_category_changes: Vec<ForecastCategoryChange>,
    /// Campaigns.
    pub campaigns: Vec<Campaign>,
    /// Leads.
    pub leads: Vec<Lead>,
    /// Campaign touches on leads.
    pub touches: Vec<Touch>,
    /// Calls, emails, meetings.
    pub activities: Vec<Activity>,
    /// Call transcripts.
    pub transcripts: Vec<Transcript>,
    /// Support tickets.
    pub tickets: Vec<Ticket>,
    /// Weekly usage.
    pub usage: Vec<UsageSnapshot>,
    /// Contracts.
    pub contracts: Vec<Contract>,
}
