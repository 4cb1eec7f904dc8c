//! Bylines the page writes for people: a "By" label before the names ("By Ann Lee", "Written by: <a>Ann Lee</a>",
//! "Von …", "Par …"), links to author pages, the name beside an author's avatar, and the rules every byline must
//! pass whatever its source: a name, never a reading time, a job title, an e-mail address, a handle or a
//! "Corresponding author" mark; several authors joined as "A, B and C".
//!
//! Walks the page's text once, looks at a bounded number of candidates and a few ancestors of each: linear in
//! page size, no recursion.

use super::{attr_named, dates, in_comment_thread, rules, short_text, squash};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

/// Names joined for print: "A", "A and B", "A, B and C"; duplicates dropped. `None` when there is none.
pub fn join_names(names: impl IntoIterator<Item = String>) -> Option<String> {
    let mut unique: Vec<String> = Vec::new();
    for name in names {
        if !unique.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
            unique.push(name);
        }
    }
    match unique.split_last() {
        None => None,
        Some((last, [])) => Some(last.clone()),
        Some((last, rest)) => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// A byline cleaned of its marks (e-mail addresses, "Corresponding author", footnote signs) and trailing job
/// titles, if what is left reads as a person's name (or several).
///
/// `strict` is for names read from visible text, where every word must be capitalised (apart from the particles of
/// names): a page's running text is full of short lowercase phrases. A name the page declares for machines
/// (JSON-LD, meta tags) may be a lowercase user name, as CMSs write it.
pub fn clean_name(raw: &str, strict: bool) -> Option<String> {
    let text = rules::BYLINE_MARKS.replace_all(raw, " ");
    // Names in separate elements join as "Ann Lee , Bo Lin".
    let mut text = squash(&text).replace(" ,", ",");
    // "Ann Lee on behalf of the team", "Ann Lee ⋅ Review Editor": the names end there.
    if let Some(m) = rules::BYLINE_END.find(&text) {
        text.truncate(m.start());
    }
    let text = rules::BYLINE_SUFFIX.replace(&text, "");
    // "Ann Lee, Marketing and Event Coordinator, and Bo Lin": a comma part that names a job is dropped, and the
    // names left are joined again for print.
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let kept: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|(i, part)| *i == 0 || !rules::JOB_TITLE_WORD.is_match(part))
        .map(|(_, part)| *part)
        .collect();
    let name = if kept.len() == parts.len() {
        kept.join(", ")
    } else {
        let names = kept.iter().map(|p| rules::LEADING_CONJUNCTION.replace(p, "").trim().to_string());
        join_names(names.filter(|n| !n.is_empty())).unwrap_or_default()
    };
    let name = name.trim().trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '.')).trim();
    let name = rules::JOB_TITLE_TAIL.replace(name, "");
    let name = name.trim().trim_end_matches(',').trim();
    plausible_name(name, strict).then(|| name.to_string())
}

/// Whether a text reads as a person's name or a list of names: letters, no digits, no `@` or `#`, not too many
/// words, no site address ([`rules::DOMAIN_NAME`]) or CMS account ([`rules::ACCOUNT_NAME`]), and (when `strict`)
/// in scripts with capitals every word capitalised apart from the particles of names ("van", "de").
pub fn plausible_name(name: &str, strict: bool) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty()
        || words.len() > rules::MAX_BYLINE_WORDS
        || name.chars().count() > rules::MAX_BYLINE_CHARS
        || name.chars().any(|c| c.is_numeric() || matches!(c, '@' | '#' | '/' | '=' | '{' | '}' | '<' | '>'))
        || rules::TEMPLATE_KEY.is_match(name)
        || rules::DOMAIN_NAME.is_match(name)
        || rules::ACCOUNT_NAME.is_match(name)
    {
        return false;
    }
    // Initials ("CM") are not a byline; two characters of a script without capitals (李明) are a full name.
    if words.len() == 1 && name.chars().count() <= 2 && name.chars().all(|c| c.is_uppercase() || c.is_lowercase()) {
        return false;
    }
    !strict
        || words.iter().all(|word| {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            let Some(first) = word.chars().next() else { return true };
            first.is_uppercase()
                || !(first.is_lowercase())
                || rules::NAME_PARTICLES.contains(&word.to_lowercase().as_str())
        })
}

/// Whether a name that is also the outlet's reads as a person's ("Russell Miller") rather than a firm's ("CBC
/// Bank", "Freewrite Store"): two to [`rules::MAX_PERSON_NAME_WORDS`] words, each capitalised and not all capitals
/// (apart from the particles of names and middle initials: "Ann R. Lee"), none of them a word firms use
/// ([`rules::ORGANISATION_WORDS`]).
pub fn reads_as_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=rules::MAX_PERSON_NAME_WORDS).contains(&words.len()) {
        return false;
    }
    words.iter().all(|word| {
        let lower = word.to_lowercase();
        if rules::NAME_PARTICLES.contains(&lower.as_str()) {
            return true;
        }
        let mut chars = word.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
        // A middle initial ("Ann R. Lee").
        let initial = word.chars().count() == 2 && word.ends_with('.') && word.starts_with(char::is_uppercase);
        if initial {
            return true;
        }
        let letters = word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
        capitalised && letters && !rules::ORGANISATION_WORDS.contains(&lower.trim_end_matches('.'))
    })
}

