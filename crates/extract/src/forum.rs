//! Reading a forum thread (a page of kind [`PageKind::Forum`](super::PageKind::Forum)): every post is the
//! content, so the body is the container that holds the posts, with the furniture around it dropped but the
//! comment-like classes of the posts kept.
//!
//! The article attempts pick the longest post (or the first), because posts are blocks of unequal length with
//! their authors and times between them. Here the posts are found by their markup instead (class tokens such as
//! `message`, `post-body`, `comment`, `reply`, or a microdata `Comment` / `DiscussionForumPosting` / `Answer`
//! item), and the thread is the ancestor that holds most of them. A `DiscussionForumPosting` item holding its
//! replies as items inside it, as schema.org lays a thread out, is the thread rather than one post that swallows
//! them. Linear: each post adds to a few ancestors.
//!
//! A reply often shows again what it answers: a quote of an earlier post, or a preview of it above the reply. A
//! reader takes each post in once, so text that the thread showed before is dropped where it comes again
//! ([`drop_repeated_copies`]).

use super::content::Attempt;
use super::dom::{NO_PARENT, NodeIx};
use super::heuristics as h;
use super::kind::{is_post, is_thread_item};
use std::collections::HashMap;

/// Ancestors of a post, from its parent up, that may be the thread container.
const THREAD_LEVELS: usize = 4;
/// A thread holds at least this many posts.
pub const MIN_THREAD_POSTS: usize = 2;

/// The container of the thread's posts in `attempt` (after its furniture was dropped): the ancestor within
/// [`THREAD_LEVELS`] of the posts that holds the most of them, the deepest on a tie. `None` when fewer than
/// [`MIN_THREAD_POSTS`] posts are found.
pub fn thread_root(attempt: &Attempt<'_, '_>) -> Option<NodeIx> {
    let nodes = &attempt.dom.nodes;
    let mut holds = vec![0u32; nodes.len()];
    // Posts nested in posts (a post's body inside its frame) count once, by their outermost post.
    let mut inside_post = vec![false; nodes.len()];
    let mut posts = 0;
    for (ix, node) in nodes.iter().enumerate() {
        let parent = node.parent;
        let parent_inside = parent != NO_PARENT && inside_post[parent];
        if node.is_text() || attempt.removed[ix] {
            inside_post[ix] = parent_inside;
            continue;
        }
        let post = !parent_inside && is_post(node);
        // The thread as one item (a `DiscussionForumPosting` whose replies are `Comment` items inside it, as
        // schema.org lays a thread out) counts as its opening post without swallowing the replies.
        inside_post[ix] = parent_inside || (post && !is_thread_item(node));
        if !post {
            continue;
        }
        posts += 1;
        let mut ancestor = parent;
        for _ in 0..THREAD_LEVELS {
            if ancestor == NO_PARENT {
                break;
            }
            holds[ancestor] += 1;
            ancestor = nodes[ancestor].parent;
        }
    }
    if posts < MIN_THREAD_POSTS {
        return None;
    }
    // Deepest wins a tie: later nodes in document order with the same count are deeper or later siblings; keep
    // the first strict maximum, then prefer a descendant that holds as many.
    let most = holds.iter().copied().max().unwrap_or(0);
    if (most as usize) < MIN_THREAD_POSTS {
        return None;
    }
    let mut root = NO_PARENT;
    for (ix, &count) in holds.iter().enumerate() {
        if count == most && (root == NO_PARENT || nodes[ix].depth > nodes[root].depth) {
            root = ix;
        }
    }
    (root != NO_PARENT).then_some(root)
}

/// Drops the furniture of each post below the thread's `root`: the poster's details beside the post (name, title,
/// post count, join date), signatures, reaction bars, quotes of earlier posts (by class and id,
/// [`h::POST_CHROME_HINT`]), and lines that only count or date ([`h::POST_CHROME_TEXT`]: "1,204", "Oct 3, 2024",
/// "12 likes", "Click to expand...", "Last edited:"); then the copies of earlier posts that replies show again
/// ([`drop_repeated_copies`]). One walk over the thread, and one for the copies.
pub fn drop_post_chrome(attempt: &mut Attempt<'_, '_>, root: NodeIx) {
    let nodes = &attempt.dom.nodes;
    for ix in attempt.subtree(&[root]) {
        if ix == root || attempt.removed[ix] {
            continue;
        }
        let node = &nodes[ix];
        let parent = node.parent;
        if parent != NO_PARENT && attempt.removed[parent] {
            attempt.removed[ix] = true;
            continue;
        }
        attempt.removed[ix] = if node.is_text() {
            h::POST_CHROME_TEXT.is_match(node.text.trim())
        } else {
            !node.hints.is_empty()
                && !is_post(node)
                && attempt.stats[ix].chars < attempt.stats[root].chars / 2
                && h::POST_CHROME_HINT.is_match(&node.hints)
        };
    }
    attempt.count();
    drop_repeated_copies(attempt, &[root]);
    keep_posters_and_times(attempt, root);
}

