//! Intent routing by nearest neighbour: every example utterance is embedded once with the same
//! sentence model as search; a question goes to the intent of its most similar example.

use std::sync::Arc;

use revpulse_search::embed::Embedder;

use super::intents::IntentSpec;
use crate::AgentError;

/// Below this cosine similarity the question is not close to anything the agents know.
pub const MIN_SIMILARITY: f32 = 0.35;

/// A routing decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Index into the router's intents.
    pub intent: usize,
    /// Cosine similarity of the nearest example.
    pub score: f32,
    /// The best example of a different intent, and its score (for diagnostics).
    pub runner_up: Option<(usize, f32)>,
}

/// Embedded examples of every intent.
pub struct IntentRouter {
    embedder: Arc<dyn Embedder>,
    intents: Vec<IntentSpec>,
    examples: Vec<(usize, Vec<f32>)>,
}

impl IntentRouter {
    /// Embeds every example of `intents`.
    pub async fn new(
        embedder: Arc<dyn Embedder>,
        intents: Vec<IntentSpec>,
    ) -> Result<Self, AgentError> {
        let texts: Vec<String> = intents.iter().flat_map(|i| i.examples.clone()).collect();
        let owners: Vec<usize> = intents
            .iter()
            .enumerate()
            .flat_map(|(k, i)| std::iter::repeat_n(k, i.examples.len()))
            .collect();
        let vectors = embedder
            .embed(&texts)
            .await
            .map_err(|e| AgentError::Routing(e.to_string()))?;
        Ok(Self {
            embedder,
            intents,
            examples: owners.into_iter().zip(vectors).collect(),
        })
    }

    /// The intents, as indexed by [`Route::intent`].
    pub fn intents(&self) -> &[IntentSpec] {
        &self.intents
    }

    /// The nearest intent to `question`.
    pub async fn route(&self, question: &str) -> Result<Route, AgentError> {
        let ranked = self.rank(question).await?;
        let (intent, score) = ranked
            .first()
            .copied()
            .ok_or_else(|| AgentError::Routing("no intents are loaded".into()))?;
        Ok(Route {
            intent,
            score,
            runner_up: ranked.get(1).copied(),
        })
    }

    /// Every intent with the similarity of its nearest example to `question`, most similar
    /// first (ties by intent order).
    pub async fn rank(&self, question: &str) -> Result<Vec<(usize, f32)>, AgentError> {
        let vectors = self
            .embedder
            .embed(&[question.to_owned()])
            .await
            .map_err(|e| AgentError::Routing(e.to_string()))?;
        let query = vectors
            .first()
            .ok_or_else(|| AgentError::Routing("the embedder returned no vector".into()))?;
        let mut best: Vec<(usize, f32)> = (0..self.intents.len()).map(|k| (k, f32::MIN)).collect();
        for (intent, v) in &self.examples {
            let score = cosine(query, v);
            if let Some(slot) = best.get_mut(*intent)
                && score > slot.1
            {
                slot.1 = score;
            }
        }
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(best)
    }
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}
