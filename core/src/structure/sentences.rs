//! Sentence splitting.
