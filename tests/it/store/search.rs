//! Search: words in every field, notes and tags, ranking, snippets, phrases, prefixes, exclusions, filters, Korean,
//! and hostile query text.

use cuttings::store::{ClippingId, Library, SearchFilters, StoreError};

use super::{add, add_in, new_clipping};
use crate::util::temp_library;

fn found(library: &Library, query: &str) -> Vec<ClippingId> {
    let mut hits: Vec<ClippingId> = library.search(query, 50).unwrap().into_iter().map(|h| h.clipping.id).collect();
    hits.sort();
    hits
}

/// A library with a few English and Korean clippings.
fn sample() -> (tempfile::TempDir, Library, Vec<ClippingId>) {
    let (dir, mut library) = temp_library();
    let world = library.create_folder(None, "World").unwrap();
    let asia = library.create_folder(Some(world), "Asia").unwrap();
    let mut ids = Vec::new();
    let mut a = new_clipping(
        "https://www.bbc.co.uk/news/climate",
        "Sea level rise accelerates",
        "Scientists say the sea level is rising faster than expected. Coastal cities prepare defences.",
    );
    a.article.site_name = Some("BBC News".into());
    a.article.published = Some("2024-05-01".into());
    a.tags = vec!["Climate".into()];
    a.note = Some("Compare with the IPCC summary.".into());
    a.folder = Some(world);
    ids.push(add(&mut library, a));
    let mut b = new_clipping(
        "https://example.org/coal",
        "Coal plants close",
        "The last coal plants closed as the sea breeze farms opened. Policy makers cheered.",
    );
    b.article.published = Some("2023-02-10".into());
    b.tags = vec!["Energy".into(), "Climate".into()];
    ids.push(add(&mut library, b));
    let mut c = new_clipping(
        "https://www.hani.co.kr/arti/economy/1",
        "한국은행 기준금리 동결",
        "한국은행이 기준금리를 연 3.5%로 동결했다. 물가 상승률은 둔화되고 있다.",
    );
    c.article.site_name = Some("한겨레".into());
    c.article.published = Some("2024-08-22".into());
    c.folder = Some(asia);
    c.note = Some("경제 전망 참고".into());
    ids.push(add(&mut library, c));
    let mut d = new_clipping("https://example.org/policy", "Policing reform", "A new policy on policing passed.");
    d.tags = vec!["정치".into()];
    d.article.kind = cuttings::extract::PageKind::Forum;
    ids.push(add(&mut library, d));
    (dir, library, ids)
}

#[test]
fn finds_words_in_every_field() {
    let (_dir, library, ids) = sample();
    assert_eq!(found(&library, "scientists"), [ids[0]]);
    assert_eq!(found(&library, "accelerates"), [ids[0]], "title");
    assert_eq!(found(&library, "ipcc"), [ids[0]], "note");
    assert_eq!(found(&library, "energy"), [ids[1]], "tag");
    assert_eq!(found(&library, "Ada"), ids.clone(), "byline");
    assert_eq!(found(&library, "bbc"), [ids[0]], "outlet");
    assert_eq!(found(&library, "SEA"), [ids[0], ids[1]], "case");
    assert!(found(&library, "nothingmatchesthis").is_empty());
}

#[test]
fn ranks_title_matches_first_and_highlights() {
    let (_dir, mut library, _) = sample();
    let body =
        add(&mut library, new_clipping("https://example.com/z", "Unrelated", "walrus walrus walrus appear here"));
    let title = add(&mut library, new_clipping("https://example.com/y", "Walrus spotted", "An animal was seen."));
    let hits = library.search("walrus", 10).unwrap();
    assert_eq!(hits.iter().map(|h| h.clipping.id).collect::<Vec<_>>(), [title, body]);
    assert!(hits[0].rank > hits[1].rank && hits[1].rank > 0.0);
    assert!(hits[1].snippet.contains("[[walrus]] [[walrus]]"), "{}", hits[1].snippet);
    let hit = &library.search("coastal", 1).unwrap()[0];
    assert!(hit.snippet.contains("[[Coastal]] cities"), "{}", hit.snippet);
    let hit = &library.search("\"sea level\" accel*", 1).unwrap()[0];
    assert!(hit.snippet.contains("the [[sea level]] is rising"), "{}", hit.snippet);
    assert!(hit.snippet.ends_with("defences."), "{}", hit.snippet);
    let hit = &library.search("prepar*", 1).unwrap()[0];
    assert!(hit.snippet.contains("cities [[prepare]] defences"), "{}", hit.snippet);
}

