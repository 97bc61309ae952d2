//! Norm paths.
