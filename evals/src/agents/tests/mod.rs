//! Unit tests of the agent eval harness: the number and argument matchers, placeholder
//! resolution and facts on a demo company, every scorer on hand-made answers, the report, and
//! the shipped suites themselves.

mod fixture;
mod matching;
mod picking;
mod reporting;
mod safety;
mod scorers;
mod suites;
