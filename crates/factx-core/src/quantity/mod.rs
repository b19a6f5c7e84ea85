//! The quantity stage: numbers with their qualifier, unit and counted noun, the magnitudes that
//! events carry (dead, injured, arrested, crowd sizes, prices, amounts, prison terms).
//!
//! # What is read
//! - **Numbers**: digits with separators and decimals (`1,200`, `3.5`), scale words and
//!   abbreviations (`1.5 million`, `69bn`, `$5m`), number words (`twelve`, `twenty-five`,
//!   `a hundred`, `two dozen`), approximate plurals with a range of values (`dozens`, `hundreds`,
//!   `tens of thousands`, `several hundred`), ranges (`10-15`, `10 to 15`, `between 10 and 20`).
//! - **Units**: currencies with their ISO 4217 code (`$`, `US$`, `€5`, `Rs 500`, `USD 5`,
//!   `5 euros`, `5 million dollars`), percent (`200%`, `12 percent`, `per cent`), percentage
//!   points, a few measures (`km`, `barrels`), and spans of time (below). No unit is a count.
//! - **Qualifiers** before (`at least`, `more than`, `nearly`, `about`, `up to`, ...) and after
//!   (`or more`, `and counting`) the number; approximate plurals are `Approximate`.
//! - **Counted noun**: the first plural noun in the next few words (`12 people`, `two armed
//!   suspects`), or a singular one right after an amount of money, a percentage or a measure
//!   (`$69 billion deal`), or after the number one.
//!
//! # Spans of time
//! The time stage owns every span it annotated, so no quantity overlaps a time expression, with
//! one rule on top: a time expression of type DURATION with a definite count (`P6Y` for `six
//! years`, `P10Y` for `10-year`) is also a quantity with a duration unit, with the qualifier
//! written before or after it (`up to 10 years`) and a range the time stage split (`three to five
//! years`). That is how prison terms reach the events stage; vague durations (`PXY`, `several
//! years`), periods of the calendar (`the past six months`), dates and sets stay times only.
//!
//! # Not quantities
//! Years and dates (the time stage has them), ordinals (`third`, `3rd`), numbers inside or after
//! names (`G7`, `COVID-19`, `Boeing 737`, `Apollo 11`, `10 Downing Street`), identifiers after a label word (`article
//! 5`, `flight 370`, `No. 10`), phone numbers and other runs of bare numbers, scores and votes
//! (`5-4`, `1 – 0`), list markers (`1.` opening a line), ages set off by commas (`Jane Doe, 45,`),
//! ages (`aged 14`, `a 45-year-old`, `she was six`), rates (`a day` in `5 million barrels a
//! day`), a lone `one` without a qualifier or unit (`one of the`, `no one`, `one side`). When in
//! doubt, a number is left out: a missing quantity costs less downstream than an invented one.
//!
//! # Cost
//! One pass over the tokens of each sentence. Each token is lowercased and looked up once in the
//! set of words that can open a quantity; only digits, currency symbols and those words go on to
//! the other tables, with a lookahead of a few tokens. Linear in the length of the text.

mod scan;
mod stage;

#[cfg(test)]
mod tests;

pub use scan::find;
pub use stage::QuantityStage;

use crate::model::Span;

/// A number as the text states it, grounded in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// From the first word of the qualifier (or currency) to the last word of the unit (or of a
    /// qualifier written after): `at least 12`, `$69 billion`, `107 or more`, `Tens of thousands`.
    pub span: Span,
    /// The value; for a range (`between 10 and 20`, `10-15`, `dozens`) its lower bound.
    pub value: f64,
    /// The upper bound of a range.
    pub value_max: Option<f64>,
    pub unit: Unit,
    pub qualifier: Qualifier,
    /// Index into `Doc::tokens` of the noun the number counts (`people` in `12 people`).
    pub noun: Option<usize>,
}

/// What a quantity counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// No unit: a count (`12 people`, `dozens`).
    Count,
    /// An amount of money, with its ISO 4217 code (`USD`).
    Currency(&'static str),
    Percent,
    PercentagePoint,
    /// A span of time that is also a time expression of type DURATION (`six years`).
    Duration(DurationUnit),
    /// A physical measure, with its symbol (`km`, `t`, `bbl`).
    Measure(&'static str),
}

/// The calendar unit of a duration, as in TIMEX3 values (`P6Y`, `PT5H`, `P2DE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// How the text bounds the number. The classes follow TIDES TIMEX2 `mod` values (`nearly` and
/// `almost` are less than the number), plus `UpTo` and `Approximate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Exact,
    /// `at least 12`, `107 or more`, `and counting`
    AtLeast,
    /// `more than 12`, `over 200`
    MoreThan,
    /// `at most`, `no more than`
    AtMost,
    /// `fewer than`, `under`, `nearly`, `almost`
    LessThan,
    /// `about`, `around`, `some`, `roughly`, `an estimated`, `close to`
    About,
    /// `up to`, `as many as`
    UpTo,
    /// A plural or vague amount read as a range: `dozens`, `tens of thousands`, `several hundred`.
    Approximate,
}

impl Qualifier {
    /// The variant named `name` (as written in `data/quantity/qualifiers.tsv`).
    pub fn from_name(name: &str) -> Option<Self> {
        use Qualifier::*;
        Some(match name {
            "Exact" => Exact,
            "AtLeast" => AtLeast,
            "MoreThan" => MoreThan,
            "AtMost" => AtMost,
            "LessThan" => LessThan,
            "About" => About,
            "UpTo" => UpTo,
            "Approximate" => Approximate,
            _ => return None,
        })
    }
}
