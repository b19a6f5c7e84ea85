//! Duckling's English time corpus (BSD, /work/shared/data/duckling): every record with a grain
//! of a day or coarser must resolve to Duckling's value. Duckling's interval ends are exclusive,
//! like our `Bounds.end`, so they compare directly. Holidays are reported separately; the gate
//! (90 %) applies to the non-holiday records. Skips when the corpus is absent.
//! `DUCKLING_VERBOSE=1` prints every miss.

use chrono::NaiveDateTime;
use factx_core::time::{tag, Bias, Grain, TimeContext};
use serde_json::Value;

const CORPUS: &str = "../../../shared/data/duckling/en_time_corpus.jsonl";

fn corpus() -> Option<String> {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for p in [
        here.join(CORPUS),
        "/work/shared/data/duckling/en_time_corpus.jsonl".into(),
    ] {
        if let Ok(s) = std::fs::read_to_string(&p) {
            return Some(s);
        }
    }
    None
}

fn grain(s: &str) -> Option<Grain> {
    Some(match s {
        "Day" => Grain::Day,
        "Week" => Grain::Week,
        "Month" => Grain::Month,
        "Quarter" => Grain::Quarter,
        "Year" => Grain::Year,
        _ => return None,
    })
}

fn ctx(section: &str) -> TimeContext {
    // Duckling's reference: Tuesday 2013-02-12 04:30 (the diff corpus: Friday 2013-02-15).
    let r = if section == "diffCorpus" {
        "2013-02-15T04:30:00"
    } else {
        "2013-02-12T04:30:00"
    };
    let mut c = TimeContext::new(NaiveDateTime::parse_from_str(r, "%Y-%m-%dT%H:%M:%S").ok());
    c.bias = Bias::Future;
    c
}

fn parse_dt(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok()
}

#[test]
fn duckling_corpus() {
    let Some(text) = corpus() else {
        eprintln!("duckling corpus absent: test skipped");
        return;
    };
    let verbose = std::env::var("DUCKLING_VERBOSE").is_ok();
    let (mut ok, mut n, mut hok, mut hn) = (0, 0, 0, 0);
    let mut negatives_hit = Vec::new();
    for line in text.lines() {
        let r: Value = serde_json::from_str(line).expect("jsonl");
        let section = r["section"].as_str().unwrap_or("");
        let phrase = r["text"].as_str().unwrap_or("");
        if section == "negativeCorpus" {
            let found = tag(phrase, &ctx(section));
            if !found.is_empty() {
                negatives_hit.push((phrase.to_string(), found[0].value.clone()));
            }
            continue;
        }
        let Some(g) = r["grain"].as_str().and_then(grain) else {
            continue;
        };
        let start = r["start"].as_str().and_then(parse_dt);
        let end = r["end"].as_str().and_then(parse_dt);
        let kind = r["kind"].as_str().unwrap_or("");
        let holiday = kind.contains("Holiday") || r.get("holiday").is_some();
        let found = tag(phrase, &ctx(section));
        let best = found.iter().max_by_key(|m| m.span.end - m.span.start);
        let hit = best.and_then(|m| m.bounds).is_some_and(|b| match end {
            Some(e) => Some(b.start) == start && b.end == e,
            None => Some(b.start) == start && b.grain == g,
        });
        if holiday {
            hn += 1;
            hok += hit as usize;
        } else {
            n += 1;
            ok += hit as usize;
        }
        if !hit && verbose {
            eprintln!(
                "MISS {phrase:?} want {:?}..{:?} {g:?} got {:?}",
                start,
                end,
                best.map(|m| (&phrase[m.span.start..m.span.end], &m.value, m.bounds))
            );
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    eprintln!(
        "duckling (grain >= day): non-holiday {ok}/{n} = {:.1}%, holidays {hok}/{hn} = {:.1}%, all {}/{} = {:.1}%",
        pct(ok, n),
        pct(hok, hn),
        ok + hok,
        n + hn,
        pct(ok + hok, n + hn)
    );
    assert!(
        negatives_hit.is_empty(),
        "negative corpus matched: {negatives_hit:?}"
    );
    assert!(
        pct(ok, n) >= 90.0,
        "non-holiday accuracy {:.1}% < 90%",
        pct(ok, n)
    );
}
