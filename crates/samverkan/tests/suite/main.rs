//! The command line's integration tests as one binary (ADR 53): the `samverkan` binary as an
//! administrator runs it, on SQLite and PostgreSQL.

mod common;

mod backup;
mod cli;
mod operations;
mod scale_out;
