# incognito: a self-hosted AWS Cognito. Multi-stage build: compile with the Rust toolchain,
# ship only the binary on a slim Debian.
#
#   docker build -t incognito .
#   docker run -p 9229:9229 -e INCOGNITO_LISTEN=0.0.0.0:9229 ... incognito
#
# See docker-compose.yml for a ready setup with PostgreSQL.

FROM rust:1.95-bookworm AS builder
# cmake: fallback build path of aws-lc-sys (the crypto backend); cheap insurance.
RUN apt-get update \
    && apt-get install -y --no-install-recommends cmake \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src ./src
# Migrations are compiled into the binary (include_str!).
COPY migrations ./migrations
# Cache mounts keep the crates.io download and compiled dependencies between builds
# (BuildKit, the default builder of current Docker and Compose). target/ lives in the cache,
# so the binary is copied out in the same step.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
    && install -m 0755 target/release/incognito /usr/local/bin/incognito

FROM debian:bookworm-slim
# ca-certificates: HTTPS to federation providers (Google, Facebook, OIDC) and TLS to the
# database; curl: the container health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/incognito --create-home incognito
COPY --from=builder /usr/local/bin/incognito /usr/local/bin/incognito
# Relative paths (config/default.toml, data/ for the embedded SQLite database and a generated
# master key) resolve here; mount a config/default.toml into it if you use one.
WORKDIR /var/lib/incognito
USER incognito
ENV INCOGNITO_LISTEN=0.0.0.0:9229
EXPOSE 9229
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS http://127.0.0.1:9229/health >/dev/null || exit 1
CMD ["incognito", "serve"]
