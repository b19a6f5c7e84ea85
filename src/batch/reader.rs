//! The input side of a run: a thread that reads the shard's articles in order and hands on what
//! is to be done, checking that the recorded results belong to this input.

use std::io::BufRead;
use std::path::PathBuf;
use std::thread::JoinHandle;

use anyhow::{bail, Context};

use super::Shard;
use crate::proto::v1 as pb;

/// What the reader hands on for one shard article, in order.
pub enum Item {
    /// Run it; `redo` when it replaces a recorded error (`--retry-failed`).
    Run {
        article: Result<pb::Article, String>,
        redo: bool,
    },
    /// Keep its recorded result (only while a `--retry-failed` copy is made).
    Keep,
}

/// Reads `input`, skipping the articles recorded in `done_ids` except those marked in `redo`
/// (from the first of which on every recorded article is handed on, as `Keep` or `Run`). When
/// the receiver goes away (the run stopped) it only counts the rest. Returns how many articles
/// the shard has.
pub fn spawn(
    input: PathBuf,
    shard: Shard,
    done_ids: Vec<String>,
    redo: Vec<bool>,
    tx: tokio::sync::mpsc::Sender<Item>,
) -> JoinHandle<anyhow::Result<usize>> {
    let redo_from = redo.iter().position(|&r| r);
    std::thread::spawn(move || -> anyhow::Result<usize> {
        let f =
            std::fs::File::open(&input).with_context(|| format!("opening {}", input.display()))?;
        let mut k = 0usize;
        let mut seen = 0usize; // shard articles met so far
        let mut sending = true;
        for (no, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line =
                line.with_context(|| format!("reading {} line {}", input.display(), no + 1))?;
            if crate::jsonl::is_blank(&line) {
                continue;
            }
            let mine = shard.owns(k);
            k += 1;
            if !mine {
                continue;
            }
            seen += 1;
            if !sending {
                continue; // the run stopped: only count what is left
            }
            let s = seen - 1;
            let parsed = crate::jsonl::parse_article(&line);
            let item = if s < done_ids.len() {
                let id = parsed.as_ref().map(|a| a.id.as_str()).unwrap_or("");
                if id != done_ids[s] {
                    bail!(
                        "output line {} is for article {:?} but input line {} is {:?}: the output \
                         belongs to another input or shard; refusing to append",
                        s + 1,
                        done_ids[s],
                        no + 1,
                        id
                    );
                }
                match redo_from {
                    Some(from) if s >= from && redo[s] => Item::Run {
                        article: parsed,
                        redo: true,
                    },
                    Some(from) if s >= from => Item::Keep,
                    _ => continue,
                }
            } else {
                Item::Run {
                    article: parsed,
                    redo: false,
                }
            };
            if tx.blocking_send(item).is_err() {
                sending = false;
            }
        }
        Ok(seen)
    })
}
