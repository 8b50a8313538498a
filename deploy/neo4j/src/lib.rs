//! A local Neo4j for RevPulse development and tests, with no server install.
//!
//! Only Maven Central is reachable from RevPulse machines and the Neo4j server
//! distribution is not published there, so `deploy/neo4j/install.sh` builds a
//! small Java launcher that runs Neo4j Community 5.26 *embedded* with its Bolt
//! connector on (auth disabled, loopback only). This crate starts that launcher
//! as a child JVM, waits until Bolt answers, and stops it again:
//!
//! ```no_run
//! # async fn demo() -> Result<(), revpulse_local_neo4j::LocalNeo4jError> {
//! use revpulse_local_neo4j::{LocalNeo4j, LocalNeo4jConfig, default_launcher_dir};
//!
//! let launcher = default_launcher_dir();
//! let config = LocalNeo4jConfig::new(launcher, "/tmp/my-graph".into());
//! let neo4j = LocalNeo4j::start(config).await?;
//! println!("connect neo4rs to {}", neo4j.bolt_uri()); // any user/password works
//! neo4j.stop().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Several instances can run at once, each with its own data directory; with
//! `bolt_port` 0 each gets a free ephemeral port.

mod bolt;
mod config;
mod error;
mod instance;
mod log_tail;
pub mod testing;

pub use bolt::{BoltVersion, bolt_handshake};
pub use config::{LocalNeo4jConfig, default_launcher_dir, launcher_is_installed};
pub use error::LocalNeo4jError;
pub use instance::LocalNeo4j;
