//! The `json` format of the map: the [`DataMap`] as it is, the document `--compare` reads back
//! (schema in docs/map-schema.md; bump [`crate::map::MAP_SCHEMA_VERSION`] on any change that
//! is not a pure addition).

use std::io::{self, Write};

use crate::map::DataMap;

pub(super) fn write(map: &DataMap, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, map).map_err(io::Error::from)?;
    writeln!(out)
}
