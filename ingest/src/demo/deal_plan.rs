//! Planning one deal: its kind, product, size, latent drivers, true win probability and
//! outcome, planned close date, the buying committee and who of it is engaged — and from that
//! its full timeline. Renewal deals take their outcome from the customer's term health.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use revpulse_graph::model::{BuyingRole, Contact, Segment, Stage};

use super::accounts::AccountProfile;
use super::calendar::{Calendar, add_days, at_minute, work_minute};
use super::campaigns::CampaignPlan;
use super::catalog::{LINES, seat_norm};
use super::churn_model::TermHealth;
use super::committee::committee;
use super::leads::LeadPlan;
use super::org::RepProfile;
use super::rng::{DemoRng, Stream, chance, lognormal, stream, weighted_index};
use super::timeline::{Timeline, TimelineInput, build};
use super::truth::UsageTrend;
use super::win_model::{DealDrivers, DriverContext, SalesKind, sample_drivers, win_probability};

/// The three deal types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DealKind {
    NewBusiness,
    Expansion,
    Renewal,
}

impl DealKind {
    /// The `deal_type` string of the record.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewBusiness => "new_business",
            Self::Expansion => "expansion",
            Self::Renewal => "renewal",
        }
    }
}

/// Which term and contract a renewal deal renews (local indices in the account plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RenewalLink {
    pub term: usize,
    pub contract: usize,
}

/// Everything decided about a deal.
#[derive(Debug, Clone)]
pub(crate) struct DealPlan {
    pub account: usize,
    pub local: usize,
    pub kind: DealKind,
    pub line: usize,
    pub product: usize,
    pub rep: usize,
    pub created_at: DateTime<Utc>,
    pub lead: Option<usize>,
    pub drivers: DealDrivers,
    pub renewal: Option<RenewalLink>,
    pub p_win: f64,
    pub won: bool,
    pub close: NaiveDate,
    pub reach: Stage,
    pub regress: bool,
    pub seats: i64,
    pub amount: i64,
    /// Share of the cycle after which the competitor is talked about.
    pub competitor_entry: f64,
    pub roles: Vec<(usize, BuyingRole)>,
    /// Contacts the seller works with (global indices); the champion first.
    pub engaged: Vec<usize>,
    /// The exec sponsor on the committee, engaged or not.
    pub exec_contact: Option<usize>,
    pub forced_push: Option<NaiveDate>,
    pub planted: Option<&'static str>,
    pub timeline: Timeline,
}

/// Stable key of a deal for its random streams.
pub(crate) fn deal_key(account: usize, local: usize) -> u64 {
    ((account as u64) << 24) | local as u64
}

/// What the planner needs to know about the account and the world.
pub(crate) struct PlanCtx<'a> {
    pub seed: u64,
    pub calendar: &'a Calendar,
    pub account: &'a AccountProfile,
    pub rep_index: usize,
    pub rep: &'a RepProfile,
    pub campaigns: &'a [CampaignPlan],
    pub contacts: &'a [Contact],
    pub leads: &'a [LeadPlan],
}

/// A request for a new-business or expansion deal.
pub(crate) struct SalesRequest {
    pub kind: SalesKind,
    pub line: usize,
    pub created_at: DateTime<Utc>,
    pub lead: Option<usize>,
    /// Latest close date (expansions close before the renewal work starts).
    pub deadline: Option<NaiveDate>,
    /// Seats for an upsell (else drawn from the segment norm).
    pub seats: Option<i64>,
}

/// A working-hours instant on `date`.
pub(crate) fn work_instant(rng: &mut DemoRng, date: NaiveDate) -> DateTime<Utc> {
    at_minute(date, work_minute(rng))
}

fn product_tier(rng: &mut DemoRng, segment: Segment, line: usize) -> usize {
    let n = LINES[line].products.len();
    let weights: &[f64] = match (segment, n) {
        (Segment::Smb, _) => &[0.7, 0.3, 0.0],
        (Segment::MidMarket, 3) => &[0.2, 0.55, 0.25],
        (Segment::MidMarket, _) => &[0.5, 0.5],
        (Segment::Enterprise, 3) => &[0.05, 0.35, 0.6],
        (Segment::Enterprise, _) => &[0.3, 0.7],
    };
    weighted_index(rng, &weights[..n.min(weights.len())]).min(n - 1)
}