/// Brings back, in each post below `root`, who wrote it and when, which a reader of a thread follows it by: the
/// post's first element naming its writer ([`h::POSTER_NAME_TOKEN`]) and its first `<time>`, each of at most
/// [`h::POSTER_LINE_MAX_CHARS`], outside quotes and ahead of the post's text that stays, with the ancestors that lead
/// to them (their other children stay dropped: the poster's title, post count and join date). A post is the nearest
/// element that [`is_post`] names.
/// Linear: one walk over the thread, and one over each kept element and its ancestors.
fn keep_posters_and_times(attempt: &mut Attempt<'_, '_>, root: NodeIx) {
    let nodes = &attempt.dom.nodes;
    let order = attempt.subtree(&[root]);
    // Per node: the nearest post holding it (or NO_PARENT), and whether a quote holds it.
    let mut post_of = vec![NO_PARENT; nodes.len()];
    let mut in_quote = vec![false; nodes.len()];
    // Per post: its writer's element and its time, once found. A writer's element holding another (a poster's
    // card marked `itemprop=author` around the name, the title and the post count) gives way to the inner one.
    let mut writer = vec![NO_PARENT; nodes.len()];
    let mut time = vec![NO_PARENT; nodes.len()];
    // Per post: whether text of it that stays came already (who and when head a post: a time after its text is
    // the note of an edit), and the post holding it. The initials that stand for a missing avatar are no text.
    let mut read = vec![false; nodes.len()];
    let mut outer_post = vec![NO_PARENT; nodes.len()];
    for &ix in &order {
        let node = &nodes[ix];
        let parent = node.parent;
        let inherited = if ix == root || parent == NO_PARENT { NO_PARENT } else { post_of[parent] };
        let quoted = ix != root && parent != NO_PARENT && in_quote[parent];
        if node.is_text() {
            let mut post = inherited;
            let words = !attempt.removed[ix] && node.text.trim().chars().nth(h::AVATAR_INITIALS_MAX_CHARS).is_some();
            while post != NO_PARENT && !read[post] && words {
                read[post] = true;
                post = outer_post[post];
            }
            continue;
        }
        post_of[ix] = if is_post(node) {
            outer_post[ix] = inherited;
            ix
        } else {
            inherited
        };
        in_quote[ix] = quoted || node.tag == "blockquote" || node.hints.contains(h::QUOTE_MARK);
        let post = post_of[ix];
        if post == NO_PARENT || post == ix || in_quote[ix] || read[post] {
            continue;
        }
        if node.tag == "time" && time[post] == NO_PARENT && is_short_line(attempt, ix) {
            time[post] = ix;
        }
        let names =
            !node.hints.is_empty() && node.hints.split_whitespace().any(|token| h::POSTER_NAME_TOKEN.is_match(token));
        if names && (writer[post] == NO_PARENT || holds(attempt, writer[post], ix)) && is_short_line(attempt, ix) {
            writer[post] = ix;
        }
    }
    let kept: Vec<NodeIx> = writer
        .iter()
        .map(|&card| first_line(attempt, card))
        .chain(time.iter().copied())
        .filter(|&ix| ix != NO_PARENT)
        .collect();
    if kept.is_empty() {
        return;
    }
    let mut changed = false;
    for &ix in &kept {
        for inner in attempt.subtree(&[ix]) {
            changed |= std::mem::replace(&mut attempt.removed[inner], false);
        }
        let mut ancestor = nodes[ix].parent;
        while ancestor != NO_PARENT && attempt.removed[ancestor] {
            attempt.removed[ancestor] = false;
            changed = true;
            if ancestor == root {
                break;
            }
            ancestor = nodes[ancestor].parent;
        }
    }
    if changed {
        attempt.count();
    }
}

