//! A set of tag names that answers "is this tag in the list" in a few integer comparisons: the tag lists of
//! [`super::heuristics`] are asked about every element of every page, and comparing a tag with each name of a list
//! of fifty costs more than the rest of copying the element. The names of at most [`PACKED_MAX`] bytes are kept by
//! their length, each packed into one integer (its bytes, first byte highest), sorted: a tag is packed and looked
//! for only among the names of its length. Longer names are compared as text. Exactly the answer of the list's
//! `contains`.

/// The longest name packed into an integer: eight bytes fill 64 bits.
const PACKED_MAX: usize = 8;

/// The names of one tag list, ready to be looked up.
#[derive(Debug)]
pub struct TagSet {
    /// Per length up to [`PACKED_MAX`], the packed names of that length, sorted.
    by_length: [Vec<u64>; PACKED_MAX + 1],
    /// The names too long to pack.
    long: Vec<&'static str>,
}

impl TagSet {
    /// The set of `names`.
    pub fn new(names: &[&'static str]) -> Self {
        let mut by_length: [Vec<u64>; PACKED_MAX + 1] = Default::default();
        for name in names {
            if let Some(list) = by_length.get_mut(name.len()) {
                list.push(pack(name.as_bytes()));
            }
        }
        for list in &mut by_length {
            list.sort_unstable();
            list.dedup();
        }
        let long = names.iter().copied().filter(|name| name.len() > PACKED_MAX).collect();
        TagSet { by_length, long }
    }

    /// Whether `tag` is one of the names.
    pub fn contains(&self, tag: &str) -> bool {
        match self.by_length.get(tag.len()) {
            Some(list) => !list.is_empty() && list.binary_search(&pack(tag.as_bytes())).is_ok(),
            None => self.long.contains(&tag),
        }
    }
}

/// `name`'s bytes (at most [`PACKED_MAX`]), first byte highest, the rest zero. Two names of one length pack alike
/// only when they are equal.
fn pack(name: &[u8]) -> u64 {
    let mut key = 0u64;
    for (at, &byte) in name.iter().take(PACKED_MAX).enumerate() {
        key |= u64::from(byte) << (56 - 8 * at);
    }
    key
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
            "blockquote",
            "blockquotf",
            "fieldset",
            "fieldsets",
            "fieldse",
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
