//! The sales activity around each deal — emails, calls and meetings between the rep and the
//! engaged buying committee — planned from the deal's latent drivers: who takes part (the exec
//! sponsor only when engaged, and recently), how many contacts are threaded in, when the
//! competitor starts coming up, and which topics each conversation covers.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use revpulse_graph::model::{ActivityKind, Segment, Stage};

use super::account_plan::AccountPlan;
use super::accounts::AccountProfile;
use super::calendar::{at_minute, snap_to_workday};
use super::deal_plan::{DealKind, DealPlan, deal_key};
use super::org::Org;
use super::rng::{Stream, chance, key, poisson, stream};
use super::text::{EmailDirection, Topic};
use super::topics::{TopicContext, conversation_topics, email_topics, sentiment};

/// One planned activity, before its text is written.
#[derive(Debug, Clone)]
pub(crate) struct ActivityPlan {
    pub kind: ActivityKind,
    pub at: DateTime<Utc>,
    pub account: usize,
    /// Local deal index in the account plan.
    pub deal: Option<usize>,
    /// Index into `Org::users`.
    pub user: usize,
    /// Global contact indices; the first is the main counterpart.
    pub contacts: Vec<usize>,
    pub topics: Vec<Topic>,
    pub competitor: Option<usize>,
    pub sentiment: f64,
    pub stage: Stage,
    pub amount: i64,
    pub close_date: NaiveDate,
    pub line: usize,
    pub product: usize,
    pub direction: EmailDirection,
    pub injection: bool,
    /// Seed key of its text stream.
    pub text_key: u64,
}

/// Activities per 30 days of an open deal: (emails, calls, meetings).
fn rates(segment: Segment, kind: DealKind) -> (f64, f64, f64) {
    let base = match segment {
        Segment::Smb => (2.2, 0.46, 0.3),
        Segment::MidMarket => (2.7, 0.62, 0.5),
        Segment::Enterprise => (3.1, 0.8, 0.8),
    };
    match kind {
        DealKind::Renewal => (base.0 * 0.7, base.1 * 0.6, base.2 * 0.6),
        _ => base,
    }
}

/// Plans every activity of one deal up to today.
pub(crate) fn plan_deal_activities(
    seed: u64,
    today: NaiveDate,
    account: &AccountProfile,
    plan: &AccountPlan,
    deal: &DealPlan,
    org: &Org,
    out: &mut Vec<ActivityPlan>,
) {
    let mut rng = stream(
        seed,
        Stream::DealActivities,
        deal_key(deal.account, deal.local),
    );
    let start = deal.created_at;
    let end_of_today = at_minute(today, 18 * 60);
    let close_at = deal.timeline.close_at.unwrap_or(end_of_today);
    let end = close_at.min(end_of_today);
    if end <= start {
        return;
    }
    let span = (end - start).num_seconds() as f64;
    let full_span = (close_at - start).num_seconds().max(1) as f64;
    let days = span / 86_400.0;
    let (e, c, m) = rates(account.segment, deal.kind);
    let mut kinds: Vec<ActivityKind> = Vec::new();
    let emails = poisson(&mut rng, e * days / 30.0).max(u32::from(days >= 2.0));
    kinds.extend(std::iter::repeat_n(ActivityKind::Email, emails as usize));
    kinds.extend(std::iter::repeat_n(
        ActivityKind::Call,
        poisson(&mut rng, c * days / 30.0) as usize,
    ));
    kinds.extend(std::iter::repeat_n(
        ActivityKind::Meeting,
        poisson(&mut rng, m * days / 30.0) as usize,
    ));
    // Working hours on working days, spread over the deal's life so far.
    let mut times: Vec<DateTime<Utc>> = Vec::with_capacity(kinds.len());
    for _ in 0..kinds.len() {
        let raw = start + Duration::seconds((span * rng.random::<f64>()) as i64);
        times.push(snap_to_workday(&mut rng, raw, start, end));
    }
    times.sort();
    // Kinds are shuffled over the sorted times so calls and meetings spread through the deal.
    for i in (1..kinds.len()).rev() {
        let j = rng.random_range(0..=i);
        kinds.swap(i, j);
    }
    let health = deal.renewal.map(|r| &plan.terms[r.term].health);
    let user = org.reps[deal.rep].user;
    let champion_first = deal.engaged.clone();
    let exec = deal.exec_contact;
    for (n, (kind, at)) in kinds.into_iter().zip(times).enumerate() {
        let progress = (at - start).num_seconds() as f64 / full_span;
        let (stage, amount, close_date) = deal.timeline.as_of(at);
        let stage = if stage.is_open() {
            stage
        } else {
            Stage::Negotiation
        };
        // The engaged exec joins calls and meetings often, more so late; an unengaged one at
        // most shows up early and then goes dark.
        let exec_present = match exec {
            Some(_) if kind != ActivityKind::Email && deal.drivers.exec_engaged => {
                chance(&mut rng, if progress > 0.6 { 0.7 } else { 0.4 })
            }
            Some(_) if kind != ActivityKind::Email => progress < 0.15 && chance(&mut rng, 0.3),
            _ => false,
        };
        let mut contacts = Vec::new();
        if !champion_first.is_empty() {
            contacts.push(champion_first[n % champion_first.len()]);
            if kind != ActivityKind::Email {
                for _ in 0..rng.random_range(0..=2usize) {
                    let c = champion_first[rng.random_range(0..champion_first.len())];
                    if !contacts.contains(&c) {
                        contacts.push(c);
                    }
                }
            }
        }
        if let Some(x) = exec.filter(|_| exec_present)
            && !contacts.contains(&x)
        {
            contacts.push(x);
        }
        if contacts.is_empty() {
            continue;
        }
        let competitor_active = deal.drivers.competitor.is_some()
            && progress >= deal.competitor_entry
            && chance(
                &mut rng,
                match kind {
                    ActivityKind::Call => 0.65,
                    ActivityKind::Meeting => 0.35,
                    ActivityKind::Email => 0.3,
                },
            );
        let ctx = TopicContext {
            stage,
            segment: account.segment,
            drivers: &deal.drivers,
            competitor_active,
            exec_present,
            expansion: deal.kind == DealKind::Expansion,
            health,
            days_to_renewal: deal
                .renewal
                .map(|_| (deal.close - at.date_naive()).num_days()),
            heading_to_loss: !deal.won && progress > 0.6,
        };
        let topics = if kind == ActivityKind::Email {
            email_topics(&mut rng, &ctx)
        } else {
            conversation_topics(&mut rng, &ctx)
        };
        out.push(ActivityPlan {
            kind,
            at,
            account: account.index,
            deal: Some(deal.local),
            user,
            contacts,
            sentiment: sentiment(&mut rng, &ctx),
            competitor: if topics.iter().any(|t| competitor_topic(*t)) {
                deal.drivers.competitor
            } else {
                None
            },
            topics,
            stage,
            amount,
            close_date,
            line: deal.line,
            product: deal.product,
            direction: if chance(&mut rng, 0.65) {
                EmailDirection::SellerToBuyer
            } else {
                EmailDirection::BuyerToSeller
            },
            injection: false,
            text_key: key(&[deal.account as u64, 1, deal.local as u64, n as u64]),
        });
    }
}

/// Whether a topic names the competitor.
pub(crate) fn competitor_topic(topic: Topic) -> bool {
    matches!(
        topic,
        Topic::CompetitorMention
            | Topic::PricingComparison
            | Topic::FeatureGap
            | Topic::Displacement
    )
}
