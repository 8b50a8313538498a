//! The history of the visible deals: stage, amount, close-date and forecast-category changes,
//! each kind sorted by deal, time and sequence.

use super::Visible;
use crate::GraphClient;
use crate::error::GraphError;
use crate::model::{AmountChange, CloseDateChange, ForecastCategoryChange, StageChange};

const STAGE_CHANGES: &str = "MATCH (h:StageChange)
    WHERE $everything OR h.opportunity_id IN $deals
    RETURN collect(h {.opportunity_id, .seq, .at, `from`: h.from_stage, `to`: h.to_stage})
        AS records";

const AMOUNT_CHANGES: &str = "MATCH (h:AmountChange)
    WHERE $everything OR h.opportunity_id IN $deals
    RETURN collect(h {.opportunity_id, .seq, .at, `from`: h.from_amount, `to`: h.to_amount})
        AS records";

const CLOSE_DATE_CHANGES: &str = "MATCH (h:CloseDateChange)
    WHERE $everything OR h.opportunity_id IN $deals
    RETURN collect(h {.opportunity_id, .seq, .at, `from`: h.from_date, `to`: h.to_date})
        AS records";

const FORECAST_CATEGORY_CHANGES: &str = "MATCH (h:ForecastCategoryChange)
    WHERE $everything OR h.opportunity_id IN $deals
    RETURN collect(h {.opportunity_id, .seq, .at, `from`: h.from_category,
                      `to`: h.to_category}) AS records";

/// The history records of a read.
pub(super) struct HistoryRecords {
    pub(super) stage_changes: Vec<StageChange>,
    pub(super) amount_changes: Vec<AmountChange>,
    pub(super) close_date_changes: Vec<CloseDateChange>,
    pub(super) forecast_category_changes: Vec<ForecastCategoryChange>,
}

/// Sorts change records by deal, then time, then sequence.
macro_rules! by_deal_time_seq {
    ($changes:expr) => {
        $changes.sort_by(|a, b| {
            (a.opportunity_id.as_str(), a.at, a.seq).cmp(&(b.opportunity_id.as_str(), b.at, b.seq))
        })
    };
}

impl GraphClient {
    /// Reads the changes of the deals within `visible`.
    pub(super) async fn read_history(
        &self,
        visible: &Visible,
    ) -> Result<HistoryRecords, GraphError> {
        let mut stage_changes: Vec<StageChange> = self
            .read_records("read_company_stage_changes", STAGE_CHANGES, visible)
            .await?;
        by_deal_time_seq!(stage_changes);
        let mut amount_changes: Vec<AmountChange> = self
            .read_records("read_company_amount_changes", AMOUNT_CHANGES, visible)
            .await?;
        by_deal_time_seq!(amount_changes);
        let mut close_date_changes: Vec<CloseDateChange> = self
            .read_records(
                "read_company_close_date_changes",
                CLOSE_DATE_CHANGES,
                visible,
            )
            .await?;
        by_deal_time_seq!(close_date_changes);
        let mut forecast_category_changes: Vec<ForecastCategoryChange> = self
            .read_records(
                "read_company_forecast_category_changes",
                FORECAST_CATEGORY_CHANGES,
                visible,
            )
            .await?;
        by_deal_time_seq!(forecast_category_changes);
        Ok(HistoryRecords {
            stage_changes,
            amount_changes,
            close_date_changes,
            forecast_category_changes,
        })
    }
}
