//! A throwaway PostgreSQL cluster for tests: `initdb` into a fresh temp folder, a server on a
//! free 127.0.0.1 port (unix sockets in the same folder), one database created, stopped and
//! deleted on drop.
//!
//! It uses Debian's server packages (`/usr/lib/postgresql/<major>/bin`), which
//! `scripts/setup` installs. Durability is turned off (`fsync=off`): this is for tests only.
//!
//! ```no_run
//! # fn main() -> Result<(), revpulse_gateway_store::local_postgres::LocalPostgresError> {
//! let cluster = revpulse_gateway_store::local_postgres::LocalPostgres::start()?;
//! let url = cluster.url(); // postgres://postgres@127.0.0.1:PORT/revpulse
//! let other = cluster.create_database()?; // a second, empty database
//! # Ok(()) }
//! ```

mod error;
mod scratch;
mod server;
mod tools;

pub use error::LocalPostgresError;
pub use server::LocalPostgres;
