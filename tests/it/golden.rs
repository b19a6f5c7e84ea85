//! Golden snapshots of whole FactSets for fixture articles, rendered one item per line so a
//! reviewer can read them (and a diff shows exactly what a change did), plus the seed article
//! scored by the shared scorer when `../shared` is present.

use std::process::Command;

use factx::proto::v1 as pb;

use crate::util::{assert_grounded, seed_article};

fn extract(article: &pb::Article) -> pb::FactSet {
    let engine = factx_core::Engine::new(Default::default()).unwrap();
    let a = factx::convert::article_from_pb(article.clone()).unwrap();
    let fs = engine.extract(&a, &Default::default()).unwrap();
    factx::convert::fact_set_to_pb(fs)
}

/// One line per entity, fact and time: ids, types, names, mention texts, arguments.
fn render(body: &str, fs: &pb::FactSet) -> String {
    let mut out = String::new();
    let slice = |s: &Option<pb::Span>| {
        s.as_ref()
            .map_or("", |s| &body[s.start as usize..s.end as usize])
    };
    let name = |id: &str| {
        fs.entities
            .iter()
            .find(|e| e.id == id)
            .map_or(id.to_string(), |e| e.canonical_name.clone())
    };
    for e in &fs.entities {
        let ty = pb::EntityType::try_from(e.r#type).map_or("?".into(), |t| {
            t.as_str_name()
                .trim_start_matches("ENTITY_TYPE_")
                .to_string()
        });
        let mentions: Vec<&str> = e.mentions.iter().map(|m| slice(&m.span)).collect();
        let ids: Vec<String> = e
            .external_ids
            .iter()
            .map(|(k, v)| format!(" {k}={v}"))
            .collect();
        out.push_str(&format!(
            "{} {ty} {:?}{} sal={:.2}: {}\n",
            e.id,
            e.canonical_name,
            ids.concat(),
            e.salience,
            mentions.join(" | ")
        ));
    }
    for t in &fs.times {
        out.push_str(&format!("{} {:?} = {}\n", t.id, t.text, t.value));
    }
    for f in &fs.facts {
        let ty = pb::FactType::try_from(f.r#type).map_or("?".into(), |t| {
            t.as_str_name().trim_start_matches("FACT_TYPE_").to_string()
        });
        let args: Vec<String> = f
            .arguments
            .iter()
            .map(|a| match &a.value {
                Some(pb::argument::Value::EntityId(id)) => format!("{}={}", a.role, name(id)),
                Some(pb::argument::Value::TimeId(id)) => {
                    let t = fs
                        .times
                        .iter()
                        .find(|t| &t.id == id)
                        .map_or("?", |t| t.value.as_str());
                    format!("{}=@{t}", a.role)
                }
                Some(pb::argument::Value::Text(t)) => format!("{}={t:?}", a.role),
                None => format!("{}=?", a.role),
            })
            .collect();
        let neg = if f.polarity == pb::Polarity::Negative as i32 {
            " NEG"
        } else {
            ""
        };
        let modality = pb::Modality::try_from(f.modality).map_or("?".into(), |m| {
            m.as_str_name().trim_start_matches("MODALITY_").to_string()
        });
        let by = if f.attributed_to.is_empty() {
            String::new()
        } else {
            format!(" by={}", name(&f.attributed_to))
        };
        out.push_str(&format!(
            "{} {ty} {}({}){neg} {modality}{by} cameo={} [{}]\n",
            f.id,
            f.predicate,
            args.join(", "),
            f.cameo_code,
            slice(&f.trigger)
        ));
    }
    out
}

#[test]
fn seed_article_golden() {
    let seed = seed_article();
    let fs = extract(&seed);
    assert_grounded(&seed.body, &fs);
    insta::assert_snapshot!("seed", render(&seed.body, &fs));
}

#[test]
fn wikinews_golden() {
    for line in include_str!("../fixtures/wikinews.jsonl").lines() {
        let article: pb::Article = serde_json::from_str(line).unwrap();
        let fs = extract(&article);
        assert_grounded(&article.body, &fs);
        insta::assert_snapshot!(article.id.clone(), render(&article.body, &fs));
    }
}

/// The product path end to end: `factx extract` output scored by the project's scorer.
#[test]
fn seed_article_scores_above_the_bar() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let (scorer, gold) = (
        shared.join("tools/score_factset.py"),
        shared.join("seed/gold.json"),
    );
    if !scorer.is_file() || !gold.is_file() {
        eprintln!("note: ../shared absent; seed score test skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_factx"))
        .args(["extract", "tests/fixtures/seed_article.json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(&pred, &out.stdout).unwrap();
    let scored = match Command::new("python3")
        .arg(&scorer)
        .arg("--gold")
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .arg("--json")
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            eprintln!("note: python3 unavailable ({e}); seed score test skipped");
            return;
        }
    };
    let text = String::from_utf8_lossy(&scored.stdout);
    println!("{text}");
    let json_line = text
        .lines()
        .find(|l| l.starts_with('{'))
        .expect("scores line");
    let scores: serde_json::Value = serde_json::from_str(json_line).unwrap();
    let get = |k: &str| scores[k].as_f64().unwrap();
    assert_eq!(get("integrity"), 1.0, "every span slices");
    assert!(get("overall") >= 0.90, "overall {}", get("overall"));
    for area in ["entities", "coreference", "facts", "times"] {
        assert!(get(area) >= 0.85, "{area} {}", get(area));
    }
}