/// Seats rounded the way buyers buy them.
pub(crate) fn round_seats(x: f64) -> i64 {
    if x < 20.0 {
        x.round().max(3.0) as i64
    } else {
        (x / 5.0).round() as i64 * 5
    }
}

/// Typical days from creation to a win.
fn cycle_median(segment: Segment) -> f64 {
    match segment {
        Segment::Smb => 40.0,
        Segment::MidMarket => 80.0,
        Segment::Enterprise => 140.0,
    }
}

/// Campaigns that touched the account's leads in the 180 days before `at`.
fn recent_campaigns(
    ctx: &PlanCtx<'_>,
    at: DateTime<Utc>,
) -> Vec<(usize, f64, revpulse_graph::model::ContentKind)> {
    let from = at - Duration::days(180);
    let mut out: Vec<(usize, f64, revpulse_graph::model::ContentKind)> = ctx
        .leads
        .iter()
        .flat_map(|l| l.touches.iter())
        .filter(|(_, t)| *t >= from && *t <= at)
        .map(|(c, _)| {
            (
                *c,
                ctx.campaigns[*c].weight,
                ctx.campaigns[*c].record.content,
            )
        })
        .collect();
    out.sort_by_key(|x| x.0);
    out.dedup_by_key(|x| x.0);
    out
}

/// Plans a new-business or expansion deal.
pub(crate) fn plan_sales_deal(
    ctx: &PlanCtx<'_>,
    rng: &mut DemoRng,
    local: usize,
    req: SalesRequest,
) -> DealPlan {
    let segment = ctx.account.segment;
    let campaigns = recent_campaigns(ctx, req.created_at);
    let mut drivers = sample_drivers(
        rng,
        &DriverContext {
            segment,
            kind: req.kind,
            line: req.line,
            rep_skill: ctx.rep.skill,
            contacts_available: ctx.account.contacts.len() as u32,
            campaigns: &campaigns,
        },
    );
    let (roles, engaged, exec_contact) = committee(rng, ctx, &drivers);
    drivers.exec_engaged =
        drivers.exec_engaged && exec_contact.is_some_and(|e| engaged.contains(&e));
    drivers.engaged_contacts = engaged.len() as u32;
    let product = product_tier(rng, segment, req.line);
    let (median, sigma) = seat_norm(segment);
    let seats = req
        .seats
        .unwrap_or_else(|| round_seats(lognormal(rng, median, sigma)));
    let price = LINES[req.line].products[product].2 as f64;
    let amount =
        ((seats as f64 * price * rng.random_range(0.85..1.0)) / 100.0).round() as i64 * 100;
    let expansion = matches!(req.kind, SalesKind::Expansion { .. });
    let mut cycle = lognormal(rng, cycle_median(segment), 0.35) * drivers.cycle_multiplier;
    if drivers.procurement_delay {
        cycle *= 1.35;
    }
    if drivers.pricing_pressure {
        cycle *= 1.12;
    }
    if drivers.exec_engaged {
        cycle *= 0.9;
    }
    if expansion {
        cycle *= 0.6;
    }
    let p_win = win_probability(segment, req.kind, &drivers);
    let won = chance(rng, p_win);
    let created = req.created_at.date_naive();
    let (reach, close_days) = if won {
        (Stage::Negotiation, cycle)
    } else {
        let late = drivers.competitor.is_some() || drivers.pricing_pressure;
        let weights = if late {
            [0.08, 0.15, 0.22, 0.3, 0.25]
        } else {
            [0.14, 0.26, 0.28, 0.2, 0.12]
        };
        let reach = weighted_index(rng, &weights);
        let frac = [0.0, 0.12, 0.27, 0.5, 0.72][reach] + rng.random_range(0.15..0.6);
        (Stage::OPEN[reach], cycle * frac)
    };
    let mut close = add_days(created, (close_days.round() as i64).max(5));
    if let Some(deadline) = req.deadline
        && close > deadline
    {
        close = add_days(deadline, -rng.random_range(0..10)).max(add_days(created, 7));
    }
    let regress = chance(
        rng,
        0.08 + if drivers.pricing_pressure { 0.12 } else { 0.0 }
            + if won { 0.0 } else { 0.08 }
            + if drivers.procurement_delay { 0.05 } else { 0.0 },
    );
    let kind = if expansion {
        DealKind::Expansion
    } else {
        DealKind::NewBusiness
    };
    let mut plan = DealPlan {
        account: ctx.account.index,
        local,
        kind,
        line: req.line,
        product,
        rep: ctx.rep_index,
        created_at: req.created_at,
        lead: req.lead,
        competitor_entry: rng.random_range(0.0..0.4),
        drivers,
        renewal: None,
        p_win,
        won,
        close,
        reach,
        regress,
        seats,
        amount: amount.max(500),
        roles,
        engaged,
        exec_contact,
        forced_push: None,
        planted: None,
        timeline: Timeline::default(),
    };
    rebuild_timeline(ctx.seed, ctx.calendar, ctx.rep, &mut plan);
    plan
}

