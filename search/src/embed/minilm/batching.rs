//! Length bucketing: inputs sorted by token count and cut into batches, so each batch pads
//! only to its own longest sequence.

/// Indices into the inputs, grouped into batches of at most `batch_size`, shortest first.
pub(super) fn plan(lengths: &[usize], batch_size: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| lengths[i]);
    order
        .chunks(batch_size.max(1))
        .map(<[usize]>::to_vec)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_input_once_sorted_by_length() {
        let lengths = [5, 1, 9, 3, 3, 7, 2];
        let batches = plan(&lengths, 3);
        assert_eq!(batches, vec![vec![1, 6, 3], vec![4, 0, 5], vec![2]]);
        assert!(plan(&[], 32).is_empty());
    }
}
