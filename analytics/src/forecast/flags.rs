//! The flags raised on a deal by slippage and anomaly detection. Each flag is a variant that
//! carries its own evidence — the dates, values and norms that justify it — so a surface can
//! show *why* without recomputing anything.

use chrono::NaiveDate;

use super::deal::SalesStage;
use super::stage_time::StageAge;

/// One close-date push (a move to a later date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClosePush {
    /// The day the close date was moved.
    pub on: NaiveDate,
    /// The close date before.
    pub from: NaiveDate,
    /// The close date after.
    pub to: NaiveDate,
    /// Whether the move left the calendar quarter of `from`.
    pub crossed_quarter: bool,
}

impl ClosePush {
    /// Days the close date moved.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days()
    }
}

/// One backward stage move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageRegression {
    /// The day it moved back.
    pub on: NaiveDate,
    /// Stage before.
    pub from: SalesStage,
    /// Stage after.
    pub to: SalesStage,
}

/// What is wrong with a deal, with the evidence.
#[derive(Debug, Clone, PartialEq)]
pub enum DealFlag {
    /// The close date was pushed.
    ClosePushed {
        /// Every push, oldest first.
        pushes: Vec<ClosePush>,
        /// The first expected close date.
        original_close: NaiveDate,
        /// The current expected close date.
        current_close: NaiveDate,
    },
    /// The stage moved backwards.
    StageRegressed {
        /// Every regression, oldest first.
        regressions: Vec<StageRegression>,
    },
    /// The deal has sat in its stage longer than the stage's norm.
    Stalled(StageAge),
    /// Late stage, yet no economic buyer has taken part in any touchpoint.
    LateStageNoEconomicBuyer {
        /// The stage.
        stage: SalesStage,
        /// Whether an economic buyer is at least named on the deal.
        economic_buyer_named: bool,
    },
    /// Late stage and silent.
    LateStageSilent {
        /// The stage.
        stage: SalesStage,
        /// Last touchpoint, if any.
        last_touch_on: Option<NaiveDate>,
        /// Days without a touchpoint (since creation when there was none).
        days_silent: i64,
    },
    /// The amount moved sharply at a late stage.
    LateAmountJump {
        /// The stage when it moved.
        stage: SalesStage,
        /// The day.
        on: NaiveDate,
        /// Amount before.
        from: i64,
        /// Amount after.
        to: i64,
    },
}

impl DealFlag {
    /// A stable snake-case name of the flag kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::ClosePushed { .. } => "close_pushed",
            Self::StageRegressed { .. } => "stage_regressed",
            Self::Stalled(_) => "stalled",
            Self::LateStageNoEconomicBuyer { .. } => "late_stage_no_economic_buyer",
            Self::LateStageSilent { .. } => "late_stage_silent",
            Self::LateAmountJump { .. } => "late_amount_jump",
        }
    }
}

/// A flag on a deal.
#[derive(Debug, Clone, PartialEq)]
pub struct FlaggedDeal {
    /// Deal id.
    pub deal_id: String,
    /// The day the deal was seen at.
    pub as_of: NaiveDate,
    /// The flag and its evidence.
    pub flag: DealFlag,
}
