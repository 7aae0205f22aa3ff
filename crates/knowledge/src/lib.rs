//! What annalist knows of the world: a gazetteer of places (countries, first-level regions,
//! cities, well-known attack sites) and a knowledge base of actors (armed groups, states, state
//! forces, organisations), with the finders that read them out of an article's text.
//!
//! This crate is for recognising and resolving names: "Kerman" → the city in Iran with its
//! coordinates, "ISIS-K" → Islamic State Khorasan Province. It is not for deciding what role a
//! place or an actor plays in an event (that is extract's job), and it does no I/O: all data is
//! compiled into the binary and turned into lookup structures once, on first use
//! ([`Gazetteer::builtin`], [`ActorBase::builtin`]). No input makes it panic.
//!
//! Data and its origin are described in `data/README.md`.

mod actors;
mod gazetteer;
mod text;

pub use actors::{Actor, ActorBase, ActorKind, ActorMatch};
pub use gazetteer::{Country, Gazetteer, PlaceMatch, PlaceRole};
