//! A file made in parts, in order: kept in memory (for `serve`, and for a
//! build that keeps its site in memory), or handed to the build's sink part
//! by part, so that the largest files of a large site (the print edition,
//! the search index: 90 MB at 5,000 chapters) are never held whole.

use super::Sink;

pub enum Parts<'a> {
    Memory(String),
    Sink {
        sink: &'a dyn Sink,
        path: &'static str,
        length: usize,
    },
}

impl<'a> Parts<'a> {
    /// Parts of the file at `path`: to `sink` when there is one.
    pub fn new(sink: Option<&'a dyn Sink>, path: &'static str) -> Parts<'a> {
        match sink {
            Some(sink) => Parts::Sink {
                sink,
                path,
                length: 0,
            },
            None => Parts::Memory(String::new()),
        }
    }

    pub fn push(&mut self, part: &str) {
        match self {
            Parts::Memory(text) => text.push_str(part),
            Parts::Sink { sink, path, length } => {
                sink.append(path, part.as_bytes());
                *length += part.len();
            }
        }
    }

    /// The file's size in bytes so far.
    pub fn len(&self) -> usize {
        match self {
            Parts::Memory(text) => text.len(),
            Parts::Sink { length, .. } => *length,
        }
    }

    /// The whole file when it was kept in memory; `None` when the sink has
    /// it, complete.
    pub fn finish(self) -> Option<String> {
        match self {
            Parts::Memory(mut text) => {
                text.shrink_to_fit();
                Some(text)
            }
            Parts::Sink { sink, path, .. } => {
                sink.close(path);
                None
            }
        }
    }
}
