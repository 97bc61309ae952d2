//! Line classification.
