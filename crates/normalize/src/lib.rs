//! Normalize: time expressions → day intervals, quantity expressions → count ranges, with byte spans.
