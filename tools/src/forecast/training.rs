//! Training the win-probability model on the caller's visible history: every deal that had
//! closed by a cutoff, described as of monthly snapshot days while it was open, labelled with
//! how it ended. Only records stamped before the cutoff are read, so a model trained as of a
//! past day knows nothing that happened after it.

use chrono::{DateTime, Duration, Utc};
use revpulse_analytics::win_probability::{TrainingRow, WinModelConfig, WinProbabilityModel};

use super::deal_book::DealBook;
use super::features::Snapshot;
use crate::ToolError;

/// Days between training snapshots.
const SNAPSHOT_EVERY_DAYS: i64 = 30;

/// The snapshot instants: every 30 days from 30 days after the first deal was created, up to
/// (not including) `cutoff`.
fn snapshot_instants(book: &DealBook, cutoff: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let Some(first) = book.deals.values().filter_map(|d| d.created_at()).min() else {
        return Vec::new();
    };
    let step = Duration::days(SNAPSHOT_EVERY_DAYS);
    std::iter::successors(Some(first + step), |t| Some(*t + step))
        .take_while(|t| *t < cutoff)
        .collect()
}

/// Every labelled row: deals closed before `cutoff`, as they stood at each snapshot while open.
pub(crate) fn training_rows(book: &DealBook, cutoff: DateTime<Utc>) -> Vec<TrainingRow> {
    let mut rows = Vec::new();
    for at in snapshot_instants(book, cutoff) {
        let snapshot = Snapshot::new(book, at);
        for (id, deal) in &book.deals {
            let Some((_, won)) = deal.closed.filter(|(t, _)| *t < cutoff) else {
                continue;
            };
            if let Some(features) = snapshot.features(deal) {
                rows.push(TrainingRow {
                    deal_id: id.clone(),
                    features,
                    won,
                });
            }
        }
    }
    rows
}

/// The model trained on the history known at `cutoff` (boosted trees, or the analytics'
/// stage-and-segment fallback when the history is thin — the model says which).
pub(crate) fn train(
    book: &DealBook,
    cutoff: DateTime<Utc>,
) -> Result<WinProbabilityModel, ToolError> {
    let rows = training_rows(book, cutoff);
    if rows.is_empty() {
        return Err(ToolError::NotEnoughData {
            missing: "closed deals (won or lost) before the forecast day, to learn win \
                      probabilities from"
                .to_owned(),
        });
    }
    WinProbabilityModel::train(&rows, &WinModelConfig::default())
        .map_err(|e| ToolError::analytics("win probability", e))
}
