//! fuse (to be written)
