//! The company every gateway test serves: a small deterministic demo company, its
//! conversations indexed with the real MiniLM model (kept between runs in Cargo's scratch
//! folder, rebuilt when the passages or model change), the offline brain, and a fresh SQLite
//! app database per test. Callers are built the way the gateway builds them: from a user's
//! role through `Scope::for_user`.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use revpulse_agents::Coordinator;
use revpulse_agents::offline::OfflineBrain;
use revpulse_gateway::config::CacheConfig;
use revpulse_gateway::service::{Caller, RevPulseService, ServiceParts, Surface, Today};
use revpulse_gateway_store::AppStore;
use revpulse_graph::model::{CompanyDataset, User, UserRole};
use revpulse_graph::{GraphClient, GraphConfig};
use revpulse_ingest::bronze::SourceLines;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_ingest::load_dataset;
use revpulse_ingest::search_index::{build_search_index, company_search_documents};
use revpulse_local_neo4j::testing::{TestDatabase, exclusive_database};
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_tools::{Catalogue, DatasetRecords, GraphRecords, Scope, Stores};
use tokio::sync::OnceCell;

/// Accounts in the test company.
pub const ACCOUNTS: usize = 24;
/// The test company's seed.
pub const SEED: u64 = 7;

/// The test company's today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// What is built once per test binary.
pub struct Shared {
    /// The records.
    pub dataset: CompanyDataset,
    /// The conversation index.
    pub index: Arc<EmbeddedIndex>,
    /// The brain.
    pub brain: Arc<OfflineBrain>,
}

static SHARED: OnceCell<Shared> = OnceCell::const_new();

/// The shared company, index and brain.
pub async fn shared() -> &'static Shared {
    SHARED
        .get_or_init(|| async {
            let dataset = generate(&DemoConfig::new(SEED, today()).with_accounts(ACCOUNTS))
                .unwrap()
                .dataset;
            let embedder: Arc<dyn Embedder> = Arc::new(
                MiniLmEmbedder::load(&default_model_dir()).unwrap_or_else(|e| {
                    panic!("the MiniLM model is missing ({e}); run scripts/setup")
                }),
            );
            let documents = company_search_documents(&dataset).unwrap();
            let dir = index_dir();
            build_search_index(&dir, embedder.clone(), &documents, &mut |_, _| {})
                .await
                .unwrap();
            let index = Arc::new(EmbeddedIndex::open(&dir, embedder.clone()).unwrap());
            let brain = Arc::new(OfflineBrain::new(embedder).await.unwrap());
            Shared {
                dataset,
                index,
                brain,
            }
        })
        .await
}

/// Where the fixture index is kept.
pub fn index_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("gateway-index-seed{SEED}-accounts{ACCOUNTS}"))
}

/// A service over the shared company with its own app database.
pub struct Served {
    /// The service.
    pub service: RevPulseService,
    /// The app database's folder.
    pub _dir: tempfile::TempDir,
}

/// A service with a fresh SQLite app database.
pub async fn service() -> Served {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("app.db").display());
    let app = AppStore::connect(&url).await.unwrap();
    Served {
        service: service_with(app).await,
        _dir: dir,
    }
}

/// A service over `app`.
pub async fn service_with(app: AppStore) -> RevPulseService {
    let shared = shared().await;
    RevPulseService::new(ServiceParts {
        stores: Stores {
            records: Arc::new(DatasetRecords::new(shared.dataset.clone())),
            search: shared.index.clone(),
        },
        coordinator: Coordinator::new(shared.brain.clone(), Catalogue::standard()),
        users: shared.dataset.users.clone(),
        today: Today::Fixed(today()),
        app,
        cache: CacheConfig::default(),
    })
}

/// A service over the shared company loaded into its own real Neo4j and read back through the
/// scoped Cypher (with a fresh SQLite app database).
pub struct GraphServed {
    /// The service.
    pub service: RevPulseService,
    /// A client of that Neo4j (to change the data under the service).
    pub client: GraphClient,
    _db: TestDatabase,
    _scratch: tempfile::TempDir,
}

/// The shared company in a real Neo4j, served.
pub async fn graph_service() -> GraphServed {
    let shared = shared().await;
    let db = exclusive_database().await.unwrap();
    let client = GraphClient::connect(GraphConfig::new(db.uri.clone(), "neo4j", "test"))
        .await
        .unwrap();
    client.delete_all_data().await.unwrap();
    let scratch = tempfile::tempdir().unwrap();
    load_dataset(
        &client,
        &shared.dataset,
        &SourceLines::generated(scratch.path()),
        None,
    )
    .await
    .unwrap();
    let app = AppStore::connect(&format!(
        "sqlite://{}",
        scratch.path().join("app.db").display()
    ))
    .await
    .unwrap();
    let service = RevPulseService::new(ServiceParts {
        stores: Stores {
            records: Arc::new(GraphRecords::new(client.clone())),
            search: shared.index.clone(),
        },
        coordinator: Coordinator::new(shared.brain.clone(), Catalogue::standard()),
        users: shared.dataset.users.clone(),
        today: Today::Fixed(today()),
        app,
        cache: CacheConfig::default(),
    });
    GraphServed {
        service,
        client,
        _db: db,
        _scratch: scratch,
    }
}

/// The first user with `role`.
pub fn user_with(users: &[User], role: UserRole) -> User {
    users
        .iter()
        .find(|u| u.role == role)
        .cloned()
        .unwrap_or_else(|| panic!("the test company has no {role:?}"))
}

/// The caller `user` is, on `surface`.
pub fn caller_for(users: &[User], user: &User, surface: Surface) -> Caller {
    Caller {
        subject: user.id.clone(),
        display_name: user.name.clone(),
        role: user.role.as_str().to_owned(),
        is_admin: user.role == UserRole::Cro,
        scope: Scope::for_user(user, users),
        surface,
    }
}
