//! Compiles the contract in `proto/` with protox (pure Rust: no `protoc` on the machine), then
//! generates prost messages, tonic stubs, and pbjson serde impls for the canonical proto3 JSON.

use std::path::PathBuf;

use prost::Message;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let protos = [
        "proto/factx/v1/fact_set.proto",
        "proto/factx/v1/extraction_service.proto",
    ];
    for p in &protos {
        println!("cargo:rerun-if-changed={p}");
    }
    let fds = protox::compile(protos, ["proto"])?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let descriptor_bytes = fds.encode_to_vec();
    std::fs::write(out.join("factx_descriptor.bin"), &descriptor_bytes)?;

    tonic_prost_build::configure()
        // Well-known types come from pbjson-types, which adds their canonical JSON mapping.
        .compile_well_known_types(true)
        .extern_path(".google.protobuf", "::pbjson_types")
        .compile_fds(fds)?;

    pbjson_build::Builder::new()
        .register_descriptors(&descriptor_bytes)?
        // JSON Lines often carry extra fields (a corpus split, a crawl date): accept and drop them.
        .ignore_unknown_fields()
        .build(&[".factx"])?;
    Ok(())
}
