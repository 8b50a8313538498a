//! `revpulse ingest`: load a bronze folder someone else produced.

use std::path::Path;

use revpulse_ingest::bronze::read_bronze;

use super::company::load;
use super::search_index;
use crate::cli::IngestArgs;
use crate::database::Database;
use crate::print::counts_summary;

/// Runs the command. The files are read and validated before the database is touched.
pub async fn run(home: &Path, args: IngestArgs) -> anyhow::Result<()> {
    eprintln!("· reading {} …", args.bronze.display());
    let bronze = read_bronze(&args.bronze)?;
    revpulse_ingest::validate(&bronze.data, &bronze.lines)?;
    let db = Database::open(&args.graph, &home.join("neo4j")).await?;
    db.run(async |client| {
        load(client, &bronze.data, &bronze.lines).await?;
        println!("{}", counts_summary(&client.counts().await?));
        Ok(())
    })
    .await?;
    search_index::build(home, &args.index, &bronze.data).await
}
