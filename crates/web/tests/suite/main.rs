//! The web crate's integration tests as one binary: a module per capability or concern, over
//! real SQLite and PostgreSQL (`common::TestApp::each_engine`). One binary links once instead
//! of once per file, which is most of what the tests cost to build (ADR 53).
//!
//! `cargo test -p web --test suite` runs them all; `cargo test -p web --test suite identity::`
//! one module. The benchmarks (`*_bench`) are ignored tests: `-- --ignored --nocapture`.

mod common;

mod accounts;
mod actionplans;
mod admin_accounts;
mod assignments;
mod authorisation;
mod branding;
mod case_routing;
mod case_routing_bench;
mod cases;
mod cases_archive;
mod cases_bench;
mod cases_links;
pub mod cases_numbers;
mod cases_registry_bench;
mod cases_secrecy;
mod cases_words;
mod decision_mail;
mod demo;
mod directory;
mod document_requests;
mod edge;
mod editor_bench;
mod identity;
mod indicators;
pub mod indicators_bench;
mod jobs;
mod joint;
mod layout;
mod mail;
mod mail_digest;
mod meeting_rules;
mod meetings;
mod meetings_api;
mod metrics;
mod notice_mail;
mod oparl;
mod organisations;
mod page_cache;
mod pages;
mod privacy;
mod processes;
mod processes_inputs;
mod processes_parts;
mod processes_plan;
mod protocol;
mod protocol_editor;
mod referrals;
mod referrals_api;
mod referrals_bench;
mod referrals_open;
mod referrals_open_files;
mod referrals_open_mail;
mod rule_forms;
mod search;
mod search_bench;
mod search_capabilities;
mod server;
mod start_page;
mod strategy;
mod strategy_bench;
mod structure;
mod surveys;
mod surveys_bench;
mod surveys_edits;
mod surveys_published;
mod surveys_races;
mod surveys_receipt;
mod surveys_reminders;