/// The element of `card` (a post's writer) that shows its first line: from `card` down to its first child with
/// text while it has several (a poster's card holding the name, then the post count and the join date), and not
/// past an element whose text opens with words of its own ("by ann"). `NO_PARENT` stays `NO_PARENT`.
fn first_line(attempt: &Attempt<'_, '_>, card: NodeIx) -> NodeIx {
    let dom = attempt.dom;
    let mut current = card;
    while current != NO_PARENT {
        let mut with_text = dom.children(current).iter().copied().filter(|&child| shows_text(attempt, child));
        match (with_text.next(), with_text.next()) {
            (Some(first), Some(_)) if !dom.nodes[first].is_text() => current = first,
            _ => break,
        }
    }
    current
}

/// Whether the page shows any text below `ix` (or at it), removed or not.
fn shows_text(attempt: &Attempt<'_, '_>, ix: NodeIx) -> bool {
    let mut stack = vec![ix];
    while let Some(current) = stack.pop() {
        let node = &attempt.dom.nodes[current];
        if node.is_text() {
            if !node.text.trim().is_empty() {
                return true;
            }
        } else {
            stack.extend(attempt.dom.children(current));
        }
    }
    false
}

/// Whether `ancestor` holds `ix` (or is it).
fn holds(attempt: &Attempt<'_, '_>, ancestor: NodeIx, mut ix: NodeIx) -> bool {
    let nodes = &attempt.dom.nodes;
    while ix != NO_PARENT && nodes[ix].depth >= nodes[ancestor].depth {
        if ix == ancestor {
            return true;
        }
        ix = nodes[ix].parent;
    }
    false
}

/// Whether the page shows text below `ix`, removed or not, and at most [`h::POSTER_LINE_MAX_CHARS`] of it
/// (whitespace left out). Stops reading once past that.
fn is_short_line(attempt: &Attempt<'_, '_>, ix: NodeIx) -> bool {
    let mut chars = 0;
    let mut stack = vec![ix];
    while let Some(current) = stack.pop() {
        let node = &attempt.dom.nodes[current];
        if node.is_text() {
            chars += node.text.chars().filter(|c| !c.is_whitespace()).count();
            if chars > h::POSTER_LINE_MAX_CHARS {
                return false;
            }
        } else {
            stack.extend(attempt.dom.children(current));
        }
    }
    chars > 0
}

/// Drops below `roots` (a thread's container of posts, or the parts of a thread an attempt chose) the copies of
/// text shown earlier in the thread. A block without blocks below it repeats earlier text when most of its runs of
/// words came before ([`h::COPY_BLOCK_SHARE`]); it goes, and so does any element all of whose words lie in such
/// blocks: a quote's paragraphs, the preview of the post a reply answers, a signature set under every post, a
/// title repeated over every post. A quote-shaped element ([`h::QUOTE_MARK`]) goes whole, its attribution ("ann
/// wrote:") with it, when most of its words lie in such blocks ([`h::COPY_QUOTE_SHARE`]). The first showing stays;
/// a quote of a post that the page does not show repeats nothing and stays too. Linear: the words are read once,
/// each run of [`h::COPY_RUN_WORDS`] words looked up once, and each node's counts summed into its parent's.
pub fn drop_repeated_copies(attempt: &mut Attempt<'_, '_>, roots: &[NodeIx]) {
    let nodes = &attempt.dom.nodes;
    let order = attempt.subtree(roots);
    let is_root = attempt.root_marks(roots);
    // The thread's live words in document order, each a hash of its letters and digits, and per node the span of
    // its words (the order is parents first, so an element's span ends where its last descendant's does).
    let mut words: Vec<u64> = Vec::new();
    let mut spans = vec![[0usize; 2]; nodes.len()];
    let mut dead = vec![false; nodes.len()];
    for &ix in &order {
        let node = &nodes[ix];
        let parent = node.parent;
        dead[ix] = attempt.removed[ix] || (!is_root[ix] && parent != NO_PARENT && dead[parent]);
        spans[ix][0] = words.len();
        if !dead[ix] && node.is_text() {
            push_words(&mut words, node.text);
        }
        spans[ix][1] = words.len();
    }
    for &ix in order.iter().rev() {
        let parent = nodes[ix].parent;
        if !is_root[ix] && parent != NO_PARENT {
            spans[parent][1] = spans[parent][1].max(spans[ix][1]);
        }
    }
    // Per run of words: where the same run first comes in the thread.
    let run = h::COPY_RUN_WORDS;
    let mut first_seen: HashMap<&[u64], usize> = HashMap::with_capacity(words.len());
    let first: Vec<usize> =
        words.windows(run).enumerate().map(|(at, words)| *first_seen.entry(words).or_insert(at)).collect();
    // Whether the words of `span` came earlier in the thread: at least `share` of its runs did.
    let repeated = |[start, end]: [usize; 2], share: f32| {
        if end < start + h::COPY_MIN_WORDS.max(run) {
            return false;
        }
        let runs = first.get(start..=end - run).unwrap_or_default();
        let earlier = runs.iter().filter(|&&at| at + run <= start).count();
        !runs.is_empty() && earlier as f32 >= runs.len() as f32 * share
    };
    // Bottom-up: the words of each node that lie in blocks repeating earlier text.
    let mut copied = vec![0usize; nodes.len()];
    for &ix in order.iter().rev() {
        let node = &nodes[ix];
        if dead[ix] || node.is_text() {
            continue;
        }
        let [start, end] = spans[ix];
        if node.block
            && !attempt.stats[ix].has_block
            && !h::COPY_KEPT_TAGS.contains(&node.tag)
            && repeated(spans[ix], h::COPY_BLOCK_SHARE)
        {
            copied[ix] = end - start;
        }
        if !is_root[ix] && node.parent != NO_PARENT {
            copied[node.parent] += copied[ix];
        }
    }
    // Top-down: a quote-shaped block made mostly of copies goes whole, any other copy by itself.
    let mut dropped = false;
    for &ix in &order {
        let node = &nodes[ix];
        if is_root[ix] || dead[ix] {
            continue;
        }
        if node.parent != NO_PARENT && dead[node.parent] {
            dead[ix] = true;
            continue;
        }
        if node.is_text() || copied[ix] == 0 {
            continue;
        }
        let [start, end] = spans[ix];
        let quote = node.tag == "blockquote" || node.hints.contains(h::QUOTE_MARK);
        let copy = if quote {
            copied[ix] as f32 >= (end - start) as f32 * h::COPY_QUOTE_SHARE
        } else {
            copied[ix] == end - start
        };
        if copy {
            attempt.removed[ix] = true;
            dead[ix] = true;
            dropped = true;
        }
    }
    if dropped {
        attempt.count();
    }
}

