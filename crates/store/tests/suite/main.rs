//! The store's integration tests as one binary (ADR 53).

mod common;
mod indicators;
mod indicators_bench;
mod postgres_tls;
mod referrals;