/// A byline announced by a label at the start of a short text ("By", "Written by:", "Von", "Par", "Автор:"):
/// the names after it, in the label's element or, when the label stands alone, in its parent or next sibling.
/// `lang` is the page's language: a label of another language is a word of the text ([`label_suits_language`]),
/// and a noun label running on into other words is a heading ([`rules::BARE_NOUN_LABEL`]: "Author Spotlight").
/// Labels in the page's footer are the site's ("By Acme Hotels"), not the article's.
pub fn labelled_byline(doc: &Html, lang: Option<&str>) -> Option<String> {
    doc.root_element()
        .descendants()
        .filter_map(|node| Some((node, node.value().as_text()?, node.parent().and_then(ElementRef::wrap)?)))
        .filter(|(_, text, parent)| {
            text.len() <= rules::MAX_BYLINE_CHARS * 8
                && !rules::NON_TEXT_ELEMENTS.contains(&parent.value().name())
                && rules::BYLINE_LABEL.find(text).is_some_and(|label| label_suits_language(label.as_str(), lang))
                && !rules::BARE_NOUN_LABEL.is_match(text)
        })
        .take(rules::MAX_BYLINE_CANDIDATES)
        .filter(|(_, _, parent)| !in_comment_thread(*parent) && !in_menu(*parent) && !in_page_footer(*parent))
        .find_map(|(node, text, parent)| {
            // The label's own text holds the names when it follows a date in a dateline ("<div><time>…</time> by
            // Ann Lee</div>"); after anything else, "… by AM Best" is running text.
            let after_date = node.prev_siblings().find_map(ElementRef::wrap).is_some_and(|e| {
                e.value().name() == "time"
                    || short_text(e, rules::MAX_DATELINE_TEXT_CHARS).is_some_and(|t| dates::find_in_text(&t).is_some())
            });
            let own = after_date.then(|| squash(&text.replace('\u{a0}', " ")));
            let own_names = own.as_deref().and_then(|own| {
                let rest = own[rules::BYLINE_LABEL.find(own)?.end()..].trim();
                if rest.is_empty() { None } else { names_in(rest) }
            });
            own_names.or_else(|| names_after_label(parent))
        })
}

/// Whether a byline label suits the page's language `lang`: a label of one language that is a word of others
/// ([`rules::LANGUAGE_BYLINE_LABELS`]: "door", "af", "von") counts only on a page in its language, or on one that
/// declares none.
fn label_suits_language(label: &str, lang: Option<&str>) -> bool {
    let first = label.split(|c: char| !c.is_alphabetic()).find(|w| !w.is_empty()).unwrap_or_default().to_lowercase();
    let Some((_, languages)) = rules::LANGUAGE_BYLINE_LABELS.iter().find(|(word, _)| *word == first) else {
        return true;
    };
    let Some(primary) = lang.and_then(|l| l.split('-').next()).map(str::to_lowercase) else {
        return true;
    };
    languages.contains(&primary.as_str())
}

/// Whether an element sits in the page's own `<footer>` (one outside the page's `<article>` and `<main>`), where a
/// "By" credits the site's owner or maker.
fn in_page_footer(el: ElementRef<'_>) -> bool {
    let ancestors = || el.ancestors().filter_map(ElementRef::wrap);
    ancestors().any(|a| a.value().name() == "footer")
        && !ancestors().any(|a| rules::CONTENT_LANDMARKS.contains(&a.value().name()))
}

/// The names after the label that starts `el`'s text, climbing while `el` holds only the label.
fn names_after_label(el: ElementRef<'_>) -> Option<String> {
    let mut el = el;
    for _ in 0..rules::BYLINE_LABEL_CLIMB {
        let text = squash(&compact_text(el, rules::MAX_BYLINE_CHARS * 2)?.replace('\u{a0}', " "));
        let label = rules::BYLINE_LABEL.find(&text)?;
        let rest = text[label.end()..].trim();
        if !rest.is_empty() {
            return names_in(rest);
        }
        // The label alone: the names are in the next element ("<p>Written by</p><p>Ann Lee</p>"), or the parent
        // holds both.
        let next = el.next_siblings().find_map(ElementRef::wrap);
        if let Some(names) = next.and_then(|n| compact_text(n, rules::MAX_BYLINE_CHARS)).and_then(|t| names_in(&t)) {
            return Some(names);
        }
        el = el.parent().and_then(ElementRef::wrap)?;
    }
    None
}

/// An element's text, its pieces joined by a space, when it holds at most `max` characters once each run of
/// white space counts as one: the indentation of the page's source does not make a byline long.
fn compact_text(el: ElementRef<'_>, max: usize) -> Option<String> {
    let mut text = String::new();
    for piece in el.text() {
        // A char takes at most four bytes: a longer piece is over the limit without squashing it.
        if piece.trim().len() > max.saturating_mul(4) {
            return None;
        }
        let piece = squash(piece);
        if piece.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&piece);
        if text.chars().count() > max {
            return None;
        }
    }
    Some(text)
}

