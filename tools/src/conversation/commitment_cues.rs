//! The commitment cues that mark a next step: someone promising to do something, usually by a
//! date. Phrases are lower-case words separated by single spaces, matched as consecutive whole
//! words the way the analytics match their cue lexicons (a trailing `*` matches any word
//! starting with the stem; "follow-up" is the two words "follow up").

/// Cue phrases of a next step.
#[rustfmt::skip]
pub(crate) const COMMITMENT_CUES: &[&str] = &[
    "next step", "next steps", "follow up", "following up", "action item*",
    "will send", "i'll send", "we'll send", "i will send", "we will send", "send over",
    "send you", "send it", "send the invite", "calendar invite", "i'll share", "we'll share",
    "i'll put together", "we'll put together", "i'll set up", "we'll set up", "set up a",
    "schedule", "scheduled", "book a", "loop in", "get back to you", "circle back",
    "i'll get", "we'll get", "i'll take", "i'll draft", "we'll draft", "i'll review",
    "by monday", "by tuesday", "by wednesday", "by thursday", "by friday", "by end of",
    "by the end of", "by eod", "by next", "by tomorrow", "by january", "by february",
    "by march", "by april", "by may", "by june", "by july", "by august", "by september",
    "by october", "by november", "by december",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_lower_case_single_spaced_words_and_unique() {
        for (i, cue) in COMMITMENT_CUES.iter().enumerate() {
            assert_eq!(*cue, cue.to_lowercase());
            assert!(!cue.contains("  ") && cue.trim() == *cue && !cue.contains('-'));
            assert!(!COMMITMENT_CUES[..i].contains(cue), "duplicate {cue}");
        }
    }
}
