//! `revpulse mcp`: the MCP server on standard input/output for an AI tool that starts RevPulse
//! as a subprocess, acting for the user `--as` names (their role sets the scope). Standard
//! output carries only the protocol; progress goes to standard error.

use std::path::Path;

use revpulse_gateway::config::GatewayConfig;
use revpulse_gateway::service::{Caller, RevPulseService, ServiceParts, Surface, Today};
use revpulse_tools::Scope;

use super::agent_env::AgentEnv;
use super::serve::app_store;
use crate::cli::McpArgs;

/// Runs `revpulse mcp`.
pub async fn run(home: &Path, args: McpArgs) -> anyhow::Result<()> {
    let env = AgentEnv::open(home, &args.agent.stores).await?;
    let config = GatewayConfig::load(None, |k| std::env::var(k).ok())?;
    let result = async {
        let (_, user) = env.context_for(args.agent.as_user.as_deref())?;
        let app = app_store(home, &config).await?;
        let service = RevPulseService::new(ServiceParts {
            stores: env.stores.clone(),
            coordinator: env.coordinator.clone(),
            users: env.users.clone(),
            today: if env.fixed_today {
                Today::Fixed(env.today)
            } else {
                Today::Clock
            },
            app,
            cache: config.cache.clone(),
        });
        let caller = Caller {
            subject: user.id.clone(),
            display_name: user.name.clone(),
            role: user.role.as_str().to_owned(),
            is_admin: false,
            scope: Scope::for_user(&user, &env.users),
            surface: Surface::McpStdio,
        };
        eprintln!(
            "· MCP on stdio as {} ({}); waiting for the client",
            user.name,
            user.role.as_str()
        );
        revpulse_gateway::mcp::serve_stdio(service, caller).await?;
        anyhow::Ok(())
    }
    .await;
    env.db.close().await?;
    result
}
