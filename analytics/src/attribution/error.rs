//! Why an attribution run was refused: bad journeys, a bad configuration, or a Markov chain
//! that would not converge. Each variant says what the caller should do.

use thiserror::Error;

/// Why attribution could not run.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum AttributionError {
    /// Two campaigns share an id. Fix the campaign list (ids are the credited keys).
    #[error("campaign id {0:?} appears more than once")]
    DuplicateCampaign(String),
    /// A campaign has a negative cost. Fix the spend data; ROI needs a cost of zero or more.
    #[error("campaign {0:?} has a negative cost")]
    NegativeCost(String),
    /// A touch names a campaign index outside the campaign list. Fix the journey mapping.
    #[error("journey {journey}: touch {touch} names an unknown campaign")]
    UnknownCampaign {
        /// Index of the journey.
        journey: usize,
        /// Index of the touch within it.
        touch: usize,
    },
    /// A journey's touches are not in time order. Sort them before building the book.
    #[error("journey {0}: touches are not in time order")]
    TouchesOutOfOrder(usize),
    /// A milestone points past the journey's last touch. Fix the milestone indices.
    #[error("journey {0}: a milestone points outside its touches")]
    MilestoneOutOfRange(usize),
    /// A won journey has no touch to credit. Drop it from the book or add its touch.
    #[error("journey {0}: won without any campaign touch")]
    UntouchedConversion(usize),
    /// A journey has negative revenue or pipeline. Fix the amounts (dollars, zero or more).
    #[error("journey {0}: negative revenue or pipeline")]
    NegativeAmount(usize),
    /// The total won revenue does not fit in 64 bits. Split the book into smaller ones.
    #[error("total won revenue overflows")]
    RevenueOverflow,
    /// A configuration value is unusable; the message names it. Fix the configuration.
    #[error("invalid attribution configuration: {0}")]
    InvalidConfig(&'static str),
    /// The absorbing-chain solve did not reach its tolerance. Raise `max_sweeps` or loosen
    /// `tolerance` in the Markov configuration.
    #[error("the Markov chain solve did not converge within {0} sweeps")]
    MarkovNotConverged(usize),
}
