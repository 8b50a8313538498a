//! What `ask`, `chat`, `brief` and `eval` share: the graph (a running local Neo4j, the
//! configured one, or a local one started now), the conversation index, the embedding model,
//! the coordinator with its brain, and the caller resolved from `--as`.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use revpulse_agents::Coordinator;
use revpulse_agents::offline::OfflineBrain;
use revpulse_graph::model::{RecordScope, User};
use revpulse_graph::{GraphClient, GraphConfig};
use revpulse_ingest::bronze::BronzeManifest;
use revpulse_tools::{Catalogue, GraphRecords, RecordSource, Scope, Stores, ToolContext};

use super::company::default_bronze_dir;
use super::search_index;
use crate::cli::StoreArgs;
use crate::database::Database;

/// Everything an answer needs.
pub struct AgentEnv {
    /// The graph connection (and the local Neo4j, when started here).
    pub db: Database,
    /// The stores tools read.
    pub stores: Stores,
    /// The coordinator.
    pub coordinator: Coordinator,
    /// Everyone in the company (for `--as`).
    pub users: Vec<User>,
    /// The day that counts as today.
    pub today: NaiveDate,
    /// Whether `today` was given (flag or demo manifest) rather than read from the clock.
    pub fixed_today: bool,
}

impl AgentEnv {
    /// Connects everything for the flags in `args`.
    pub async fn open(home: &Path, args: &StoreArgs) -> anyhow::Result<Self> {
        let db = connect(home, args).await?;
        let bronze_dir = default_bronze_dir(home);
        let index = search_index::open(home, &args.index, &bronze_dir).await?;
        let embedder = search_index::load_embedder(args.index.model_dir.as_deref())?;
        let records = Arc::new(GraphRecords::new(db.client.clone()));
        let everyone = records
            .company(&RecordScope::Everything)
            .await
            .context("reading the company from the graph")?;
        if everyone.opportunities.is_empty() {
            bail!("the graph holds no deals: run `revpulse up` (or `revpulse demo`) first");
        }
        let brain = OfflineBrain::new(embedder)
            .await
            .context("loading the offline brain's intents")?;
        let given = args.today.or_else(|| manifest_today(&bronze_dir));
        let today = given.unwrap_or_else(|| chrono::Utc::now().date_naive());
        Ok(Self {
            db,
            stores: Stores {
                records,
                search: Arc::new(index),
            },
            coordinator: Coordinator::new(Arc::new(brain), Catalogue::standard()),
            users: everyone.users.clone(),
            today,
            fixed_today: given.is_some(),
        })
    }

    /// The context of the person `who` names (user id, email or full name); the CRO when
    /// `who` is `None`.
    pub fn context_for(&self, who: Option<&str>) -> anyhow::Result<(ToolContext, User)> {
        let user = match who {
            Some(who) => find_user(&self.users, who)?,
            None => self
                .users
                .iter()
                .find(|u| u.role.as_str() == "cro")
                .cloned()
                .context("the company has no CRO; pass --as <user>")?,
        };
        let scope = Scope::for_user(&user, &self.users);
        Ok((
            ToolContext::new(scope, self.today, self.stores.clone()),
            user,
        ))
    }
}

/// The user `who` names.
pub fn find_user(users: &[User], who: &str) -> anyhow::Result<User> {
    let wanted = who.trim().to_lowercase();
    users
        .iter()
        .find(|u| {
            u.id.to_lowercase() == wanted
                || u.email.to_lowercase() == wanted
                || u.name.to_lowercase() == wanted
        })
        .cloned()
        .with_context(|| {
            let examples: Vec<String> = users
                .iter()
                .take(4)
                .map(|u| format!("{} ({}, {})", u.id, u.name, u.role.as_str()))
                .collect();
            format!(
                "--as `{who}` matches no user id, email or name; for example: {}",
                examples.join("; ")
            )
        })
}

/// The demo company's "today", from its bronze manifest.
fn manifest_today(bronze_dir: &Path) -> Option<NaiveDate> {
    let text = std::fs::read(bronze_dir.join("manifest.json")).ok()?;
    serde_json::from_slice::<BronzeManifest>(&text)
        .ok()
        .map(|m| m.today)
}

/// The configured Neo4j; else the local one `revpulse up` keeps running; else a local one
/// started now.
async fn connect(home: &Path, args: &StoreArgs) -> anyhow::Result<Database> {
    if args.graph.neo4j_uri.is_none() {
        let uri = format!("bolt://127.0.0.1:{}", args.graph.bolt_port);
        let config = GraphConfig::new(uri, &args.graph.neo4j_user, &args.graph.neo4j_password);
        if let Ok(client) = GraphClient::connect(config).await
            && client.ping().await.is_ok()
        {
            eprintln!("· using the running Neo4j at {}", client.config().uri);
            return Ok(Database {
                client,
                local: None,
            });
        }
    }
    Database::open(&args.graph, &home.join("neo4j")).await
}
