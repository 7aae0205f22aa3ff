//! Knowledge: the gazetteer (places) and the actor knowledge base (armed groups, states, forces).
