//! One caller of the eval: the user a role resolved to, their tool context, what they may see,
//! the entities picked for their questions, and (when restricted) the fence of what they may not.

use revpulse_graph::model::{CompanyDataset, User};
use revpulse_tools::{Scope, ToolContext};

use super::AgentEvalEnv;
use super::fence::ScopeFence;
use super::history::DealLedger;
use super::picks::{Viewpoint, pick};
use super::placeholders::Picks;
use super::roles::RoleSelector;

/// A resolved caller.
pub struct Caller {
    /// The user.
    pub user: User,
    /// Their tool context.
    pub ctx: ToolContext,
    /// The records their scope admits (the graph's in-memory rule).
    pub visible: CompanyDataset,
    /// The entities their questions' placeholders mean.
    pub picks: Picks,
    /// What they must never see; `None` when unrestricted.
    pub fence: Option<ScopeFence>,
}

impl Caller {
    /// The caller `role` means in `env`, or why there is none.
    pub fn new(
        role: &RoleSelector,
        env: &AgentEvalEnv,
        ledger: &DealLedger,
    ) -> Result<Self, String> {
        let full = env.dataset.as_ref();
        let user = role
            .resolve(full, env.today)
            .ok_or_else(|| format!("the data has no user for role `{role}`"))?;
        let scope = Scope::for_user(&user, &env.users);
        let visible = scope.records().filter(full);
        let picks = pick(&Viewpoint {
            full,
            visible: &visible,
            user: &user,
            scope: &scope,
            today: env.today,
            ledger,
        });
        let fence = ScopeFence::new(scope.records(), full, ledger, env.today);
        let ctx = ToolContext::new(scope, env.today, env.stores.clone());
        Ok(Self {
            user,
            ctx,
            visible,
            picks,
            fence,
        })
    }
}
