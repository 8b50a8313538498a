//! The tool families and the one place they are all registered.

use crate::Catalogue;

/// Registers every family's tools.
pub(crate) fn register_all(catalogue: &mut Catalogue) {
    crate::pipeline::register(catalogue);
    crate::forecast::register(catalogue);
    crate::marketing::register(catalogue);
    crate::customer::register(catalogue);
    crate::conversation::register(catalogue);
    crate::brief::register(catalogue);
    crate::directory::register(catalogue);
}
