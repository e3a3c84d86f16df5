// The checks run by run.mjs. Each takes { context, url, shotDir, errors }
// and throws on failure.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

async function open(context, url, page, width = 1400, height = 900) {
  const tab = await context.newPage();
  await tab.setViewportSize({ width, height });
  await tab.goto(url(page));
  return tab;
}

// An element's words, without its buttons (note numbers, close) or back links.
async function textOf(tab, selector) {
  return tab.evaluate((sel) => {
    const copy = document.querySelector(sel).cloneNode(true);
    for (const el of copy.querySelectorAll("button, .backref")) el.remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  }, selector);
}

// A small mdBook book built with the binary under test: its one chapter's
// address (file://).
function buildBook(chapter) {
  const bin = process.env.GLOSSATOR_BIN;
  assert.ok(bin, "GLOSSATOR_BIN is not set");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glossator-book-"));
  fs.mkdirSync(path.join(dir, "src"));
  fs.writeFileSync(path.join(dir, "book.toml"), '[book]\ntitle = "Code"\n');
  fs.writeFileSync(path.join(dir, "src/SUMMARY.md"), "# Summary\n\n- [One](one.md)\n");
  fs.writeFileSync(path.join(dir, "src/one.md"), chapter);
  const run = spawnSync(bin, ["build", "-q", dir], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  // An mdBook book builds into `book/`, as mdBook does.
  return pathToFileURL(path.join(dir, "book/one.html")).href;
}

export const checks = [
  ["code: without JavaScript, hidden lines are shown, faded, as mdBook shows them", async ({ context }) => {
    const page = buildBook("# One\n\n```rust\n# fn main() {\nlet x = 1;\n# }\n```\n");
    const noScript = await context.browser().newContext({ javaScriptEnabled: false });
    try {
      const tab = await noScript.newPage();
      await tab.goto(page);
      const code = tab.locator("pre code").first();
      assert.match(await code.innerText(), /fn main\(\) \{\s+let x = 1;\s+\}/);
      const opacity = await tab.locator(".boring").first().evaluate((el) => getComputedStyle(el).opacity);
      assert.ok(Number(opacity) < 1, `hidden lines are faded (opacity ${opacity})`);
      assert.equal(await tab.getByRole("button", { name: "Show hidden lines" }).count(), 0);
    } finally {
      await noScript.close();
    }
  }],
  ["code: hidden lines stay hidden until the block's button shows them, and in print", async ({ context, shotDir }) => {
    const page = buildBook("# One\n\n```rust,ignore\n# fn main() {\nlet x = 1;\n# }\n```\n");
    const tab = await context.newPage();
    await tab.setViewportSize({ width: 1000, height: 800 });
    await tab.goto(page);
    const pre = tab.locator("pre").first();
    const code = tab.locator("pre code").first();
    const height = async () => (await pre.boundingBox()).height;
    assert.equal((await code.innerText()).trim(), "let x = 1;");
    const hidden = await height();
    const button = tab.getByRole("button", { name: "Show hidden lines" });
    assert.equal(await button.getAttribute("aria-pressed"), "false");
    await button.focus();
    await tab.keyboard.press("Enter");
    assert.equal(await button.getAttribute("aria-pressed"), "true");
    assert.match(await code.innerText(), /fn main\(\) \{\s+let x = 1;\s+\}/);
    const shown = await height();
    assert.ok(shown > hidden + 20, `the block grew from ${hidden}px to ${shown}px only`);
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "code-hidden-lines.png") });
    await tab.emulateMedia({ media: "print" });
    assert.ok(!(await tab.locator(".boring").first().isVisible()), "print leaves hidden lines out");
    assert.ok(!(await button.isVisible()), "print has no button");
    await tab.emulateMedia({ media: "screen" });
    // Print hid the button, which took the focus with it.
    await button.focus();
    await tab.keyboard.press("Space");
    assert.equal(await button.getAttribute("aria-pressed"), "false");
    assert.equal(await height(), hidden);
  }],
  ["sidebar lists every chapter and marks the current one (file://)", async ({ context, url, shotDir }) => {
    const tab = await open(context, url, "article-2-3.html");
    const current = tab.locator('#gl-sidebar a[aria-current="page"]');
    await assert.doesNotReject(current.waitFor());
    assert.match(await current.innerText(), /Article 2\(3\)/);
    const count = await tab.locator("#gl-sidebar a").count();
    assert.ok(count >= 15, `only ${count} links in the sidebar`);
    const href = await tab.locator("#gl-sidebar a").first().getAttribute("href");
    assert.equal(href, "index.html");
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "chapter-1400.png") });
  }],
  ["instrument contents: folded by chapter, the text within the first screen, unfolding shows the articles", async ({ context, url }) => {
    const tab = await open(context, url, "instruments/un-charter.html", 1440, 900);
    try {
      const nav = tab.locator(".instrument-contents");
      const folded = await nav.boundingBox();
      assert.ok(folded.height < 80, `folded contents ${folded.height}px tall`);
      const preamble = await tab.locator("#preamble").boundingBox();
      assert.ok(preamble.y < 900, `the Preamble starts at ${preamble.y}px`);
      await nav.locator("summary").first().click();
      const chapters = await nav.locator(":scope > details > ul > li > details").count();
      assert.equal(chapters, 19, "the Charter's chapters");
      const open = await nav.boundingBox();
      assert.ok(open.height < 900, `unfolded to its chapters: ${open.height}px`);
      await nav.locator("details details summary").first().click();
      assert.ok(await nav.locator("a[href='#art_2']").isVisible(), "Chapter I unfolds to its articles");
    } finally {
      await tab.close();
    }
  }],
  ["sidebar links work from a nested page", async ({ context, url }) => {
    const tab = await open(context, url, "instruments/un-charter.html");
    const first = tab.locator("#gl-sidebar a").first();
    assert.equal(await first.getAttribute("href"), "../index.html");
    await first.click();
    assert.match(tab.url(), /\/index\.html$/);
  }],
  ["phone width: the contents panel opens from the top bar and Escape closes it", async ({ context, url, shotDir }) => {
    const tab = await open(context, url, "introduction.html", 400, 800);
    const toggle = tab.locator("#gl-sidebar-toggle");
    assert.ok(await toggle.isVisible());
    assert.ok(!(await tab.locator("#gl-sidebar").isVisible()));
    await toggle.click();
    await tab.locator("#gl-sidebar.open").waitFor();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "sidebar-400.png") });
    await tab.keyboard.press("Escape");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  }],
  ["theme toggle switches to dark and is remembered", async ({ context, url }) => {
    const tab = await open(context, url, "introduction.html");
    const bg = () => tab.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await bg();
    await tab.locator("#gl-theme-toggle").click();
    assert.equal(await tab.evaluate(() => document.documentElement.dataset.theme), "dark");
    assert.notEqual(await bg(), light);
    await tab.reload();
    assert.equal(await tab.evaluate(() => document.documentElement.dataset.theme), "dark");
  }],
  ["arrow keys move between chapters", async ({ context, url }) => {
    const tab = await open(context, url, "introduction.html");
    await tab.keyboard.press("ArrowRight");
    await tab.waitForURL(/what-is-the-iom\.html$/);
    await tab.keyboard.press("ArrowLeft");
    await tab.waitForURL(/introduction\.html$/);
  }],
  ["skip link moves focus to the text", async ({ context, url }) => {
    const tab = await open(context, url, "introduction.html");
    await tab.keyboard.press("Tab");
    const focused = await tab.evaluate(() => document.activeElement.className);
    assert.equal(focused, "skip-link");
    await tab.keyboard.press("Enter");
    assert.equal(await tab.evaluate(() => document.activeElement.id), "gl-content");
  }],
  ["hovering a citation shows the article's text; following it lands on the unit", async ({ context, url, shotDir }) => {
    const tab = await open(context, url, "what-is-the-iom.html");
    const cite = tab.locator('a.cite[data-unit="un-charter/103"]').first();
    await cite.hover();
    const card = tab.locator(".preview-card");
    await card.waitFor();
    assert.match(await card.innerText(), /In the event of a conflict between the obligations/);
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "citation-preview.png") });
    await tab.keyboard.press("Escape");
    assert.equal(await card.count(), 0);
    await cite.click();
    await tab.waitForURL(/instruments\/un-charter\.html#art_103$/);
    const target = await tab.evaluate(() => document.querySelector(":target").id);
    assert.equal(target, "art_103");
  }],
  ["keyboard focus on a citation shows the card too", async ({ context, url }) => {
    const tab = await open(context, url, "what-is-the-iom.html");
    await tab.locator('a.cite[data-unit="un-charter/55(c)"]').focus();
    assert.match(await tab.locator(".preview-card").innerText(), /universal respect for, and observance of, human rights/);
    assert.equal(await tab.locator('a.cite[data-unit="un-charter/55(c)"]').getAttribute("aria-describedby"), "preview-card");
  }],
  ["the Cited in list of a unit links back to the citing sentence", async ({ context, url }) => {
    const tab = await open(context, url, "instruments/un-charter.html#art_103");
    const back = tab.locator("#art_103 ~ .cited-in a").first();
    const href = await back.getAttribute("href");
    assert.match(href, /^\.\.\/what-is-the-iom\.html#cite-\d+$/);
    await back.click();
    const id = href.split("#")[1];
    assert.equal(await tab.evaluate(() => location.hash.slice(1)), id);
    assert.equal(await tab.locator("#" + id).getAttribute("data-unit"), "un-charter/103");
  }],
  ["wide screen: every note stands beside its reference in the right margin, or right after its paragraph when the margin is full; none far from its reference, none overlapping", async ({ context, url, shotDir }) => {
    const tab = await open(context, url, "article-2-2.html", 1400, 900);
    await tab.evaluate(() => document.fonts.ready);
    const layout = () => tab.evaluate(() => {
      const article = document.querySelector("article.chapter").getBoundingClientRect();
      const notes = [...document.querySelectorAll(".footnotes li[id^='fn-']")];
      return notes.map((li) => {
        const n = li.id.slice(3);
        const ref = document.querySelector(`sup.fnref > a[href="#fn-${n}"]`).parentElement.getBoundingClientRect();
        const side = document.querySelectorAll(`aside.sidenote[aria-label="Note ${n}"]`);
        const box = side.length ? side[0].getBoundingClientRect() : null;
        const text = (el) => el.textContent.replace(/↩/g, "").replace(/\s+/g, " ").trim();
        // The paragraph (a block of the chapter) that cites the note, and
        // whether the note follows it, past only other notes.
        const chapterEl = document.querySelector("article.chapter");
        let block = document.querySelector(`sup.fnref > a[href="#fn-${n}"]`);
        while (block.parentElement && block.parentElement !== chapterEl) block = block.parentElement;
        let follows = false;
        for (let x = block.nextElementSibling; x && x.matches("aside.sidenote"); x = x.nextElementSibling) {
          if (x === side[0]) follows = true;
        }
        return {
          inline: side.length > 0 && side[0].classList.contains("sidenote-inline"), follows,
          blockBottom: block.getBoundingClientRect().bottom, articleLeft: article.left,
          drift: 8 * parseFloat(getComputedStyle(document.documentElement).fontSize),
          n, count: side.length, role: side.length ? side[0].getAttribute("role") : null,
          visible: !!box && box.width > 0 && getComputedStyle(side[0]).display !== "none",
          refTop: ref.top, top: box && box.top, bottom: box && box.bottom, left: box && box.left, right: box && box.right,
          articleRight: article.right, viewport: document.documentElement.clientWidth,
          text: side.length ? text(side[0]) : "", noteText: text(li), missing: li.classList.contains("missing"),
        };
      });
    });
    const check = (rows, label) => {
      assert.ok(rows.length >= 20, `${label}: only ${rows.length} notes on the page`);
      for (const r of rows) {
        assert.equal(r.count, 1, `${label}: note ${r.n} has ${r.count} sidenotes`);
        assert.equal(r.role, "note");
        assert.ok(r.visible, `${label}: sidenote ${r.n} is not shown`);
        assert.ok(r.top >= r.refTop - 2, `${label}: sidenote ${r.n} starts at ${r.top}, above its reference at ${r.refTop}`);
        if (r.inline) {
          assert.ok(r.follows, `${label}: note ${r.n}, in the text, does not follow the paragraph citing it`);
          assert.ok(r.top >= r.blockBottom - 2, `${label}: note ${r.n}, in the text, starts inside its paragraph`);
          assert.ok(r.left >= r.articleLeft && r.right <= r.articleRight + 1, `${label}: note ${r.n}, in the text, is outside the column`);
        } else {
          assert.ok(r.top - r.refTop <= r.drift + 2, `${label}: sidenote ${r.n} stands ${Math.round(r.top - r.refTop)} px below its reference (at most ${r.drift})`);
          assert.ok(r.left >= r.articleRight, `${label}: sidenote ${r.n} (left ${r.left}) is not in the margin (text ends at ${r.articleRight})`);
          assert.ok(r.right <= r.viewport, `${label}: sidenote ${r.n} runs off the screen (${r.right} > ${r.viewport})`);
        }
        assert.equal(r.text, r.noteText, `${label}: sidenote ${r.n} does not hold the note's text`);
        if (r.missing) assert.match(r.text, /Note missing in source/);
      }
      const sorted = rows.filter((r) => !r.inline).sort((a, b) => a.top - b.top);
      console.log(`  ${label}: ${sorted.length} notes in the margin, ${rows.length - sorted.length} after their paragraphs`);
      for (let i = 1; i < sorted.length; i++) {
        assert.ok(sorted[i].top >= sorted[i - 1].bottom, `${label}: sidenote ${sorted[i].n} overlaps sidenote ${sorted[i - 1].n}`);
      }
    };
    check(await layout(), "1400px");
    assert.ok((await layout()).some((r) => r.missing), "article-2-2 should have a missing note");
    const dupIds = await tab.evaluate(() => {
      const seen = new Set(), dup = [];
      for (const el of document.querySelectorAll("[id]")) { if (seen.has(el.id)) dup.push(el.id); seen.add(el.id); }
      return dup;
    });
    assert.deepEqual(dupIds, [], "ids repeated by the sidenotes");
    assert.equal(await tab.locator(".sidenote .backref").count(), 0);
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "sidenotes-1400.png") });
    // Wider: they follow the text; narrower: they give way to the notes at the end.
    await tab.setViewportSize({ width: 1700, height: 900 });
    await tab.waitForTimeout(100);
    check(await layout(), "1700px");
    await tab.setViewportSize({ width: 1200, height: 900 });
    await tab.waitForTimeout(100);
    assert.equal(await tab.locator(".sidenote").first().isVisible(), false, "sidenotes shown below 1400px");
    assert.ok(await tab.locator("#fn-44").isVisible());
    // In print the notes are at the end of the chapter, and only there.
    await tab.setViewportSize({ width: 1400, height: 900 });
    await tab.emulateMedia({ media: "print" });
    assert.equal(await tab.locator(".sidenote").first().isVisible(), false, "sidenotes in print");
    assert.ok(await tab.locator("#fn-44").isVisible(), "end notes not printed");
  }],
  ["phone width: tapping a note reference opens the note in a dialog; Escape closes it", async ({ context, url, shotDir, errors }) => {
    const touch = await context.browser().newContext({ offline: true, hasTouch: true });
    touch.on("weberror", (e) => errors.push(String(e.error())));
    try {
      const tab = await open(touch, url, "article-2-2.html", 400, 800);
      const ref = tab.locator("#fnref-46 > a");
      await ref.scrollIntoViewIfNeeded();
      const before = await tab.evaluate(() => window.scrollY);
      await ref.tap();
      const dialog = tab.locator('[role="dialog"]');
      await dialog.waitFor();
      assert.equal(await dialog.getAttribute("aria-label"), "Note 46");
      assert.equal(await dialog.getAttribute("aria-modal"), "false");
      const noteText = await textOf(tab, "#fn-46");
      assert.match(noteText, /Human development report 2009/);
      assert.equal(await textOf(tab, '[role="dialog"]'), noteText, "the dialog does not hold the note's full text");
      assert.equal(await ref.getAttribute("aria-expanded"), "true");
      assert.equal(await ref.getAttribute("aria-controls"), await dialog.getAttribute("id"));
      assert.ok(await tab.evaluate(() => document.querySelector('[role="dialog"]').contains(document.activeElement)), "focus is not in the dialog");
      assert.equal(await tab.evaluate(() => location.hash), "", "the reference jumped to the notes");
      assert.ok(Math.abs((await tab.evaluate(() => window.scrollY)) - before) < 300, "the page scrolled away");
      const box = await dialog.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 400, "the dialog runs off the screen");
      if (shotDir) await tab.screenshot({ path: path.join(shotDir, "popover-400.png") });
      await tab.keyboard.press("Escape");
      assert.equal(await dialog.count(), 0);
      assert.equal(await tab.evaluate(() => document.activeElement.getAttribute("href")), "#fn-46", "focus did not return to the reference");
      assert.equal(await ref.getAttribute("aria-expanded"), "false");
      // A tap outside closes it too.
      await ref.tap();
      await dialog.waitFor();
      await tab.locator("h1").tap({ position: { x: 5, y: 5 } });
      assert.equal(await dialog.count(), 0);
      const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    } finally {
      await touch.close();
    }
  }],
  ["keyboard: a note reference shows its note on focus and opens it with Enter", async ({ context, url }) => {
    const tab = await open(context, url, "what-is-the-iom.html", 1000, 800);
    const ref = tab.locator("sup.fnref > a").first();
    const n = (await ref.getAttribute("href")).slice(4);
    await ref.focus();
    const peek = "#" + (await ref.getAttribute("aria-describedby"));
    assert.equal(await tab.locator(peek).getAttribute("role"), "tooltip");
    assert.equal(await textOf(tab, peek), await textOf(tab, "#fn-" + n));
    await tab.keyboard.press("Enter");
    const dialog = tab.locator('[role="dialog"]');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute("aria-label"), "Note " + n);
    assert.equal(await tab.evaluate(() => location.hash), "");
    await tab.keyboard.press("Tab");
    assert.ok(await tab.evaluate(() => document.querySelector('[role="dialog"]').contains(document.activeElement)), "Tab did not reach the dialog's controls");
    await tab.keyboard.press("Escape");
    assert.equal(await dialog.count(), 0);
    assert.equal(await tab.evaluate(() => document.activeElement.getAttribute("href")), "#fn-" + n);
    // Shift+Tab out of the dialog goes back to the reference; Tab past its end
    // goes on to what follows the reference.
    await tab.keyboard.press("Enter");
    await dialog.waitFor();
    await tab.keyboard.press("Tab");
    await tab.keyboard.press("Shift+Tab");
    assert.equal(await dialog.count(), 0);
    assert.equal(await tab.evaluate(() => document.activeElement.getAttribute("href")), "#fn-" + n);
    await tab.keyboard.press("Enter");
    await dialog.waitFor();
    const stops = await tab.evaluate(() => document.querySelector('[role="dialog"]').querySelectorAll("a[href], button").length);
    for (let i = 0; i < stops + 1; i++) await tab.keyboard.press("Tab");
    assert.equal(await dialog.count(), 0, "tabbing past the dialog left it open");
    const after = await tab.evaluate((sel) => {
      const ref = document.querySelector(sel);
      return !!(ref.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING);
    }, `sup.fnref > a[href="#fn-${n}"]`);
    assert.ok(after, "focus did not go on after the reference");
  }],
  ["a paragraph number or a note number copies a pin-point citation", async ({ context, url }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const tab = await open(context, url, "article-2-2.html", 1400, 900);
    const page = url("article-2-2.html");
    // OSCOLA's shape: authors, 'title' (year) series, the section, the
    // pinpoint; a page read from disk has no address worth citing.
    const cite = "Elspeth Guild, Stefanie Grant and Kees Groenendijk, ‘IOM and the UN: Unfinished Business’ (2017) Queen Mary University of London, School of Law, Legal Studies Research Paper No. 255/2017, section ‘Article 2(2): IOM’s assets’, ";
    const clipboard = () => tab.evaluate(() => navigator.clipboard.readText());
    const status = tab.locator('[role="status"][aria-live="polite"]');

    // Scrolled so that the number is in plain view, away from the top bar.
    const y = await tab.evaluate(() => {
      window.scrollTo(0, document.getElementById("para-28").getBoundingClientRect().top + window.scrollY - 300);
      return window.scrollY;
    });
    await tab.locator("#para-28 a.para-num").click();
    await assert.doesNotReject(status.filter({ hasText: "Citation copied" }).waitFor());
    assert.equal(await clipboard(), `${cite}para 28 of the annotated edition`);
    assert.equal(await tab.evaluate(() => location.hash), "#para-28");
    assert.equal(await tab.evaluate(() => window.scrollY), y, "the click scrolled the page");

    await tab.locator('aside.sidenote[aria-label="Note 45"] button.note-num').click();
    await tab.waitForFunction((t) => window.__glossatorLastCopied === t, `${cite}n 45`);
    assert.equal(await clipboard(), `${cite}n 45`);

    const endNote = tab.locator("#fn-47 button.note-num");
    assert.equal((await endNote.innerText()).trim(), "47");
    await endNote.focus();
    await tab.keyboard.press("Enter");
    await tab.waitForFunction((t) => window.__glossatorLastCopied === t, `${cite}n 47`);
    assert.equal(await clipboard(), `${cite}n 47`);

    // In the popover, on a narrower screen.
    await tab.setViewportSize({ width: 900, height: 800 });
    await tab.locator("#fnref-52 > a").click();
    await tab.locator('[role="dialog"] button.note-num').click();
    await tab.waitForFunction((t) => window.__glossatorLastCopied === t, `${cite}n 52`);
    assert.equal(await clipboard(), `${cite}n 52`);
    assert.equal(await tab.locator('[role="dialog"]').count(), 1, "copying closed the note");

    // Published (`site-url` set), the citation carries the address and the
    // day it was read, as OSCOLA cites a web page.
    await tab.setViewportSize({ width: 1400, height: 900 });
    await tab.evaluate(() => document.querySelector("article.chapter").setAttribute("data-cite-url", "https://example.org/ed/article-2-2.html"));
    await tab.locator("#para-28 a.para-num").click();
    const accessed = await tab.evaluate(() => new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }));
    const published = `${cite}para 28 of the annotated edition <https://example.org/ed/article-2-2.html#para-28> accessed ${accessed}`;
    await tab.waitForFunction((t) => window.__glossatorLastCopied === t, published);
    assert.equal(await clipboard(), published);

    // A selection of the paragraph copies the authors' text, not the
    // editors' number before it.
    const selected = await tab.evaluate(() => {
      const p = document.getElementById("para-28");
      const range = document.createRange();
      range.selectNodeContents(p);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      const text = getSelection().toString();
      getSelection().removeAllRanges();
      return text;
    });
    assert.ok(!/^\s*28/.test(selected), `the paragraph number was copied: ${selected.slice(0, 40)}`);
  }],
  ["without the asynchronous clipboard, copying falls back to execCommand", async ({ context, url }) => {
    await context.addInitScript(() => {
      Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
      const original = document.execCommand.bind(document);
      document.execCommand = (cmd, ...rest) => {
        if (cmd === "copy") window.__copiedSelection = String(document.activeElement.value);
        return original(cmd, ...rest);
      };
    });
    const tab = await open(context, url, "introduction.html", 400, 800);
    const num = tab.locator("a.para-num").first();
    const id = await tab.evaluate(() => document.querySelector("a.para-num").closest("[id]").id);
    await num.click();
    await tab.locator('[role="status"]', { hasText: "Citation copied" }).waitFor();
    const copied = await tab.evaluate(() => window.__copiedSelection);
    assert.match(copied, new RegExp(`section ‘Introduction’, para \\d+ of the annotated edition$`));
    assert.equal(await tab.locator("textarea").count(), 0, "the copy buffer was left in the page");
  }],
  ["paragraph numbers sit in the margin on wide screens and inline on phones, and still link without JavaScript", async ({ context, url, errors }) => {
    const tab = await open(context, url, "article-2-2.html", 1400, 900);
    const wide = await tab.evaluate(() => {
      const p = document.getElementById("para-28");
      const a = p.querySelector(".para-num").getBoundingClientRect();
      return { right: a.right, pLeft: p.getBoundingClientRect().left, top: a.top, pTop: p.getBoundingClientRect().top };
    });
    assert.ok(wide.right <= wide.pLeft, "the number is not in the margin");
    assert.ok(Math.abs(wide.top - wide.pTop) < 12, "the number is not level with the first line");
    await tab.setViewportSize({ width: 400, height: 800 });
    const narrow = await tab.evaluate(() => {
      const p = document.getElementById("para-28");
      const a = p.querySelector(".para-num").getBoundingClientRect();
      return { left: a.left, pLeft: p.getBoundingClientRect().left, scroll: document.documentElement.scrollWidth - innerWidth };
    });
    assert.ok(narrow.left >= narrow.pLeft - 1, "the number is outside the paragraph on a phone");
    assert.ok(narrow.scroll <= 0, "horizontal scroll on a phone");
    const plain = await context.browser().newContext({ offline: true, javaScriptEnabled: false });
    try {
      const page = await open(plain, url, "article-2-2.html", 1400, 900);
      await page.locator("#para-29 a.para-num").click();
      assert.equal(await page.evaluate(() => location.hash), "#para-29");
      await page.locator("#fnref-51 > a").click();
      assert.equal(await page.evaluate(() => location.hash), "#fn-51");
      assert.equal(await page.locator(".sidenote").count(), 0);
    } finally {
      await plain.close();
    }
  }],
  ["comparisons: columns side by side at 1400 px, aligned parts level; stacked at 400 px", async ({ context, url, shotDir }) => {
    const tab = await open(context, url, "what-is-the-iom.html");
    const table = tab.locator("#comparison-1 table");
    await table.scrollIntoViewIfNeeded();
    const cells = await tab.$$eval("#comparison-1 tbody tr:first-child td", (tds) => tds.map((td) => td.getBoundingClientRect()).map((r) => ({ top: r.top, left: r.left })));
    assert.equal(cells.length, 3);
    assert.ok(cells[1].left > cells[0].left && cells[2].left > cells[1].left, "side by side");
    assert.ok(Math.abs(cells[0].top - cells[1].top) <= 3 && Math.abs(cells[0].top - cells[2].top) <= 3, "aligned parts start level");
    assert.ok(await tab.locator("#comparison-1 del").count() > 0 && await tab.locator("#comparison-1 ins").count() > 0);
    // A struck-through word and the word put in its place stand apart, as words do.
    const gaps = await tab.$$eval("#comparison-1 del", (dels) => dels
      .map((d) => {
        let n = d.nextSibling;
        if (n && n.nodeType === 3 && n.textContent.trim() === "") n = n.nextSibling;
        if (!n || n.nodeType !== 1 || n.tagName !== "INS") return null;
        // Words only: punctuation sits against its word.
        if (!/[\p{L}\p{N}]$/u.test(d.textContent) || !/^[\p{L}\p{N}]/u.test(n.textContent)) return null;
        // The last line box of the one and the first of the other.
        const ra = d.getClientRects(), rb = n.getClientRects();
        const a = ra[ra.length - 1], b = rb[0];
        return a && b && Math.abs(a.top - b.top) < 2 ? b.left - a.right : null;
      })
      .filter((g) => g !== null));
    assert.ok(gaps.length > 0 && gaps.every((g) => g >= 2), `deleted and inserted words apart: ${gaps}`);
    // The editors' apparatus is marked as theirs.
    const rule = await tab.$eval("#comparison-1", (f) => parseFloat(getComputedStyle(f).borderLeftWidth));
    assert.ok(rule >= 3, `editorial rule ${rule}px`);
    assert.match(await tab.locator("#comparison-1 figcaption").innerText(), /Editors.? comparison/i);
    // Unrelated clauses are set side by side, unmarked, and the caption says so.
    const unrelated = await open(context, url, "ioms-status-within-the-un.html");
    try {
      assert.equal(await unrelated.locator(".comparison ins, .comparison del").count(), 0);
      assert.match(await unrelated.locator(".comparison figcaption").first().innerText(), /share too few words/i);
    } finally {
      await unrelated.close();
    }
    if (shotDir) await tab.locator("#comparison-1").screenshot({ path: path.join(shotDir, "comparison-1400.png") });
    const phone = await open(context, url, "what-is-the-iom.html", 400, 800);
    const stacked = await phone.$$eval("#comparison-1 tbody tr:first-child td", (tds) => tds.map((td) => td.getBoundingClientRect()).map((r) => ({ top: r.top, left: r.left })));
    assert.ok(stacked[1].top > stacked[0].top && stacked[2].top > stacked[1].top, "stacked on a phone");
    const label = await phone.$eval("#comparison-1 tbody td:nth-child(2)", (td) => getComputedStyle(td, "::before").content);
    assert.match(label, /Article 55\(c\)/);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    if (shotDir) await phone.locator("#comparison-1").screenshot({ path: path.join(shotDir, "comparison-400.png") });
  }],
  ["the clause a chapter discusses stays in view beside the commentary", async ({ context, url }) => {
    const tab = await open(context, url, "article-2-3.html");
    const panel = tab.locator(".clause-panel");
    assert.match(await panel.innerText(), /Article 2\(3\), UN-IOM Agreement/);
    assert.match(await panel.innerText(), /as quoted in the paper/);
    await tab.evaluate(() => window.scrollTo(0, 1500));
    const box = await panel.boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 200, `panel not in view after scrolling: ${JSON.stringify(box)}`);
    // Folded to its name, it covers less; opened, its text is back.
    const toggle = panel.locator("button.clause-toggle");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    await toggle.click();
    const folded = await panel.boundingBox();
    assert.ok(folded.height < box.height, `folding did not shrink the panel (${folded.height} >= ${box.height})`);
    assert.equal(await panel.locator(".clause-text").isVisible(), false);
    await toggle.click();
    assert.equal(await panel.locator(".clause-text").isVisible(), true);
    // A clause whose text the edition lacks is named once and not kept over the text.
    const empty = await open(context, url, "article-2-2.html");
    const named = empty.locator(".clause-panel");
    assert.match(await named.innerText(), /Article 2\(2\), UN-IOM Agreement.*not in the edition/s);
    const line = await named.boundingBox();
    assert.ok(line.height < 60, `the empty panel is ${line.height} px tall`);
    await empty.evaluate(() => window.scrollTo(0, 1500));
    const gone = await named.boundingBox();
    assert.ok(gone.y + gone.height <= 0, `an empty clause panel stays over the text: ${JSON.stringify(gone)}`);
    assert.equal(await named.locator("button").count(), 0);
  }],
  ["search from disk: non-normative, refoulement, a note's phrase; keyboard; escaped", async ({ context, url, shotDir }) => {
    const tab = await open(context, url, "introduction.html");
    await tab.keyboard.press("/");
    const input = tab.locator("#gl-search-input");
    assert.equal(await tab.evaluate(() => document.activeElement.id), "gl-search-input");
    await input.fill("non-normative");
    const results = tab.locator("#gl-search-results li");
    await results.first().waitFor();
    const all = await results.allInnerTexts();
    assert.ok(all.some((t) => t.startsWith("Article 2(3): IOM as a non-normative organisation")), "the Article 2(3) section");
    assert.ok(all.some((t) => /· note \d+/.test(t)), "a note");
    assert.ok(all.some((t) => t.startsWith("UN-IOM Agreement · Article 2(3)") || /Agreement.*Article 2\(3\)/.test(t)), "the Agreement's Article 2(3): " + all.join(" | "));
    assert.ok(await tab.locator("#gl-search-results mark").count() > 0, "words marked");
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "search.png") });
    await input.press("ArrowDown");
    await input.press("ArrowDown");
    const chosen = await tab.locator('#gl-search-results li[aria-selected="true"] a').getAttribute("href");
    await input.press("Enter");
    await tab.waitForURL((u) => u.href.endsWith(chosen.replace(/^\.?\//, "")) || u.href.includes(chosen.split("#")[0]));
    const found = await open(context, url, "index.html");
    await found.keyboard.press("s");
    await found.locator("#gl-search-input").fill("refoulement");
    await found.locator("#gl-search-results li").first().waitFor();
    const phrase = await open(context, url, "index.html");
    await phrase.keyboard.press("/");
    await phrase.locator("#gl-search-input").fill("Kenyan nationals living in the Dadaab refugee camp");
    const hit = phrase.locator("#gl-search-results li a").first();
    await hit.waitFor();
    assert.match(await hit.getAttribute("href"), /#fn-73$/);
    await hit.click();
    assert.equal(await phrase.evaluate(() => location.hash), "#fn-73");
  }],
  ["search page: a query from the address is shown as text", async ({ context, url }) => {
    const tab = await context.newPage();
    await tab.goto(url("search.html") + "?q=" + encodeURIComponent("<img src=x onerror=alert(1)>"));
    await tab.waitForTimeout(300);
    assert.equal(await tab.locator("#gl-search-input").inputValue(), "<img src=x onerror=alert(1)>");
    assert.equal(await tab.locator("img[src=x]").count(), 0);
    const ok = await context.newPage();
    await ok.goto(url("search.html") + "?q=refoulement");
    await ok.locator("#gl-search-results li").first().waitFor();
  }],
  ["single-file export: opens with no network, a note popover and a search result work", async ({ context, shotDir }) => {
    const file = process.env.GLOSSATOR_SINGLE_FILE;
    assert.ok(file, "GLOSSATOR_SINGLE_FILE is not set");
    const tab = await context.newPage();
    await tab.setViewportSize({ width: 1000, height: 800 });
    await tab.goto("file://" + file);
    assert.ok(await tab.locator("section#introduction").count() === 1, "every page is a section");
    assert.ok(await tab.locator("section#instruments-un-charter").count() === 1, "instruments too");
    const ids = await tab.$$eval("[id]", (els) => els.map((e) => e.id));
    assert.equal(new Set(ids).size, ids.length, "no duplicate ids");
    const ref = tab.locator('#what-is-the-iom sup.fnref a').first();
    await ref.scrollIntoViewIfNeeded();
    await ref.click();
    const dialog = tab.locator('[role="dialog"]');
    await dialog.waitFor();
    assert.ok((await dialog.innerText()).length > 10, "the popover shows the note");
    await tab.keyboard.press("Escape");
    await tab.keyboard.press("/");
    await tab.locator("#gl-search-input").fill("refoulement");
    const hit = tab.locator("#gl-search-results li a").first();
    await hit.waitFor();
    const href = await hit.getAttribute("href");
    assert.match(href, /^#([a-z0-9-]+--|para-|fn-)/);
    await hit.click();
    assert.equal(await tab.evaluate(() => location.hash), href);
    assert.ok(await tab.evaluate((h) => !!document.getElementById(h.slice(1)), href), "the result's anchor exists");
    const cite = tab.locator('a.cite[data-unit="un-charter/103"]').first();
    assert.match(await cite.getAttribute("href"), /^#instruments-un-charter--art_103$/);
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "single-file.png") });
  }],
];
