//! The ground truth written beside the demo data: the latent causes the generator used to
//! decide every outcome, so analytics, agents and retrieval can later be scored on recovering
//! them. Serialized as `ground_truth.json`.

use chrono::NaiveDate;
use revpulse_graph::model::ContentKind;
use serde::{Deserialize, Serialize};

use super::text::{PassageLabel, Topic};
pub use super::truth_accounts::{
    ChurnTruth, ExpansionCandidate, HealthDriversTruth, RenewalOutcome, RenewalTruth, UsageTrend,
};

/// Everything the generator knows that the data only implies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroundTruth {
    /// Seed the data was generated from.
    pub seed: u64,
    /// The data's "today".
    pub today: NaiveDate,
    /// First day of history.
    pub history_start: NaiveDate,
    /// The coefficients of the outcome models.
    pub model: ModelCard,
    /// Every opportunity: why it was won or lost, or what will happen to it if still open.
    pub deals: Vec<DealTruth>,
    /// Every contract renewal, resolved or pending.
    pub renewals: Vec<RenewalTruth>,
    /// Every churned account and why it left.
    pub churned_accounts: Vec<ChurnTruth>,
    /// Every campaign's true influence.
    pub campaigns: Vec<CampaignTruth>,
    /// True effect of each content kind on deal cycle time.
    pub content_effects: Vec<ContentEffect>,
    /// Latent selling skill of each rep.
    pub reps: Vec<RepTruth>,
    /// Customers that are true expansion candidates today, with their signals.
    pub expansion_candidates: Vec<ExpansionCandidate>,
    /// Exact passage labels of every generated text.
    pub passages: Vec<PassageTruth>,
    /// Every planted prompt injection.
    pub injection_passages: Vec<InjectionPassage>,
}

/// The outcome models, in logit units: `logit = intercept + Σ contribution`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelCard {
    /// Win model: human-readable formula.
    pub win_formula: String,
    /// Churn model: human-readable formula.
    pub churn_formula: String,
}

/// How a deal ended (or will end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealOutcome {
    /// Closed won.
    Won,
    /// Closed lost.
    Lost,
    /// Still open today.
    Open,
}

/// A latent cause of an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    /// An executive sponsor was engaged throughout.
    ExecSponsorEngaged,
    /// No executive sponsor was engaged.
    NoExecSponsor,
    /// Many buyer contacts were engaged.
    MultiThreaded {
        /// Contacts engaged.
        contacts: u32,
    },
    /// Only one or two buyer contacts were engaged.
    SingleThreaded {
        /// Contacts engaged.
        contacts: u32,
    },
    /// The champion sold hard internally.
    StrongChampion,
    /// The champion was weak or absent.
    WeakChampion,
    /// No competitor was in the deal.
    NoCompetitor,
    /// A competitor was in the deal (and displaced us, when lost).
    CompetitorDisplaced {
        /// Canonical competitor name.
        competitor: String,
    },
    /// The buyer pushed hard on price.
    PricingPressure,
    /// Procurement slowed the deal.
    ProcurementDelay,
    /// Marketing campaigns warmed the buyer.
    CampaignInfluence {
        /// Campaign ids.
        campaign_ids: Vec<String>,
    },
    /// The rep is an above-average seller.
    StrongRep,
    /// The rep is a below-average seller.
    WeakRep,
    /// Product usage declined through the term.
    UsageDecline,
    /// Product usage grew through the term.
    UsageGrowth,
    /// Few licensed seats were in use.
    LowSeatUtilisation,
    /// Support tickets were many and negative.
    NegativeTicketSentiment,
    /// No executive engagement with the customer.
    NoExecEngagement,
    /// Executives stayed engaged with the customer.
    ExecEngagement,
    /// A competitor courted the customer.
    CompetitorDisplacement {
        /// Canonical competitor name.
        competitor: String,
    },
}

/// One cause with its weight toward the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedCause {
    /// The cause.
    pub cause: Cause,
    /// Logit contribution toward the actual (or, for open deals, the adverse) outcome; larger
    /// means more responsible.
    pub contribution: f64,
    /// One sentence for humans.
    pub explanation: String,
}