/// The names at the start of a byline's text, up to a date, a separator or a word that starts something else
/// ("on", "in", "Updated").
fn names_in(text: &str) -> Option<String> {
    let text = squash(text);
    let mut end = text.len();
    if let Some((at, _)) = dates::find_all_in_text(&text).into_iter().next() {
        end = end.min(at);
    }
    if let Some(m) = rules::BYLINE_END.find(&text) {
        end = end.min(m.start());
    }
    // A job title right after a person's name, without a comma ("Ann Lee Senior Autos Reporter", the title in an
    // element of its own), ends the names; after a comma, [`clean_name`] drops it and keeps the names that follow.
    let first_part = text.find(',').unwrap_or(text.len());
    if let Some(m) = rules::JOB_TITLE_WORD.find(text.get(..first_part.min(end))?)
        && text.get(..m.start()).is_some_and(|before| reads_as_person(before.trim()))
    {
        end = end.min(m.start());
    }
    clean_name(text.get(..end)?, true)
}

/// Whether `el` is a link to an author's page ([`rules::AUTHOR_HREF`]). The link's address is found by the parser's
/// interned name (`attr_named`): this is asked of every link of the page.
fn is_author_link(el: &ElementRef<'_>) -> bool {
    el.value().name() == "a"
        && attr_named(*el, &html5ever::local_name!("href")).is_some_and(|href| rules::AUTHOR_HREF.is_match(href))
}

/// The names of the links to author pages ([`rules::AUTHOR_HREF`]) in the first byline that has them: the first
/// such link outside comment threads, menus and the page's footer (its staff list), and the other author links of
/// its short surrounding block.
pub fn author_links(doc: &Html) -> Option<String> {
    let first = rules::LINK_SCAN
        .select(doc)
        .filter(is_author_link)
        .take(rules::MAX_BYLINE_CANDIDATES)
        .filter(|a| !in_comment_thread(*a) && !in_menu(*a) && !in_page_footer(*a) && !credited_otherwise(*a))
        .find(|a| link_name(*a).is_some())?;
    // The block around the link, as long as it stays short (a byline, not a list of related articles).
    let mut block = first;
    for _ in 0..rules::BYLINE_LABEL_CLIMB {
        match block.parent().and_then(ElementRef::wrap) {
            Some(parent) if short_text(parent, rules::MAX_BYLINE_CHARS * 3).is_some() => block = parent,
            _ => break,
        }
    }
    join_names(
        block.select(&rules::LINK).filter(|a| is_author_link(a) && !credited_otherwise(*a)).filter_map(link_name),
    )
}

/// Whether the text just before a link to an author page credits its person with something else than the writing
/// ("Fact-checked by", "Reviewed by:", "Edited by"): the text of the link's previous short siblings, back to at
/// most [`rules::ROLE_LABEL_SIBLINGS`] of them, ends with [`rules::OTHER_ROLE_LABEL`]. A link joined to the one before
/// by "and" or a comma ("Tested by <a>A</a> and <a>B</a>") shares its credit; at most
/// [`rules::MAX_BYLINE_CANDIDATES`] links are followed back.
fn credited_otherwise(a: ElementRef<'_>) -> bool {
    let mut link = a;
    for _ in 0..rules::MAX_BYLINE_CANDIDATES {
        let mut before: Vec<String> = Vec::new();
        let mut previous_link = None;
        for node in link.prev_siblings().take(rules::ROLE_LABEL_SIBLINGS) {
            if let Some(text) = node.value().as_text() {
                before.push(text.to_string());
            } else if let Some(el) = ElementRef::wrap(node) {
                if is_author_link(&el) {
                    previous_link = Some(el);
                    break;
                }
                // A label is short: a long sibling (a paragraph, a block of links) ends the look back.
                let Some(text) = compact_text(el, rules::MAX_BYLINE_CHARS) else { break };
                if el.select(&rules::LINK).any(|a| is_author_link(&a)) {
                    break;
                }
                before.push(text);
            }
        }
        before.reverse();
        let before = squash(&before.concat());
        if rules::OTHER_ROLE_LABEL.is_match(&before) {
            return true;
        }
        match previous_link {
            Some(prev) if rules::NAME_JOINER.is_match(&before) => link = prev,
            _ => return false,
        }
    }
    false
}

/// Whether two bylines have a word in common, ignoring case ("Ann Lee" and "Lee, Ann" do; "KatieS" and "Ann Lee"
/// do not).
pub fn share_a_word(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let b_words = words(b);
    words(a).iter().any(|w| b_words.contains(w))
}

/// A byline the page declares for machines (JSON-LD, meta tags), completed with the co-authors its visible byline
/// adds: when the names of the links to author pages ([`author_links`]) include every declared name and more
/// ("Ann Lee" declared, "Ann Lee, Bo Lin and Cy Dee" shown), the shown list; else the declared byline.
pub fn with_coauthors(doc: &Html, declared: String) -> String {
    let split = |names: &str| -> Vec<String> {
        rules::NAME_LIST_SEPARATOR.split(names).map(|n| n.trim().to_lowercase()).filter(|n| !n.is_empty()).collect()
    };
    let Some(shown) = author_links(doc) else { return declared };
    let (declared_names, shown_names) = (split(&declared), split(&shown));
    let completes = shown_names.len() > declared_names.len() && declared_names.iter().all(|n| shown_names.contains(n));
    if completes { shown } else { declared }
}

