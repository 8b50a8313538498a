//! The deal outcome model: latent drivers of a new-business or expansion deal, the logit that
//! turns them into a win probability, and the ranking of causes behind each outcome.
//!
//! `logit(win) = intercept(segment, type) + Σ βᵢ·(xᵢ − x̄ᵢ)`: each term is centred on its
//! population mean, so a term's value is exactly how much that driver moved this deal away from
//! an average one — the cause ranking in the ground truth is those terms, sorted.

use rand::Rng;
use revpulse_graph::model::{ContentKind, Segment};

use super::catalog::{RIVALS, rival_weights};
use super::rng::{DemoRng, chance, normal, sigmoid, weighted_index};
use super::truth::{Cause, DealDriversTruth, RankedCause};

/// Human-readable form of the model, for the ground truth's model card.
pub(crate) const WIN_FORMULA: &str = "logit(win) = intercept(segment, deal_type) \
    + 1.3*(exec_sponsor_engaged - 0.4) + 0.4*(min(engaged_contacts, 5) - 2.8) \
    + 1.6*(champion_strength - 0.5) - (competitor_penalty - 0.35) - 0.8*(pricing_pressure - 0.3) \
    - 0.4*(procurement_delay - 0.25) + 0.9*(min(campaign_influence, 1) - 0.25) + rep_skill; \
    intercepts: new_business smb -1.0, mid_market -1.15, enterprise -1.3; expansion +1.0 \
    (+0.8 when usage is growing)";

/// Smallest |contribution| reported as a cause.
const CAUSE_THRESHOLD: f64 = 0.15;

/// New business or expansion (renewals follow the churn model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SalesKind {
    /// First purchase.
    NewBusiness,
    /// More seats or another product line for a customer.
    Expansion {
        /// The customer's usage is growing toward its seat limit.
        growing: bool,
    },
}

/// The latent drivers of one deal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DealDrivers {
    pub exec_engaged: bool,
    pub engaged_contacts: u32,
    pub champion_strength: f64,
    pub competitor: Option<usize>,
    pub pricing_pressure: bool,
    pub procurement_delay: bool,
    /// Campaign indices (into the campaign plan list) that touched the account recently.
    pub campaigns: Vec<usize>,
    pub campaign_weight: f64,
    pub content: Vec<ContentKind>,
    pub cycle_multiplier: f64,
    pub rep_skill: f64,
}

/// Inputs to driver sampling that come from outside the deal.
pub(crate) struct DriverContext<'a> {
    pub segment: Segment,
    pub kind: SalesKind,
    pub line: usize,
    pub rep_skill: f64,
    pub contacts_available: u32,
    /// Campaign indices that touched the account in the last 180 days, with their weights and
    /// content.
    pub campaigns: &'a [(usize, f64, ContentKind)],
}

/// Fraction of the cycle cut by buyers touching a content kind.
pub(crate) fn content_cycle_effect(content: ContentKind) -> f64 {
    match content {
        ContentKind::RoiCalculator => 0.18,
        ContentKind::CaseStudy => 0.12,
        ContentKind::DemoVideo => 0.08,
        ContentKind::Webinar => 0.05,
        ContentKind::AnalystReport => 0.03,
        ContentKind::Whitepaper | ContentKind::None => 0.0,
    }
}