#[test]
fn phrases_prefixes_and_exclusions() {
    let (_dir, library, ids) = sample();
    assert_eq!(found(&library, "\"sea level\""), [ids[0]]);
    assert_eq!(found(&library, "\"level sea\""), Vec::<ClippingId>::new());
    assert_eq!(found(&library, "sea -coal"), [ids[0]]);
    assert_eq!(found(&library, "sea -\"sea breeze\""), [ids[0]]);
    assert_eq!(found(&library, "polic*"), [ids[1], ids[3]]);
    assert_eq!(found(&library, "policy"), [ids[1], ids[3]]);
    assert_eq!(found(&library, "policing"), [ids[3]]);
    // An exclusion alone lists everything else.
    assert_eq!(found(&library, "-sea"), [ids[2], ids[3]]);
}

#[test]
fn filters_by_tag_site_folder_and_dates() {
    let (_dir, library, ids) = sample();
    assert_eq!(found(&library, "tag:climate"), [ids[0], ids[1]]);
    assert_eq!(found(&library, "tag:climate tag:energy"), [ids[1]]);
    assert_eq!(found(&library, "sea -tag:energy"), [ids[0]]);
    assert_eq!(found(&library, "site:bbc.co.uk"), [ids[0]]);
    assert_eq!(found(&library, "site:\"bbc news\""), [ids[0]]);
    assert_eq!(found(&library, "site:co.kr"), [ids[2]]);
    assert_eq!(found(&library, "folder:world"), [ids[0], ids[2]], "with subfolders");
    assert_eq!(found(&library, "folder:world/asia"), [ids[2]]);
    assert_eq!(found(&library, "folder:nowhere"), Vec::<ClippingId>::new());
    assert_eq!(found(&library, "after:2024-01-01 tag:climate"), [ids[0]]);
    assert_eq!(found(&library, "before:2024-01-01 tag:climate"), [ids[1]]);
    assert_eq!(found(&library, "after:2024-05-01 before:2024-05-02"), [ids[0]]);
    let filters = SearchFilters {
        tags: vec!["climate".into()],
        published_before: Some("2024-01-01".into()),
        ..Default::default()
    };
    let found = library.search_with("sea", &filters, 10).unwrap();
    assert_eq!(found.iter().map(|h| h.clipping.id).collect::<Vec<_>>(), [ids[1]]);
    let asia = library.folder_tree().unwrap()[1].id;
    let in_asia = SearchFilters { folder: Some(asia), ..Default::default() };
    assert_eq!(library.search_with("", &in_asia, 10).unwrap()[0].clipping.id, ids[2]);
    let bad = SearchFilters { saved_after: Some("yesterday".into()), ..Default::default() };
    assert_eq!(library.search_with("sea", &bad, 10).unwrap_err().code(), "invalid_query");
}

