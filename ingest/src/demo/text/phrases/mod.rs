//! Phrase books, one per group of topics: for each [`Topic`], what a buyer says when raising it,
//! what a seller says about it, and the follow-up sentences either side may add.
//!
//! Lines are templates (see [`super::grammar`]); slots such as `{amount}`, `{comp}` or
//! `{close}` are filled from the deal's facts so numbers and names stay consistent.

mod commercial;
mod competitive;
pub(crate) mod conversation;
mod customer;
mod deal;
mod technical;
pub(crate) mod tickets;

use revpulse_graph::model::{BuyingRole, Speaker};

use super::Topic;

/// The emotional colour of a topic, which decides how the speaker's tone shows in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mood {
    /// Objections, delays, risks: a frustrated buyer sounds blunt, a warm one apologetic.
    Friction,
    /// Good news: a warm buyer sounds enthusiastic, a sceptical one grudging.
    Positive,
    /// Matter-of-fact subjects: no colouring.
    Neutral,
}

/// How one topic is spoken about.
pub(crate) struct TopicGrammar {
    /// Core sentences in the buyer's voice (raise or answer).
    pub buyer: &'static [&'static str],
    /// Follow-up sentences in the buyer's voice.
    pub buyer_more: &'static [&'static str],
    /// Core sentences in the seller's voice.
    pub seller: &'static [&'static str],
    /// Follow-up sentences in the seller's voice.
    pub seller_more: &'static [&'static str],
    /// Who usually brings it up on a call.
    pub lead: Speaker,
    /// Whether it is friction, good news or neither — drives the tone colouring.
    pub mood: Mood,
    /// Buyer roles most likely to speak to it, most likely first.
    pub roles: &'static [BuyingRole],
    /// Email subject fragments.
    pub subjects: &'static [&'static str],
}

impl TopicGrammar {
    /// Core lines for a side.
    pub fn core(&self, side: Speaker) -> &'static [&'static str] {
        match side {
            Speaker::Buyer => self.buyer,
            Speaker::Seller => self.seller,
        }
    }

    /// Follow-up lines for a side.
    pub fn more(&self, side: Speaker) -> &'static [&'static str] {
        match side {
            Speaker::Buyer => self.buyer_more,
            Speaker::Seller => self.seller_more,
        }
    }
}

/// The phrase book of a topic; `None` for [`Topic::PromptInjection`], which has its own
/// generator in [`super::injection`].
pub(crate) fn grammar(topic: Topic) -> Option<&'static TopicGrammar> {
    Some(match topic {
        Topic::PricingObjection => &commercial::PRICING_OBJECTION,
        Topic::PricingComparison => &commercial::PRICING_COMPARISON,
        Topic::BudgetFreeze => &commercial::BUDGET_FREEZE,
        Topic::ProcurementDelay => &commercial::PROCUREMENT_DELAY,
        Topic::LegalReview => &commercial::LEGAL_REVIEW,
        Topic::CompetitorMention => &competitive::COMPETITOR_MENTION,
        Topic::Displacement => &competitive::DISPLACEMENT,
        Topic::FeatureGap => &competitive::FEATURE_GAP,
        Topic::SecurityReview => &technical::SECURITY_REVIEW,
        Topic::Integration => &technical::INTEGRATION,
        Topic::Implementation => &technical::IMPLEMENTATION,
        Topic::ExecAlignment => &deal::EXEC_ALIGNMENT,
        Topic::Timeline => &deal::TIMELINE,
        Topic::NextSteps => &deal::NEXT_STEPS,
        Topic::ValueConfirmation => &deal::VALUE_CONFIRMATION,
        Topic::UsageDecline => &customer::USAGE_DECLINE,
        Topic::SupportFrustration => &customer::SUPPORT_FRUSTRATION,
        Topic::RenewalRisk => &customer::RENEWAL_RISK,
        Topic::ExpansionInterest => &customer::EXPANSION_INTEREST,
        Topic::PromptInjection => return None,
    })
}

/// Every topic that has a phrase book (all but prompt injection, the last).
#[cfg(test)]
pub(crate) const SPOKEN_TOPICS: [Topic; 19] = {
    let mut spoken = [Topic::PricingObjection; 19];
    let mut i = 0;
    while i < 19 {
        spoken[i] = Topic::ALL[i];
        i += 1;
    }
    spoken
};
