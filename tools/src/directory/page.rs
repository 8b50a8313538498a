//! One page of a sorted listing: every directory tool counts the matching rows, then hands back
//! the window `offset..offset + limit`, so a client can walk the whole list page by page and
//! the pages concatenate to the full sorted list.

use crate::ToolError;

/// Rows returned when the caller names no `limit`.
pub(crate) const DEFAULT_LIMIT: usize = 50;
/// The largest page a caller may ask for.
pub(crate) const MAX_LIMIT: usize = 500;

/// The serde default of every directory tool's `limit`.
pub(crate) fn default_limit() -> usize {
    DEFAULT_LIMIT
}

/// A checked window into a sorted listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    limit: usize,
    offset: usize,
}

impl Page {
    /// Refuses a `limit` above [`MAX_LIMIT`] (a model retries with a smaller page).
    pub fn new(tool: &str, limit: usize, offset: usize) -> Result<Self, ToolError> {
        if limit > MAX_LIMIT {
            return Err(ToolError::InvalidArgs {
                tool: tool.to_owned(),
                reason: format!("limit must be at most {MAX_LIMIT}, got {limit}"),
            });
        }
        Ok(Self { limit, offset })
    }

    /// The number of matching rows and the window of them this page shows.
    pub fn cut<T>(&self, sorted: Vec<T>) -> (i64, Vec<T>) {
        let total = i64::try_from(sorted.len()).unwrap_or(i64::MAX);
        let rows = sorted
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .collect();
        (total, rows)
    }
}

/// Whether `text` contains `needle` ignoring case (`needle` already lower-cased).
pub(crate) fn contains_folded(text: &str, needle: &str) -> bool {
    text.to_lowercase().contains(needle)
}

/// A free-text filter trimmed and lower-cased, refusing an empty one (it would match all).
pub(crate) fn folded_text(tool: &str, field: &str, text: &str) -> Result<String, ToolError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(ToolError::InvalidArgs {
            tool: tool.to_owned(),
            reason: format!("`{field}` must not be empty"),
        });
    }
    Ok(trimmed.to_lowercase())
}
