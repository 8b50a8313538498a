//! Writes the conversations out: plans every deal and customer-success activity and every
//! ticket, numbers them in time order, plants the prompt injections, and renders their text —
//! returning the passage labels for the ground truth.

use std::collections::BTreeSet;

use rand::Rng;
use revpulse_graph::model::ActivityKind;

use super::activities::{ActivityPlan, plan_deal_activities};
use super::assemble::Ids;
use super::calendar::at_minute;
use super::catalog::rival_aliases;
use super::customer_success::plan_customer_activities;
use super::ids::IdScheme;
use super::render::RenderCtx;
use super::rng::{Stream, stream};
use super::tickets::{TicketPlan, plan_tickets};
use super::truth::PassageTruth;
use super::world::World;
use crate::dataset::CompanyDataset;

/// Activities, transcripts and tickets with their text; returns every passage label.
pub(crate) fn conversations(
    world: &World,
    ids: &Ids,
    ds: &mut CompanyDataset,
) -> Vec<PassageTruth> {
    let seed = world.seed;
    let today = world.calendar.today;
    let mut plans: Vec<ActivityPlan> = Vec::new();
    for (a, plan) in world.plans.iter().enumerate() {
        for deal in &plan.deals {
            plan_deal_activities(
                seed,
                today,
                &world.profiles[a],
                plan,
                deal,
                &world.org,
                &mut plans,
            );
        }
        plan_customer_activities(
            seed,
            &world.calendar,
            &world.profiles[a],
            plan,
            &world.contacts,
            &mut plans,
        );
    }
    plans.sort_by_key(|p| (p.at, p.account, p.text_key));
    plant_injections(seed, world.profiles.len(), &mut plans);

    let aliases = rival_aliases();
    let account_names: Vec<String> = world.profiles.iter().map(|p| p.name.clone()).collect();
    let industries: Vec<&'static str> = world.profiles.iter().map(|p| p.industry).collect();
    let render = RenderCtx {
        seed,
        users: &world.org.users,
        contacts: &world.contacts,
        account_ids: &world.account_ids,
        account_names: &account_names,
        industries: &industries,
        aliases: &aliases,
        end_of_today: at_minute(today, 1439),
    };
    let activity_ids = IdScheme::padded("A", plans.len(), 7);
    let calls = plans
        .iter()
        .filter(|p| p.kind == ActivityKind::Call)
        .count();
    let transcript_ids = IdScheme::padded("TR", calls, 6);
    let mut next_transcript = 0;
    let numbered: Vec<(usize, Option<String>)> = plans
        .iter()
        .enumerate()
        .map(|(i, plan)| {
            let transcript = (plan.kind == ActivityKind::Call).then(|| {
                next_transcript += 1;
                transcript_ids.id(next_transcript - 1)
            });
            (i, transcript)
        })
        .collect();
    let rendered = in_parallel(&numbered, |(i, transcript_id)| {
        let plan = &plans[*i];
        let deal = plan.deal.map(|d| &world.plans[plan.account].deals[d]);
        let roles = deal.map_or(&[][..], |d| d.roles.as_slice());
        let opportunity_id = plan.deal.map(|d| ids.deals[plan.account][d].clone());
        render.activity(
            plan,
            activity_ids.id(*i),
            transcript_id.clone(),
            opportunity_id,
            roles,
        )
    });
    drop(plans);
    let mut passages = Vec::with_capacity(rendered.len());
    for (activity, transcript, passage) in rendered {
        ds.activities.push(activity);
        ds.transcripts.extend(transcript);
        passages.push(passage);
    }

    let mut tickets: Vec<TicketPlan> = Vec::new();
    for (a, plan) in world.plans.iter().enumerate() {
        plan_tickets(
            seed,
            &world.calendar,
            &world.profiles[a],
            plan,
            &world.contacts,
            &mut tickets,
        );
    }
    tickets.sort_by_key(|t| (t.opened_at, t.account, t.text_key));
    let ticket_ids = IdScheme::padded("T", tickets.len(), 6);
    let numbered: Vec<usize> = (0..tickets.len()).collect();
    for (ticket, passage) in in_parallel(&numbered, |i| {
        render.ticket(&tickets[*i], ticket_ids.id(*i))
    }) {
        ds.tickets.push(ticket);
        passages.push(passage);
    }
    passages
}

/// Maps `items` through `f` on all cores, keeping the order (each record has its own random
/// stream, so the result does not depend on the number of threads).
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 16);
    if threads == 1 || items.len() < 1_000 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(part) => part,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// Marks a few calls (about 0.4%; at least three at the default scale, at least one always) and
/// a few emails as carrying a prompt injection.
fn plant_injections(seed: u64, accounts: usize, plans: &mut [ActivityPlan]) {
    let mut rng = stream(seed, Stream::Injection, 0);
    for (kind, share, floor) in [
        (
            ActivityKind::Call,
            0.004,
            if accounts >= 300 { 3 } else { 1 },
        ),
        (ActivityKind::Email, 0.0008, 1),
    ] {
        let candidates: Vec<usize> = (0..plans.len())
            .filter(|i| plans[*i].kind == kind)
            .collect();
        let wanted = ((candidates.len() as f64 * share).round() as usize)
            .max(floor)
            .min(candidates.len());
        let mut chosen = BTreeSet::new();
        while chosen.len() < wanted {
            chosen.insert(candidates[rng.random_range(0..candidates.len())]);
        }
        for i in chosen {
            plans[i].injection = true;
        }
    }
}
