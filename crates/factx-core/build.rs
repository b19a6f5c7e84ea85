//! Writes the embedded syntax model's weight tables as they lie in memory
//! (`OUT_DIR/syntax_tables.bin`), so that the binary uses them in place instead of decoding
//! 600,000 rows at every start (`syntax::weights::Table::from_image`). The model file and its
//! format are unchanged: the image is derived from `models/syntax.bin` whenever it changes,
//! by the same code that decodes it (`src/syntax/weights.rs`).

use std::path::PathBuf;

/// What `weights.rs` needs of the crate's error type.
#[allow(dead_code)]
mod error {
    #[derive(Debug)]
    pub enum Error {
        Internal(String),
    }
    pub type Result<T> = std::result::Result<T, Error>;
}

#[allow(dead_code)]
#[path = "src/syntax/weights.rs"]
mod weights;

use error::{Error, Result};
use weights::{write_image, Reader};

const MODEL: &str = "models/syntax.bin";

fn main() {
    println!("cargo:rerun-if-changed={MODEL}");
    println!("cargo:rerun-if-changed=src/syntax/weights.rs");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("syntax_tables.bin");
    let little = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("little");
    let bytes = std::fs::read(MODEL).expect("reading models/syntax.bin");
    // Without an image the binary decodes the file at start-up, as the tests check it can.
    let image = if little {
        tables_image(&bytes).unwrap_or_else(|Error::Internal(e)| {
            println!("cargo:warning=syntax model tables not embedded in place: {e}");
            Vec::new()
        })
    } else {
        Vec::new()
    };
    std::fs::write(&out, image).expect("writing the syntax tables image");
}

/// The images of the model's three tables, in file order. Walks the file as
/// `SyntaxModel::load` does (`src/syntax/{model,tagger,lemma,parser}.rs`), skipping all but the
/// tables; the tests check that the result equals the decoded model.
fn tables_image(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.get(..6) != Some(b"FXSYN\x03".as_slice()) {
        return Err(Error::Internal("not a version 3 syntax model".into()));
    }
    let mut r = Reader::new(&bytes[6..], "syntax model");
    let mut out = Vec::new();
    // Tagger: tag count, (UPOS, XPOS) per tag, weight table, tag dictionary (9 bytes a word).
    let tags = usize::from(r.u8()?);
    r.take(2 * tags)?;
    write_image(&mut r, &mut out)?;
    let words = r.u32()? as usize;
    r.take(9 * words)?;
    // Lemmatizer: exceptions (key, lemma), then rules (key, strip, suffix).
    for key_bytes in [8, 9] {
        for _ in 0..r.leb()? {
            r.take(key_bytes)?;
            r.str()?;
        }
    }
    // Parser: labels, then the transition and label tables.
    let labels = usize::from(r.u8()?);
    r.take(labels)?;
    write_image(&mut r, &mut out)?;
    write_image(&mut r, &mut out)?;
    Ok(out)
}
