//! A set of tag names that answers "is this tag in the list" in a few integer comparisons: the tag lists of
//! [`super::heuristics`] are asked about every element of every page, and comparing a tag with each name of a list
//! of fifty costs more than the rest of copying the element. Each name of at most [`PACKED_MAX`] bytes is packed
//! into one integer (its bytes and its length), and the packed names are kept sorted; longer names are compared
//! as text. Exactly the answer of the list's `contains`.

/// The longest name packed into an integer: fifteen bytes and a byte for the length fill 128 bits.
const PACKED_MAX: usize = 15;

/// The names of one tag list, ready to be looked up.
#[derive(Debug)]
pub struct TagSet {
    /// The packed names, sorted.
    packed: Vec<u128>,
    /// The names too long to pack.
    long: Vec<&'static str>,
}

impl TagSet {
    /// The set of `names`.
    pub fn new(names: &[&'static str]) -> Self {
        let mut packed: Vec<u128> = names.iter().filter_map(|name| pack(name)).collect();
        packed.sort_unstable();
        packed.dedup();
        let long = names.iter().copied().filter(|name| name.len() > PACKED_MAX).collect();
        TagSet { packed, long }
    }

    /// Whether `tag` is one of the names.
    pub fn contains(&self, tag: &str) -> bool {
        match pack(tag) {
            Some(key) => self.packed.binary_search(&key).is_ok(),
            None => self.long.contains(&tag),
        }
    }
}

/// `name`'s bytes, first byte highest, then its length in the lowest byte; `None` when it is too long to pack.
/// Two names pack alike only when they are equal: the length tells apart names that differ by leading zero bytes.
fn pack(name: &str) -> Option<u128> {
    if name.len() > PACKED_MAX {
        return None;
    }
    let mut key = 0u128;
    for &byte in name.as_bytes() {
        key = (key << 8) | u128::from(byte);
    }
    Some((key << 8) | name.len() as u128)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heuristics as h;

    #[test]
    fn a_tag_set_answers_as_its_list() {
        let lists: [&[&'static str]; 3] = [h::BLOCK_TAGS, h::NEVER_CONTENT_TAGS, h::FURNITURE_TAGS];
        let mut probes: Vec<&str> = vec![
            "",
            "a",
            "b",
            "p",
            "pp",
            "h7",
            "div ",
            "DIV",
            "\0div",
            "div\0",
            "sectionx",
            "my-custom-element",
            "a-very-long-custom-element-name",
            "figcaptio",
            "figcaptions",
            "template",
            "noscript",
        ];
        for list in lists {
            probes.extend_from_slice(list);
        }
        for list in lists {
            let set = TagSet::new(list);
            for probe in &probes {
                assert_eq!(set.contains(probe), list.contains(probe), "{probe:?}");
            }
        }
        let long = ["a-very-long-custom-element-name", "p"];
        let set = TagSet::new(&long);
        assert!(set.contains("a-very-long-custom-element-name") && set.contains("p"));
        assert!(!set.contains("a-very-long-custom-element-nam") && !set.contains("a-very-long-custom-element-names"));
    }
}
