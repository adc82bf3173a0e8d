import Foundation
import Testing

@testable import AttacheInput

/// Pages written for these tests: invented text, the markup news sites use around it.
@Suite struct HTMLPageTests {
    static let page = """
        <!DOCTYPE html>
        <html lang="en"><head>
        <meta charset="utf-8">
        <title>Harbour talks open in Port Selwyn | The Coastal Ledger</title>
        <meta property="og:title" content="Harbour talks open in Port Selwyn">
        <meta property="article:published_time" content="2025-05-14T08:15:00+10:00">
        <link rel="canonical" href="https://news.example.org/world/harbour-talks">
        <meta property="og:site_name" content="The Coastal Ledger">
        <script>var tracking = "<p>not text</p>";</script>
        <style>p { color: red; }</style>
        </head>
        <body>
        <nav class="site-nav"><ul><li><a href="/">Home</a></li><li>World</li></ul></nav>
        <header><div class="logo">The Coastal Ledger</div></header>
        <div class="breadcrumb">World &gt; Pacific</div>
        <article>
          <header><h1>Harbour talks open</h1><time datetime="2025-05-13">13 May</time></header>
          <p>The defence minister of Norland, Ilse Varga, arrived in Port Selwyn on Tuesday for two days of talks.</p>
          <div class="share-buttons"><a>Share on social</a></div>
          <p>Both sides signed a memorandum on &ldquo;maritime cooperation&rdquo; &amp; training.<br>Officials called it a first step.</p>
          <figure><img src="x.jpg" alt="ships"><figcaption>Ships in the harbour.</figcaption></figure>
          <aside class="related"><h3>Related</h3><a>Older talks</a></aside>
          <p>Caf&eacute; owners&#8217; views were not sought&nbsp;&#x2014; nor were anyone else&apos;s.
          <p>An unclosed paragraph, then another.
          <section id="comments"><p>I disagree!</p></section>
          <div class="newsletter-signup"><form><input type="email"></form>Sign up</div>
        </article>
        <aside><p>Most read</p></aside>
        <footer><p>Copyright 2025</p></footer>
        <noscript><img src="pixel.gif"></noscript>
        </body></html>
        """

    @Test func readsTheArticleAndWhatTheHeadSays() {
        let page = HTMLPage.read(Array(Self.page.utf8))
        #expect(page.text == """
            The defence minister of Norland, Ilse Varga, arrived in Port Selwyn on Tuesday for two days of talks.

            Both sides signed a memorandum on \u{201C}maritime cooperation\u{201D} & training.
            Officials called it a first step.

            Ships in the harbour.

            Caf\u{E9} owners\u{2019} views were not sought \u{2014} nor were anyone else's.

            An unclosed paragraph, then another.
            """)
        #expect(page.title == "Harbour talks open in Port Selwyn")
        #expect(page.published == "2025-05-14")
        #expect(page.url == "https://news.example.org/world/harbour-talks")
        #expect(page.siteName == "The Coastal Ledger")
    }

    @Test func mainThenBodyWhenThereIsNoArticle() {
        let withMain = HTMLPage.read(Array("<body><div>Menu text</div><main><p>One.</p><p>Two.</p></main></body>".utf8))
        #expect(withMain.text == "One.\n\nTwo.")
        let bare = HTMLPage.read(Array("<html><body><nav>Skip</nav><h2>Heading</h2>Loose text<div>Block</div></body></html>".utf8))
        #expect(bare.text == "Heading\n\nLoose text\n\nBlock")
        #expect(bare.title == nil && bare.published == nil && bare.url == nil)
    }

    @Test func theLongestArticleWins() {
        let html = "<article><p>Short teaser.</p></article><article><p>The real story is longer than the teaser.</p></article>"
        #expect(HTMLPage.read(Array(html.utf8)).text == "The real story is longer than the teaser.")
    }

    @Test func datesFromJSONLDThenTimeElements() {
        let ld = """
            <title>T</title><script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2025-06-01",
            "datePublished" : "2025-05-30T10:00:00Z"}</script><article><p>Text.</p><time datetime="2025-01-01">x</time></article>
            """
        #expect(HTMLPage.read(Array(ld.utf8)).published == "2025-05-30")
        let time = "<body><article><p>Text.</p><time datetime=\"2024-11-02T10:00\">2 Nov</time></article></body>"
        #expect(HTMLPage.read(Array(time.utf8)).published == "2024-11-02")
        let bad = "<meta property=\"article:published_time\" content=\"None\"><p>Text.</p>"
        #expect(HTMLPage.read(Array(bad.utf8)).published == nil)
        let svgTitle = "<body><svg><title>icon</title></svg><p>Text.</p></body>"
        #expect(HTMLPage.read(Array(svgTitle.utf8)).title == nil)
    }

    @Test func classAndRoleSignals() {
        let html = """
            <article><p>Kept.</p><div class="commentary">Kept too.</div><div id="cookieBanner">No.</div>
            <div role="navigation">No.</div><div class="article-menu">No.</div><div hidden>No.</div>
            <div aria-hidden="true">No.</div><ul class="socialLinks"><li>No.</li></ul></article>
            """
        #expect(HTMLPage.read(Array(html.utf8)).text == "Kept.\n\nKept too.")
    }

    @Test func entities() {
        let html = "<p>&lt;a&gt; &AMP &amp x &unknown; &#0; &#x110000; &#150; &#65;&#x42; &copy; &Auml;&szlig; &</p>"
        #expect(HTMLPage.read(Array(html.utf8)).text == "<a> &AMP & x &unknown; \u{FFFD} \u{FFFD} \u{2013} AB \u{A9} \u{C4}\u{DF} &")
    }

    @Test func brokenMarkupEndsWithoutError() {
        for html in ["<", "<p", "<p class=\"x", "<!--", "<script>never closed", "<a href='x'>link", "</p></div>text", "&#", "&#x;",
                     "<article>open to the end", "<p>a</P><P>b</p>", "<SCRIPT>x</script >after"] {
            _ = HTMLPage.read(Array(html.utf8))
        }
        #expect(HTMLPage.read(Array("<article>open to the end".utf8)).text == "open to the end")
        #expect(HTMLPage.read(Array("<SCRIPT>x</script >after".utf8)).text == "after")
        #expect(HTMLPage.read(Array("<p>a</P><P>b</p>".utf8)).text == "a\n\nb")
    }

    /// Deep nesting and many tags stay linear: 200,000 unclosed divs and 100,000 stray end tags read quickly,
    /// and what is past the open-element limit is still read as text.
    @Test func deepAndLongPagesStayBounded() {
        var html = String(repeating: "<div>", count: 200_000) + "deep text"
        html += String(repeating: "</span>", count: 100_000)
        let start = Date()
        let page = HTMLPage.read(Array(html.utf8))
        #expect(page.text == "deep text")
        #expect(Date().timeIntervalSince(start) < 10)
        let nested = String(repeating: "<nav>", count: 300) + "hidden" + String(repeating: "</nav>", count: 300) + "<p>shown</p>"
        #expect(HTMLPage.read(Array(nested.utf8)).text == "shown")
    }
}