/// Offset basis and prime of the 64-bit FNV-1a hash, with which [`push_words`] hashes words.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// See [`FNV_OFFSET`].
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// Appends the words of `text` (runs of letters and digits, lower-cased) to `words`, each as a hash of its letters.
fn push_words(words: &mut Vec<u64>, text: &str) {
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                hash = (hash ^ u64::from(lower)).wrapping_mul(FNV_PRIME);
            }
            in_word = true;
        } else if in_word {
            words.push(hash);
            hash = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        words.push(hash);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;
    use crate::content::Flags;
    use crate::dom::Dom;
    use scraper::Html;
    use url::Url;

    fn root_text(page: &str) -> Option<String> {
        let doc = Html::parse_document(page);
        let url = Url::parse("https://forum.example/t/1").unwrap();
        let dom = Dom::build(&doc, &url, &Budget::default()).unwrap();
        let flags = Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
            keep_comments: true,
            drop_reviews: false,
            drop_signup_boxes: false,
        };
        let mut attempt = Attempt::new(&dom, flags);
        attempt.drop_furniture();
        thread_root(&attempt).map(|root| attempt.text_of(root))
    }

    #[test]
    fn the_thread_is_the_container_of_all_posts() {
        let post = |who: &str, what: &str| {
            format!("<div class='comment'><span class='author'>{who}</span><div class='post-body'>{what}</div></div>")
        };
        let page = format!(
            "<body><nav><a href='/'>Home</a></nav><div class='topic'><h1>Question</h1><div class='posts'>{}{}{}</div>\
             </div><aside>Related topics</aside></body>",
            post("ann", "First, a short question."),
            post(
                "bob",
                "A much longer answer that would win the article scoring on its own, with commas, clauses, and more."
            ),
            post("cy", "Thanks!")
        );
        let text = root_text(&page).unwrap();
        for part in ["ann", "First, a short question.", "bob", "A much longer answer", "cy", "Thanks!"] {
            assert!(text.contains(part), "{part} missing from {text}");
        }
        assert!(!text.contains("Home") && !text.contains("Related"));
    }

    #[test]
    fn a_thread_item_holding_its_replies_is_not_one_post() {
        let reply = |who: &str, what: &str| {
            format!(
                "<div itemprop='comment' itemscope itemtype='http://schema.org/Comment'><span>{who}</span>\
                 <div itemprop='text'><p>{what}</p></div></div>"
            )
        };
        let page = format!(
            "<body><div id='main' role='main'><div itemscope itemtype='http://schema.org/DiscussionForumPosting'>\
             <h1 itemprop='headline'>Which chain?</h1><div class='opening'><p>Can we keep the long chain?</p></div>\
             {}{}</div></div><div class='footer-links'>About</div></body>",
            reply("mike", "Have you seen the announcement?"),
            reply("ann", "The long chain goes away in June.")
        );
        let text = root_text(&page).unwrap();
        for part in ["Can we keep the long chain?", "mike", "Have you seen", "The long chain goes away"] {
            assert!(text.contains(part), "{part} missing from {text}");
        }
    }

    #[test]
    fn the_note_of_an_edit_goes_with_the_posts_chrome() {
        let post = |what: &str, note: &str| {
            format!("<div class='message'><div class='post-body'><p>{what}</p></div><div>{note}</div></div>")
        };
        let page = format!(
            "<body><div class='thread'>{}{}</div></body>",
            post("The fork needs a new seal, I think.", "Last edited: <time>Sep 13, 2024</time>"),
            post("Try the cheaper seal first; last edited the list of parts.", "last edited by ann")
        );
        let doc = Html::parse_document(&page);
        let url = Url::parse("https://forum.example/t/1").unwrap();
        let dom = Dom::build(&doc, &url, &Budget::default()).unwrap();
        let mut attempt = Attempt::new(&dom, crate::reading::FORUM_ATTEMPTS[1]);
        let root = thread_root(&attempt).unwrap();
        drop_post_chrome(&mut attempt, root);
        let text = attempt.text_of(root);
        assert!(text.contains("new seal") && text.contains("last edited the list of parts"), "{text}");
        assert!(!text.contains("Last edited:") && !text.contains("by ann"), "{text}");
        // The time of an edit comes after the post's text: it is not the post's time.
        assert!(!text.contains("Sep 13, 2024"), "{text}");
    }

    #[test]
    fn each_post_keeps_who_wrote_it_and_when_but_not_the_posters_details() {
        let post = |who: &str, title: &str, when: &str, what: &str| {
            format!(
                "<article class='message message--post'><div class='message-cell message-cell--user'>\
                 <section class='message-user' itemprop='author'><div class='message-userDetails'>\
                 <h4 class='message-name'><a class='username' href='/members/{who}'>{who}</a></h4>\
                 <h5 class='userTitle'>{title}</h5></div><div class='message-userExtras'><dl><dt>Joined</dt>\
                 <dd>Jun 29, 2016</dd></dl><dl><dt>Messages</dt><dd>1,204</dd></dl></div></section></div>\
                 <div class='message-main'><header class='message-attribution'><time datetime='2024-01-10'>{when}\
                 </time></header><div class='message-body'><p>{what}</p></div></div></article>"
            )
        };
        let page = format!(
            "<body><div class='block-body'>{}{}</div></body>",
            post("kevin", "Well-known member", "Jan 10, 2024", "Who knows, maybe this will help spur some sales."),
            post("irene", "Legend", "Jan 11, 2024", "Colour me clueless: they did not mention the old cameras?")
        );
        let text = read_thread(&page);
        assert_eq!(
            text,
            "kevin\n\nJan 10, 2024\n\nWho knows, maybe this will help spur some sales.\n\nirene\n\nJan 11, 2024\n\n\
             Colour me clueless: they did not mention the old cameras?"
        );
    }

    #[test]
    fn a_posters_card_gives_only_its_first_line() {
        let post = |who: &str, what: &str| {
            format!(
                "<div class='message'><div class='card__user-info' itemprop='author'><div class='card__name'>\
                 <a href='/members/{who}'>{who}</a></div><div class='card__details'><span>16,287 posts</span>\
                 <span>Joined 2012</span></div></div><div class='post-body'><p>{what}</p></div></div>"
            )
        };
        let page = format!(
            "<body><div class='thread'>{}{}</div></body>",
            post("eb1888", "Good bikes with an air fork cost more than you think."),
            post("wolfmw", "Both entry bikes are decent; I have one of each for my kids.")
        );
        let text = read_thread(&page);
        assert!(text.contains("eb1888") && text.contains("wolfmw"), "{text}");
        assert!(!text.contains("posts") && !text.contains("Joined"), "{text}");
    }

    /// The text of the thread in `page` as the thread's reading renders it ([`crate::reading::forum_thread`]):
    /// furniture dropped, then the posts' chrome and copies.
    fn read_thread(page: &str) -> String {
        let doc = Html::parse_document(page);
        let url = Url::parse("https://forum.example/t/1").unwrap();
        let dom = Dom::build(&doc, &url, &Budget::default()).unwrap();
        let (attempt, roots) = crate::reading::forum_thread(&dom).unwrap();
        crate::render::text(&attempt, &roots)
    }

    /// The text of the thread in `page` as its reading leaves it: the posts' container, chrome and copies dropped.
    fn thread_text(page: &str) -> String {
        let doc = Html::parse_document(page);
        let url = Url::parse("https://forum.example/t/1").unwrap();
        let dom = Dom::build(&doc, &url, &Budget::default()).unwrap();
        let mut attempt = Attempt::new(&dom, crate::reading::FORUM_ATTEMPTS[1]);
        let root = thread_root(&attempt).unwrap();
        drop_post_chrome(&mut attempt, root);
        attempt.text_of(root)
    }

    const OPENING: &str = "The fork on my old bike leaks oil after every long ride, and the seals look fine to me.";
    const ADVICE: &str = "Check the stanchions for scratches first, since a scratch wears a new seal out within weeks.";

    #[test]
    fn a_quote_repeating_an_earlier_post_goes_with_its_attribution() {
        let post = |what: &str| format!("<div class='message'><div class='post-body'>{what}</div></div>");
        let page = format!(
            "<body><div class='thread'>{}{}{}</div></body>",
            post(&format!("<p>{OPENING}</p>")),
            post(&format!("<p>{ADVICE}</p>")),
            post(&format!(
                "<blockquote class='ipsQuote'><div class='ipsQuote_citation'>Yesterday, bob said:</div>\
                 <div class='ipsQuote_contents'><p>{ADVICE}</p></div></blockquote>\
                 <div class='quotebox'><cite>ann wrote:</cite><blockquote><p>{OPENING}</p></blockquote></div>\
                 <p>Thanks, there was a deep scratch on the left stanchion.</p>"
            ))
        );
        let text = thread_text(&page);
        assert_eq!(text.matches("Check the stanchions").count(), 1, "{text}");
        assert_eq!(text.matches("The fork on my old bike").count(), 1, "{text}");
        assert!(text.contains("deep scratch") && !text.contains("bob said") && !text.contains("ann wrote"), "{text}");
        assert!(text.find("Check the stanchions") < text.find("deep scratch"), "the first showing stays: {text}");
    }

    #[test]
    fn a_preview_of_the_post_a_reply_answers_goes_but_a_quote_of_a_post_not_shown_stays() {
        let page = format!(
            "<body><div class='thread'><div class='message'><div class='post-body'><p>{OPENING}</p></div></div>\
             <div class='message'><div class='parent-preview'><a href='/u/ann'>ann</a><div class='clamp'>\
             <p>{OPENING}</p></div></div><div class='post-body'><p>{ADVICE}</p></div></div>\
             <div class='message'><div class='post-body'><blockquote><p>A seal kit costs less than a tank of fuel, \
             as someone said on the last page.</p></blockquote><p>Ordered one.</p></div></div></div></body>"
        );
        let text = thread_text(&page);
        assert_eq!(text.matches("The fork on my old bike").count(), 1, "{text}");
        assert!(text.contains("Check the stanchions") && text.contains("A seal kit costs less"), "{text}");
    }

    #[test]
    fn a_signature_goes_after_its_first_showing_but_code_posted_again_and_short_lines_stay() {
        let code = "fork.seal = Seal::new(32, 42);\nfork.oil = Oil::weight(10);";
        let signature = "<p>Riding the same old bike since 1998, and counting.</p>";
        let post = |what: &str| {
            format!("<div class='message'><div class='post-body'>{what}<p>Cheers!</p>{signature}</div></div>")
        };
        let page = format!(
            "<body><div class='thread'>{}{}</div></body>",
            post(&format!("<p>{OPENING}</p><pre>{code}</pre>")),
            post(&format!("<p>{ADVICE}</p><pre>{code}</pre>"))
        );
        let text = thread_text(&page);
        assert_eq!(text.matches("Riding the same old bike").count(), 1, "{text}");
        assert_eq!(text.matches("Seal::new").count(), 2, "{text}");
        assert_eq!(text.matches("Cheers!").count(), 2, "{text}");
    }

    #[test]
    fn one_post_is_not_a_thread() {
        assert_eq!(root_text("<body><div class='message'>Only one.</div><p>Other.</p></body>"), None);
    }
}
