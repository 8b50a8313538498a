//! The gateway app database.
