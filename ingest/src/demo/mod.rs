//! The deterministic demo company generator: a whole revenue organisation — org, catalogue,
//! accounts, campaigns and leads, deals with their history, calls, emails, meetings, tickets,
//! usage and contracts — whose outcomes follow known latent causes, written out as ground truth
//! beside the data.
//!
//! ```no_run
//! use revpulse_ingest::demo::{DemoConfig, generate};
//! let today = chrono::NaiveDate::from_ymd_opt(2025, 5, 14).unwrap_or_default();
//! let company = generate(&DemoConfig::new(42, today)).map_err(|e| e.to_string())?;
//! println!("{} deals", company.dataset.opportunities.len());
//! # Ok::<(), String>(())
//! ```

pub mod text;

mod account_plan;
mod accounts;
mod activities;
mod assemble;
mod assemble_text;
mod calendar;
mod campaigns;
mod catalog;
mod churn_model;
mod committee;
mod config;
mod customer_success;
mod deal_plan;
mod deal_records;
mod freshness;
mod generate;
mod ids;
mod leads;
mod lifecycle;
mod meeting_notes;
mod name_lists;
mod names;
mod org;
mod render;
mod renewals;
mod rng;
mod tickets;
mod timeline;
mod timeline_view;
mod topics;
pub mod truth;
mod truth_accounts;
mod truth_build;
mod usage;
mod win_model;
mod world;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_truth;

pub use config::{
    DEFAULT_ACCOUNTS, DEFAULT_QUARTERS, DemoConfig, DemoConfigError, MAX_ACCOUNTS, MIN_ACCOUNTS,
};
pub use generate::{DemoCompany, generate};
pub use truth::GroundTruth;
