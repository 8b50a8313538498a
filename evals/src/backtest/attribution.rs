//! Attribution on the demo company: its leads become journeys (campaign touches → lead →
//! SQL → opportunity → closed-won revenue), every model runs over them, and each model's
//! campaign credit is rank-correlated with the generator's true campaign influence. The same
//! paths, and a seeded synthetic million, are exported for the side-by-side check against
//! the `channelattribution` package (`evals/scripts/compare_attribution.py`).

mod error;
mod export;
mod journeys;
mod paths;
mod recovery;

#[cfg(test)]
mod tests;

pub use error::AttributionEvalError;
pub use export::{AttributionExport, ExportedDataset, export_attribution_comparison};
pub use journeys::{DemoJourneys, JourneyOptions, demo_journeys};
pub use paths::{PathRow, book_from_paths, path_rows};
pub use recovery::{AttributionBacktest, ModelRecovery, attribution_backtest};
