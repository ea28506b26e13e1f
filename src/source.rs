//! Source files and locations: the plain-data positions that every later stage carries.
//!
//! syn's spans only mean something on the thread that parsed the file, so the parse stage turns
//! every span it keeps into a [`Location`] (file, byte range, line and column) before the syntax
//! tree is dropped.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// What a file held when the scan read it: the run cache trusts a stored report only while
/// every file it read still gives the same digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileDigest {
    /// XXH3-128 of the file's bytes as read.
    Content(u128),
    /// Over the size limit, so never read: only its size counts.
    TooLarge(u64),
    /// The read failed.
    Unreadable,
}

impl FileDigest {
    pub fn of_bytes(bytes: &[u8]) -> FileDigest {
        FileDigest::Content(xxhash_rust::xxh3::xxh3_128(bytes))
    }
}

/// Index of a file in [`SourceFiles`].
///
/// Ids are given in reading order, so they differ between runs. The facts cache writes the
/// facts of a file with ids relative to it ([`with_relative_file_ids`]), and a packed body
/// leaves them out ([`with_file_id_implied`]); otherwise an id is written as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// How a [`FileId`] is written while a serialization on this thread asks for other than as
/// it is.
enum FileIdsWritten {
    /// As its position in this list.
    Relative(Vec<FileId>),
    /// Not at all: everything serialized is in this one file.
    Implied(FileId),
}

thread_local! {
    static FILE_IDS_WRITTEN: std::cell::RefCell<Option<FileIdsWritten>> =
        const { std::cell::RefCell::new(None) };
}

fn with_file_ids_written<T>(written: FileIdsWritten, work: impl FnOnce() -> T) -> T {
    let previous = FILE_IDS_WRITTEN.with(|cell| cell.replace(Some(written)));
    let result = work();
    FILE_IDS_WRITTEN.with(|cell| *cell.borrow_mut() = previous);
    result
}

/// Runs `work` (a serialization or deserialization on this thread) with every [`FileId`]
/// written as its position in `files`, and read back as the id at that position. An id not
/// in `files` cannot be written (the serializer fails), a position past its end not read.
pub fn with_relative_file_ids<T>(files: &[FileId], work: impl FnOnce() -> T) -> T {
    with_file_ids_written(FileIdsWritten::Relative(files.to_vec()), work)
}

/// Runs `work` with every [`FileId`] left out of what is written, and read back as `file`:
/// for what lies in one file (a packed body), whose ids would all be the same. An id other
/// than `file` cannot be written.
pub fn with_file_id_implied<T>(file: FileId, work: impl FnOnce() -> T) -> T {
    with_file_ids_written(FileIdsWritten::Implied(file), work)
}

