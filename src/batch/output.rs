//! The batch output file: one `ExtractResult` JSON per line, in the shard's input order. Resuming
//! relies on that order: the number of complete, valid lines is the number of articles done. A torn
//! or corrupt line (a kill mid-write, a damaged disk block) ends the valid prefix; everything from
//! it on is cut off and redone, never appended to.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::Path;

use anyhow::Context;

use crate::proto::v1 as pb;

/// What an existing output file holds.
#[derive(Debug, Default)]
pub struct Existing {
    /// Article ids of the valid lines, in order.
    pub ids: Vec<String>,
    /// Byte length of the valid prefix.
    pub valid_len: u64,
    /// Bytes past the valid prefix that were cut off.
    pub cut_bytes: u64,
    /// How many results in the valid prefix are errors.
    pub failed: usize,
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
        if matches!(result.outcome, Some(pb::extract_result::Outcome::Error(_))) {
            ex.failed += 1;
        }
        ex.ids.push(result.article_id);
        ex.valid_len += n as u64;
    }
    ex.cut_bytes = total - ex.valid_len;
    Ok(ex)
}

/// Opens `path` for appending after cutting it to `valid_len`.
pub fn open_for_append(path: &Path, valid_len: u64) -> anyhow::Result<File> {
    let mut f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .with_context(|| format!("opening {} for writing", path.display()))?;
    f.set_len(valid_len)?;
    f.seek(SeekFrom::Start(valid_len))?;
    Ok(f)
}

/// Writes one result as a single line with one `write_all`, so a kill leaves at most one torn line.
pub fn write_result(f: &mut File, r: &pb::ExtractResult) -> anyhow::Result<()> {
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

    #[test]
    fn torn_and_corrupt_tails_are_cut() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        let mut f = open_for_append(&p, 0).unwrap();
        write_result(&mut f, &result("a")).unwrap();
        write_result(&mut f, &result("b")).unwrap();
        f.write_all(b"{\"articleId\":\"c\",\"fact").unwrap();
        drop(f);
        let ex = scan(&p).unwrap();
        assert_eq!(ex.ids, vec!["a", "b"]);
        assert!(ex.cut_bytes > 0);

        // A corrupt middle line ends the valid prefix too.
        let mut f = open_for_append(&p, ex.valid_len).unwrap();
        f.write_all(b"garbage\n").unwrap();
        write_result(&mut f, &result("d")).unwrap();
        drop(f);
        let ex = scan(&p).unwrap();
        assert_eq!(ex.ids, vec!["a", "b"]);
        let f = open_for_append(&p, ex.valid_len).unwrap();
        assert_eq!(f.metadata().unwrap().len(), ex.valid_len);
    }
}
