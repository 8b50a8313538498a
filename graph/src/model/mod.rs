//! The revenue domain model: the records RevPulse keeps in its knowledge graph.
//!
//! These types are also the canonical ("bronze") record format that ingest writes as JSONL,
//! which is why they derive serde. Money is whole US dollars in `i64` so every sum is exact.

mod activity;
mod catalog;
mod chunk;
mod company;
mod customer;
mod history;
mod marketing;
mod opportunity;
mod org;
mod period;
mod scope;
mod scope_filter;

pub use activity::{Activity, ActivityKind, Speaker, Transcript, TranscriptTurn};
pub use catalog::{Competitor, Product, ProductLine};
pub use chunk::ChunkRef;
pub use company::CompanyDataset;
pub use customer::{
    Account, Contact, Contract, ContractStatus, Segment, Ticket, TicketComment, TicketPriority,
    UsageSnapshot,
};
pub use history::{AmountChange, CloseDateChange, ForecastCategoryChange, StageChange};
pub use marketing::{Campaign, Channel, ContentKind, Lead, LeadStatus, Touch};
pub use opportunity::{BuyingRole, ForecastCategory, Opportunity, OpportunityContact, Stage};
pub use org::{Region, Team, User, UserRole};
pub use period::Quarter;
pub use scope::RecordScope;
