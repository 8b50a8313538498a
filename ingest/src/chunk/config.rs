//! The knobs of chunking (token budget and transcript overlap) and why a chunking run can fail.

use thiserror::Error;

/// Smallest token budget accepted: below it a speaker prefix alone could fill a chunk.
pub const MIN_MAX_TOKENS: usize = 16;

/// Estimated smallest cost of one transcript turn, used to bound the overlap.
const MIN_TOKENS_PER_TURN: usize = 8;

/// How text is cut into chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkingConfig {
    /// Upper bound on the tokens of any chunk (default 200).
    pub max_tokens: usize,
    /// Transcript turns repeated at the start of the next window (default 1).
    pub overlap_turns: usize,
}

impl Default for ChunkingConfig {
    fn default() -> Self {
        Self {
            max_tokens: 200,
            overlap_turns: 1,
        }
    }
}

impl ChunkingConfig {
    /// Checks the budget is usable: `max_tokens` at least [`MIN_MAX_TOKENS`], and the overlap
    /// smaller than the number of minimal turns (8 tokens each) a window can hold.
    pub fn validate(&self) -> Result<(), ChunkError> {
        if self.max_tokens < MIN_MAX_TOKENS {
            return Err(ChunkError::MaxTokensTooSmall(self.max_tokens));
        }
        let fits = self.max_tokens / MIN_TOKENS_PER_TURN;
        if self.overlap_turns >= fits {
            return Err(ChunkError::OverlapTooLarge {
                overlap: self.overlap_turns,
                fits,
            });
        }
        Ok(())
    }
}

/// Why chunking a company failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ChunkError {
    /// The token budget is below [`MIN_MAX_TOKENS`].
    #[error("max_tokens must be at least {MIN_MAX_TOKENS}, got {0}")]
    MaxTokensTooSmall(usize),
    /// The overlap would not leave room for new turns in a window.
    #[error("overlap_turns ({overlap}) must be smaller than the {fits} turns a window holds")]
    OverlapTooLarge {
        /// The configured overlap.
        overlap: usize,
        /// Minimal turns that fit in one window.
        fits: usize,
    },
    /// A record points at another record that is not in the dataset.
    #[error("{source_id} refers to unknown {kind} {missing_id}")]
    MissingRecord {
        /// The record being chunked.
        source_id: String,
        /// What kind of record is missing ("activity", "account", "opportunity").
        kind: &'static str,
        /// The id that was not found.
        missing_id: String,
    },
    /// Even one character plus its speaker prefix exceeds the token budget.
    #[error("{source_id}: a passage cannot be cut to fit in {max_tokens} tokens")]
    CannotFit {
        /// The record being chunked.
        source_id: String,
        /// The budget.
        max_tokens: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_rejects_tiny_budgets_and_huge_overlaps() {
        assert!(ChunkingConfig::default().validate().is_ok());
        let tiny = ChunkingConfig {
            max_tokens: 15,
            overlap_turns: 0,
        };
        assert_eq!(tiny.validate(), Err(ChunkError::MaxTokensTooSmall(15)));
        let overlap = ChunkingConfig {
            max_tokens: 16,
            overlap_turns: 2,
        };
        assert!(matches!(
            overlap.validate(),
            Err(ChunkError::OverlapTooLarge { .. })
        ));
    }
}
