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

use super::content::Attempt;
use super::dom::{NO_PARENT, NodeIx};
use super::heuristics as h;
use super::kind::{is_post, is_thread_item};

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
/// "12 likes", "Click to expand...", "Last edited:"). One walk over the thread.
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
    }

    #[test]
    fn one_post_is_not_a_thread() {
        assert_eq!(root_text("<body><div class='message'>Only one.</div><p>Other.</p></body>"), None);
    }
}
