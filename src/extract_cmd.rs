//! `factx extract`: JSON Lines of articles in, one FactSet per line out, in input order.

use std::io::{BufRead, BufWriter, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;
use factx_core::model::{Article, ExtractOptions};
use factx_core::{Engine, EngineConfig};

use crate::cli::ExtractArgs;
use crate::convert;

/// Lines read and processed together; bounds memory on huge inputs while keeping threads busy.
const CHUNK: usize = 256;

pub fn run(a: ExtractArgs) -> anyhow::Result<i32> {
    let options = a.options.to_options()?;
    let engine = Engine::new(EngineConfig::default())?;
    let threads = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let mut input: Box<dyn BufRead> = if a.input == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(&a.input).with_context(|| format!("opening {}", a.input))?,
        ))
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());

    if a.text {
        let mut body = String::new();
        input.read_to_string(&mut body).context("reading text")?;
        let published_at = match &a.published_at {
            None => None,
            Some(s) => Some(
                chrono::DateTime::parse_from_rfc3339(s)
                    .with_context(|| format!("--published-at {s:?} is not RFC 3339"))?
                    .with_timezone(&chrono::Utc),
            ),
        };
        let article = Article {
            id: a.id.clone(),
            body,
            published_at,
            ..Default::default()
        };
        return match engine.extract(&article, &options) {
            Ok(fs) => {
                serde_json::to_writer(&mut out, &convert::fact_set_to_pb(fs))?;
                writeln!(out)?;
                out.flush()?;
                Ok(0)
            }
            Err(e) => {
                eprintln!("factx extract: {}: {e}", a.id);
                Ok(1)
            }
        };
    }

    let mut failures = 0usize;
    let mut line_no = 0usize;
    let mut lines = input.lines();
    loop {
        let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK);
        for line in lines.by_ref() {
            line_no += 1;
            let line = line.with_context(|| format!("reading line {line_no}"))?;
            if crate::jsonl::is_blank(&line) {
                continue;
            }
            chunk.push((line_no, line));
            if chunk.len() == CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        for (n, r) in process_chunk(&engine, &options, &chunk, threads) {
            match r {
                Ok(json) => {
                    out.write_all(json.as_bytes())?;
                    out.write_all(b"\n")?;
                }
                Err(msg) => {
                    failures += 1;
                    eprintln!("factx extract: line {n}: {msg}");
                }
            }
        }
    }
    out.flush()?;
    Ok(if failures > 0 { 1 } else { 0 })
}

/// Processes the chunk on `threads` scoped threads; results come back in input order.
fn process_chunk(
    engine: &Engine,
    options: &ExtractOptions,
    chunk: &[(usize, String)],
    threads: usize,
) -> Vec<(usize, Result<String, String>)> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<String, String>>> = vec![None; chunk.len()];
    let slots: Vec<std::sync::Mutex<&mut Option<Result<String, String>>>> =
        results.iter_mut().map(std::sync::Mutex::new).collect();
    std::thread::scope(|s| {
        for _ in 0..threads.min(chunk.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= chunk.len() {
                    break;
                }
                let r = extract_line(engine, options, &chunk[i].1);
                **slots[i].lock().expect("slot lock") = Some(r);
            });
        }
    });
    drop(slots);
    chunk
        .iter()
        .zip(results)
        .map(|((n, _), r)| (*n, r.unwrap_or_else(|| Err("not processed".into()))))
        .collect()
}

fn extract_line(engine: &Engine, options: &ExtractOptions, line: &str) -> Result<String, String> {
    let article =
        crate::jsonl::parse_article(line).map_err(|e| format!("malformed article JSON: {e}"))?;
    let id = article.id.clone();
    let article = convert::article_from_pb(article).map_err(|e| format!("article {id:?}: {e}"))?;
    let fs = engine
        .extract(&article, options)
        .map_err(|e| format!("article {id:?}: {e}"))?;
    serde_json::to_string(&convert::fact_set_to_pb(fs)).map_err(|e| e.to_string())
}
