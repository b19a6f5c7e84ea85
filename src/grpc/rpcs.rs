//! The extraction service's methods as the layers see them: an HTTP/2 path, before any message is
//! decoded. What a method carries decides how its calls are admitted and logged.

/// What one call of a method carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carries {
    /// One article in, one FactSet out.
    Article,
    /// Many articles in one message, answered together.
    Batch,
    /// A stream of articles, each answered in turn; never shed, logged when it ends.
    Stream,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rpc {
    /// The method name, also its metric label.
    pub name: &'static str,
    pub carries: Carries,
}

/// `factx.v1.FactExtractionService`, whose methods these are.
pub const EXTRACTION: &[Rpc] = &[
    Rpc {
        name: "Extract",
        carries: Carries::Article,
    },
    Rpc {
        name: "ExtractBatch",
        carries: Carries::Batch,
    },
    Rpc {
        name: "ExtractStream",
        carries: Carries::Stream,
    },
];

/// The method a request path (`/package.Service/Method`) names, if it is one of `rpcs`. Unknown
/// methods are left to tonic (UNIMPLEMENTED) and to no layer's bookkeeping.
pub fn find(rpcs: &'static [Rpc], path: &str) -> Option<&'static Rpc> {
    let method = path.rsplit_once('/')?.1;
    rpcs.iter().find(|r| r.name == method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_methods() {
        let p = |m: &str| format!("/factx.v1.FactExtractionService/{m}");
        assert_eq!(find(EXTRACTION, &p("Extract")).unwrap().name, "Extract");
        assert_eq!(
            find(EXTRACTION, &p("ExtractStream")).unwrap().carries,
            Carries::Stream
        );
        assert!(find(EXTRACTION, &p("Nope")).is_none());
        assert!(find(EXTRACTION, "").is_none());
    }
}
