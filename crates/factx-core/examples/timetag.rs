//! Tags each stdin line: `cargo run -p factx-core --example timetag -- 2024-08-13T06:00:00 [future]`.
use std::io::BufRead;

use chrono::NaiveDateTime;
use factx_core::time::{tag, Bias, TimeContext};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let reference = args
        .get(1)
        .and_then(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok());
    let mut ctx = TimeContext::new(reference);
    if args.get(2).is_some_and(|s| s == "future") {
        ctx.bias = Bias::Future;
    }
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        for m in tag(&line, &ctx) {
            println!(
                "{}\t{}\t{:?}\t{}\t{:?}\t{:?}\t{:?}",
                m.span.start,
                m.span.end,
                &line[m.span.start..m.span.end],
                m.value,
                m.time_type,
                m.modifier,
                m.bounds
                    .map(|b| (b.start.to_string(), b.end.to_string(), b.grain))
            );
        }
    }
}