#[test]
fn korean_and_other_spaceless_scripts() {
    let (_dir, mut library, ids) = sample();
    // A word inside a longer eojeol (with its particle), three syllables and more.
    assert_eq!(found(&library, "기준금리"), [ids[2]]);
    assert_eq!(found(&library, "한국은행"), [ids[2]]);
    // Two-syllable words, shorter than a trigram.
    assert_eq!(found(&library, "동결"), [ids[2]]);
    assert_eq!(found(&library, "물가"), [ids[2]]);
    assert_eq!(found(&library, "전망"), [ids[2]], "in a note");
    assert_eq!(found(&library, "정치"), [ids[3]], "in a tag");
    assert_eq!(found(&library, "한겨레"), [ids[2]], "outlet");
    assert_eq!(found(&library, "\"물가 상승률은\""), [ids[2]], "phrase");
    assert_eq!(found(&library, "금리 -동결"), Vec::<ClippingId>::new());
    assert_eq!(found(&library, "금리 tag:nothing"), Vec::<ClippingId>::new());
    assert_eq!(found(&library, "기준금리 folder:asia"), [ids[2]]);
    assert!(found(&library, "일본은행").is_empty());
    let hit = &library.search("동결", 1).unwrap()[0];
    assert!(hit.snippet.contains("[[동결]]"), "{}", hit.snippet);
    // Chinese and Japanese, no spaces at all.
    let zh = add(&mut library, new_clipping("https://example.cn/1", "新闻", "中国人民银行今天宣布降低存款准备金率。"));
    let ja = add(&mut library, new_clipping("https://example.jp/1", "ニュース", "日本銀行は金融政策の維持を決めた。"));
    assert_eq!(found(&library, "存款准备金"), [zh]);
    assert_eq!(found(&library, "银行"), [zh]);
    assert_eq!(found(&library, "金融政策"), [ja]);
    // Mixed: an English word and a Korean one.
    let world = library.folder_tree().unwrap()[0].id;
    let mixed = add_in(
        &mut library,
        world,
        "https://example.com/mixed",
        "Samsung earnings",
        "삼성전자 Samsung reported strong chip sales.",
    );
    assert_eq!(found(&library, "samsung 삼성"), [mixed]);
    assert_eq!(found(&library, "chip 전자"), [mixed]);
}

#[test]
fn hostile_query_text_never_panics_nor_leaks_fts_syntax() {
    let (_dir, library, _) = sample();
    let hostile = [
        "\"",
        "\"\"",
        "*",
        "**sea",
        "sea*",
        "NEAR(",
        "NEAR(sea coal)",
        ")",
        "(",
        "-",
        "--",
        "- -sea",
        "sea OR coal",
        "sea AND",
        "NOT sea",
        "title:sea",
        "{sea}",
        "sea^",
        "^",
        "'",
        "sea \"unclosed",
        "a\"b",
        "\"a\"\"b\"",
        ":",
        "tag:",
        "tag:\"\"",
        "after:2024-13-45",
        "before:soon",
        "-tag:\"x",
        "col:",
        "sea:",
        "*\"*\"*",
        "\\",
        "%",
        "_",
        "한",
        "\"한",
        "한*",
        "-한국",
        "%물가_",
        "\u{0}",
        "sea\u{0}coal",
        "🙂",
        "AND",
        "OR",
        "NOT",
    ];
    for query in hostile {
        match library.search(query, 10) {
            Ok(_) => {}
            Err(StoreError::InvalidQuery { reason }) => assert!(!reason.is_empty()),
            Err(other) => panic!("{query:?} gave {other:?}"),
        }
    }
    assert!(matches!(library.search("", 10), Err(StoreError::InvalidQuery { .. })));
    assert!(matches!(library.search("after:2024-13-45", 10), Err(StoreError::InvalidQuery { .. })));
    // Operators are words: "OR" does not widen the search.
    assert!(library.search("sea OR nothingmatches", 10).unwrap().is_empty());
    // A quote inside a word is dropped by the tokenizer, not a syntax error.
    assert_eq!(library.search("se\"a", 10).unwrap().len(), 0);
}

#[test]
fn trashed_clippings_are_not_found() {
    let (_dir, mut library, ids) = sample();
    library.trash_clippings(&[ids[0]]).unwrap();
    assert_eq!(found(&library, "sea"), [ids[1]]);
    let item = library.list_trash().unwrap()[0].id;
    library.restore(item).unwrap();
    assert_eq!(found(&library, "sea"), [ids[0], ids[1]]);
}

