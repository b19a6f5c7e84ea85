//! The batch output file: one `ExtractResult` JSON per line, in the shard's input order, each a
//! final outcome (a FactSet or the article's permanent error). Resuming relies on that order: the
//! number of complete, valid lines is the number of articles done. A torn or corrupt line (a kill
//! mid-write, a damaged disk block) ends the valid prefix; everything from it on is cut off and
//! redone, never appended to.
//!
//! Redoing the recorded errors (`--retry-failed`) cannot happen in place: the file is copied to
//! `<output>.retry.tmp` with new results in place of the redone lines, and the copy takes the
//! output's name (an atomic rename) as soon as it holds every article the old file did. A kill
//! before that leaves the old file whole; the stale copy is deleted by the next run.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;

use super::classify::recorded_is_final;
use crate::proto::v1 as pb;

/// How often written results are flushed to disk.
const SYNC_EVERY: Duration = Duration::from_secs(2);

/// What an existing output file holds.
#[derive(Debug, Default)]
pub struct Existing {
    /// Article ids of the valid lines, in order.
    pub ids: Vec<String>,
    /// Whether each valid line is an error result.
    pub error: Vec<bool>,
    /// Whether each valid line is an error that is not final: a transient failure recorded by a
    /// factx from before they were retried. A rerun redoes those.
    pub unfinished: Vec<bool>,
    /// Byte offset of each valid line.
    pub starts: Vec<u64>,
    /// Byte length of the valid prefix.
    pub valid_len: u64,
    /// Bytes past the valid prefix that were cut off.
    pub cut_bytes: u64,
}

impl Existing {
    /// How many results in the valid prefix are errors.
    pub fn failed(&self) -> usize {
        self.error.iter().filter(|&&e| e).count()
    }
}

/// Reads `path` (absent = empty) and returns its valid prefix.
pub fn scan(path: &Path) -> anyhow::Result<Existing> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::default()),
        Err(e) => return Err(e).with_context(|| format!("opening {}", path.display())),
    };
    let total = file.metadata()?.len();
    let mut reader = BufReader::new(file);
    let mut ex = Existing::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n == 0 || buf.last() != Some(&b'\n') {
            break; // end of file, or a torn last line
        }
        let Ok(text) = std::str::from_utf8(&buf[..n - 1]) else {
            break;
        };
        let Ok(result) = serde_json::from_str::<pb::ExtractResult>(text) else {
            break;
        };
        if result.outcome.is_none() {
            break;
        }
        let (error, unfinished) = match &result.outcome {
            Some(pb::extract_result::Outcome::Error(e)) => (true, !recorded_is_final(e)),
            _ => (false, false),
        };
        ex.ids.push(result.article_id);
        ex.error.push(error);
        ex.unfinished.push(unfinished);
        ex.starts.push(ex.valid_len);
        ex.valid_len += n as u64;
    }
    ex.cut_bytes = total - ex.valid_len;
    Ok(ex)
}

/// Where this run's results go, in shard order.
pub struct Sink {
    file: File,
    path: PathBuf,
    rewrite: Option<Rewrite>,
    last_sync: Instant,
}

/// A `--retry-failed` copy in progress.
struct Rewrite {
    old: BufReader<File>,
    /// Old lines not yet copied or replaced.
    left: usize,
    tmp: PathBuf,
}

/// The copy made by `--retry-failed` before it replaces the output.
pub fn retry_copy_path(path: &Path) -> PathBuf {
    let mut p = OsString::from(path.as_os_str());
    p.push(".retry.tmp");
    PathBuf::from(p)
}

impl Sink {
    /// Appends after the valid prefix, cutting off whatever follows it.
    pub fn append(path: &Path, valid_len: u64) -> anyhow::Result<Sink> {
        remove_stale_copy(path)?;
        let mut f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .with_context(|| format!("opening {} for writing", path.display()))?;
        f.set_len(valid_len)?;
        f.seek(SeekFrom::Start(valid_len))?;
        Ok(Sink {
            file: f,
            path: path.to_owned(),
            rewrite: None,
            last_sync: Instant::now(),
        })
    }