/// A person's picture beside their name, as author cards and bylines show them: an `<img>` marked as an avatar
/// (by its own or a near ancestor's class or id, or its address: [`rules::AVATAR_MARK`]), outside figures and
/// comment threads, whose `alt` starts with the name a nearby element shows as its whole text ("Ann Lee" beside
/// `alt="Ann Lee"`, `alt="Ann Lee, Staff Writer"` or `alt="Ann Lee photo"`), the name reading as a person's.
/// Looks at the first [`rules::MAX_BYLINE_CANDIDATES`] pictures with an `alt` and at most
/// [`rules::MAX_AVATAR_NEIGHBOURS`] elements around each.
pub fn avatar_name(doc: &Html) -> Option<String> {
    rules::PICTURE_WITH_ALT_SCAN
        .select(doc)
        .filter(|img| img.attr("alt").is_some_and(|alt| alt.chars().any(char::is_uppercase)))
        .take(rules::MAX_BYLINE_CANDIDATES)
        .filter(|img| {
            is_avatar(*img)
                && !in_comment_thread(*img)
                && !img
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| rules::FIGURE_ELEMENTS.contains(&a.value().name()))
        })
        .find_map(|img| {
            let alt = super::headline::compare_key(img.attr("alt")?);
            let mut around = img;
            for _ in 0..rules::BYLINE_LABEL_CLIMB {
                let branch = around;
                around = around.parent().and_then(ElementRef::wrap)?;
                // The first elements of the block, then those just after the picture's branch: in a long block (an
                // article's text ending with an author's note) the name follows the picture.
                let after = branch
                    .next_siblings()
                    .filter_map(ElementRef::wrap)
                    .flat_map(|s| s.descendent_elements().take(rules::MAX_AVATAR_NEIGHBOURS));
                let shown = around
                    .descendent_elements()
                    .take(rules::MAX_AVATAR_NEIGHBOURS)
                    .chain(after.take(rules::MAX_AVATAR_NEIGHBOURS))
                    .filter(|e| e.children().any(|c| c.value().is_text()))
                    .filter_map(|e| short_text(e, rules::MAX_BYLINE_CHARS))
                    // A name set as a lead-in to the biography: "Ann Lee: Ann has …".
                    .map(|t| squash(&t).trim_end_matches([':', ',']).trim_end().to_string())
                    .find(|t| {
                        let key = super::headline::compare_key(t);
                        !key.is_empty() && alt.starts_with(&key) && reads_as_person(t)
                    });
                if shown.is_some() {
                    return shown;
                }
            }
            None
        })
}

/// The name in the dateline under the headline, beside the date ("<h1>…</h1><p>Ann Lee | Senior Writer | July 2,
/// 2025</p>", "Dec 26, 2025 • Ann Lee in Health", "<p>Ann Lee</p><p>23.07.2025 · 6 min read</p>"): the texts just
/// after the headline are cut at their separators ([`rules::BYLINE_CUT`]) into parts, and the part nearest to a
/// part with a date, the two before it first, that reads as a person's name or a list of them ([`reads_as_person`]:
/// "Ann Lee, Bo R. Lin, Cy Dee"), names no job
/// ([`rules::JOB_TITLE_WORD`]) and has no word of a dateline's labels ([`rules::DATELINE_WORDS`]: "Last
/// Modified", "In This Article"). Texts inside links and headings are not names here: beside a date they are
/// sections, tags ("Personal Finance") and subheadings, and an author's link is read by [`author_links`]. Reads at most
/// [`rules::DATELINE_BYLINE_PARTS`] parts: linear in page size, no recursion.
pub fn dateline_name(doc: &Html, headline: ElementRef<'_>) -> Option<String> {
    let parts = parts_after(doc, headline);
    let name_of = |i: usize| {
        let (part, may_be_name, _) = parts.get(i)?;
        if !may_be_name || part.chars().count() > rules::MAX_DATELINE_TEXT_CHARS {
            return None;
        }
        names_in(part).filter(|n| {
            let names: Vec<&str> = rules::NAME_LIST_SEPARATOR.split(n).collect();
            // Two parts joined by a comma alone are a place ("San Jose, United States"), not two people.
            let place = names.len() == 2 && n.contains(',');
            !place
                && names.iter().all(|name| reads_as_person(name.trim()))
                && !rules::JOB_TITLE_WORD.is_match(n)
                && !n.split_whitespace().any(|w| rules::DATELINE_WORDS.contains(&w.to_lowercase().as_str()))
        })
    };
    parts.iter().enumerate().filter(|(_, (part, _, _))| dates::find_in_text(part).is_some()).find_map(|(at, _)| {
        // The text before the date in the same part ("Ann Lee December 17, 2025"), then the parts around it.
        let own = name_of(at);
        own.or_else(|| {
            [at.checked_sub(1), at.checked_sub(2), Some(at + 1), Some(at + 2)].into_iter().flatten().find_map(name_of)
        })
    })
}

