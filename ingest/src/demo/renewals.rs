//! The customer side of an account's life: the installed base at the start of history, one-year
//! terms whose latent health is drawn when they start, renewal deals opened before the renewal
//! date, and the term end that either renews every contract or churns the account.

use chrono::NaiveDate;
use rand::Rng;

use super::account_plan::{ContractPlan, TermPlan, term_end};
use super::calendar::{add_days, days_between};
use super::catalog::{LINES, seat_norm};
use super::churn_model::sample_health;
use super::deal_plan::{RenewalLink, RenewalRequest, plan_renewal_deal, round_seats, work_instant};
use super::lifecycle::{Ev, Sim};
use super::rng::{chance, lognormal, weighted_index};
use super::truth::UsageTrend;

impl Sim<'_> {
    pub(crate) fn start_term(&mut self, start: NaiveDate, end: NaiveDate, line: usize) -> usize {
        let health = sample_health(&mut self.rng, self.ctx.account.segment, line);
        let index = self.plan.terms.len();
        let len = days_between(start, end) as f64;
        if health.trend == UsageTrend::Growth && chance(&mut self.rng, 0.8) {
            let d = add_days(start, (len * self.rng.random_range(0.25..0.55)) as i64);
            self.at(d, Ev::Expansion(index));
        }
        if chance(&mut self.rng, 0.38) {
            let d = add_days(start, (len * self.rng.random_range(0.1..0.6)) as i64);
            self.at(d, Ev::CrossSell(index));
        }
        // Renewals due early in history open over its first weeks, not all on day one.
        let early =
            add_days(self.ctx.calendar.start, self.rng.random_range(0..30)).min(add_days(end, -7));
        let open = add_days(end, -self.rng.random_range(75..=95))
            .max(early)
            .max(self.ctx.calendar.start);
        self.at(open, Ev::RenewalOpen(index));
        if end < self.ctx.calendar.today {
            self.at(end, Ev::TermEnd(index));
        }
        self.plan.terms.push(TermPlan {
            start,
            end,
            health,
            contracts: Vec::new(),
            expansion_deals: Vec::new(),
        });
        index
    }

    pub(crate) fn add_contract(&mut self, contract: ContractPlan) -> usize {
        let index = self.plan.contracts.len();
        self.plan.terms[contract.term].contracts.push(index);
        self.plan.contracts.push(contract);
        index
    }

    pub(crate) fn renewal_open(&mut self, term: usize, date: NaiveDate) {
        if self.churned {
            return;
        }
        let contracts = self.plan.terms[term].contracts.clone();
        let end = self.plan.terms[term].end;
        for c in contracts {
            let contract = self.plan.contracts[c].clone();
            if contract.end != end || contract.renewal_deal.is_some() {
                continue;
            }
            let local = self.plan.deals.len();
            let created_at = work_instant(&mut self.rng, date);
            let health = self.plan.terms[term].health.clone();
            let deal = plan_renewal_deal(
                &self.ctx,
                &mut self.rng,
                local,
                RenewalRequest {
                    health: &health,
                    link: RenewalLink { term, contract: c },
                    line: contract.line,
                    product: contract.product,
                    seats: contract.seats,
                    arr: contract.arr,
                    created_at,
                    renewal_date: end,
                },
            );
            self.plan.deals.push(deal);
            self.plan.contracts[c].renewal_deal = Some(local);
        }
    }

    pub(crate) fn term_end(&mut self, term: usize) {
        let end = self.plan.terms[term].end;
        if self.plan.terms[term].health.churns {
            self.churned = true;
            self.plan.churned_on = Some(end);
            return;
        }
        let start = add_days(end, 1);
        let main_line = self.plan.terms[term]
            .contracts
            .first()
            .map_or(0, |c| self.plan.contracts[*c].line);
        let next = self.start_term(start, term_end(start), main_line);
        for c in self.plan.terms[term].contracts.clone() {
            let old = self.plan.contracts[c].clone();
            let arr = old
                .renewal_deal
                .map_or(old.arr, |d| self.plan.deals[d].timeline.final_amount());
            let successor = self.add_contract(ContractPlan {
                line: old.line,
                product: old.product,
                start,
                end: term_end(start),
                seats: old.seats,
                arr,
                deal: old.renewal_deal,
                term: next,
                successor: None,
                renewal_deal: None,
            });
            self.plan.contracts[c].successor = Some(successor);
        }
    }

    pub(crate) fn installed_base(&mut self) {
        let cal = self.ctx.calendar;
        // Terms are a calendar year long: find the start whose term ends inside year one.
        let end_guess = add_days(cal.start, self.rng.random_range(0..365));
        let start = add_days(end_guess, -364);
        let end = term_end(start);
        let line = weighted_index(&mut self.rng, &[0.5, 0.3, 0.2]);
        let term = self.start_term(start, end, line);
        let mut lines = vec![line];
        if chance(&mut self.rng, 0.25) {
            lines.push((line + 1 + self.rng.random_range(0..2)) % LINES.len());
        }
        for (k, line) in lines.into_iter().enumerate() {
            let product = self.rng.random_range(0..LINES[line].products.len());
            let (median, sigma) = seat_norm(self.ctx.account.segment);
            let seats = round_seats(
                lognormal(&mut self.rng, median, sigma) * if k == 0 { 1.0 } else { 0.5 },
            );
            let price = LINES[line].products[product].2 as f64;
            let arr = ((seats as f64 * price * self.rng.random_range(0.8..1.0)) / 100.0).round()
                as i64
                * 100;
            self.add_contract(ContractPlan {
                line,
                product,
                start,
                end,
                seats,
                arr: arr.max(500),
                deal: None,
                term,
                successor: None,
                renewal_deal: None,
            });
        }
    }
}