/// Draws the drivers of a deal.
pub(crate) fn sample_drivers(rng: &mut DemoRng, ctx: &DriverContext<'_>) -> DealDrivers {
    let expansion = matches!(ctx.kind, SalesKind::Expansion { .. });
    let seg = super::org::segment_index(ctx.segment);
    let exec_p = [0.25, 0.4, 0.5][seg]
        + if ctx.rep_skill > 0.3 { 0.12 } else { 0.0 }
        + if expansion { 0.1 } else { 0.0 };
    let exec_engaged = chance(rng, exec_p);
    let champion_strength =
        (0.5 + 0.22 * normal(rng) + if exec_engaged { 0.08 } else { -0.03 }).clamp(0.0, 1.0);
    let (lo, hi) = [(1, 3), (1, 5), (2, 6)][seg];
    let mut engaged_contacts: u32 = rng.random_range(lo..=hi) + u32::from(exec_engaged);
    engaged_contacts = engaged_contacts.min(ctx.contacts_available.max(1));
    let competitor_p = if expansion {
        0.3
    } else {
        [0.45, 0.55, 0.65][seg]
    };
    let competitor = if chance(rng, competitor_p) {
        Some(weighted_index(rng, &rival_weights(ctx.segment, ctx.line)))
    } else {
        None
    };
    let push = competitor.map_or(0.0, |c| RIVALS[c].pricing_push);
    let pricing_pressure = chance(rng, 0.22 + push + if seg == 0 { 0.08 } else { 0.0 });
    let procurement_delay = chance(rng, [0.08, 0.25, 0.45][seg]);
    let mut content: Vec<ContentKind> = Vec::new();
    let mut campaign_weight = 0.0;
    let mut campaigns = Vec::new();
    for (index, weight, kind) in ctx.campaigns {
        if !campaigns.contains(index) {
            campaigns.push(*index);
            campaign_weight += weight;
        }
        if !content.contains(kind) && *kind != ContentKind::None {
            content.push(*kind);
        }
    }
    campaigns.sort_unstable();
    content.sort_by_key(|c| c.as_str());
    let cycle_multiplier = content
        .iter()
        .map(|c| 1.0 - content_cycle_effect(*c))
        .product::<f64>()
        .max(0.6);
    DealDrivers {
        exec_engaged,
        engaged_contacts,
        champion_strength,
        competitor,
        pricing_pressure,
        procurement_delay,
        campaigns,
        campaign_weight,
        content,
        cycle_multiplier,
        rep_skill: ctx.rep_skill,
    }
}

/// The intercept of the win logit.
fn intercept(segment: Segment, kind: SalesKind) -> f64 {
    let base = match segment {
        Segment::Smb => -1.0,
        Segment::MidMarket => -1.15,
        Segment::Enterprise => -1.3,
    };
    match kind {
        SalesKind::NewBusiness => base,
        SalesKind::Expansion { growing } => base + 1.0 + if growing { 0.8 } else { 0.0 },
    }
}

/// One centred term of the win logit; `cause` is `None` for terms never reported as a cause
/// (the absence of pricing pressure, say).
pub(crate) struct Term {
    pub cause: Option<Cause>,
    pub value: f64,
    pub explanation: String,
}

fn term(cause: Cause, value: f64, explanation: impl Into<String>) -> Term {
    Term {
        cause: Some(cause),
        value,
        explanation: explanation.into(),
    }
}

