//! The `revpulse` command line.
fn main() {}
