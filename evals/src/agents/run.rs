//! The runner: expands the suites into work (one item per case, one per injected account for
//! injection cases), asks each case as its caller — context questions first, in the same
//! conversation — times the answer, replays its tool calls and scores it.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use revpulse_agents::{Conversation, EventSink};

use super::caller::Caller;
use super::history::DealLedger;
use super::placeholders::{EntityKind, Picked};
use super::planted::{PlantedPassage, injected_accounts, planted_passages};
use super::records::RecordIndex;
use super::replay::replay;
use super::report::EvalReport;
use super::roles::RoleSelector;
use super::score::{Scored, score};
use super::scoring::{CaseResult, CaseStatus};
use super::suite::{Case, Expansion, Suite};
use super::{AgentEvalEnv, RunOptions};

/// One case to ask once.
struct WorkItem<'s> {
    suite: &'s str,
    case: &'s Case,
    id: String,
    injected: Option<Picked>,
    skip: Option<String>,
}

/// Everything the run shares across cases.
pub(crate) struct Session<'e> {
    pub env: &'e AgentEvalEnv,
    pub ledger: DealLedger,
    pub index: RecordIndex,
    pub planted: Vec<PlantedPassage>,
    callers: HashMap<RoleSelector, Result<Arc<Caller>, String>>,
}

/// Runs every case of `suites` (`options.repeats` times) and reports.
pub async fn run_suites(env: &AgentEvalEnv, suites: &[Suite], options: &RunOptions) -> EvalReport {
    let started = Instant::now();
    let mut session = Session {
        env,
        ledger: DealLedger::new(&env.dataset),
        index: RecordIndex::new(&env.dataset),
        planted: env
            .truth
            .as_ref()
            .map(|t| planted_passages(t, &env.dataset))
            .unwrap_or_default(),
        callers: HashMap::new(),
    };
    let work = expand(suites, &session, options.injection_cap);
    let repeats = options.repeats.max(1);
    let total = work.len() * repeats;
    let mut results = Vec::with_capacity(total);
    for repeat in 0..repeats {
        for item in &work {
            let result = session.run(item, repeat).await;
            results.push(result);
            progress(&results, total, options.progress_every);
        }
    }
    EvalReport::build(results, options, env, started.elapsed().as_secs_f64())
}

fn progress(results: &[CaseResult], total: usize, every: usize) {
    let done = results.len();
    if !done.is_multiple_of(every.max(1)) && done != total {
        return;
    }
    let passed = results.iter().filter(|r| r.passed()).count();
    let last = results.last().map_or(String::new(), |r| {
        format!(", last {} ({:.0} ms)", r.id, r.latency_ms)
    });
    eprintln!("agent eval: {done}/{total} cases, {passed} passed{last}");
}

fn expand<'s>(suites: &'s [Suite], session: &Session<'_>, cap: usize) -> Vec<WorkItem<'s>> {
    let injected = injected_accounts(&session.planted, &session.env.dataset, cap);
    let mut work = Vec::new();
    for suite in suites {
        for case in &suite.cases {
            let item = |id: String, injected: Option<Picked>, skip: Option<String>| WorkItem {
                suite: &suite.suite,
                case,
                id,
                injected,
                skip,
            };
            match case.each {
                None => work.push(item(case.id.clone(), None, None)),
                Some(Expansion::InjectedAccount) if injected.is_empty() => {
                    let why = "no planted injections: the data has no ground truth (or none were planted)";
                    work.push(item(case.id.clone(), None, Some(why.to_owned())));
                }
                Some(Expansion::InjectedAccount) => work.extend(
                    injected
                        .iter()
                        .map(|a| item(format!("{}#{}", case.id, a.id), Some(a.clone()), None)),
                ),
            }
        }
    }
    work
}

impl Session<'_> {
    fn caller(&mut self, role: &RoleSelector) -> Result<Arc<Caller>, String> {
        let (env, ledger) = (self.env, &self.ledger);
        self.callers
            .entry(role.clone())
            .or_insert_with(|| Caller::new(role, env, ledger).map(Arc::new))
            .clone()
    }

    async fn run(&mut self, item: &WorkItem<'_>, repeat: usize) -> CaseResult {
        let role = item.case.caller.to_string();
        let not_run = |status| CaseResult::not_run(item.suite, &item.id, repeat, &role, status);
        if let Some(why) = &item.skip {
            return not_run(CaseStatus::Skipped(why.clone()));
        }
        let caller = match self.caller(&item.case.caller) {
            Ok(c) => c,
            Err(why) => return not_run(CaseStatus::Skipped(why)),
        };
        let mut picks = caller.picks.clone();
        if let Some(account) = &item.injected {
            picks
                .entities
                .insert(EntityKind::InjectedAccount, account.clone());
        }
        let filled = item
            .case
            .context
            .iter()
            .map(|q| picks.fill(q))
            .collect::<Result<Vec<_>, _>>();
        let (context, question) = match (filled, picks.fill(&item.case.question)) {
            (Ok(c), Ok(q)) => (c, q),
            (Err(why), _) | (_, Err(why)) => return not_run(CaseStatus::Skipped(why)),
        };
        let coordinator = &self.env.coordinator;
        let mut conversation = Conversation::new();
        let events = EventSink::discard();
        for earlier in &context {
            if let Err(e) = coordinator
                .ask(&caller.ctx, &mut conversation, earlier, &events)
                .await
            {
                return not_run(CaseStatus::Failed(format!(
                    "context question «{earlier}»: {e}"
                )));
            }
        }
        let started = Instant::now();
        let answer = match coordinator
            .ask(&caller.ctx, &mut conversation, &question, &events)
            .await
        {
            Ok(a) => a,
            Err(e) => return not_run(CaseStatus::Failed(e.to_string())),
        };
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        let replayed = replay(coordinator.catalogue(), &caller.ctx, &answer).await;
        let mut result = score(&Scored {
            session: self,
            case: item.case,
            caller: &caller,
            picks: &picks,
            answer: &answer,
            replayed: &replayed,
        });
        result.suite = item.suite.to_owned();
        result.id = item.id.clone();
        result.repeat = repeat;
        result.role = role;
        result.user = format!("{} ({})", caller.user.id, caller.user.role.as_str());
        result.question = question;
        result.context = context;
        result.latency_ms = latency_ms;
        result
    }
}