/// `site:` is a LIKE pattern on the host underneath: `%` and `_` once matched every clipping (`site:%` was `LIKE
/// '%.%'`). They are plain characters now, matching only outlets and hosts that hold them.
#[test]
fn site_wildcards_match_only_outlets_that_contain_them() {
    let (_dir, mut library) = temp_library();
    let plain = add(&mut library, new_clipping("https://news.example.com/a", "Plain", "plain words"));
    let underscore = add(&mut library, new_clipping("https://my_site.example.org/b", "Underscore", "more words"));
    let mut percent = new_clipping("https://percent.example.net/c", "Percent", "other words");
    percent.article.site_name = Some("%".into());
    let percent = add(&mut library, percent);
    let mut backslash = new_clipping("https://slash.example.net/d", "Backslash", "slash words");
    backslash.article.site_name = Some("a\\b".into());
    let backslash = add(&mut library, backslash);

    assert_eq!(found(&library, "site:%"), vec![percent], "only the outlet named %");
    assert_eq!(found(&library, "site:_"), Vec::<ClippingId>::new());
    assert_eq!(found(&library, "site:%.com"), Vec::<ClippingId>::new());
    assert_eq!(found(&library, "site:ex_mple.com"), Vec::<ClippingId>::new());
    assert_eq!(found(&library, "site:_site.example.org"), Vec::<ClippingId>::new());
    assert_eq!(found(&library, "site:my_site.example.org"), vec![underscore]);
    assert_eq!(found(&library, "site:example.org"), vec![underscore]);
    assert_eq!(found(&library, "site:example.com"), vec![plain]);
    assert_eq!(found(&library, r"site:a\b"), vec![backslash]);
    assert_eq!(found(&library, r"site:\"), Vec::<ClippingId>::new());
    let filters = SearchFilters { outlet: Some("%".into()), ..Default::default() };
    let hits = library.search_with("", &filters, 50).unwrap();
    assert_eq!(hits.iter().map(|h| h.clipping.id).collect::<Vec<_>>(), vec![percent]);
}

/// Korean terms shorter than three characters are found with LIKE; `_` and `%` in them are characters, not
/// wildcards.
#[test]
fn short_spaceless_terms_match_wildcards_literally() {
    let (_dir, mut library) = temp_library();
    let korea = add(&mut library, new_clipping("https://x.test/ko", "Korean", "한국은행이 금리를 올렸다"));
    let underscore = add(&mut library, new_clipping("https://x.test/u", "Underscore", "값은 한_ 이다"));
    assert_eq!(found(&library, "한국"), vec![korea]);
    assert_eq!(found(&library, "한_"), vec![underscore], "not every 한 followed by one character");
    assert_eq!(found(&library, "한%"), Vec::<ClippingId>::new());
}

#[test]
fn the_index_stays_merged_as_clippings_are_saved_one_by_one() {
    let (_dir, mut library) = temp_library();
    let folder = library.create_folder(None, "Desk").unwrap();
    for i in 0..300 {
        let text = format!("Report number {i} on the harbour strike, with words w{i} and x{} in it.", i % 7);
        let mut new = new_clipping(&format!("https://example.com/{i}"), &format!("Story {i}"), &text);
        new.folder = (i % 3 == 0).then_some(folder);
        new.tags = vec![format!("t{}", i % 5)];
        add(&mut library, new);
    }
    // Each save adds a segment; the merge step that ends every save keeps at most a few per level (about 6 here).
    // Without it (FTS5's automatic merging is off), up to 15 would wait for a crisis merge.
    let (words, _) = library.index_segments().unwrap();
    assert!(words <= 10, "{words} segments after 300 saves");
    // What is found does not change.
    assert_eq!(library.search("harbour", 500).unwrap().len(), 300);
    assert_eq!(library.search("w123", 5).unwrap().len(), 1);
    assert_eq!(library.search("strike tag:t2", 500).unwrap().len(), 60);
    assert_eq!(library.search("x3 folder:Desk", 500).unwrap().len(), 15, "i = 3, 24, … 297");
    // Closing and opening again keeps it so.
    let path = library.path().to_path_buf();
    drop(library);
    let library = Library::open(&path).unwrap();
    assert_eq!(library.search("\"harbour strike\" tag:T4", 500).unwrap().len(), 60);
}

/// A two-syllable Korean word with a site filter is first tested, one clipping at a time, on the newest clippings;
/// when they do not fill the page the trigram table is scanned. Either way it finds exactly the live clippings of
/// that site that hold the word, newest first.
#[test]
fn a_short_korean_term_with_a_site_filter_finds_exactly_its_clippings() {
    let (_dir, mut library) = temp_library();
    let mut expected = Vec::new();
    let mut trashed = None;
    for i in 0..12 {
        let host = if i % 2 == 0 { "ledger.example.com" } else { "courier.example.net" };
        let text =
            if i % 3 != 1 { "물가 상승률은 둔화되고 있다" } else { "기준금리를 동결했다 prices" };
        let mut new = new_clipping(&format!("https://{host}/news/{i}"), &format!("Story {i}"), text);
        new.article.site_name = Some(if i % 2 == 0 { "The Morning Ledger" } else { "Daily Courier" }.into());
        let id = add(&mut library, new);
        if i == 6 {
            trashed = Some(id);
        } else if host.starts_with("ledger") && text.contains("물가") {
            expected.push(id);
        }
    }
    library.trash_clippings(&[trashed.unwrap()]).unwrap();
    expected.reverse();
    let in_order = |query: &str, limit: u32| -> Vec<ClippingId> {
        library.search(query, limit).unwrap().into_iter().map(|h| h.clipping.id).collect()
    };
    assert_eq!(expected.len(), 3, "clippings 0, 2 and 8 (6 is trashed)");
    assert_eq!(in_order("물가 site:ledger.example.com", 50), expected, "more than there are: the whole table");
    assert_eq!(in_order("물가 site:ledger.example.com", 1), expected[..1], "the newest fill the page");
    assert_eq!(in_order("물가 site:\"the morning ledger\"", 50), expected);
    assert_eq!(in_order("물가 site:courier.example.net", 2), in_order("물가 site:courier.example.net", 50)[..2]);
    assert_eq!(in_order("-물가 site:ledger.example.com", 1).len(), 1);
    assert!(in_order("물가 site:nowhere.example", 50).is_empty());
}

/// A phrase with a folder and a date: the folder is tested as an id set on each full-text match.
#[test]
fn a_phrase_with_a_folder_and_a_date_finds_exactly_its_clippings() {
    let (_dir, mut library) = temp_library();
    let desk = library.create_folder(None, "Desk 3").unwrap();
    let section = library.create_folder(Some(desk), "Section 3.1").unwrap();
    let other = library.create_folder(None, "Desk 4").unwrap();
    let mut expected = Vec::new();
    for (i, (folder, published, text)) in [
        (Some(desk), "2021-03-01", "Oil prices rose again today."),
        (Some(section), "2022-03-01", "The oil prices fell; oil prices, oil prices."),
        (Some(desk), "2019-03-01", "Oil prices rose in 2019."),
        (Some(other), "2023-03-01", "Oil prices rose elsewhere."),
        (None, "2023-03-01", "Oil prices rose in the inbox."),
        (Some(desk), "2023-03-01", "Prices of oil rose, not the phrase."),
    ]
    .into_iter()
    .enumerate()
    {
        let mut new = new_clipping(&format!("https://example.com/oil/{i}"), &format!("Story {i}"), text);
        new.folder = folder;
        new.article.published = Some(published.into());
        let id = add(&mut library, new);
        if i < 2 {
            expected.push(id);
        }
    }
    expected.sort();
    assert_eq!(found(&library, "\"oil prices\" folder:\"desk 3\" after:2020-01-01"), expected);
    let best = library.search("\"oil prices\" folder:\"desk 3\" after:2020-01-01", 1).unwrap();
    assert_eq!(best[0].clipping.id, expected[1], "the clipping with the phrase three times ranks first");
    assert_eq!(found(&library, "\"oil prices\" folder:\"desk 3\"").len(), 3);
    assert_eq!(found(&library, "\"oil prices\" folder:\"desk 3/section 3.1\""), expected[1..]);
}

#[test]
fn kind_filters_by_the_kind_of_page() {
    let (_dir, library, ids) = sample();
    assert_eq!(found(&library, "kind:forum"), [ids[3]]);
    assert_eq!(found(&library, "policy kind:article"), [ids[1]]);
    assert_eq!(found(&library, "policy -kind:article"), [ids[3]]);
    assert_eq!(found(&library, "kind:article kind:forum").len(), 4, "several kinds: any of them");
    assert!(matches!(library.search("kind:blog", 10), Err(StoreError::InvalidQuery { .. })));
}
