//! `revpulse token`: API tokens for service accounts and bots, in the app database. The
//! secret is printed once at issue; only its hash is kept.

use std::path::Path;

use anyhow::{Context, bail};
use chrono::{Duration, Utc};
use revpulse_gateway::config::GatewayConfig;
use revpulse_gateway_auth::Role;
use revpulse_gateway_store::{ApiTokenId, NewApiToken};

use super::serve::app_store;
use crate::cli::{AppDbArgs, TokenIssueArgs, TokenRevokeArgs};

async fn store(home: &Path, db: &AppDbArgs) -> anyhow::Result<revpulse_gateway_store::AppStore> {
    let config = GatewayConfig {
        app_database_url: db.app_database_url.clone(),
        ..GatewayConfig::default()
    };
    app_store(home, &config).await
}

/// `revpulse token issue`.
pub async fn issue(home: &Path, args: TokenIssueArgs) -> anyhow::Result<()> {
    let role: Role = args.role.parse().context("--role")?;
    if role.user_role().is_some() && !role.sees_everything() && args.user.is_none() {
        bail!(
            "--role {} needs --user <graph user id>: the token acts as that person's region, \
             team or book",
            role.as_str()
        );
    }
    if let Some(days) = args.expires_in_days
        && days <= 0
    {
        bail!("--expires-in-days must be above 0");
    }
    let store = store(home, &args.db).await?;
    let issued = store
        .issue_api_token(NewApiToken {
            subject: args.subject.clone().unwrap_or_else(|| args.name.clone()),
            name: args.name.clone(),
            role: role.as_str().to_owned(),
            graph_user_id: args.user.clone(),
            expires_at: args.expires_in_days.map(|d| Utc::now() + Duration::days(d)),
        })
        .await?;
    eprintln!(
        "issued token {} `{}` ({}, role {}{})",
        issued.token.id,
        issued.token.name,
        issued.token.display_prefix,
        issued.token.role,
        issued
            .token
            .expires_at
            .map(|t| format!(", expires {}", t.format("%Y-%m-%d")))
            .unwrap_or_default()
    );
    eprintln!("The secret below is shown once; store it now:");
    println!("{}", issued.secret);
    store.close().await;
    Ok(())
}

/// `revpulse token list`.
pub async fn list(home: &Path, args: AppDbArgs) -> anyhow::Result<()> {
    let store = store(home, &args).await?;
    let tokens = store.list_api_tokens().await?;
    if tokens.is_empty() {
        println!("no API tokens; issue one with `revpulse token issue --name … --role …`");
    }
    println!(
        "{:>4}  {:<20} {:<14} {:<16} {:<12} {:<10} status",
        "id", "name", "prefix", "role", "user", "created"
    );
    let now = Utc::now();
    for t in tokens {
        let status = match (t.revoked_at, t.expires_at) {
            (Some(at), _) => format!("revoked {}", at.format("%Y-%m-%d")),
            (None, Some(at)) if at <= now => format!("expired {}", at.format("%Y-%m-%d")),
            (None, Some(at)) => format!("active until {}", at.format("%Y-%m-%d")),
            (None, None) => "active".to_owned(),
        };
        println!(
            "{:>4}  {:<20} {:<14} {:<16} {:<12} {:<10} {status}",
            t.id.to_string(),
            t.name,
            t.display_prefix,
            t.role,
            t.graph_user_id.unwrap_or_else(|| "-".into()),
            t.created_at.format("%Y-%m-%d"),
        );
    }
    store.close().await;
    Ok(())
}

/// `revpulse token revoke`.
pub async fn revoke(home: &Path, args: TokenRevokeArgs) -> anyhow::Result<()> {
    let store = store(home, &args.db).await?;
    let token = store.revoke_api_token(ApiTokenId(args.id)).await?;
    println!(
        "token {} `{}` ({}) is revoked",
        token.id, token.name, token.display_prefix
    );
    store.close().await;
    Ok(())
}
