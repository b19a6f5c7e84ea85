//! Dates of GUM's Wikinews documents (CC-BY, /work/shared/data/gum): every `<date>` element the
//! annotators normalised must be found (overlap) and, where it has a single `when` value, get
//! that value, with the document's creation date as reference. A regression floor on real news
//! the grammar was not written from. Skips when the corpus is absent.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use factx_core::time::{tag, TimeContext};

fn news_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/gum/conllu");
    let root = if root.exists() {
        root
    } else {
        PathBuf::from("/work/shared/data/gum/conllu")
    };
    let mut out = Vec::new();
    for split in ["train", "dev"] {
        if let Ok(dir) = std::fs::read_dir(root.join(split)) {
            for e in dir.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if name.starts_with("GUM_news_") && name.ends_with(".conllu") {
                    out.push(e.path());
                }
            }
        }
    }
    out.sort();
    out
}

struct Doc {
    text: String,
    reference: Option<NaiveDateTime>,
    /// (start, end, `when` value if any)
    dates: Vec<(usize, usize, Option<String>)>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}:::\"");
    let at = tag.find(&key)? + key.len();
    let rest = &tag[at..];
    Some(rest[..rest.find('"')?].to_string())
}

fn read(path: &Path) -> Option<Doc> {
    let src = std::fs::read_to_string(path).ok()?;
    let mut doc = Doc {
        text: String::new(),
        reference: None,
        dates: Vec::new(),
    };
    let mut open: Vec<(usize, Option<String>)> = Vec::new();
    for line in src.lines() {
        if let Some(d) = line.strip_prefix("# meta::dateCreated = ") {
            doc.reference = NaiveDateTime::parse_from_str(
                &format!("{}T12:00:00", d.trim()),
                "%Y-%m-%dT%H:%M:%S",
            )
            .ok();
        }
        if line.is_empty() {
            if !doc.text.ends_with(' ') && !doc.text.is_empty() {
                doc.text.push(' ');
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let start = doc.text.len();
        let misc = cols[9];
        let xml = misc
            .split('|')
            .find_map(|x| x.strip_prefix("XML="))
            .unwrap_or("");
        for t in xml.split('>').filter(|t| t.starts_with("<date")) {
            open.push((start, attr(t, "when")));
        }
        doc.text.push_str(cols[1]);
        let end = doc.text.len();
        for _ in 0..xml.matches("</date").count() {
            if let Some((s, when)) = open.pop() {
                doc.dates.push((s, end, when));
            }
        }
        if !misc.contains("SpaceAfter=No") {
            doc.text.push(' ');
        }
    }
    Some(doc)
}

#[test]
fn gum_news_dates() {
    let files = news_files();
    if files.is_empty() {
        eprintln!("GUM corpus absent: test skipped");
        return;
    }
    let (mut gold, mut found, mut with_value, mut right) = (0, 0, 0, 0);
    for f in &files {
        let Some(doc) = read(f) else { continue };
        let ctx = TimeContext::new(doc.reference);
        let got = tag(&doc.text, &ctx);
        for (s, e, when) in &doc.dates {
            gold += 1;
            let hits: Vec<_> = got
                .iter()
                .filter(|m| m.span.start < *e && *s < m.span.end)
                .collect();
            if hits.is_empty() {
                continue;
            }
            found += 1;
            if let Some(w) = when {
                with_value += 1;
                right += hits.iter().any(|m| &m.value == w) as usize;
            }
        }
    }
    let detection = found as f64 / gold.max(1) as f64;
    let value = right as f64 / with_value.max(1) as f64;
    eprintln!(
        "GUM news dates: found {found}/{gold} ({:.1}%), `when` values right {right}/{with_value} ({:.1}%)",
        100.0 * detection,
        100.0 * value
    );
    assert!(detection >= 0.9, "detection {detection:.3} < 0.9");
    assert!(value >= 0.8, "value accuracy {value:.3} < 0.8");
}
