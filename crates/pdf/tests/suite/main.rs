//! The PDF writer's integration tests as one binary (ADR 53).

mod common;

mod arbitrary;
mod protocol;
