//! Tests of the conversation tools against one demo company indexed with the real embedder:
//! expected values come from the records or the chunks by plain loops, every cited chunk must
//! exist and contain what it is cited for, region-granted callers never see another region,
//! and every call is repeated to check determinism.

mod browse;
mod call_summaries;
mod catalogue;
mod competitor_insights;
mod competitor_mentions;
mod fixture;
mod mention_truth;
mod objections;
mod reading;
mod search;
mod win_rates;
