//! todo
use crate::map::DataMap;
use std::io::{self, Write};
pub(super) fn write(_map: &DataMap, _out: &mut dyn Write) -> io::Result<()> {
    Ok(())
}
