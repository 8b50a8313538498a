//! The model's WordPiece tokenizer, set up the way sentence-transformers runs it: lower-cased,
//! `[CLS] … [SEP]`, truncated to 256 word pieces (its `max_seq_length` for this model),
//! no padding (batches pad themselves).

use std::path::Path;

use tokenizers::{Tokenizer, TruncationParams};

use crate::embed::EmbedError;

/// sentence-transformers' `max_seq_length` for all-MiniLM-L6-v2 (`sentence_bert_config.json`),
/// counting `[CLS]` and `[SEP]`.
pub const MAX_SEQ_LENGTH: usize = 256;

/// Turns text into token ids.
#[derive(Debug)]
pub(super) struct WordPiece {
    tokenizer: Tokenizer,
}

impl WordPiece {
    /// Loads `tokenizer.json`, replacing its own truncation and padding settings.
    pub(super) fn load(path: &Path, max_len: usize) -> Result<Self, EmbedError> {
        let bad = |message: String| EmbedError::ModelFile {
            path: path.to_path_buf(),
            message,
        };
        let mut tokenizer = Tokenizer::from_file(path).map_err(|e| bad(e.to_string()))?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_len,
                ..TruncationParams::default()
            }))
            .map_err(|e| bad(e.to_string()))?;
        Ok(Self { tokenizer })
    }

    /// Token ids of each text, special tokens included.
    pub(super) fn encode(&self, texts: &[String]) -> Result<Vec<Vec<u32>>, EmbedError> {
        let inputs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let encodings = self
            .tokenizer
            .encode_batch(inputs, true)
            .map_err(|e| EmbedError::Inference(format!("tokenizer: {e}")))?;
        Ok(encodings
            .into_iter()
            .map(|e| e.get_ids().to_vec())
            .collect())
    }
}
