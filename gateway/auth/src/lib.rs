//! Gateway authentication and authorisation.
