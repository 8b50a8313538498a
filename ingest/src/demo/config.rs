//! The demo company's knobs — seed, size, calendar end and history length — and their checks.
//!
//! Everything else the generator decides (how many reps, campaigns, contacts…) is derived from
//! these four values in [`Scale`], so one number scales the whole company.

use chrono::NaiveDate;
use thiserror::Error;

/// Smallest company the generator builds (every region and segment needs an account).
pub const MIN_ACCOUNTS: usize = 10;
/// Largest company the generator builds.
pub const MAX_ACCOUNTS: usize = 50_000;
/// Default number of accounts.
pub const DEFAULT_ACCOUNTS: usize = 600;
/// Default history length in full quarters before the current one.
pub const DEFAULT_QUARTERS: u32 = 9;
/// Shortest history: two full quarters (so "last quarter" exists).
pub const MIN_QUARTERS: u32 = 2;
/// Longest history: ten years.
pub const MAX_QUARTERS: u32 = 40;

/// What to generate: the same config always yields the same company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoConfig {
    /// Seed of every random choice.
    pub seed: u64,
    /// Number of accounts; every other volume scales with it.
    pub accounts: usize,
    /// The data's "today": the last day with events.
    pub today: NaiveDate,
    /// Full quarters of history before the quarter containing `today`.
    pub quarters: u32,
}

/// Why a [`DemoConfig`] was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DemoConfigError {
    /// `accounts` outside the supported range.
    #[error("accounts must be between {MIN_ACCOUNTS} and {MAX_ACCOUNTS}, got {0}")]
    Accounts(usize),
    /// `quarters` outside the supported range.
    #[error("quarters of history must be between {MIN_QUARTERS} and {MAX_QUARTERS}, got {0}")]
    Quarters(u32),
    /// `today` too close to the limits of the calendar.
    #[error("today ({0}) is outside the supported calendar (years 1990 to 2200)")]
    Today(NaiveDate),
}

impl DemoConfig {
    /// The default company (600 accounts, 9 quarters of history) for a seed and a "today".
    pub fn new(seed: u64, today: NaiveDate) -> Self {
        Self {
            seed,
            accounts: DEFAULT_ACCOUNTS,
            today,
            quarters: DEFAULT_QUARTERS,
        }
    }

    /// The same config with another number of accounts.
    pub fn with_accounts(mut self, accounts: usize) -> Self {
        self.accounts = accounts;
        self
    }

    /// Checks the knobs are within what the generator supports.
    pub fn validate(&self) -> Result<(), DemoConfigError> {
        if !(MIN_ACCOUNTS..=MAX_ACCOUNTS).contains(&self.accounts) {
            return Err(DemoConfigError::Accounts(self.accounts));
        }
        if !(MIN_QUARTERS..=MAX_QUARTERS).contains(&self.quarters) {
            return Err(DemoConfigError::Quarters(self.quarters));
        }
        let lo = NaiveDate::from_ymd_opt(1990, 1, 1);
        let hi = NaiveDate::from_ymd_opt(2200, 1, 1);
        match (lo, hi) {
            (Some(lo), Some(hi)) if self.today >= lo && self.today < hi => Ok(()),
            _ => Err(DemoConfigError::Today(self.today)),
        }
    }
}

/// Volumes derived from the number of accounts (the scale knob).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    /// Accounts.
    pub accounts: usize,
    /// Marketing campaigns over the whole history.
    pub campaigns: usize,
    /// Marketing, finance and customer-success people.
    pub marketing_users: usize,
    /// Finance people.
    pub finance_users: usize,
    /// Customer-success managers.
    pub cs_users: usize,
    /// Ratio of accounts to the default company (1.0 at 600).
    pub factor: f64,
}

impl Scale {
    /// Derives every volume from the config.
    pub fn from_config(config: &DemoConfig) -> Self {
        let factor = config.accounts as f64 / DEFAULT_ACCOUNTS as f64;
        let per_quarter = 5.0 * factor.sqrt().clamp(0.6, 3.0);
        let campaigns = ((f64::from(config.quarters) + 1.0) * per_quarter).round() as usize;
        Self {
            accounts: config.accounts,
            campaigns: campaigns.max(8),
            marketing_users: ((3.0 * factor.sqrt()).round() as usize).clamp(2, 20),
            finance_users: ((2.0 * factor.sqrt()).round() as usize).clamp(1, 12),
            cs_users: ((config.accounts as f64 / 60.0).round() as usize).clamp(2, 800),
            factor,
        }
    }
}
