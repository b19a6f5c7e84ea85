//! Development tool: prune a trained syntax model's tables by row weight and report sizes.
//! `cargo run --release -p factx-train --example prune_model -- IN OUT TAGGER ACTIONS LABELS`
//! (minimum summed absolute row weights, trained units).
use factx_core::syntax::SyntaxModel;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let m = SyntaxModel::load(&std::fs::read(&a[1]).unwrap()).unwrap();
    let t: Vec<f32> = a[3..6].iter().map(|x| x.parse().unwrap()).collect();
    let mut p = m.clone();
    p.tagger.table = m.tagger.table.pruned(t[0]);
    p.parser.actions = m.parser.actions.pruned(t[1]);
    p.parser.labeler = m.parser.labeler.pruned(t[2]);
    for (n, x, y) in [
        ("tagger", &m.tagger.table, &p.tagger.table),
        ("actions", &m.parser.actions, &p.parser.actions),
        ("labels", &m.parser.labeler, &p.parser.labeler),
    ] {
        eprintln!(
            "{n}: {} rows {} MB → {} rows {} MB",
            x.used_slots(),
            x.memory_bytes() >> 20,
            y.used_slots(),
            y.memory_bytes() >> 20
        );
    }
    let bytes = p.save();
    eprintln!("file {} bytes", bytes.len());
    std::fs::write(&a[2], bytes).unwrap();
}
