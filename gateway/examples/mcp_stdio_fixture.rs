//! The MCP stdio server over the gateway tests' demo company, as a process an MCP client can
//! start — how `tests/all/mcp_stdio.rs` has the official MCP Python client drive the stdio
//! transport end to end. It generates the same deterministic company the tests use, opens
//! their (already built) conversation index read-only, keeps the audit log in a SQLite file,
//! and serves as one user until the client closes standard input.
//!
//! ```text
//! mcp_stdio_fixture --seed 7 --accounts 24 --today 2026-11-26 \
//!     --index <index folder> --db <app.db> --as <user id>
//! ```

use std::collections::HashMap;
use std::error::Error;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use revpulse_agents::Coordinator;
use revpulse_agents::offline::OfflineBrain;
use revpulse_gateway::config::CacheConfig;
use revpulse_gateway::service::{Caller, RevPulseService, ServiceParts, Surface, Today};
use revpulse_gateway_store::AppStore;
use revpulse_graph::model::UserRole;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_tools::{Catalogue, DatasetRecords, Scope, Stores};

type Failure = Box<dyn Error + Send + Sync>;

/// The command line.
struct Options {
    seed: u64,
    accounts: usize,
    today: NaiveDate,
    index: PathBuf,
    db: PathBuf,
    user: String,
}

impl Options {
    fn parse() -> Result<Self, Failure> {
        let mut flags = HashMap::new();
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            let name = flag
                .strip_prefix("--")
                .ok_or_else(|| format!("unexpected argument `{flag}`"))?
                .to_owned();
            let value = args
                .next()
                .ok_or_else(|| format!("`{flag}` needs a value"))?;
            flags.insert(name, value);
        }
        let mut take = |name: &str| {
            flags
                .remove(name)
                .ok_or_else(|| format!("`--{name}` is required"))
        };
        Ok(Self {
            seed: take("seed")?.parse()?,
            accounts: take("accounts")?.parse()?,
            today: take("today")?.parse()?,
            index: take("index")?.into(),
            db: take("db")?.into(),
            user: take("as")?,
        })
    }
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let options = Options::parse()?;
    let dataset =
        generate(&DemoConfig::new(options.seed, options.today).with_accounts(options.accounts))?
            .dataset;
    let embedder: Arc<dyn Embedder> = Arc::new(MiniLmEmbedder::load(&default_model_dir())?);
    let index = Arc::new(EmbeddedIndex::open(&options.index, embedder.clone())?);
    let brain = Arc::new(OfflineBrain::new(embedder).await?);
    let app = AppStore::connect(&format!("sqlite://{}", options.db.display())).await?;
    let user = dataset
        .users
        .iter()
        .find(|u| u.id == options.user)
        .cloned()
        .ok_or_else(|| format!("no user `{}` in the company", options.user))?;
    let caller = Caller {
        subject: user.id.clone(),
        display_name: user.name.clone(),
        role: user.role.as_str().to_owned(),
        is_admin: user.role == UserRole::Cro,
        scope: Scope::for_user(&user, &dataset.users),
        surface: Surface::McpStdio,
    };
    let service = RevPulseService::new(ServiceParts {
        stores: Stores {
            records: Arc::new(DatasetRecords::new(dataset.clone())),
            search: index,
        },
        coordinator: Coordinator::new(brain, Catalogue::standard()),
        users: dataset.users.clone(),
        today: Today::Fixed(options.today),
        app,
        cache: CacheConfig::default(),
    });
    eprintln!(
        "mcp_stdio_fixture: serving MCP on stdio as {} ({})",
        user.name,
        user.role.as_str()
    );
    revpulse_gateway::mcp::serve_stdio(service, caller).await?;
    Ok(())
}
