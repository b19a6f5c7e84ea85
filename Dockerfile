# syntax=docker/dockerfile:1
# factx gRPC server image. Build: docker build -t factx .
# Stages: plan the dependency graph (cargo-chef), build dependencies alone (cached until
# Cargo.toml/Cargo.lock change), build factx, copy the one binary into distroless.

ARG RUST_VERSION=1.95
ARG CHEF_VERSION=0.1.78

FROM lukemathwalker/cargo-chef:${CHEF_VERSION}-rust-${RUST_VERSION}-slim-bookworm AS chef
WORKDIR /app
# No debug info in the image's binary (the release profile keeps some for local profiling).
ENV CARGO_PROFILE_RELEASE_DEBUG=0 \
    CARGO_TERM_COLOR=never

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked --bin factx \
    && cp target/release/factx /factx

# glibc + libgcc + CA certificates, no shell, runs as "nonroot" (65532).
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=builder /factx /factx
USER 65532:65532
# 50051: gRPC (health, reflection, factx.v1). 9464: Prometheus /metrics.
EXPOSE 50051 9464
ENTRYPOINT ["/factx"]
CMD ["serve", "--listen", "0.0.0.0:50051", "--metrics-listen", "0.0.0.0:9464"]
