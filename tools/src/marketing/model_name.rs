//! The attribution models as tool arguments and output keys: the analytics' models under the
//! analytics' own snake-case names, so a model, an agent and the analytics all say the same
//! word for the same rule.

use revpulse_analytics::attribution::AttributionModel;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An attribution model.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AttributionModelName {
    /// All credit to the first campaign touch.
    FirstTouch,
    /// All credit to the last campaign touch before the win.
    LastTouch,
    /// Equal credit to every touch.
    Linear,
    /// 40% first touch, 40% last touch, 20% spread over the touches between.
    UShaped,
    /// 30% each to first touch, lead creation and opportunity creation; 10% spread.
    WShaped,
    /// 22.5% each to first touch, lead creation, opportunity creation and closed won; 10% spread.
    FullPath,
    /// Credit halving every 7 days back from the close.
    TimeDecay,
    /// Data-driven: Markov-chain removal effects over converting and non-converting journeys.
    Markov,
    /// Data-driven: Shapley values of the campaigns in each path, on conversion rates.
    Shapley,
}

impl AttributionModelName {
    /// The analytics model.
    pub fn model(self) -> AttributionModel {
        match self {
            Self::FirstTouch => AttributionModel::FirstTouch,
            Self::LastTouch => AttributionModel::LastTouch,
            Self::Linear => AttributionModel::Linear,
            Self::UShaped => AttributionModel::UShaped,
            Self::WShaped => AttributionModel::WShaped,
            Self::FullPath => AttributionModel::FullPath,
            Self::TimeDecay => AttributionModel::TimeDecay,
            Self::Markov => AttributionModel::Markov,
            Self::Shapley => AttributionModel::Shapley,
        }
    }

    /// The name of an analytics model.
    pub fn of(model: AttributionModel) -> Self {
        match model {
            AttributionModel::FirstTouch => Self::FirstTouch,
            AttributionModel::LastTouch => Self::LastTouch,
            AttributionModel::Linear => Self::Linear,
            AttributionModel::UShaped => Self::UShaped,
            AttributionModel::WShaped => Self::WShaped,
            AttributionModel::FullPath => Self::FullPath,
            AttributionModel::TimeDecay => Self::TimeDecay,
            AttributionModel::Markov => Self::Markov,
            AttributionModel::Shapley => Self::Shapley,
        }
    }

    /// The stable snake-case name (the analytics' own).
    pub fn as_str(self) -> &'static str {
        self.model().as_str()
    }

    /// The models asked for, each once in the order given; every model when none is asked.
    pub fn resolve(asked: &[Self]) -> Vec<AttributionModel> {
        if asked.is_empty() {
            return AttributionModel::ALL.to_vec();
        }
        let mut models: Vec<AttributionModel> = Vec::with_capacity(asked.len());
        for name in asked {
            if !models.contains(&name.model()) {
                models.push(name.model());
            }
        }
        models
    }
}
