//! `--split-input-file`: cuts a file into chunks at markers (`// -----`),
//! keeping each chunk's line numbers those of the whole file. Like
//! upstream, a marker anywhere on a line splits there: what precedes it on
//! the line stays with the chunk before, the rest of the line is dropped.

/// One piece of a split file.
pub struct Chunk {
    pub text: String,
    /// Lines of the file before this chunk.
    pub first_line: u32,
}

/// Splits `text` at each line holding `marker`.
pub fn split_input(text: &str, marker: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut first_line = 0u32;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        match line.find(marker) {
            Some(at) => {
                current.push_str(&line[..at]);
                chunks.push(Chunk { text: std::mem::take(&mut current), first_line });
                first_line = index as u32 + 1;
            }
            None => current.push_str(line),
        }
    }
    chunks.push(Chunk { text: current, first_line });
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_keep_their_line_numbers() {
        let chunks = split_input("a\nb\n// -----\nc\n// ----- \nd", "// -----");
        let got: Vec<(&str, u32)> = chunks.iter().map(|c| (c.text.as_str(), c.first_line)).collect();
        assert_eq!(got, vec![("a\nb\n", 0), ("c\n", 3), ("d", 5)]);
    }

    #[test]
    fn markers_anywhere_on_a_line_split_there() {
        let chunks = split_input("a } // -----\nb\n  // -----// dump\nc", "// -----");
        let got: Vec<(&str, u32)> = chunks.iter().map(|c| (c.text.as_str(), c.first_line)).collect();
        assert_eq!(got, vec![("a } ", 0), ("b\n  ", 1), ("c", 3)]);
    }

    #[test]
    fn no_marker_is_one_chunk() {
        let chunks = split_input("x\n// ----\n", "// -----");
        assert_eq!(chunks.len(), 1);
        assert_eq!(chunks[0].text, "x\n// ----\n");
    }
}