    /// Starts a copy of the output that will redo the old lines from `index` on that the caller
    /// sends as new results (`write`) and keep the others (`keep`). `index` must be an old line.
    pub fn rewrite(path: &Path, ex: &Existing, index: usize) -> anyhow::Result<Sink> {
        remove_stale_copy(path)?;
        anyhow::ensure!(index < ex.ids.len(), "rewrite from past the end");
        let offset = ex.starts[index];
        let tmp = retry_copy_path(path);
        let mut copy = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let mut old = File::open(path).with_context(|| format!("opening {}", path.display()))?;
        std::io::copy(&mut (&mut old).take(offset), &mut copy)?;
        old.seek(SeekFrom::Start(offset))?;
        Ok(Sink {
            file: copy,
            path: path.to_owned(),
            rewrite: Some(Rewrite {
                old: BufReader::new(old),
                left: ex.ids.len() - index,
                tmp,
            }),
            last_sync: Instant::now(),
        })
    }

    /// Writes the next article's result (in a copy, in place of its old line if it had one).
    pub fn write(&mut self, r: &pb::ExtractResult) -> anyhow::Result<()> {
        write_result(&mut self.file, r)?;
        if let Some(rw) = &mut self.rewrite {
            if rw.left > 0 {
                let mut line = Vec::new();
                rw.old.read_until(b'\n', &mut line)?;
                rw.left -= 1;
                self.commit_if_caught_up()?;
            }
        }
        self.sync_now_and_then()
    }

    /// Keeps the next article's old line (a copy only).
    pub fn keep(&mut self) -> anyhow::Result<()> {
        let Some(rw) = &mut self.rewrite else {
            anyhow::bail!("keep without a copy in progress");
        };
        anyhow::ensure!(rw.left > 0, "keep past the old output's end");
        let mut line = Vec::new();
        rw.old.read_until(b'\n', &mut line)?;
        self.file.write_all(&line)?;
        rw.left -= 1;
        self.commit_if_caught_up()?;
        self.sync_now_and_then()
    }

    /// Ends the run's writing: a copy keeps the old lines it did not reach and replaces the
    /// output; everything is on disk when this returns.
    pub fn finish(mut self) -> anyhow::Result<()> {
        if let Some(rw) = &mut self.rewrite {
            while rw.left > 0 {
                let mut line = Vec::new();
                rw.old.read_until(b'\n', &mut line)?;
                self.file.write_all(&line)?;
                rw.left -= 1;
            }
            self.commit_if_caught_up()?;
        }
        self.file.sync_all()?;
        Ok(())
    }

    fn commit_if_caught_up(&mut self) -> anyhow::Result<()> {
        if self.rewrite.as_ref().is_some_and(|rw| rw.left == 0) {
            let rw = self.rewrite.take().expect("checked");
            self.file.sync_all()?;
            std::fs::rename(&rw.tmp, &self.path).with_context(|| {
                format!(
                    "replacing {} with {}",
                    self.path.display(),
                    rw.tmp.display()
                )
            })?;
            sync_dir(&self.path);
        }
        Ok(())
    }

    fn sync_now_and_then(&mut self) -> anyhow::Result<()> {
        if self.last_sync.elapsed() > SYNC_EVERY {
            self.file.sync_data()?;
            self.last_sync = Instant::now();
        }
        Ok(())
    }
}

fn remove_stale_copy(path: &Path) -> anyhow::Result<()> {
    let tmp = retry_copy_path(path);
    match std::fs::remove_file(&tmp) {
        Ok(()) => {
            tracing::warn!(copy = %tmp.display(), "deleted the copy of an interrupted --retry-failed run");
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("deleting {}", tmp.display())),
    }
}

