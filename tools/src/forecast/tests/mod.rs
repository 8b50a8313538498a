//! Tests of the forecast family against the deterministic demo company: every expected number
//! is recomputed here from the records by a plain loop, never pasted.

mod accuracy;
mod catalogue;
mod deal;
mod fixture;
mod naive;
mod period;
mod props;
mod scoping;
mod timing;
