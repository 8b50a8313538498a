//! The named, parameterised Cypher queries. Every statement is a compile-time constant;
//! values only ever travel as `$parameters`, and choices such as "group by region" pick one
//! of several constant statements through a closed enum.

mod account_timeline;
mod company;
mod counts;
mod data_stamp;
mod maintenance;
mod opportunity;
mod pipeline;
mod read;

pub use account_timeline::{TimelineEvent, TimelineWindow};
pub use counts::GraphCounts;
pub use data_stamp::DataStamp;
pub use opportunity::{
    OpportunityActivity, OpportunityDetail, OpportunityHistoryEntry, OpportunityRoleContact,
};
pub use pipeline::{PipelineDimension, PipelineQuery, PipelineRow};
