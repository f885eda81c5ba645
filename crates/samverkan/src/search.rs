//! `samverkan search …`: rebuilding the search index, and measuring it.

use std::time::Instant;

use anyhow::{Result, bail};
use clap::Subcommand;
use domain::search::SearchQuery;
use store::Store;
use store::search::Reading;
use store::search::bench::{ONE_WORD, THREE_WORDS};

#[derive(Subcommand)]
pub enum SearchCommand {
    /// Rebuild the search index from the database (after the search migration on a database
    /// with data, or whenever the index is in doubt).
    Reindex,
    /// Measure searches on this database: p50 and p95 of one- and three-word queries, as a
    /// visitor sees them (first page of results with snippets and facets), in-process.
    Bench {
        /// Times each query runs.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
    },
}

pub async fn run(store: &Store, cmd: SearchCommand) -> Result<()> {
    match cmd {
        SearchCommand::Reindex => {
            let started = Instant::now();
            let n = store.reindex_search().await?;
            println!("Indexed {n} documents in {:.1} s.", started.elapsed().as_secs_f64());
        }
        SearchCommand::Bench { rounds } => {
            if rounds == 0 {
                bail!("--rounds must be at least 1");
            }
            let docs = store.search_document_count().await?;
            println!("{docs} documents in the index ({:?}).\n", store.engine());
            let pct = |times: &mut Vec<f64>, p: f64| {
                times.sort_by(f64::total_cmp);
                times[((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1]
            };
            let mut per_query = Vec::new();
            println!("| queries | runs | p50 ms | p95 ms | max ms |");
            println!("|---|---:|---:|---:|---:|");
            for (label, queries) in [("one word", ONE_WORD), ("three words", THREE_WORDS)] {
                let mut times = Vec::new();
                let mut each: Vec<(String, i64, Vec<f64>)> = Vec::new();
                for _ in 0..rounds {
                    for (i, text) in queries.iter().enumerate() {
                        let q = SearchQuery::parse(text, "", "", "").map_err(|e| anyhow::anyhow!("{}", e.first()))?;
                        let t = Instant::now();
                        let found = store.search(&q, &Reading::Public, None, 20).await?;
                        let ms = t.elapsed().as_secs_f64() * 1000.0;
                        times.push(ms);
                        if each.len() <= i {
                            each.push((text.to_string(), found.total, Vec::new()));
                        }
                        each[i].2.push(ms);
                    }
                }
                println!(
                    "| {label} | {} | {:.1} | {:.1} | {:.1} |",
                    times.len(),
                    pct(&mut times, 0.5),
                    pct(&mut times, 0.95),
                    pct(&mut times, 1.0)
                );
                per_query.extend(each);
            }
            println!("\n| query | matches | p50 ms | max ms |");
            println!("|---|---:|---:|---:|");
            for (text, total, mut times) in per_query {
                println!("| {text} | {total} | {:.1} | {:.1} |", pct(&mut times, 0.5), pct(&mut times, 1.0));
            }
        }
    }
    Ok(())
}