/// The first [`rules::DATELINE_BYLINE_PARTS`] parts of the texts after the headline (cut at
/// [`rules::BYLINE_CUT`]), each with whether it may be a name (it sits in no link, heading or button) and the
/// element that holds its text.
fn parts_after<'a>(doc: &'a Html, headline: ElementRef<'_>) -> Vec<(String, bool, ElementRef<'a>)> {
    // Each part, with whether it may be a name (outside links).
    let mut parts: Vec<(String, bool, ElementRef<'a>)> = Vec::new();
    let last_inside = headline.descendants().last().and_then(|n| doc.tree.get(n.id()));
    for node in last_inside.into_iter().flat_map(|last| nodes_after(*doc.root_element(), last)) {
        // A text without a letter or a digit (the spaces between elements) gives no part: skipped at once.
        let Some(text) = node.value().as_text().filter(|t| t.chars().any(char::is_alphanumeric)) else {
            continue;
        };
        let Some(parent) = node.parent().and_then(ElementRef::wrap) else { continue };
        if rules::NON_TEXT_ELEMENTS.contains(&parent.value().name()) {
            continue;
        }
        let in_link = std::iter::once(parent)
            .chain(parent.ancestors().filter_map(ElementRef::wrap))
            .take(rules::DATELINE_LINK_DEPTH)
            .any(|e| rules::NOT_DATELINE_NAME_ELEMENTS.contains(&e.value().name()));
        let text = squash(&text.replace('\u{a0}', " "));
        for part in rules::BYLINE_CUT.split(&text).map(str::trim) {
            if part.chars().any(char::is_alphanumeric) {
                parts.push((part.to_string(), !in_link, parent));
            }
        }
        if parts.len() >= rules::DATELINE_BYLINE_PARTS {
            break;
        }
    }
    parts.truncate(rules::DATELINE_BYLINE_PARTS);
    parts
}

/// The nodes that come after `last` (a node without children) in a walk of `root`'s subtree in page order, found
/// from `last` on (the next sibling of it or of its nearest ancestor that has one, and so on) instead of walking
/// the page from its start up to `last`; none when `last` is not in `root`'s subtree.
fn nodes_after<'a>(root: NodeRef<'a, Node>, last: NodeRef<'a, Node>) -> impl Iterator<Item = NodeRef<'a, Node>> {
    let inside = last.id() == root.id() || last.ancestors().any(|a| a.id() == root.id());
    // The first node after the subtree of `n`, within `root`'s subtree.
    let next_subtree = move |n: NodeRef<'a, Node>| {
        let mut at = n;
        loop {
            if at.id() == root.id() {
                return None;
            }
            if let Some(sibling) = at.next_sibling() {
                return Some(sibling);
            }
            at = at.parent()?;
        }
    };
    std::iter::successors(if inside { next_subtree(last) } else { None }, move |s| next_subtree(*s))
        .flat_map(|s| s.descendants())
}

/// A "By" label ([`rules::BYLINE_LABEL`]) among the first parts after the headline (see [`dateline_name`]), and
/// the person's name it announces, in the same part or the next ("<h1>…</h1><p>By: Ann Lee</p>"): the byline the
/// reader sees first.
pub fn labelled_under_headline(doc: &Html, headline: ElementRef<'_>) -> Option<String> {
    let parts = parts_after(doc, headline);
    parts.iter().enumerate().find_map(|(at, (part, _, parent))| {
        let label = rules::BYLINE_LABEL.find(part)?;
        let rest = part.get(label.end()..)?.trim();
        // The label's element read whole gives every name ("By <a>A</a> and <a>B</a>"); else the names in the
        // label's own text or in the next part.
        let names = names_after_label(*parent).or_else(|| {
            if rest.is_empty() { parts.get(at + 1).and_then(|(p, _, _)| names_in(p)) } else { names_in(rest) }
        });
        // Letters after the name ("Ann Lee, MS, RDN") and the other names of a list stay; the first name must read
        // as a person's.
        names.filter(|n| rules::NAME_LIST_SEPARATOR.split(n).next().is_some_and(|first| reads_as_person(first.trim())))
    })
}

/// The name an author box (biography, avatar, "about the author") shows in its name element: the first of its
/// first [`rules::MAX_AVATAR_NEIGHBOURS`] elements whose class names a name ([`rules::NAME_ELEMENT_CLASS`]:
/// `name`, `card__name`), its text reading as a person's name with no job title in it ("<div class=author-info>
/// <div class=name>Ann Lee</div><div class=post>Writer</div></div>").
pub fn author_box_name(box_el: ElementRef<'_>) -> Option<String> {
    box_el
        .descendent_elements()
        .take(rules::MAX_AVATAR_NEIGHBOURS)
        .filter(|e| e.attr("class").is_some_and(|c| rules::NAME_ELEMENT_CLASS.is_match(c)))
        .find_map(|e| short_text(e, rules::MAX_BYLINE_CHARS))
        .and_then(|t| clean_name(&t, true))
        .filter(|n| reads_as_person(n) && !rules::JOB_TITLE_WORD.is_match(n))
}

/// Whether a picture is marked as a person's avatar, by its address or the class or id of itself or of its
/// nearest [`rules::AVATAR_MARK_DEPTH`] ancestors.
fn is_avatar(img: ElementRef<'_>) -> bool {
    let marked =
        |e: ElementRef<'_>| ["class", "id"].iter().filter_map(|a| e.attr(a)).any(|v| rules::AVATAR_MARK.is_match(v));
    img.attr("src").is_some_and(|src| rules::AVATAR_MARK.is_match(src))
        || std::iter::once(img)
            .chain(img.ancestors().filter_map(ElementRef::wrap))
            .take(rules::AVATAR_MARK_DEPTH + 1)
            .any(marked)
}

