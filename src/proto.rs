//! Code generated from `proto/` by `build.rs`: prost messages, tonic stubs, pbjson serde impls.

#[allow(clippy::all, clippy::pedantic)]
pub mod v1 {
    include!(concat!(env!("OUT_DIR"), "/factx.v1.rs"));
    include!(concat!(env!("OUT_DIR"), "/factx.v1.serde.rs"));
}

/// Encoded `FileDescriptorSet` of the contract (with its imports), served by reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/factx_descriptor.bin"));
