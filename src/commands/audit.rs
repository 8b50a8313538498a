//! `revpulse audit verify`: recomputes every audit entry's hash and names the first broken
//! link — an edited, deleted or reordered row.

use std::path::Path;

use anyhow::bail;
use revpulse_gateway::config::GatewayConfig;

use super::serve::app_store;
use crate::cli::AppDbArgs;

/// `revpulse audit verify`.
pub async fn verify(home: &Path, args: AppDbArgs) -> anyhow::Result<()> {
    let config = GatewayConfig {
        app_database_url: args.app_database_url.clone(),
        ..GatewayConfig::default()
    };
    let store = app_store(home, &config).await?;
    let check = store.verify_audit_chain().await;
    store.close().await;
    let check = check?;
    match check.first_broken {
        None => {
            println!(
                "✓ the audit chain holds: {} entries, every hash recomputed",
                check.rows_checked
            );
            Ok(())
        }
        Some(broken) => bail!(
            "the audit chain is broken at entry {} ({}); {} entries checked",
            broken.seq,
            broken.reason,
            check.rows_checked
        ),
    }
}
