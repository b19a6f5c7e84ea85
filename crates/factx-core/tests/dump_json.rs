//! The `dump` example's hand-written JSON (used by eval/run_gum.sh and the scorer) must be valid
//! JSON whose mention texts are the body's slices, whatever the body holds.

use factx_core::model::{Article, ExtractOptions};
use factx_core::Engine;
use serde_json::Value;

#[path = "../examples/common/json.rs"]
#[allow(dead_code)]
mod json;

#[test]
fn dump_json_parses_and_spans_slice() {
    let body = "Name Ltd. said \"Nominal\" rose.\tPronoun Inc. met Jane \\ Doe\u{1} in Paris.\n\
                \u{201C}We agree,\u{201D} said Jane Doe. She left for Name Ltd. on Monday.";
    let article = Article {
        id: "t\"1".into(),
        body: body.into(),
        language: "en".into(),
        ..Default::default()
    };
    let engine = Engine::new(Default::default()).expect("engine");
    let fs = engine
        .extract(&article, &ExtractOptions::default())
        .expect("extract");
    let v: Value = serde_json::from_str(&json::to_json(&fs)).expect("valid JSON");
    let mut mentions = 0;
    for e in v["entities"].as_array().expect("entities") {
        for m in e["mentions"].as_array().expect("mentions") {
            let (s, t) = (
                m["span"]["start"].as_u64().unwrap() as usize,
                m["span"]["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(Some(m["text"].as_str().unwrap()), body.get(s..t));
            assert!(matches!(
                m["kind"].as_str(),
                Some("NAME" | "NOMINAL" | "PRONOUN")
            ));
            mentions += 1;
        }
    }
    assert!(mentions > 0);
    for t in v["times"].as_array().expect("times") {
        assert!(matches!(
            t["type"].as_str(),
            Some("DATE" | "TIME" | "DURATION" | "SET")
        ));
    }
}
