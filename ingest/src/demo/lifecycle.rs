//! The life of one account from the start of history to today, as a small discrete-event
//! simulation: prospecting attempts and lead conversions create new-business deals; a win makes
//! it a customer with a one-year term whose latent health decides the renewal; healthy growth
//! brings expansion deals; a churn ends the story.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;
use rand::Rng;
use revpulse_graph::model::LeadStatus;

use super::account_plan::{AccountPlan, ContractPlan, term_end};
use super::calendar::{add_days, days_between};
use super::catalog::LINES;
use super::deal_plan::{
    DealKind, DealPlan, PlanCtx, SalesRequest, plan_sales_deal, round_seats, work_instant,
};
use super::leads::build_leads;
use super::rng::{DemoRng, Stream, stream, weighted_index};
use super::truth::UsageTrend;
use super::win_model::SalesKind;

/// Expansions must close this many days before the term's renewal date.
const EXPANSION_CLEARANCE: i64 = 100;
/// An expansion is only opened with at least this many days left in the term.
const EXPANSION_RUNWAY: i64 = 130;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Ev {
    Attempt(u32),
    LeadReady(usize),
    Closed(usize),
    RenewalOpen(usize),
    TermEnd(usize),
    Expansion(usize),
    CrossSell(usize),
}

pub(crate) struct Sim<'a> {
    pub(crate) ctx: PlanCtx<'a>,
    pub(crate) rng: DemoRng,
    pub(crate) plan: AccountPlan,
    pub(crate) queue: BinaryHeap<Reverse<(NaiveDate, u64, Ev)>>,
    pub(crate) seq: u64,
    pub(crate) attempt_gen: u32,
    pub(crate) open_new_business: bool,
    pub(crate) open_expansion: bool,
    pub(crate) churned: bool,
}