/// The latent drivers of a new-business or expansion deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DealDriversTruth {
    /// An executive sponsor took part in the deal.
    pub exec_sponsor_engaged: bool,
    /// Distinct buyer contacts the seller worked with.
    pub engaged_contacts: u32,
    /// `engaged_contacts >= 3`.
    pub multithreaded: bool,
    /// Champion strength in [0, 1].
    pub champion_strength: f64,
    /// Competitor in the deal.
    pub competitor: Option<String>,
    /// The buyer pushed on price (discounts, price objections).
    pub pricing_pressure: bool,
    /// Procurement slowed the deal (pushes, longer negotiation).
    pub procurement_delay: bool,
    /// Campaigns that touched the account's leads in the 180 days before creation.
    pub campaign_ids: Vec<String>,
    /// Sum of their true influence weights (the win model caps it at 1).
    pub campaign_influence: f64,
    /// Content kinds those campaigns carried.
    pub content: Vec<ContentKind>,
    /// Multiplier the content applied to the cycle length.
    pub cycle_multiplier: f64,
    /// The owner's latent skill (logit units).
    pub rep_skill: f64,
}

/// What the generator planned for a deal still open today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenDealTruth {
    /// Whether it will be won.
    pub will_win: bool,
    /// The date it will really close.
    pub planned_close_date: NaiveDate,
    /// Its current close date falls in the current quarter but it will not be won there.
    pub slips_out_of_quarter: bool,
}

/// Truth about one opportunity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DealTruth {
    /// Deal id.
    pub opportunity_id: String,
    /// Account id.
    pub account_id: String,
    /// "new_business", "expansion" or "renewal".
    pub deal_type: String,
    /// Won, lost or open.
    pub outcome: DealOutcome,
    /// Win probability the generator drew the outcome from.
    pub true_win_probability: f64,
    /// Drivers (new business and expansion); renewals are driven by [`RenewalTruth`].
    pub drivers: Option<DealDriversTruth>,
    /// The contract a renewal deal renews.
    pub renews_contract_id: Option<String>,
    /// Causes ranked by contribution; for open deals, the risk factors.
    pub causes: Vec<RankedCause>,
    /// Short human explanation.
    pub explanation: String,
    /// Close-date pushes recorded up to today.
    pub pushes: u32,
    /// The stage moved backwards at least once up to today.
    pub regressed: bool,
    /// The plan of a deal still open.
    pub open: Option<OpenDealTruth>,
    /// Set when the generator planted this deal's freshness (e.g. "won_today", "pushed_recently").
    pub planted: Option<String>,
}

/// A campaign's true influence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignTruth {
    /// Campaign id.
    pub campaign_id: String,
    /// Weight added (per touch) to lead conversion and to the win logit of deals it touched.
    pub influence_weight: f64,
    /// Rank of the weight (1 = most influential).
    pub influence_rank: u32,
    /// Leads it touched.
    pub leads_touched: u32,
    /// Of those, leads converted to opportunities.
    pub leads_converted: u32,
}

/// True effect of a content kind on deal cycle time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentEffect {
    /// Content kind.
    pub content: ContentKind,
    /// Fraction cut from the cycle of deals whose buyers touched it (0.18 = 18% faster).
    pub cycle_time_reduction: f64,
}

/// A rep's latent skill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepTruth {
    /// User id.
    pub user_id: String,
    /// Skill in logit units added to each deal's win logit.
    pub skill: f64,
}

/// Which kind of record a passage belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A call transcript (record id: transcript id; passage: turn index).
    Transcript,
    /// An email activity (record id: activity id; passage: 0).
    Email,
    /// A meeting activity's notes (record id: activity id; passage: 0).
    Meeting,
    /// A support ticket (record id: ticket id; passage: comment index).
    Ticket,
}

/// The labels of one generated text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassageTruth {
    /// Kind of record.
    pub source: SourceKind,
    /// Its id.
    pub record_id: String,
    /// Labels of its passages.
    pub labels: Vec<PassageLabel>,
}

/// One planted prompt injection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjectionPassage {
    /// Kind of record.
    pub source: SourceKind,
    /// Its id.
    pub record_id: String,
    /// Passage index (turn, message or comment).
    pub passage_index: usize,
}

impl PassageTruth {
    /// The planted injections among these labels.
    pub fn injections(&self) -> impl Iterator<Item = InjectionPassage> + '_ {
        self.labels
            .iter()
            .filter(|l| l.topic == Topic::PromptInjection)
            .map(|l| InjectionPassage {
                source: self.source,
                record_id: self.record_id.clone(),
                passage_index: l.index,
            })
    }
}

/// Joins the explanations of the top causes into one sentence.
pub(crate) fn summarize(prefix: &str, causes: &[RankedCause]) -> String {
    if causes.is_empty() {
        return format!("{prefix}: no single dominant cause (chance and rep execution).");
    }
    let parts: Vec<String> = causes
        .iter()
        .take(3)
        .map(|c| format!("{} ({:+.2})", c.explanation, c.contribution))
        .collect();
    format!("{prefix}: {}.", parts.join("; "))
}
