//! `revpulse brief`: the daily executive brief (or the weekly summary) as Markdown or JSON.

use std::path::Path;

use anyhow::Context;
use revpulse_agents::write_brief;
use revpulse_tools::brief::BriefKind;

use super::agent_env::AgentEnv;
use crate::cli::BriefArgs;

/// Runs the command.
pub async fn run(home: &Path, args: BriefArgs) -> anyhow::Result<()> {
    let env = AgentEnv::open(home, &args.agent.stores).await?;
    let result = async {
        let (ctx, user) = env.context_for(args.agent.as_user.as_deref())?;
        eprintln!(
            "· writing the brief for {} ({}), {}",
            user.name,
            user.role.as_str(),
            env.today
        );
        let kind = if args.weekly {
            BriefKind::Weekly
        } else {
            BriefKind::Daily
        };
        let brief = write_brief(&ctx, env.coordinator.catalogue(), kind)
            .await
            .map_err(|e| anyhow::anyhow!("{} ({e})", e.user_message()))?;
        let rendered = if args.json {
            serde_json::to_string_pretty(&serde_json::json!({
                "brief": brief.data,
                "answer": brief.answer,
            }))
            .context("serialising the brief")?
        } else {
            brief.to_markdown()
        };
        match &args.out {
            Some(path) => {
                std::fs::write(path, rendered)
                    .with_context(|| format!("writing {}", path.display()))?;
                eprintln!("· brief written to {}", path.display());
            }
            None => println!("{rendered}"),
        }
        eprintln!("· written in {:.0} ms", brief.answer.trace.total_ms);
        anyhow::Ok(())
    }
    .await;
    env.db.close().await?;
    result
}