/// Whether an element sits in a menu, a footer or another piece of site chrome (its own or a near ancestor's
/// element name, class, id or role). The climb stops at the page's `<article>` or `<main>`: what is inside the
/// content landmark is not a menu because a wrapper around it has "nav" in a class (`<main class="offset-nav">`).
fn in_menu(el: ElementRef<'_>) -> bool {
    let chain = std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap));
    let mut below_content =
        chain.take(rules::MENU_MARK_DEPTH).take_while(|e| !rules::CONTENT_LANDMARKS.contains(&e.value().name()));
    below_content.any(|e| {
        rules::MENU_ELEMENTS.contains(&e.value().name())
            || ["class", "id", "role"].iter().filter_map(|a| e.attr(a)).any(|v| rules::MENU_MARK.is_match(v))
    })
}

/// The name an author link shows.
fn link_name(a: ElementRef<'_>) -> Option<String> {
    let text = short_text(a, rules::MAX_BYLINE_CHARS)?;
    let text = rules::BYLINE_LABEL.replace(&squash(&text), "").to_string();
    clean_name(&text, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nodes_after_a_leaf_are_those_a_walk_from_the_start_meets_after_it() {
        let doc = Html::parse_document(
            "<!doctype html><html><head><title>T</title></head><body><div><h1>Head <b>line</b></h1><p>By \
             <a href=/a>Ann</a></p></div><!-- c --><section><p>x</p><p></p></section>tail</body></html>",
        );
        let root = *doc.root_element();
        let all: Vec<_> = doc.tree.root().descendants().map(|n| n.id()).collect();
        for last in doc.tree.root().descendants().filter(|n| !n.has_children()) {
            let walked: Vec<_> = root.descendants().map(|n| n.id()).skip_while(|id| *id != last.id()).skip(1).collect();
            let found: Vec<_> = nodes_after(root, last).map(|n| n.id()).collect();
            assert_eq!(found, walked, "{:?}", last.value());
        }
        assert!(all.len() > 20);
    }

    #[test]
    fn job_title_words_start_where_they_did_with_the_suffix() {
        let with_suffix = regex::Regex::new(
            r"(?i)\b(?:editor\w*|writer|director|manager|coordinator|head|chief|founder|co-founder|ceo|cto|cfo|coo|president|officer|reporter|correspondent|contributor|journalist|columnist|specialist|expert|analyst|consultant|engineer|developer|designer|marketing|senior|sr|junior|staff|intern|professor|lecturer|researcher|scientist|student|educators?|assistant|associate|lead|owner|partner|advisor|adviser|strategist|producer|photographer|redakteur\w*|rédact\w*|redactor\w*|periodista|giornalista|journaliste|korrespondent\w*|корреспондент\w*)\b",
        )
        .expect("test pattern");
        for text in [
            "Ann Lee, Marketing and Event Coordinator",
            "Ann Lee Senior Autos Reporter",
            "Editorial team",
            "Editor-in-chief",
            "Ann Lee, editora",
            "Chefredakteurin",
            "Ann Redakteurin",
            "rédactrice en chef",
            "Rédaction",
            "Иван Петров, корреспондентка",
            "Иван Петров, спецкорреспондент",
            "Korrespondent_in",
            "Ann Lee, writers guild",
            "Ann Lee, writer",
            "Ann Lee, KOORDINATOR",
            "Leadership",
            "Ann Lee, Sr. Editor",
            "Ann Lee (educator)",
            "ﬁeld editor",
            "",
            "Ann Lee",
        ] {
            let start = |r: &regex::Regex| r.find(text).map(|m| m.start());
            assert_eq!(start(&rules::JOB_TITLE_WORD), start(&with_suffix), "{text:?}");
        }
    }

    #[test]
    fn names_are_joined_for_print() {
        let names = |v: &[&str]| join_names(v.iter().map(|s| s.to_string()));
        assert_eq!(names(&[]), None);
        assert_eq!(names(&["Ann Lee"]).as_deref(), Some("Ann Lee"));
        assert_eq!(names(&["Ann Lee", "Bo Lin"]).as_deref(), Some("Ann Lee and Bo Lin"));
        assert_eq!(names(&["Ann Lee", "Bo Lin", "ann lee", "Cy Dee"]).as_deref(), Some("Ann Lee, Bo Lin and Cy Dee"));
    }

    #[test]
    fn what_is_not_a_name_is_refused_or_cut() {
        assert_eq!(clean_name("4m Read", true), None);
        assert_eq!(clean_name("@annlee", true), None);
        assert_eq!(clean_name("page.head.extra.author", true), None);
        assert_eq!(clean_name("page.head.extra.author", false), None);
        assert_eq!(clean_name("More insights here", true), None);
        // A user name a CMS declares for machines is kept; in visible text it is not.
        assert_eq!(clean_name("whova", false).as_deref(), Some("whova"));
        assert_eq!(clean_name("whova", true), None);
        assert_eq!(clean_name("Ann Lee on behalf of the team", true).as_deref(), Some("Ann Lee"));
        assert_eq!(clean_name("Ann Lee, Marketing and Event Coordinator", true).as_deref(), Some("Ann Lee"));
        assert_eq!(
            clean_name("Ann Lee, Bo Lin, Senior Research Scientist, and Cy Dee", true).as_deref(),
            Some("Ann Lee, Bo Lin and Cy Dee")
        );
        assert_eq!(clean_name("Kaufman, Jeff T.", true).as_deref(), Some("Kaufman, Jeff T"));
        assert_eq!(clean_name("✉ Ann Lee ann@x.test ✉ Corresponding author.", true).as_deref(), Some("Ann Lee"));
        assert_eq!(clean_name("Ludwig van Beethoven", true).as_deref(), Some("Ludwig van Beethoven"));
        assert_eq!(clean_name("문성희", true).as_deref(), Some("문성희"));
    }

    #[test]
    fn a_persons_name_is_told_from_a_firms() {
        assert!(reads_as_person("Russell Miller"));
        assert!(reads_as_person("Ludwig van Beethoven"));
        assert!(!reads_as_person("CBC Bank"));
        assert!(!reads_as_person("Freewrite Store"));
        assert!(!reads_as_person("Harbour"));
        assert!(!reads_as_person("the daily planet"));
    }

    #[test]
    fn a_label_announces_the_byline() {
        let doc = |html: &str| labelled_byline(&Html::parse_document(html), None);
        assert_eq!(
            doc("<p>By <strong>Ann Lee</strong></p><p>By 2030, the port will grow.</p>").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(doc("<div><p>Written by</p><p>Bo Lin</p></div><p>Text.</p>").as_deref(), Some("Bo Lin"));
        assert_eq!(doc("<p>by: Cy Dee, Dec 17, 2025</p>").as_deref(), Some("Cy Dee"));
        assert_eq!(doc("<p>By the way, nothing here.</p>"), None);
        assert_eq!(
            doc(r#"<div><time datetime="2017-03-01">03/01/2017</time> by Ada Moss</div>"#).as_deref(),
            Some("Ada Moss")
        );
        let running =
            format!("<p>{} <a href=/r>a ranking</a> by Acme Ratings.</p>", "Premiums rose again. ".repeat(12));
        assert_eq!(doc(&running), None);
        assert_eq!(doc("<div class=comments><p>By Troll Person</p></div>"), None);
        assert_eq!(doc(r#"<ul class="main-menu"><li><a href="/t">By Event Type</a></li></ul>"#), None);
        // A wrapper of the content landmark whose class mentions a menu does not make the byline a menu entry.
        let page =
            r#"<main class="offset-nav"><article><div><p>Written by</p><p>Edda Tabor</p></div></article></main>"#;
        assert_eq!(doc(page).as_deref(), Some("Edda Tabor"));
    }

    #[test]
    fn the_indentation_of_the_source_does_not_make_a_byline_long() {
        let doc = |html: &str| labelled_byline(&Html::parse_document(html), None);
        let pad = format!("\n{}", " ".repeat(52));
        let page = format!(
            r#"<div><span class="label">Written by</span>{pad}<div class="flex">{pad}<svg><use href="/i.svg#user">
            </use></svg>{pad}<span class="name">Eliz</span>{pad}{pad}<span class="role">- Product marketer</span>{pad}
            </div></div><p>Text.</p>"#
        );
        assert_eq!(doc(&page).as_deref(), Some("Eliz"));
    }

    #[test]
    fn a_job_title_in_its_own_element_ends_the_name() {
        let doc = |html: &str| labelled_byline(&Html::parse_document(html), None);
        let page = r#"<span class="desc">By <a href="/people/ann">Ann Lee</a><br>
            <span class="title">Senior Autos Reporter</span></span>"#;
        assert_eq!(doc(page).as_deref(), Some("Ann Lee"));
        // Not after a name that does not read as a person's.
        assert_eq!(doc("<p>By ACME Travel Editor</p>").as_deref(), Some("ACME Travel Editor"));
    }

    #[test]
    fn the_label_may_name_what_was_written_first() {
        let doc = |html: &str| labelled_byline(&Html::parse_document(html), None);
        let card = r#"<section><h2>Article written by:</h2><div><img alt="" src="/a.webp">
            <h3>Doris Munoz-Mantilla, MD, FOMA</h3></div></section>"#;
        assert_eq!(doc(card).as_deref(), Some("Doris Munoz-Mantilla, MD, FOMA"));
        let bio = "<div class=bio>This post was written by Dana Pade, Head of Marketing and Community</div>";
        assert_eq!(doc(bio).as_deref(), Some("Dana Pade"));
        assert_eq!(doc("<p>Dieser Artikel wurde geschrieben von Jana Roth</p>").as_deref(), Some("Jana Roth"));
        // Running text about a post is no label.
        assert_eq!(doc("<p>This post was a long time coming, by any measure.</p>"), None);
    }

    #[test]
    fn the_dateline_under_the_headline_names_the_author() {
        let doc = |html: &str| {
            let doc = Html::parse_document(html);
            let h1 = doc.select(&scraper::Selector::parse("h1").ok()?).next()?;
            dateline_name(&doc, h1)
        };
        assert_eq!(
            doc("<header><h1>Tides</h1><p>Ann Lee | Senior Writer | July 2, 2025</p></header><p>Text.</p>").as_deref(),
            Some("Ann Lee")
        );
        let avatar = r#"<h1>Tides</h1><p>Dec 26, 2025 <span>&bull;</span> <img class="avatar" src="/a.png">
            Bo Lin in <a href="/c/health">Personal Finance</a></p>"#;
        assert_eq!(doc(avatar).as_deref(), Some("Bo Lin"));
        let apart = "<h1>Tides</h1><p>A long standfirst about the tides.</p><p>Cy Dee</p><p><span>23.07.2025</span>
            <span>·</span><span>6 min read</span></p>";
        assert_eq!(doc(apart).as_deref(), Some("Cy Dee"));
        // Labels, sections in links, subheadings and names far from any date are no byline.
        assert_eq!(doc("<h1>Tides</h1><p>Last Modified: August 08, 2023</p><p>Body text.</p>"), None);
        assert_eq!(doc(r#"<h1>Tides</h1><p><a href="/c">Personal Finance</a> · May 2, 2025</p>"#), None);
        assert_eq!(doc("<h1>Tides</h1><p>May 2, 2025</p><h2>Home Gym Setup</h2><p>Text.</p>"), None);
        assert_eq!(doc("<h1>Tides</h1><p>Dora Fey</p><p>A paragraph.</p><p>More.</p>"), None);
    }

    #[test]
    fn a_by_label_under_the_headline_names_the_person() {
        let doc = |html: &str| {
            let doc = Html::parse_document(html);
            let h1 = doc.select(&scraper::Selector::parse("h1").ok()?).next()?;
            labelled_under_headline(&doc, h1)
        };
        assert_eq!(doc("<h1>Tides</h1><p>By: Ann Lee</p><p>Text.</p>").as_deref(), Some("Ann Lee"));
        assert_eq!(doc(r#"<h1>Tides</h1><p>by <a href="/a/bo">Bo Lin</a></p>"#).as_deref(), Some("Bo Lin"));
        assert_eq!(doc("<h1>Tides</h1><p><em>By Dana Pike, MS, RDN</em></p>").as_deref(), Some("Dana Pike, MS, RDN"));
        assert_eq!(
            doc(r#"<h1>Tides</h1><p>By <a href="/a/ann">Ann Lee</a> and <a href="/a/bo">Bo Lin</a></p>"#).as_deref(),
            Some("Ann Lee and Bo Lin")
        );
        assert_eq!(doc("<h1>Tides</h1><p>By the way, the tide turned.</p>"), None);
        assert_eq!(doc("<p>By Cy Dee</p><h1>Tides</h1><p>Text.</p>"), None);
        assert!(share_a_word("Ann Lee", "Lee, Ann"));
        assert!(!share_a_word("KatieS", "Ann Lee"));
    }

    #[test]
    fn the_shown_byline_adds_the_co_authors_the_page_declares_without() {
        let with = |html: &str, declared: &str| with_coauthors(&Html::parse_document(html), declared.to_string());
        let shown = r#"<div><a href="/author/ann/">Ann Lee</a><span>, </span><a href="/author/bo/">Bo Lin</a>
            <span> &amp; </span><a href="/author/cy/">Cy Dee</a></div>"#;
        assert_eq!(with(shown, "Ann Lee"), "Ann Lee, Bo Lin and Cy Dee");
        // A declared name the links do not show keeps the declared byline.
        assert_eq!(with(shown, "Dora Fey"), "Dora Fey");
        assert_eq!(with("<p>No links.</p>", "Ann Lee"), "Ann Lee");
    }

    #[test]
    fn people_credited_with_something_else_are_no_authors() {
        let doc = |html: &str| author_links(&Html::parse_document(html));
        let checked = r#"<div><a href="/author/ann/">Ann Lee</a> – Updated May 2, 2025 | Fact-checked by
            <a href="/author/bo/">Bo Lin</a></div>"#;
        assert_eq!(doc(checked).as_deref(), Some("Ann Lee"));
        let labelled = r#"<div><p><span>By</span> <a href="/author/ann/">Ann Lee</a></p>
            <p><span>Tested by</span> <a href="/author/cy/">Cy Dee</a> <span>and</span> <a href="/author/dora/">Dora
            Fey</a></p><p>Medically reviewed by: <a href="/author/eve/">Eve Moss</a></p></div>"#;
        assert_eq!(doc(labelled).as_deref(), Some("Ann Lee"));
        // A reviewer first does not hide the writer after.
        let first =
            r#"<p>Reviewed by <a href="/author/eve/">Eve Moss</a></p><p>By <a href="/author/ann/">Ann Lee</a></p>"#;
        assert_eq!(doc(first).as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn author_page_links_give_every_author() {
        let doc = |html: &str| author_links(&Html::parse_document(html));
        let page = r#"<p class="x1"><a href="/authors/ann-lee/">Ann Lee</a> and <a href="/authors/bo-lin">Bo Lin</a></p>
            <ul><li><a href="/author/cy">Cy Dee</a> wrote a long related story that runs on and on and on and on and
            on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on
            and on and on and on and on and on and on and on and on and on and on</li></ul>"#;
        assert_eq!(doc(page).as_deref(), Some("Ann Lee and Bo Lin"));
        assert_eq!(doc(r#"<a href="/author/x">5 min read</a>"#), None);
    }
}
