//! `revpulse serve`: the gateway — GraphQL, MCP over HTTP, health, readiness and metrics —
//! over the graph, the conversation index and the app database, until Ctrl-C; answers still
//! streaming get the configured grace period. `revpulse up` ends with the same gateway.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use revpulse_gateway::config::{GatewayConfig, Mode};
use revpulse_gateway::http::Gatekeeper;
use revpulse_gateway::ops::readiness::Readiness;
use revpulse_gateway::server::Gateway;
use revpulse_gateway::service::{RevPulseService, ServiceParts, Today};
use revpulse_gateway::startup::authenticator_from;
use revpulse_gateway_store::AppStore;

use super::agent_env::AgentEnv;
use crate::cli::ServeArgs;

/// Runs `revpulse serve`.
pub async fn run(home: &Path, args: ServeArgs) -> anyhow::Result<()> {
    let config = config_for(&args)?;
    let _telemetry =
        revpulse_gateway::ops::telemetry::init(&config.telemetry).map_err(anyhow::Error::msg)?;
    let env = AgentEnv::open(home, &args.stores).await?;
    let result = serve(home, &config, &env).await;
    env.db.close().await?;
    result
}

/// The configuration: the file, the environment, then the flags.
fn config_for(args: &ServeArgs) -> anyhow::Result<GatewayConfig> {
    let mut config = GatewayConfig::load(args.config.as_deref(), |k| std::env::var(k).ok())?;
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    if args.production {
        config.mode = Mode::Production;
    }
    if args.dev_login {
        config.dev_login = true;
    }
    config.validate()?;
    Ok(config)
}

/// The app database the configuration names, or `<home>/app.db`.
pub async fn app_store(home: &Path, config: &GatewayConfig) -> anyhow::Result<AppStore> {
    let url = match &config.app_database_url {
        Some(url) => url.clone(),
        None => {
            std::fs::create_dir_all(home)
                .with_context(|| format!("creating {}", home.display()))?;
            format!("sqlite://{}", home.join("app.db").display())
        }
    };
    Ok(AppStore::connect(&url).await?)
}

/// Serves the gateway over `env` until Ctrl-C.
pub async fn serve(home: &Path, config: &GatewayConfig, env: &AgentEnv) -> anyhow::Result<()> {
    let app = app_store(home, config).await?;
    let service = RevPulseService::new(ServiceParts {
        stores: env.stores.clone(),
        coordinator: env.coordinator.clone(),
        users: env.users.clone(),
        today: if env.fixed_today {
            Today::Fixed(env.today)
        } else {
            Today::Clock
        },
        app: app.clone(),
        cache: config.cache.clone(),
    });
    let authenticator = authenticator_from(config, app.clone())
        .await
        .context("setting up authentication")?;
    let gatekeeper = Gatekeeper::new(Arc::new(authenticator), service.clone());
    let readiness = Readiness::standard(env.db.client.clone(), env.stores.search.clone(), app);
    let allowed_hosts = allowed_hosts(config);
    // One stop signal for both: HTTP stops taking requests, and MCP ends its open event
    // streams (an idle SSE stream would otherwise hold the graceful shutdown forever).
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mcp_stopped = {
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|s| *s).await;
        }
    };
    let gateway = Gateway::build(config, service.clone(), gatekeeper, readiness, |state| {
        revpulse_gateway::mcp::mcp_router_until(
            state.service.clone(),
            state.gatekeeper.clone(),
            state.limiter.clone(),
            allowed_hosts,
            mcp_stopped,
        )
    })?;
    let listener = Gateway::bind(config.listen).await?;
    let addr = listener.local_addr().context("reading the bound address")?;
    print_urls(config, addr, env);
    let left = gateway
        .serve(
            listener,
            async move {
                let _ = tokio::signal::ctrl_c().await;
                eprintln!("· stopping: no new requests; finishing answers in flight …");
                let _ = stop.send(true);
            },
            Duration::from_secs(config.limits.shutdown_grace_secs),
        )
        .await?;
    if left > 0 {
        eprintln!("· {left} answer(s) were still streaming when the grace period ended");
    }
    Ok(())
}

/// Host names MCP accepts: loopback, and the public URL's host.
fn allowed_hosts(config: &GatewayConfig) -> Vec<String> {
    let mut hosts = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    if let Some(url) = &config.public_url
        && let Some(rest) = url.split("://").nth(1)
    {
        let host = rest.split(['/', ':']).next().unwrap_or_default();
        if !host.is_empty() {
            hosts.push(host.to_owned());
        }
    }
    hosts
}

fn print_urls(config: &GatewayConfig, addr: std::net::SocketAddr, env: &AgentEnv) {
    let base = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    println!(
        "\nRevPulse gateway listening on {addr} ({:?} mode)",
        config.mode
    );
    println!("  GraphQL      {base}/graphql  (subscriptions: {base}/graphql/ws)");
    if config.mode == Mode::Development {
        println!("  Playground   {base}/graphql  (open in a browser)");
    }
    println!("  MCP          {base}/mcp  (streamable HTTP, bearer token)");
    println!("  Health       {base}/healthz · {base}/readyz · {base}/metrics");
    if config.dev_login {
        let example = env
            .users
            .iter()
            .find(|u| u.role.as_str() == "cro")
            .or_else(|| env.users.first())
            .map(|u| u.id.clone())
            .unwrap_or_else(|| "U-0001".into());
        println!(
            "  Sign in      Authorization: Bearer dev:{example}   (development login; any user id)"
        );
    } else {
        println!(
            "  Sign in      an OIDC bearer token, or an API token from `revpulse token issue`"
        );
    }
    println!("Press Ctrl-C to stop.");
}
