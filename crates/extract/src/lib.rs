//! extract (to be written)
