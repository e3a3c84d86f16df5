//! The theme: built-in stylesheets and scripts compiled into the binary, each
//! replaceable by an edition file of the same name in its `theme/` folder.

use std::collections::BTreeMap;

/// The built-in theme files, by name.
pub const BUILTIN: &[(&str, &[u8])] = &[
    ("glossator.css", include_bytes!("../../theme/glossator.css")),
    ("glossator.js", include_bytes!("../../theme/glossator.js")),
    ("search.js", include_bytes!("../../theme/search.js")),
    // The tab's icon; an edition's theme/favicon.svg replaces it, as in mdBook.
    ("favicon.svg", include_bytes!("../../theme/favicon.svg")),
];

/// The theme files to publish under `theme/`: the built-ins, with the
/// edition's files replacing or adding to them.
pub fn theme_files(overrides: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> = BUILTIN
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    for (name, bytes) in overrides {
        files.insert(name.clone(), bytes.clone());
    }
    files
}
