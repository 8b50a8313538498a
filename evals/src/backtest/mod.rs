//! Backtests of the analytics against the demo company's ground truth.

pub mod attribution;
pub mod competitive;
pub mod forecast;
pub mod win_probability;
