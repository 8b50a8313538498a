//! `revpulse demo`: generate, write bronze, load the graph, print the counts.

use std::path::Path;

use revpulse_ingest::bronze::SourceLines;

use super::company::{default_bronze_dir, generate_and_write, load};
use crate::cli::DemoArgs;
use crate::database::Database;
use crate::print::counts_summary;

/// Runs the command.
pub async fn run(home: &Path, args: DemoArgs) -> anyhow::Result<()> {
    let bronze_dir = args.out.clone().unwrap_or_else(|| default_bronze_dir(home));
    let (company, _manifest) = generate_and_write(&args.company, &bronze_dir)?;
    let db = Database::open(&args.graph, &home.join("neo4j")).await?;
    let result = async {
        if args.fresh {
            eprintln!("· --fresh: deleting everything in the graph first");
            db.client.delete_all_data().await?;
        }
        load(&db.client, &company.dataset, &SourceLines::generated(&bronze_dir)).await?;
        println!("{}", counts_summary(&db.client.counts().await?));
        anyhow::Ok(())
    }
    .await;
    db.close().await?;
    result
}
