//! Writes the NER gold of GUM CoNLL-U directories or IOB2 files as IOB2 with CoNLL classes
//! (PER/ORG/LOC/MISC), exactly as `factx eval ner` scores it, so that other taggers (spaCy:
//! `scripts/eval/spacy_ner.py`) can be scored against the same gold.
//! Usage: ner_gold (--gum DIR | --iob FILE)... [--news]   (IOB2 on stdout, `# newdoc id =` per doc)
//! `--news` keeps GUM's news and interview documents only.

use std::io::Write;
use std::path::Path;

use factx_train::ner::data::{read_conll_iob, read_gum_dir, Sentence};
use factx_train::ner::eval::ConllClass;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let news = args.iter().any(|a| a == "--news");
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let path = || Path::new(it.clone().next().expect("a path after the flag")).to_path_buf();
        match a.as_str() {
            "--gum" => sentences.extend(read_gum_dir(&path()).expect("read GUM dir")),
            "--iob" => sentences.extend(read_conll_iob(&path()).expect("read IOB2 file")),
            _ => {}
        }
    }
    if news {
        sentences.retain(|s| s.doc_id.contains("_news_") || s.doc_id.contains("_interview_"));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut doc = String::new();
    for s in &sentences {
        if s.doc_id != doc {
            doc.clone_from(&s.doc_id);
            writeln!(out, "# newdoc id = {doc}").unwrap();
        }
        let mut tags = vec!["O".to_string(); s.tokens.len()];
        for g in &s.spans {
            let c = ConllClass::of(g.entity_type).label();
            for (i, t) in tags.iter_mut().enumerate().take(g.end).skip(g.start) {
                *t = format!("{}-{c}", if i == g.start { "B" } else { "I" });
            }
        }
        for (i, (tok, tag)) in s.tokens.iter().zip(&tags).enumerate() {
            writeln!(out, "{}\t{tok}\t{tag}", i + 1).unwrap();
        }
        writeln!(out).unwrap();
    }
}