impl Serialize for FileId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `None` inside: nothing is written; `None` outside: this id cannot be.
        let written = FILE_IDS_WRITTEN.with(|cell| match &*cell.borrow() {
            None => Some(Some(self.0)),
            Some(FileIdsWritten::Relative(files)) => files
                .iter()
                .position(|file| file == self)
                .map(|position| Some(position as u32)),
            Some(FileIdsWritten::Implied(file)) => (file == self).then_some(None),
        });
        match written {
            Some(Some(number)) => serializer.serialize_u32(number),
            Some(None) => serializer.serialize_unit(),
            None => Err(serde::ser::Error::custom(
                "a span points into a file the entry does not name",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for FileId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let implied = FILE_IDS_WRITTEN.with(|cell| match &*cell.borrow() {
            Some(FileIdsWritten::Implied(file)) => Some(*file),
            _ => None,
        });
        if let Some(file) = implied {
            <()>::deserialize(deserializer)?;
            return Ok(file);
        }
        let number = u32::deserialize(deserializer)?;
        FILE_IDS_WRITTEN.with(|cell| match &*cell.borrow() {
            Some(FileIdsWritten::Relative(files)) => files
                .get(number as usize)
                .copied()
                .ok_or_else(|| serde::de::Error::custom("a file position past the entry's files")),
            _ => Ok(FileId(number)),
        })
    }
}

/// A byte range in one source file: what the facts and the analysis carry (8 bytes of offsets;
/// lines and columns are computed only for what is reported).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct TextSpan {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl TextSpan {
    /// From the start of `self` to the end of `other` (same file).
    pub fn to(self, other: TextSpan) -> TextSpan {
        TextSpan {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The part of `self` from `start` on (a method call's name to its closing parenthesis).
    pub fn tail_from(self, start: u32) -> TextSpan {
        TextSpan {
            start: start.clamp(self.start, self.end),
            ..self
        }
    }
}

/// A position range in one source file. Lines and columns are 1-based; columns count chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Longer lines with chars of more than one byte are not counted off in chars to find a
/// column's byte (see [`SourceFile::text_span`]).
const MAX_COUNTED_LINE: usize = 4096;

/// The byte range of 0-based line `index` of a text of `length` bytes, without its `\n`.
fn line_range(line_starts: &[u32], length: usize, index: usize) -> std::ops::Range<usize> {
    let start = line_starts
        .get(index)
        .map_or(length, |&start| start as usize);
    let end = line_starts
        .get(index + 1)
        .map_or(length, |&next| next as usize - 1);
    start..end.max(start)
}

/// One file the scan read. Its text is released once its facts are collected (a workspace's
/// sources would otherwise stay in memory for the whole run) and read again only for the
/// few files a report quotes.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user: relative to the current directory when below it.
    pub display_path: String,
    pub path: PathBuf,
    text: std::sync::OnceLock<Arc<str>>,
    line_starts: Vec<u32>,
    /// The 0-based lines (in order) with a char of more than one byte. In the others a column
    /// is a byte offset into the line: most lines of most files.
    non_ascii_lines: Vec<u32>,
    /// In bytes: positions of an ASCII file need no text, so reports read it only to quote it.
    length: u32,
    /// The digest of the bytes the text was made from, when the parse stage read them.
    digest: Option<FileDigest>,
}

impl SourceFile {
    pub fn new(path: PathBuf, display_path: String, text: Arc<str>) -> Self {
        let line_starts: Vec<u32> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|index| index as u32 + 1))
            .collect();
        let non_ascii_lines = if text.is_ascii() {
            Vec::new()
        } else {
            (0..line_starts.len())
                .filter(|&index| !text[line_range(&line_starts, text.len(), index)].is_ascii())
                .map(|index| index as u32)
                .collect()
        };
        SourceFile {
            display_path,
            path,
            non_ascii_lines,
            length: text.len() as u32,
            text: std::sync::OnceLock::from(text),
            line_starts,
            digest: None,
        }
    }

    /// Records the digest of the bytes this file's text was made from.
    pub fn with_digest(mut self, digest: FileDigest) -> Self {
        self.digest = Some(digest);
        self
    }

    pub fn digest(&self) -> Option<FileDigest> {
        self.digest
    }

    /// The text, if it is in memory (not released): for a file that could not be read, the
    /// empty text the report quotes.
    pub fn held_text(&self) -> Option<&Arc<str>> {
        self.text.get()
    }

    /// The file's text, read again from disk when it was released.
    pub fn text(&self) -> &Arc<str> {
        self.text.get_or_init(|| read_text(&self.path))
    }

    /// Frees the text; positions stay valid (the line table is kept).
    pub fn release_text(&mut self) {
        self.text = std::sync::OnceLock::new();
    }

    /// The text of a 1-based line, without its line break (empty past the end).
    pub fn line_text(&self, line: u32) -> &str {
        let index = line.saturating_sub(1) as usize;
        let Some(&start) = self.line_starts.get(index) else {
            return "";
        };
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.length as usize, |&next| next as usize);
        self.text()
            .get(start as usize..end)
            .unwrap_or_default()
            .trim_end_matches(['\n', '\r'])
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_column_of(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.length as usize);
        let line_index = self.line_index_of(offset);
        let line_start = self.line_starts[line_index] as usize;
        let column = if self.line_is_ascii(line_index) {
            offset - line_start
        } else {
            self.text()
                .get(line_start..offset)
                .unwrap_or_default()
                .chars()
                .count()
        };
        (line_index as u32 + 1, column as u32 + 1)
    }

    /// The 0-based line of a byte offset. Only `\n` breaks a line, as in rustc and
    /// proc-macro2 (a lone `\r` does not).
    pub fn line_index_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start as usize <= offset)
            .saturating_sub(1)
    }

    /// How many lines the file has; a last line without a break counts.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of 0-based line `index`, without its `\n`.
    pub fn line_range(&self, index: usize) -> std::ops::Range<usize> {
        line_range(&self.line_starts, self.length as usize, index)
    }

    fn line_is_ascii(&self, index: usize) -> bool {
        self.non_ascii_lines.binary_search(&(index as u32)).is_err()
    }

    /// The byte range of a span of this file's tokens. On a line of one-byte chars a column
    /// is a byte offset, so line and column give it at once; on another line the column is
    /// counted off in chars from the line's start. On lines longer than
    /// [`MAX_COUNTED_LINE`] proc-macro2 gives it instead (it caches char-to-byte offsets in a
    /// map, which costs on every span: 2% of amazon-q's scan, whose non-ASCII files are 9% of
    /// its text), since counting from the line's start would be quadratic on machine-written
    /// long lines.
    pub fn text_span(&self, file: FileId, span: proc_macro2::Span) -> TextSpan {
        let offset = |position: proc_macro2::LineColumn| {
            let index = position.line.saturating_sub(1);
            let line_start = self.line_starts.get(index).copied().unwrap_or_default() as usize;
            if self.line_is_ascii(index) {
                return Some(line_start + position.column);
            }
            let line = self.line_range(index);
            if line.len() > MAX_COUNTED_LINE {
                return None;
            }
            let text = self.held_text()?.get(line.clone())?;
            Some(
                text.char_indices()
                    .nth(position.column)
                    .map_or(line.end, |(byte, _)| line.start + byte),
            )
        };
        let bytes = match (offset(span.start()), offset(span.end())) {
            (Some(start), Some(end)) => start..end,
            _ => span.byte_range(),
        };
        let length = self.length as usize;
        let start = bytes.start.min(length);
        TextSpan {
            file,
            start: start as u32,
            end: bytes.end.clamp(start, length) as u32,
        }
    }

    /// A location covering a byte range.
    pub fn location_of_range(&self, file: FileId, start: usize, end: usize) -> Location {
        let (line, column) = self.line_column_of(start);
        let (end_line, end_column) = self.line_column_of(end);
        Location {
            file,
            start,
            end,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// A path as reports show it: relative to the working directory when below it.
pub fn display_path(path: &std::path::Path, working_directory: &std::path::Path) -> String {
    let shown = path.strip_prefix(working_directory).unwrap_or(path);
    let shown = shown.strip_prefix(".").unwrap_or(shown);
    shown.display().to_string()
}

/// A file's text as the parse stage read it: UTF-8 (invalid bytes replaced), without a
/// byte-order mark. A file that cannot be read any more is empty.
fn read_text(path: &std::path::Path) -> Arc<str> {
    let bytes = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// Every file of one scan, indexed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceFiles {
    files: Vec<SourceFile>,
}

impl SourceFiles {
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Lines and columns of a span, for reporting.
    pub fn location(&self, span: TextSpan) -> Location {
        self.get(span.file)
            .location_of_range(span.file, span.start as usize, span.end as usize)
    }

    pub fn push(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns_count_chars() {
        let file = SourceFile::new(
            PathBuf::from("a.rs"),
            "a.rs".into(),
            Arc::from("fn é() {}\nlet x = 1;\n"),
        );
        assert_eq!(file.line_column_of(5), (1, 5));
        assert_eq!(file.line_column_of(15), (2, 5));
    }

    #[test]
    fn token_spans_are_byte_ranges_on_every_kind_of_line() {
        // An ASCII line in a file with other chars, lines with chars of two to four bytes,
        // and a line too long to count off (proc-macro2 gives its ranges).
        let long = format!(
            "let long = [\"é\", {}];",
            "1, ".repeat(MAX_COUNTED_LINE / 3)
        );
        let text =
            format!("let a = 1;\nlet é = \"ü€\"; let b = '𝄞';\r\n{long}\nfn f() {{ x.é() }}");
        let file = SourceFile::new(PathBuf::from("a.rs"), "a.rs".into(), Arc::from(&*text));
        let tokens: proc_macro2::TokenStream = text.parse().unwrap();
        let mut pending: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
        let mut checked = 0;
        while let Some(tree) = pending.pop() {
            let span = file.text_span(FileId(0), tree.span());
            let source = &text[span.start as usize..span.end as usize];
            match tree {
                proc_macro2::TokenTree::Group(group) => {
                    assert!(source.starts_with(['(', '[', '{']), "{source}");
                    pending.extend(group.stream());
                }
                leaf => assert_eq!(source, leaf.to_string()),
            }
            checked += 1;
        }
        assert!(checked > MAX_COUNTED_LINE / 3, "{checked}");
    }

    #[test]
    fn an_ascii_file_gives_positions_without_its_text() {
        // The path does not exist: reading the released text again would give "".
        let mut file = SourceFile::new(
            PathBuf::from("/nonexistent/a.rs"),
            "a.rs".into(),
            Arc::from("fn e() {}\nlet x = 1;\n"),
        );
        file.release_text();
        assert_eq!(file.line_column_of(3), (1, 4));
        assert_eq!(file.line_column_of(14), (2, 5));
        assert_eq!(file.line_column_of(500), (3, 1));
    }
}
