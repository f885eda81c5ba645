//! The store's integration tests as one binary (ADR 53).

mod postgres_tls;
mod referrals;
