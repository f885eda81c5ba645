//! Surveys (enkät, issue 14): a builder's definition of sections and questions (free text,
//! single and multiple choice, scale, ranking of the top N, matrix), required questions and
//! simple conditions; the check of a response against its definition; the tally of results.
//! Seed `004_…`: the region's survey of its municipalities before a new RUS — strengths,
//! ongoing work, challenges, need of support, how the current strategy reflects their
//! priorities, what to prioritise, the 2040 vision, the top three challenges ranked, and a
//! matrix of areas × other relevant counties.
//!
//! - `definition`: the questions and their own check (keys, options, bounds, conditions).
//! - `response`: an answer per question, read from JSON or a form, checked against the
//!   definition (required, conditions, ranking, matrix).
//! - `published`: free-text answers with personal data masked, as the results publish them.
//! - `reminder`: the day organisations that have not submitted are reminded.
//! - `results`: counts per option, weighted ranking scores, the matrix heat-table, scale means
//!   and free text grouped by frequent Swedish stems.
//! - `survey`: the survey's own fields (title, audience, closing day).

pub mod builder;
pub mod definition;
pub mod published;
pub mod receipt;
pub mod reminder;
pub mod response;
pub mod results;
pub mod survey;
pub mod terms;

pub use definition::{Condition, Definition, Kind, Question, Section};
pub use response::{Answer, Answers, Mode, check, from_form, from_json, visible};
pub use results::{QuestionResult, Tally};
pub use survey::{Audience, ResponseStatus, SurveyInput, SurveyStatus};
