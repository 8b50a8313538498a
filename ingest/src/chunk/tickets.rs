//! Support tickets → one chunk per comment as `"Author Name: text"`, the first comment
//! preceded by the ticket subject line; long comments are cut like other passages.

use revpulse_graph::model::Ticket;

use super::config::ChunkError;
use super::context::{Lookups, SourceContext};
use super::record::{Chunk, SourceType};

/// Appends the chunks of one ticket to `out`; the seller is the account owner.
pub fn chunk_ticket(
    look: &Lookups<'_>,
    ticket: &Ticket,
    out: &mut Vec<Chunk>,
) -> Result<(), ChunkError> {
    let account = look.account(&ticket.id, &ticket.account_id)?;
    let ctx = SourceContext {
        source_id: &ticket.id,
        account,
        deal: None,
        sales_rep: &account.owner_id,
        source_type: SourceType::TicketComment,
    };
    for (i, comment) in ticket.comments.iter().enumerate() {
        let line = format!("{}: {}", look.name_of(&comment.author_id), comment.body);
        let text = if i == 0 {
            format!("{}\n{line}", ticket.subject)
        } else {
            line
        };
        look.passage(&ctx, i, "", &text, comment.at, out)?;
    }
    Ok(())
}