impl Sim<'_> {
    pub(crate) fn at(&mut self, date: NaiveDate, ev: Ev) {
        if date <= self.ctx.calendar.today {
            self.seq += 1;
            self.queue.push(Reverse((date, self.seq, ev)));
        }
    }

    fn schedule_attempt(&mut self, from: NaiveDate, mean_gap: f64) {
        self.attempt_gen += 1;
        let gap = -mean_gap * self.rng.random_range(f64::EPSILON..1.0).ln();
        let date = add_days(from, gap as i64).max(self.ctx.calendar.start);
        self.at(date, Ev::Attempt(self.attempt_gen));
    }

    pub(crate) fn current_term(&self) -> Option<usize> {
        if self.churned || self.plan.terms.is_empty() {
            None
        } else {
            Some(self.plan.terms.len() - 1)
        }
    }

    fn owned_lines(&self, term: usize) -> Vec<usize> {
        let mut lines: Vec<usize> = self.plan.terms[term]
            .contracts
            .iter()
            .map(|c| self.plan.contracts[*c].line)
            .collect();
        lines.sort_unstable();
        lines.dedup();
        lines
    }

    fn add_deal(&mut self, deal: DealPlan) -> usize {
        let index = self.plan.deals.len();
        let close = deal.close;
        self.plan.deals.push(deal);
        self.at(close, Ev::Closed(index));
        index
    }

    fn new_business(&mut self, date: NaiveDate, lead: Option<usize>) -> Option<usize> {
        if self.churned || self.open_new_business || self.current_term().is_some() {
            return None;
        }
        let created_at = match lead.and_then(|l| self.plan.leads[l].ready_at) {
            Some(t) => t,
            None => work_instant(&mut self.rng, date),
        };
        let line = weighted_index(&mut self.rng, &[0.5, 0.3, 0.2]);
        let local = self.plan.deals.len();
        let deal = plan_sales_deal(
            &self.ctx,
            &mut self.rng,
            local,
            SalesRequest {
                kind: SalesKind::NewBusiness,
                line,
                created_at,
                lead,
                deadline: None,
                seats: None,
            },
        );
        self.open_new_business = true;
        Some(self.add_deal(deal))
    }

    fn expansion(
        &mut self,
        date: NaiveDate,
        lead: Option<usize>,
        cross_sell: bool,
    ) -> Option<usize> {
        let term = self.current_term()?;
        let end = self.plan.terms[term].end;
        if self.open_expansion
            || date < self.ctx.calendar.start
            || days_between(date, end) < EXPANSION_RUNWAY
        {
            return None;
        }
        let owned = self.owned_lines(term);
        let unowned: Vec<usize> = (0..LINES.len()).filter(|l| !owned.contains(l)).collect();
        let growing = self.plan.terms[term].health.trend == UsageTrend::Growth;
        let main = self.plan.terms[term]
            .contracts
            .first()
            .map(|c| self.plan.contracts[*c].clone());
        let (line, seats) = match (
            cross_sell,
            super::rng::pick(&mut self.rng, &unowned).copied(),
            main,
        ) {
            (true, Some(line), Some(main)) => (
                line,
                round_seats(main.seats as f64 * self.rng.random_range(0.3..0.8)),
            ),
            (_, _, Some(main)) => (
                main.line,
                round_seats(main.seats as f64 * self.rng.random_range(0.15..0.5)),
            ),
            _ => return None,
        };
        let created_at = match lead.and_then(|l| self.plan.leads[l].ready_at) {
            Some(t) => t,
            None => work_instant(&mut self.rng, date),
        };
        let local = self.plan.deals.len();
        let deal = plan_sales_deal(
            &self.ctx,
            &mut self.rng,
            local,
            SalesRequest {
                kind: SalesKind::Expansion { growing },
                line,
                created_at,
                lead,
                deadline: Some(add_days(end, -EXPANSION_CLEARANCE)),
                seats: Some(seats.max(3)),
            },
        );
        self.open_expansion = true;
        let index = self.add_deal(deal);
        self.plan.terms[term].expansion_deals.push(index);
        Some(index)
    }

    fn closed(&mut self, deal: usize) {
        let (kind, won, close, line, product, seats) = {
            let d = &self.plan.deals[deal];
            (d.kind, d.won, d.close, d.line, d.product, d.seats)
        };
        let arr = self.plan.deals[deal].timeline.final_amount();
        match (kind, won) {
            (DealKind::NewBusiness, true) => {
                self.open_new_business = false;
                let term = self.start_term(close, term_end(close), line);
                self.add_contract(ContractPlan {
                    line,
                    product,
                    start: close,
                    end: term_end(close),
                    seats,
                    arr,
                    deal: Some(deal),
                    term,
                    successor: None,
                    renewal_deal: None,
                });
            }
            (DealKind::NewBusiness, false) => {
                self.open_new_business = false;
                self.schedule_attempt(add_days(close, 10), 30.0);
            }
            (DealKind::Expansion, true) => {
                self.open_expansion = false;
                if let Some(term) = self.current_term() {
                    let end = self.plan.terms[term].end;
                    self.add_contract(ContractPlan {
                        line,
                        product,
                        start: close,
                        end,
                        seats,
                        arr,
                        deal: Some(deal),
                        term,
                        successor: None,
                        renewal_deal: None,
                    });
                }
            }
            (DealKind::Expansion, false) => self.open_expansion = false,
            (DealKind::Renewal, _) => {}
        }
    }

    fn run(mut self) -> AccountPlan {
        for (i, lead) in self.plan.leads.iter().enumerate() {
            if let Some(t) = lead.ready_at {
                self.seq += 1;
                self.queue
                    .push(Reverse((t.date_naive(), self.seq, Ev::LeadReady(i))));
            }
        }
        if self.ctx.account.installed_base {
            self.installed_base();
        } else {
            // Prospects known before history started are already somewhere in their cycle.
            let start = self.ctx.calendar.start;
            let mean = [20.0, 30.0, 40.0][super::org::segment_index(self.ctx.account.segment)];
            if self.ctx.account.created_on < start {
                let first = add_days(start, self.rng.random_range(0..150));
                self.schedule_attempt(first, 1.0);
            } else {
                self.schedule_attempt(self.ctx.account.created_on, mean);
            }
        }
        while let Some(Reverse((date, _, ev))) = self.queue.pop() {
            match ev {
                Ev::Attempt(generation) => {
                    if generation == self.attempt_gen {
                        self.new_business(date, None);
                    }
                }
                Ev::LeadReady(lead) => {
                    let deal = if self.current_term().is_some() {
                        self.expansion(date, Some(lead), true)
                    } else {
                        self.new_business(date, Some(lead))
                    };
                    if let Some(deal) = deal {
                        self.plan.leads[lead].status = LeadStatus::Converted;
                        self.plan.leads[lead].converted_deal = Some(deal);
                    }
                }
                Ev::Closed(deal) => self.closed(deal),
                Ev::RenewalOpen(term) => self.renewal_open(term, date),
                Ev::TermEnd(term) => self.term_end(term),
                Ev::Expansion(term) => {
                    if self.current_term() == Some(term) {
                        self.expansion(date, None, false);
                    }
                }
                Ev::CrossSell(term) => {
                    if self.current_term() == Some(term) {
                        self.expansion(date, None, true);
                    }
                }
            }
        }
        self.plan
    }
}

/// Simulates one account (its leads first, then the events they and the sales team cause).
pub(crate) fn simulate_account(base: &PlanCtx<'_>) -> AccountPlan {
    let mut rng = stream(base.seed, Stream::Lifecycle, base.account.index as u64);
    let leads = build_leads(&mut rng, base.calendar, base.account, base.campaigns);
    let ctx = PlanCtx {
        leads: &leads,
        ..*base
    };
    let sim = Sim {
        rng,
        plan: AccountPlan {
            leads: leads.clone(),
            ..AccountPlan::default()
        },
        queue: BinaryHeap::new(),
        seq: 0,
        attempt_gen: 0,
        open_new_business: false,
        open_expansion: false,
        churned: false,
        ctx,
    };
    sim.run()
}