fn silent(value: f64) -> Term {
    Term {
        cause: None,
        value,
        explanation: String::new(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Every centred term of the win logit.
pub(crate) fn terms(d: &DealDrivers, campaign_ids: &[String]) -> Vec<Term> {
    let mut out = Vec::new();
    let exec = 1.3 * (f64::from(u8::from(d.exec_engaged)) - 0.4);
    out.push(if d.exec_engaged {
        term(
            Cause::ExecSponsorEngaged,
            exec,
            "an executive sponsor was engaged",
        )
    } else {
        term(
            Cause::NoExecSponsor,
            exec,
            "no executive sponsor was engaged",
        )
    });
    let threads = 0.4 * (f64::from(d.engaged_contacts.min(5)) - 2.8);
    let contacts = d.engaged_contacts;
    out.push(if contacts >= 3 {
        term(
            Cause::MultiThreaded { contacts },
            threads,
            format!("multi-threaded across {contacts} buyer contacts"),
        )
    } else {
        term(
            Cause::SingleThreaded { contacts },
            threads,
            format!(
                "single-threaded ({contacts} buyer contact{})",
                plural(contacts as usize)
            ),
        )
    });
    let champion = 1.6 * (d.champion_strength - 0.5);
    out.push(if champion >= 0.0 {
        term(
            Cause::StrongChampion,
            champion,
            "a strong internal champion",
        )
    } else {
        term(Cause::WeakChampion, champion, "a weak or absent champion")
    });
    out.push(match d.competitor {
        Some(c) => {
            let rival = &RIVALS[c];
            term(
                Cause::CompetitorDisplaced {
                    competitor: rival.name.to_string(),
                },
                -(rival.win_penalty - 0.35),
                format!(
                    "{} in the deal, competing on {}",
                    rival.name, rival.positioning
                ),
            )
        }
        None => term(Cause::NoCompetitor, 0.35, "no competitor in the deal"),
    });
    let pricing = -0.8 * (f64::from(u8::from(d.pricing_pressure)) - 0.3);
    out.push(if d.pricing_pressure {
        term(
            Cause::PricingPressure,
            pricing,
            "the buyer pushed hard on price",
        )
    } else {
        silent(pricing)
    });
    let procurement = -0.4 * (f64::from(u8::from(d.procurement_delay)) - 0.25);
    out.push(if d.procurement_delay {
        term(
            Cause::ProcurementDelay,
            procurement,
            "procurement slowed the deal",
        )
    } else {
        silent(procurement)
    });
    let campaign = 0.9 * (d.campaign_weight.min(1.0) - 0.25);
    out.push(if campaign > 0.0 {
        term(
            Cause::CampaignInfluence {
                campaign_ids: campaign_ids.to_vec(),
            },
            campaign,
            format!(
                "{} marketing campaign{} warmed the buyer",
                campaign_ids.len(),
                plural(campaign_ids.len())
            ),
        )
    } else {
        silent(campaign)
    });
    out.push(if d.rep_skill >= 0.0 {
        term(Cause::StrongRep, d.rep_skill, "an above-average rep")
    } else {
        term(Cause::WeakRep, d.rep_skill, "a below-average rep")
    });
    out
}

/// The true win probability of a deal.
pub(crate) fn win_probability(segment: Segment, kind: SalesKind, d: &DealDrivers) -> f64 {
    let logit = intercept(segment, kind) + terms(d, &[]).iter().map(|t| t.value).sum::<f64>();
    sigmoid(logit)
}

/// Causes of an outcome, ranked: toward a win for won deals, against it for lost and open ones.
pub(crate) fn ranked_causes(
    d: &DealDrivers,
    campaign_ids: &[String],
    won: bool,
) -> Vec<RankedCause> {
    rank(terms(d, campaign_ids), if won { 1.0 } else { -1.0 })
}

/// Keeps the reported terms pointing the `sign` way, strongest first.
pub(crate) fn rank(terms: Vec<Term>, sign: f64) -> Vec<RankedCause> {
    let mut causes: Vec<RankedCause> = terms
        .into_iter()
        .filter(|t| sign * t.value >= CAUSE_THRESHOLD)
        .filter_map(|t| {
            t.cause.map(|cause| RankedCause {
                cause,
                contribution: (sign * t.value * 1000.0).round() / 1000.0,
                explanation: t.explanation,
            })
        })
        .collect();
    causes.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    causes
}

/// The drivers as ground truth.
pub(crate) fn drivers_truth(d: &DealDrivers, campaign_ids: Vec<String>) -> DealDriversTruth {
    DealDriversTruth {
        exec_sponsor_engaged: d.exec_engaged,
        engaged_contacts: d.engaged_contacts,
        multithreaded: d.engaged_contacts >= 3,
        champion_strength: (d.champion_strength * 1000.0).round() / 1000.0,
        competitor: d.competitor.map(|c| RIVALS[c].name.to_string()),
        pricing_pressure: d.pricing_pressure,
        procurement_delay: d.procurement_delay,
        campaign_ids,
        campaign_influence: (d.campaign_weight * 1000.0).round() / 1000.0,
        content: d.content.clone(),
        cycle_multiplier: (d.cycle_multiplier * 1000.0).round() / 1000.0,
        rep_skill: (d.rep_skill * 1000.0).round() / 1000.0,
    }
}