/// Makes a rename durable (best effort: not every platform can sync a directory).
fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes one result as a single line with one `write_all`, so a kill leaves at most one torn line.
fn write_result(f: &mut File, r: &pb::ExtractResult) -> anyhow::Result<()> {
    let mut line = serde_json::to_vec(r)?;
    line.push(b'\n');
    f.write_all(&line)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(id: &str) -> pb::ExtractResult {
        pb::ExtractResult {
            article_id: id.into(),
            outcome: Some(pb::extract_result::Outcome::FactSet(pb::FactSet {
                article_id: id.into(),
                ..Default::default()
            })),
        }
    }

    fn error(id: &str) -> pb::ExtractResult {
        pb::ExtractResult {
            article_id: id.into(),
            outcome: Some(pb::extract_result::Outcome::Error(pb::ExtractError {
                code: 3,
                message: "bad".into(),
                reason: "EMPTY_BODY".into(),
            })),
        }
    }

    #[test]
    fn torn_and_corrupt_tails_are_cut() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        let mut s = Sink::append(&p, 0).unwrap();
        s.write(&result("a")).unwrap();
        s.write(&result("b")).unwrap();
        s.file.write_all(b"{\"articleId\":\"c\",\"fact").unwrap();
        drop(s);
        let ex = scan(&p).unwrap();
        assert_eq!(ex.ids, vec!["a", "b"]);
        assert!(ex.cut_bytes > 0);

        // A corrupt middle line ends the valid prefix too.
        let mut s = Sink::append(&p, ex.valid_len).unwrap();
        s.file.write_all(b"garbage\n").unwrap();
        s.write(&result("d")).unwrap();
        drop(s);
        let ex = scan(&p).unwrap();
        assert_eq!(ex.ids, vec!["a", "b"]);
        let s = Sink::append(&p, ex.valid_len).unwrap();
        assert_eq!(s.file.metadata().unwrap().len(), ex.valid_len);
    }

    fn four_with_two_errors(p: &Path) -> Existing {
        let mut s = Sink::append(p, 0).unwrap();
        for r in [result("a"), error("b"), result("c"), error("d")] {
            s.write(&r).unwrap();
        }
        s.finish().unwrap();
        let ex = scan(p).unwrap();
        assert_eq!(ex.failed(), 2);
        assert_eq!(ex.error, vec![false, true, false, true]);
        ex
    }

    #[test]
    fn a_recorded_transport_error_is_not_final() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        let mut s = Sink::append(&p, 0).unwrap();
        let transport = pb::ExtractResult {
            article_id: "b".into(),
            outcome: Some(pb::extract_result::Outcome::Error(pb::ExtractError {
                code: tonic::Code::Unknown as i32,
                message: "transport error".into(),
                reason: String::new(),
            })),
        };
        for r in [result("a"), transport, error("c")] {
            s.write(&r).unwrap();
        }
        s.finish().unwrap();
        let ex = scan(&p).unwrap();
        assert_eq!(ex.error, vec![false, true, true]);
        assert_eq!(ex.unfinished, vec![false, true, false]);
    }

    #[test]
    fn a_retry_copy_replaces_errors_in_place_then_takes_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        let ex = four_with_two_errors(&p);
        let mut s = Sink::rewrite(&p, &ex, 1).unwrap();
        s.write(&result("b")).unwrap();
        s.keep().unwrap();
        // Not caught up yet: the output is still the old file.
        assert_eq!(scan(&p).unwrap().failed(), 2);
        s.write(&result("d")).unwrap();
        // Caught up: the copy is the output now, and new articles append to it.
        assert_eq!(scan(&p).unwrap().failed(), 0);
        assert!(!retry_copy_path(&p).exists());
        s.write(&result("e")).unwrap();
        s.finish().unwrap();
        let ex = scan(&p).unwrap();
        assert_eq!(ex.ids, vec!["a", "b", "c", "d", "e"]);
        assert_eq!(ex.failed(), 0);
        assert_eq!(ex.cut_bytes, 0);
    }

    #[test]
    fn a_retry_copy_stopped_early_keeps_every_old_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        let ex = four_with_two_errors(&p);
        let mut s = Sink::rewrite(&p, &ex, 1).unwrap();
        s.write(&result("b")).unwrap();
        s.finish().unwrap(); // e.g. the server stayed down for d
        let ex = scan(&p).unwrap();
        assert_eq!(ex.ids, vec!["a", "b", "c", "d"]);
        assert_eq!(ex.error, vec![false, false, false, true]);
    }

    #[test]
    fn a_killed_retry_copy_leaves_the_output_whole_and_is_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        let ex = four_with_two_errors(&p);
        let before = std::fs::read(&p).unwrap();
        let mut s = Sink::rewrite(&p, &ex, 1).unwrap();
        s.write(&result("b")).unwrap();
        drop(s); // killed mid-copy
        assert_eq!(std::fs::read(&p).unwrap(), before);
        assert!(retry_copy_path(&p).exists());
        let _ = Sink::append(&p, ex.valid_len).unwrap();
        assert!(!retry_copy_path(&p).exists());
        assert_eq!(std::fs::read(&p).unwrap(), before);
    }
}
