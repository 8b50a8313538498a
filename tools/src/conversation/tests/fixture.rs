//! The small demo company the conversation tests run on, its passages indexed once per test
//! process (see [`crate::test_support`]), and the plain readings of those passages the tests
//! check the tools against.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use revpulse_search::{SearchDocument, SearchFilter, newest_first};

pub(super) use crate::test_support::Company;
use crate::{Tool, ToolContext, ToolError};

static COMPANY: LazyLock<Company> = LazyLock::new(|| {
    Company::generate_indexed(7, NaiveDate::from_ymd_opt(2025, 5, 14).unwrap(), 16)
});

/// The shared company.
pub(super) fn company() -> &'static Company {
    &COMPANY
}

impl Company {
    /// The passage with this id.
    pub fn doc(&self, chunk_id: &str) -> &SearchDocument {
        self.docs
            .iter()
            .find(|d| d.id == chunk_id)
            .unwrap_or_else(|| panic!("{chunk_id} is not an indexed chunk"))
    }

    /// The passages a filter admits, newest first, by a plain scan of the chunks.
    pub fn admitted(&self, filter: &SearchFilter) -> Vec<SearchDocument> {
        let mut out: Vec<SearchDocument> = self
            .docs
            .iter()
            .filter(|d| filter.matches(&d.metadata))
            .cloned()
            .collect();
        out.sort_by(newest_first);
        out
    }

    /// The account with the most call transcripts (ties by id).
    pub fn busiest_call_account(&self) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for t in &self.data.transcripts {
            let activity = self.data.activities.iter().find(|a| a.id == t.activity_id);
            if let Some(a) = activity {
                *counts.entry(a.account_id.as_str()).or_default() += 1;
            }
        }
        let best = counts
            .iter()
            .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)));
        best.unwrap().0.to_string()
    }
}

/// Runs tool `T` by name through the standard catalogue (as an agent would), decoding its
/// output.
pub(super) async fn call<T: Tool>(
    ctx: &ToolContext,
    args: serde_json::Value,
) -> Result<T::Output, ToolError> {
    crate::test_support::call(ctx, T::NAME, args).await
}
