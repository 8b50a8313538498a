//! Record ids: database-assigned integers, each in its own type so a message id can't be
//! passed where a conversation id is expected.

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
        #[sqlx(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map($name)
            }
        }
    };
}

record_id!(
    /// Identifies an API token (not secret: revoke and list by it).
    ApiTokenId
);
record_id!(
    /// Identifies a conversation.
    ConversationId
);
record_id!(
    /// Identifies a message within any conversation.
    MessageId
);
record_id!(
    /// Identifies a recorded forecast submission.
    ForecastSubmissionId
);
record_id!(
    /// Identifies a recorded forecast override.
    ForecastOverrideId
);
record_id!(
    /// Identifies a saved brief.
    BriefId
);