/// What a renewal deal renews.
pub(crate) struct RenewalRequest<'a> {
    pub health: &'a TermHealth,
    pub link: RenewalLink,
    pub line: usize,
    pub product: usize,
    pub seats: i64,
    pub arr: i64,
    pub created_at: DateTime<Utc>,
    /// The contract's renewal date (the deal closes up to two weeks before it).
    pub renewal_date: NaiveDate,
}

/// Plans the renewal deal of one contract; its outcome is the term's churn decision.
pub(crate) fn plan_renewal_deal(
    ctx: &PlanCtx<'_>,
    rng: &mut DemoRng,
    local: usize,
    req: RenewalRequest<'_>,
) -> DealPlan {
    let h = req.health;
    let decline = h.trend == UsageTrend::Decline;
    let mut drivers = DealDrivers {
        exec_engaged: h.exec_engaged,
        engaged_contacts: rng.random_range(1..=3) + u32::from(h.exec_engaged),
        champion_strength: if h.churns {
            rng.random_range(0.1..0.5)
        } else {
            rng.random_range(0.4..0.95)
        },
        competitor: h.competitor,
        pricing_pressure: decline || chance(rng, 0.2),
        procurement_delay: chance(rng, 0.15),
        campaigns: Vec::new(),
        campaign_weight: 0.0,
        content: Vec::new(),
        cycle_multiplier: 1.0,
        rep_skill: ctx.rep.skill,
    };
    let uplift = if h.trend == UsageTrend::Growth {
        rng.random_range(0.04..0.1)
    } else {
        rng.random_range(0.0..0.06)
    };
    let amount = ((req.arr as f64 * (1.0 + uplift)) / 100.0).round() as i64 * 100;
    let (roles, engaged, exec_contact) = committee(rng, ctx, &drivers);
    drivers.engaged_contacts = engaged.len() as u32;
    let mut plan = DealPlan {
        account: ctx.account.index,
        local,
        kind: DealKind::Renewal,
        line: req.line,
        product: req.product,
        rep: ctx.rep_index,
        created_at: req.created_at,
        lead: None,
        competitor_entry: rng.random_range(0.1..0.5),
        drivers,
        renewal: Some(req.link),
        p_win: 1.0 - h.churn_probability,
        won: !h.churns,
        close: add_days(req.renewal_date, -rng.random_range(0..=14))
            .max(add_days(req.created_at.date_naive(), 3))
            .min(req.renewal_date),
        reach: if h.churns {
            [Stage::Qualification, Stage::Proposal, Stage::Negotiation][rng.random_range(0..3)]
        } else {
            Stage::Negotiation
        },
        regress: chance(rng, if h.churns { 0.2 } else { 0.05 }),
        seats: req.seats,
        amount: amount.max(500),
        roles,
        engaged,
        exec_contact,
        forced_push: None,
        planted: None,
        timeline: Timeline::default(),
    };
    rebuild_timeline(ctx.seed, ctx.calendar, ctx.rep, &mut plan);
    plan
}

/// (Re)builds the deal's timeline from its plan (its own random stream: same plan, same path).
pub(crate) fn rebuild_timeline(
    seed: u64,
    calendar: &Calendar,
    rep: &RepProfile,
    plan: &mut DealPlan,
) {
    let mut rng = stream(
        seed,
        Stream::DealTimeline,
        deal_key(plan.account, plan.local),
    );
    plan.timeline = build(
        &mut rng,
        &TimelineInput {
            created_at: plan.created_at,
            close: plan.close,
            won: plan.won,
            reach: plan.reach,
            renewal: plan.kind == DealKind::Renewal,
            regress: plan.regress,
            pricing_pressure: plan.drivers.pricing_pressure,
            procurement_delay: plan.drivers.procurement_delay,
            amount: plan.amount,
            optimism: rep.optimism,
            commit_bias: rep.commit_bias,
            forced_push: plan.forced_push,
            today: calendar.today,
        },
    );
}
