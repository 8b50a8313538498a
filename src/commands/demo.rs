//! `revpulse demo`: generate, write bronze, load the graph, print the counts.

use std::path::Path;

use revpulse_ingest::bronze::SourceLines;

use super::company::{default_bronze_dir, generate_and_write, load};
use super::search_index;
use crate::cli::DemoArgs;
use crate::database::Database;
use crate::print::counts_summary;

/// Runs the command.
pub async fn run(home: &Path, args: DemoArgs) -> anyhow::Result<()> {
    let bronze_dir = args.out.clone().unwrap_or_else(|| default_bronze_dir(home));
    let (company, _manifest) = generate_and_write(&args.company, &bronze_dir)?;
    let db = Database::open(&args.graph, &home.join("neo4j")).await?;
    db.run(async |client| {
        if args.fresh {
            eprintln!("· --fresh: deleting everything in the graph first");
            client.delete_all_data().await?;
        }
        let lines = SourceLines::generated(&bronze_dir);
        load(client, &company.dataset, &lines).await?;
        println!("{}", counts_summary(&client.counts().await?));
        Ok(())
    })
    .await?;
    search_index::build(home, &args.index, &company.dataset).await
}
