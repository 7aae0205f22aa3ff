//! HTML pages: placeholder until the DOM extractor lands.
use crate::Extracted;

pub(crate) fn extract(_html: &str, _url: Option<&str>) -> Extracted {
    Extracted::default()
}
