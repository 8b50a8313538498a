//! What to attribute and how: the level credited (campaign or channel), the models, and the
//! knobs of time decay, the Markov solve and the Shapley computation.

use super::AttributionError;

/// What receives credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttributionLevel {
    /// Each campaign.
    Campaign,
    /// Each channel (campaigns of a channel pooled).
    Channel,
}

impl AttributionLevel {
    /// Stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Campaign => "campaign",
            Self::Channel => "channel",
        }
    }
}

/// An attribution model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttributionModel {
    /// All credit to the first touch.
    FirstTouch,
    /// All credit to the last touch.
    LastTouch,
    /// Equal credit to every touch.
    Linear,
    /// 40% first touch, 40% last touch, 20% spread over the touches between.
    UShaped,
    /// 30% each to first touch, lead creation and opportunity creation; 10% spread.
    WShaped,
    /// Full path (Z-shaped): 22.5% each to first touch, lead creation, opportunity creation
    /// and closed won; 10% spread.
    FullPath,
    /// Credit halving every half-life back from the close.
    TimeDecay,
    /// Data-driven: removal effects of a first-order Markov chain, solved exactly.
    Markov,
    /// Data-driven: Shapley values of the keys in each path, on conversion rates.
    Shapley,
}

impl AttributionModel {
    /// Every model, heuristics first.
    pub const ALL: [Self; 9] = [
        Self::FirstTouch,
        Self::LastTouch,
        Self::Linear,
        Self::UShaped,
        Self::WShaped,
        Self::FullPath,
        Self::TimeDecay,
        Self::Markov,
        Self::Shapley,
    ];

    /// Stable snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FirstTouch => "first_touch",
            Self::LastTouch => "last_touch",
            Self::Linear => "linear",
            Self::UShaped => "u_shaped",
            Self::WShaped => "w_shaped",
            Self::FullPath => "full_path",
            Self::TimeDecay => "time_decay",
            Self::Markov => "markov",
            Self::Shapley => "shapley",
        }
    }

    /// Whether the model learns from converting and non-converting paths.
    pub fn is_data_driven(self) -> bool {
        matches!(self, Self::Markov | Self::Shapley)
    }
}

/// The Markov chain solve: Gauss–Seidel sweeps until the largest change is below
/// `tolerance` times the largest value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarkovConfig {
    /// Relative tolerance of the solve (default 1e-13).
    pub tolerance: f64,
    /// Sweeps allowed per solve before giving up (default 100,000).
    pub max_sweeps: usize,
}

impl Default for MarkovConfig {
    fn default() -> Self {
        Self {
            tolerance: 1e-13,
            max_sweeps: 100_000,
        }
    }
}

/// The Shapley computation: exact over every sub-coalition of a path's keys when the path
/// has at most `exact_max_keys` distinct keys; above, the mean marginal contribution over
/// `samples` seeded random orderings (Monte-Carlo permutation sampling).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShapleyConfig {
    /// Largest coalition solved exactly (default 15, i.e. 32,768 sub-coalitions).
    pub exact_max_keys: usize,
    /// Random orderings drawn for a larger coalition (default 2,000).
    pub samples: usize,
    /// Seed of the orderings.
    pub seed: u64,
}

impl Default for ShapleyConfig {
    fn default() -> Self {
        Self {
            exact_max_keys: 15,
            samples: 2_000,
            seed: 0,
        }
    }
}

/// Everything an attribution run needs besides the journeys.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributionConfig {
    /// Campaign or channel.
    pub level: AttributionLevel,
    /// Half-life of the time-decay model, in days (default 7).
    pub half_life_days: f64,
    /// Markov solve settings.
    pub markov: MarkovConfig,
    /// Shapley settings.
    pub shapley: ShapleyConfig,
}

impl AttributionConfig {
    /// Defaults at a level.
    pub fn new(level: AttributionLevel) -> Self {
        Self {
            level,
            half_life_days: 7.0,
            markov: MarkovConfig::default(),
            shapley: ShapleyConfig::default(),
        }
    }

    /// Checks every knob is usable.
    pub fn validate(&self) -> Result<(), AttributionError> {
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0) {
            return Err(AttributionError::InvalidConfig(
                "half_life_days must be positive",
            ));
        }
        let tol = self.markov.tolerance;
        if !(tol.is_finite() && tol > 0.0 && tol < 1.0) {
            return Err(AttributionError::InvalidConfig(
                "markov.tolerance must be in (0, 1)",
            ));
        }
        if self.markov.max_sweeps == 0 {
            return Err(AttributionError::InvalidConfig(
                "markov.max_sweeps must be positive",
            ));
        }
        if self.shapley.exact_max_keys > 24 {
            return Err(AttributionError::InvalidConfig(
                "shapley.exact_max_keys must be at most 24",
            ));
        }
        if self.shapley.samples == 0 {
            return Err(AttributionError::InvalidConfig(
                "shapley.samples must be positive",
            ));
        }
        Ok(())
    }
}
