//! The buying committee of a deal — champion, economic buyer, exec sponsor, technical
//! evaluator, procurement, end users — picked from the account's contacts by persona, and the
//! subset the seller actually engages (the exec sponsor only when engagement is a latent fact).

use rand::Rng;
use revpulse_graph::model::{BuyingRole, Segment};

use super::deal_plan::PlanCtx;
use super::rng::{DemoRng, chance};
use super::win_model::DealDrivers;

/// Picks the buying committee and the contacts the seller engages.
pub(crate) fn committee(
    rng: &mut DemoRng,
    ctx: &PlanCtx<'_>,
    d: &DealDrivers,
) -> (Vec<(usize, BuyingRole)>, Vec<usize>, Option<usize>) {
    let range = ctx.account.contacts.clone();
    let mut free: Vec<usize> = range.collect();
    let mut take = |rng: &mut DemoRng, personas: &[&str]| -> Option<usize> {
        let matching: Vec<usize> = free
            .iter()
            .copied()
            .filter(|c| personas.contains(&ctx.contacts[*c].persona.as_str()))
            .collect();
        let chosen = super::rng::pick(rng, &matching).copied()?;
        free.retain(|c| *c != chosen);
        Some(chosen)
    };
    let mut roles = Vec::new();
    let champion = take(rng, &["sales", "marketing", "data", "operations"])
        .or_else(|| take(rng, &["finance", "it", "executive"]));
    let economic = take(rng, &["finance"]).or_else(|| take(rng, &["executive"]));
    let wants_exec = d.exec_engaged
        || chance(
            rng,
            if ctx.account.segment == Segment::Smb {
                0.25
            } else {
                0.5
            },
        );
    let exec = if wants_exec {
        take(rng, &["executive"])
    } else {
        None
    };
    let technical = take(rng, &["it", "data"]);
    let procurement = if ctx.account.segment != Segment::Smb || d.procurement_delay {
        take(rng, &["procurement"])
    } else {
        None
    };
    let mut ordered = Vec::new();
    for (contact, role) in [
        (champion, BuyingRole::Champion),
        (economic, BuyingRole::EconomicBuyer),
        (exec, BuyingRole::ExecSponsor),
        (technical, BuyingRole::TechnicalEvaluator),
        (procurement, BuyingRole::Procurement),
    ] {
        if let Some(c) = contact {
            roles.push((c, role));
            if role != BuyingRole::ExecSponsor {
                ordered.push(c);
            }
        }
    }
    let end_users = rng.random_range(0..=2usize);
    for _ in 0..end_users {
        if let Some(c) = take(rng, &["sales", "marketing", "data", "operations", "it"]) {
            roles.push((c, BuyingRole::EndUser));
            ordered.push(c);
        }
    }
    let wanted = d.engaged_contacts as usize;
    let mut engaged: Vec<usize> = Vec::new();
    if d.exec_engaged
        && let Some(e) = exec
    {
        engaged.push(e);
    }
    for c in ordered {
        if engaged.len() >= wanted.max(1) {
            break;
        }
        engaged.push(c);
    }
    // Keep the champion first (or the exec when they are all there is).
    if engaged.len() > 1 && d.exec_engaged && exec.is_some() {
        engaged.rotate_left(1);
    }
    (roles, engaged, exec)
}
