// The reading experience, measured: what a reader copies of the authors'
// text, where a jump lands under the sticky bars, the single-file edition on
// wide screens, and cards on a touch screen. Run by run.mjs, as checks.mjs.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

async function open(context, url, page, width = 1400, height = 900) {
  const tab = await context.newPage();
  await tab.setViewportSize({ width, height });
  await tab.goto(url(page));
  return tab;
}

// A context with a touch screen (a phone), its page errors collected.
async function phone(context, errors) {
  const touch = await context.browser().newContext({ offline: true, hasTouch: true, isMobile: true });
  touch.on("weberror", (e) => errors.push(String(e.error())));
  return touch;
}

// The chapters of the paper, from the sidebar: every page but the editors'
// (about, abbreviations, comparisons) and the instruments'.
async function chapterPages(context, url) {
  const tab = await open(context, url, "index.html");
  const hrefs = await tab.$$eval("#gl-sidebar a[href]", (as) => as.map((a) => a.getAttribute("href")));
  await tab.close();
  const editors = /^(about|abbreviations|comparisons|toc|search)\.html$|^instruments\//;
  return [...new Set(hrefs)].filter((h) => h.endsWith(".html") && !editors.test(h));
}

// Where the target of the address's fragment stands against the sticky bars
// (the top bar, a stuck clause panel): its top, and the lowest bar's bottom.
export async function landing(tab) {
  await tab.waitForLoadState("load");
  await tab.evaluate(() => document.fonts.ready);
  await tab.waitForTimeout(200);
  return tab.evaluate(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = document.getElementById(id);
    if (!target) return { id, missing: true };
    let bars = 0;
    for (const el of document.querySelectorAll(".top-bar, .clause-panel")) {
      const style = getComputedStyle(el);
      if (style.position !== "sticky" && style.position !== "fixed") continue;
      const r = el.getBoundingClientRect();
      // Stuck: at its sticky offset, covering the top of the window.
      if (r.height && r.top <= (parseFloat(style.top) || 0) + 1 && r.bottom > 0) bars = Math.max(bars, r.bottom);
    }
    return { id, top: Math.round(target.getBoundingClientRect().top), bars: Math.round(bars), view: innerHeight };
  });
}

export function assertLanded(where, m, log) {
  assert.ok(!m.missing, `${where}: no element #${m.id}`);
  log.push(`${where}: #${m.id} at ${m.top} px, bars end at ${m.bars} px`);
  assert.ok(m.top >= m.bars, `${where}: #${m.id} starts at ${m.top} px, under the sticky bars (which end at ${m.bars} px)`);
  assert.ok(m.top < m.view - 20, `${where}: #${m.id} is below the window (${m.top} px of ${m.view})`);
}

// The text of each page of `pdf` (a file), by pdftotext: pages are split at
// form feeds.
function pdfPages(pdf) {
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  return text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim());
}

// The search results for `query`: status line, filters, and each hit's kind.
async function searchFor(tab, query) {
  await tab.fill("#gl-search-input", query);
  await tab.waitForFunction((q) => document.getElementById("gl-search-status").textContent.length > 0 && document.getElementById("gl-search-input").value === q, query);
  return tab.evaluate(() => ({
    status: document.getElementById("gl-search-status").textContent,
    statusVisible: !!document.getElementById("gl-search-status").offsetParent,
    kinds: [...document.querySelectorAll("#gl-search-results li")].map((li) => li.dataset.kind),
    links: [...document.querySelectorAll("#gl-search-results li a")].map((a) => a.getAttribute("href")),
    snippets: [...document.querySelectorAll("#gl-search-results .result-text")].map((t) => t.textContent),
    filters: [...document.querySelectorAll("#gl-search-filters button")].map((b) => b.textContent),
  }));
}

export const readingChecks = [
  ["search: the paper first, counts, a filter, every form of a word, snippets cut at words, no results said", async ({ context, url }) => {
    const tab = await open(context, url, "introduction.html");
    const refugees = await searchFor(tab, "refugees");
    assert.ok(refugees.statusVisible, "the result count is not shown");
    assert.equal(refugees.kinds[0], "paper", `the first hit for “refugees” is from ${refugees.kinds[0]}`);
    const firstInstrument = refugees.kinds.indexOf("instruments");
    const lastPaper = refugees.kinds.lastIndexOf("paper");
    assert.ok(firstInstrument < 0 || firstInstrument > lastPaper, "an instrument's paragraph outranks the paper's");
    const n = Number(refugees.status.match(/^(\d+) result/)[1]);
    assert.equal(n, refugees.kinds.length, `the count (${refugees.status}) is not the number listed (${refugees.kinds.length})`);
    // Snippets start and end at whole words: "…" then a word and a space.
    const cut = refugees.snippets.filter((s) => /^…[a-z]/.test(s) && !/^…\S+\s/.test(s));
    assert.deepEqual(cut, [], "snippets cut mid-word");
    // Every form of a word finds the same paragraphs.
    const plural = await searchFor(tab, "expulsions");
    const singular = await searchFor(tab, "expulsion");
    assert.ok(singular.links.length >= 5, `“expulsion”: ${singular.links.length} hits`);
    assert.deepEqual([...plural.links].sort(), [...singular.links].sort(), "“expulsions” and “expulsion” find different paragraphs");
    // The filter shows one kind only, and says how many of each.
    await searchFor(tab, "refugees");
    assert.ok(refugees.filters.some((f) => /^Instruments \(\d+\)$/.test(f)), `filters: ${refugees.filters}`);
    await tab.click('#gl-search-filters button[data-kind="instruments"]');
    await tab.waitForFunction(() => document.querySelector('#gl-search-filters button[aria-pressed="true"]').dataset.kind === "instruments");
    const only = await tab.evaluate(() => [...document.querySelectorAll("#gl-search-results li")].map((li) => li.dataset.kind));
    assert.ok(only.length > 0 && only.every((k) => k === "instruments"), `the filter shows ${[...new Set(only)]}`);
    const none = await searchFor(tab, "zzqxv");
    assert.match(none.status, /^No results/);
    assert.ok(none.statusVisible, "“No results” is not shown");
    assert.equal(none.kinds.length, 0);
  }],
  ["print: the print edition prints as a book on A4 and Letter: contents, page numbers, chapters on new pages, nothing interactive", async ({ context, url }) => {
    const tab = await open(context, url, "print.html");
    await tab.waitForLoadState("load");
    const chapters = await tab.$$eval(".print-contents a", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
    assert.ok(chapters.length >= 10, `the contents list has ${chapters.length} entries`);
    for (const [, href] of chapters) {
      assert.ok(await tab.locator(href).count(), `the contents link ${href} leads nowhere`);
    }
    const dir = mkdtempSync(path.join(tmpdir(), "gl-print-"));
    for (const format of ["A4", "Letter"]) {
      const pdf = path.join(dir, `${format}.pdf`);
      await tab.pdf({ path: pdf, format, printBackground: false });
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      const size = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
      const want = format === "A4" ? [595, 842] : [612, 792];
      assert.ok(size && Math.abs(+size[1] - want[0]) < 2 && Math.abs(+size[2] - want[1]) < 2, `${format}: page size ${size && size[0]}`);
      const pages = pdfPages(pdf);
      assert.ok(pages.length > 20, `${format}: only ${pages.length} pages`);
      // The contents come first, alone on their page(s), before the first chapter.
      assert.match(pages[0], /Contents/, `${format}: the first page is not the contents`);
      assert.ok(pages[0].includes(chapters[1][0].slice(0, 20)), `${format}: the contents do not list “${chapters[1][0]}”`);
      // Each page carries its number at its foot.
      const numbered = pages.filter((p, i) => new RegExp(`(^|\\n)\\s*${i + 1}\\s*$`).test(p.trimEnd())).length;
      assert.ok(numbered >= pages.length - 1, `${format}: ${numbered} of ${pages.length} pages end with their number`);
      // Each chapter starts a page: its title is at the top of some page.
      const tops = pages.map((p) => p.trimStart().slice(0, 200));
      const started = chapters.slice(0, 6).filter(([title]) => tops.some((t) => t.includes(title.slice(0, 20)))).length;
      assert.equal(started, 6, `${format}: only ${started} of the first 6 chapters start a page`);
      const all = pages.join("\n");
      assert.ok(!all.includes("↩"), `${format}: back-links are printed`);
      assert.ok(!/Skip to|Search|Dark theme|Light theme/.test(all.slice(0, 2000)), `${format}: the screen's controls are printed`);
    }
    rmSync(dir, { recursive: true, force: true });
  }],
  ["abbreviations: paragraphs copy as the authors wrote them; the expansion is a card on hover, focus and tap", async ({ context, url, shotDir, errors }) => {
    const pages = await chapterPages(context, url);
    assert.ok(pages.length >= 12, `only ${pages.length} chapters in the sidebar`);
    let glossed = 0, paragraphs = 0;
    const insertions = [];
    for (const page of pages) {
      const tab = await open(context, url, page);
      const found = await tab.evaluate(() => {
        const out = { glossed: 0, paragraphs: 0, insertions: [] };
        for (const block of document.querySelectorAll("article p, article li, article td, article th")) {
          const abbrs = block.querySelectorAll("abbr");
          if (!abbrs.length) continue;
          out.paragraphs++;
          // What a reader copies: the paragraph selected, as the clipboard gets it.
          const range = document.createRange();
          range.selectNodeContents(block);
          const sel = getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          const copied = sel.toString().replace(/\s+/g, " ");
          sel.removeAllRanges();
          for (const abbr of abbrs) {
            out.glossed++;
            const term = abbr.textContent;
            const expansion = abbr.getAttribute("title") || abbr.getAttribute("data-title");
            if (abbr.nextElementSibling?.classList.contains("ed-expansion")) continue;
            for (const alt of expansion.split(" or ")) {
              for (const written of [`${term} (${alt})`, `${term} [${alt}]`, `${term}(${alt})`]) {
                if (copied.includes(written)) out.insertions.push(written);
              }
            }
          }
        }
        return out;
      });
      glossed += found.glossed;
      paragraphs += found.paragraphs;
      insertions.push(...found.insertions.map((i) => `${page}: ${i}`));
      await tab.close();
    }
    console.log(`  ${glossed} abbreviations in ${paragraphs} blocks of ${pages.length} chapters; expansions in the copied text: ${insertions.length}`);
    assert.ok(glossed > 100, `only ${glossed} abbreviations marked`);
    assert.deepEqual(insertions, [], "expansions written into the authors' text");

    const tab = await open(context, url, "what-is-the-iom.html", 1400, 900);
    const first = tab.locator("abbr.first-use", { hasText: /^USA$/ });
    assert.equal(await first.count(), 1);
    const paragraph = await first.evaluate((a) => a.closest("p").innerText);
    assert.match(paragraph, /Belgium and the USA with the objective/, "the sentence reads as the authors wrote it");
    await first.hover();
    const card = tab.locator("#preview-card");
    await card.waitFor();
    assert.match(await card.innerText(), /USA: United States of America/);
    assert.match(await card.innerText(), /editors/);
    const [a, c] = [await first.boundingBox(), await card.boundingBox()];
    assert.ok(Math.abs(c.y - (a.y + a.height)) < 12 || Math.abs(c.y + c.height - a.y) < 12, `the card is not beside its abbreviation (${c.y} vs ${a.y})`);
    assert.equal(await first.getAttribute("title"), null, "the native tooltip doubles the card");
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "abbreviation-card.png") });
    await tab.mouse.move(5, 600);
    assert.equal(await card.count(), 0, "the card stays after the pointer leaves");
    assert.equal(await first.getAttribute("title"), "United States of America", "the title is not restored");
    await first.focus();
    await card.waitFor();
    assert.equal(await first.getAttribute("aria-describedby"), "preview-card");
    await tab.keyboard.press("Escape");
    assert.equal(await card.count(), 0);

    const touch = await phone(context, errors);
    try {
      const small = await open(touch, url, "what-is-the-iom.html", 390, 844);
      const later = small.locator("abbr:not(.first-use)", { hasText: /^IOM$/ }).first();
      await later.scrollIntoViewIfNeeded();
      await later.tap();
      await small.locator("#preview-card").waitFor();
      assert.match(await small.locator("#preview-card").innerText(), /IOM: International Organisation for Migration/);
      const box = await small.locator("#preview-card").boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 390, "the card runs off the phone");
      await small.locator("h1").tap();
      assert.equal(await small.locator("#preview-card").count(), 0, "a tap elsewhere leaves the card");
    } finally {
      await touch.close();
    }
  }],
  ["phone: the first tap on a citation shows its card, the second (or the card's link) follows it", async ({ context, url, shotDir, errors }) => {
    const touch = await phone(context, errors);
    try {
      const tab = await open(touch, url, "what-is-the-iom.html", 390, 844);
      const cite = tab.locator('a.cite[data-unit="un-charter/103"]').first();
      await cite.scrollIntoViewIfNeeded();
      await cite.tap();
      const card = tab.locator("#preview-card");
      await card.waitFor();
      await tab.waitForTimeout(300);
      assert.match(tab.url(), /what-is-the-iom\.html$/, "the first tap followed the link");
      assert.match(await card.innerText(), /In the event of a conflict between the obligations/);
      const [c, k] = [await cite.boundingBox(), await card.boundingBox()];
      assert.ok(k.x >= 0 && k.x + k.width <= 390, "the card runs off the phone");
      assert.ok(Math.abs(k.y - (c.y + c.height)) < 12 || Math.abs(k.y + k.height - c.y) < 12, "the card is not beside the citation");
      if (shotDir) await tab.screenshot({ path: path.join(shotDir, "citation-card-phone.png") });
      await cite.tap();
      await tab.waitForURL(/instruments\/un-charter\.html#art_103$/);

      const again = await open(touch, url, "what-is-the-iom.html", 390, 844);
      const other = again.locator('a.cite[data-unit="un-charter/55(c)"]').first();
      await other.scrollIntoViewIfNeeded();
      await other.tap();
      const go = again.locator("#preview-card .card-go a");
      await go.waitFor();
      assert.match(await go.innerText(), /Article 55\(c\)/);
      await go.tap();
      await again.waitForURL(/instruments\/un-charter\.html#art_55__point_c$/);
    } finally {
      await touch.close();
    }
  }],
  ["single-file export at 1280-1920 px: no sideways scroll, sidenotes on screen, previews on hover", async ({ context, shotDir }) => {
    const file = process.env.GLOSSATOR_SINGLE_FILE;
    assert.ok(file, "GLOSSATOR_SINGLE_FILE is not set");
    const tab = await context.newPage();
    await tab.goto("file://" + file);
    await tab.evaluate(() => document.fonts.ready);
    for (const width of [1280, 1366, 1440, 1600, 1920]) {
      await tab.setViewportSize({ width, height: 900 });
      await tab.waitForTimeout(150);
      const m = await tab.evaluate(() => {
        const article = document.querySelector("article.has-sidenotes").getBoundingClientRect();
        const notes = [...document.querySelectorAll("aside.sidenote")].map((n) => ({ box: n.getBoundingClientRect(), shown: getComputedStyle(n).display !== "none", inline: n.classList.contains("sidenote-inline") }));
        return {
          overflow: document.documentElement.scrollWidth - innerWidth,
          view: document.documentElement.clientWidth,
          textRight: article.right,
          shown: notes.filter((n) => n.shown).length,
          total: notes.length,
          // A note in the margin, or (one the margin had no room for) in the text column.
          offscreen: notes.filter((n) => n.shown && (n.inline
            ? n.box.left < article.left || n.box.right > article.right + 1
            : n.box.right > document.documentElement.clientWidth || n.box.left < article.right)).length,
        };
      });
      console.log(`  ${width} px: ${m.overflow} px of sideways scroll; ${m.shown} of ${m.total} sidenotes shown, ${m.offscreen} off the screen or over the text`);
      assert.ok(m.overflow <= 0, `${width} px: the page is ${m.overflow} px wider than the window`);
      if (width >= 1400) {
        assert.ok(m.total >= 70 && m.shown === m.total, `${width} px: ${m.shown} of ${m.total} sidenotes shown`);
        assert.equal(m.offscreen, 0, `${width} px: sidenotes off the screen or over the text`);
      }
    }
    await tab.setViewportSize({ width: 1440, height: 900 });
    const cite = tab.locator('a.cite[data-unit="un-charter/103"]').first();
    await cite.scrollIntoViewIfNeeded();
    await cite.hover();
    const card = tab.locator(".preview-card");
    await card.waitFor();
    assert.match(await card.innerText(), /In the event of a conflict between the obligations/);
    const box = await card.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 1440, "the preview runs off the screen");
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "single-file-1440.png") });
    // Its jumps land below the sticky bars too: a citation, then a backlink
    // into a chapter with a clause panel.
    const log = [];
    await cite.click();
    assertLanded("single file, citation", await landing(tab), log);
    const back = tab.locator('.cited-in a[href^="#article-2-3--cite-"]').first();
    await back.scrollIntoViewIfNeeded();
    await back.click();
    assertLanded("single file, backlink", await landing(tab), log);
    for (const line of log) console.log("  " + line);
  }],
  ["every jump lands below the sticky bars: pin-cites, citations, backlinks, notes, search hits (desktop and phone)", async ({ context, url }) => {
    const log = [];
    for (const [label, width, height] of [["1400 px", 1400, 900], ["phone", 390, 844]]) {
      const tab = await context.newPage();
      await tab.setViewportSize({ width, height });
      // A pin-cite: the address a copied paragraph citation gives, in a chapter with a clause panel.
      await tab.goto(url("article-2-3.html#para-34"));
      assertLanded(`${label}, pin-cite`, await landing(tab), log);
      await tab.goto(url("article-2-2.html#para-28"));
      assertLanded(`${label}, pin-cite`, await landing(tab), log);
      // A citation: "Article 1(3)" of the Charter.
      await tab.goto(url("what-is-the-iom.html"));
      const cite = tab.locator('a.cite[data-unit="un-charter/1(3)"]').first();
      await cite.scrollIntoViewIfNeeded();
      await cite.click();
      await tab.waitForURL(/un-charter\.html#art_1__para_3$/);
      const charter = await landing(tab);
      assertLanded(`${label}, citation`, charter, log);
      const first = await tab.evaluate(() => document.elementFromPoint(innerWidth / 2, document.getElementById("art_1__para_3").getBoundingClientRect().top + 8)?.closest("#art_1__para_3") !== null);
      assert.ok(first, `${label}: the first line of Article 1(3) is covered`);
      // A backlink from a "Cited in" list to a chapter with a clause panel.
      await tab.goto(url("instruments/un-iom-agreement.html"));
      const back = tab.locator('.cited-in a[href^="../article-2-3.html#cite-"]').nth(2);
      await back.scrollIntoViewIfNeeded();
      await back.click();
      await tab.waitForURL(/article-2-3\.html#cite-\d+$/);
      assertLanded(`${label}, backlink`, await landing(tab), log);
      // A note's link back to its reference, within the page.
      await tab.goto(url("article-2-3.html"));
      const backref = tab.locator(".footnotes .backref").nth(1);
      await backref.scrollIntoViewIfNeeded();
      await backref.click();
      assertLanded(`${label}, note backlink`, await landing(tab), log);
      // Search hits: a note, then a paragraph of a chapter with a clause panel.
      for (const query of ["Kenyan nationals living in the Dadaab refugee camp", "non-normative agency"]) {
        await tab.goto(url("search.html") + "?q=" + encodeURIComponent(query));
        const hit = tab.locator("#gl-search-results li a").first();
        await hit.waitFor();
        await hit.click();
        await tab.waitForURL(/#/);
        assertLanded(`${label}, search hit for "${query}"`, await landing(tab), log);
      }
      await tab.close();
    }
    for (const line of log) console.log("  " + line);
  }],
  ["phone: one compact top bar; the contents drawer sits below it and closes on its button, Escape and a tap outside", async ({ context, url, shotDir, errors }) => {
    const touch = await phone(context, errors);
    try {
      const tab = await open(touch, url, "article-2-3.html", 390, 844);
      const bar = await tab.evaluate(() => {
        const b = document.querySelector(".top-bar").getBoundingClientRect();
        const title = document.querySelector(".book-title");
        const line = parseFloat(getComputedStyle(title).lineHeight) || 20;
        const buttons = [...document.querySelectorAll(".top-bar button:not([hidden])")].map((x) => x.getBoundingClientRect());
        return { height: b.height, titleLines: Math.round(title.getBoundingClientRect().height / line), buttons: buttons.map((r) => ({ h: r.height, w: r.width, top: r.top })) };
      });
      console.log(`  phone bar: ${Math.round(bar.height)} px, title on ${bar.titleLines} line(s), ${bar.buttons.length} buttons`);
      assert.ok(bar.height <= 60, `the bar is ${bar.height} px tall`);
      assert.equal(bar.titleLines, 1, "the title wraps");
      for (const b of bar.buttons) {
        assert.ok(b.h >= 40 && b.w >= 40, `a button of ${b.w}×${b.h} px is too small to tap`);
        assert.ok(Math.abs(b.top - bar.buttons[0].top) < 2, "the buttons are not on one line");
      }
      assert.equal(await tab.getByRole("button", { name: "Contents" }).count(), 1, "the drawer's button keeps its name");
      const toggle = tab.locator("#gl-sidebar-toggle");
      const drawer = tab.locator("#gl-sidebar");
      const isOpen = async () => (await toggle.getAttribute("aria-expanded")) === "true" && (await drawer.isVisible());
      await toggle.tap();
      await tab.locator("#gl-sidebar.open").waitFor();
      await tab.waitForTimeout(300);
      const d = await drawer.boundingBox();
      const t = await toggle.boundingBox();
      assert.ok(d.y >= t.y + t.height, `the drawer (top ${d.y}) covers its button (bottom ${t.y + t.height})`);
      assert.ok(await tab.locator(".sidebar-backdrop").isVisible(), "no backdrop");
      if (shotDir) await tab.screenshot({ path: path.join(shotDir, "phone-drawer.png") });
      // A tap outside closes it, and does not reach the page beneath.
      const before = tab.url();
      await tab.touchscreen.tap(370, 500);
      await tab.waitForTimeout(300);
      assert.equal(await isOpen(), false, "a tap outside left the drawer open");
      assert.equal(tab.url(), before, "the tap outside went through to the page");
      await toggle.tap();
      await tab.locator("#gl-sidebar.open").waitFor();
      await tab.keyboard.press("Escape");
      assert.equal(await isOpen(), false, "Escape left the drawer open");
      await toggle.tap();
      await tab.locator("#gl-sidebar.open").waitFor();
      await toggle.tap();
      await tab.waitForTimeout(300);
      assert.equal(await isOpen(), false, "its button left the drawer open");
      const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
      // The theme button names what it will do.
      const theme = tab.locator("#gl-theme-toggle");
      const name = async () => (await theme.evaluate((b) => b.textContent)).trim();
      assert.match(await name(), /Dark theme$/);
      await theme.tap();
      assert.match(await name(), /Light theme$/);
      await theme.tap();
      assert.match(await name(), /Dark theme$/);
      if (shotDir) await tab.screenshot({ path: path.join(shotDir, "phone-390.png") });
    } finally {
      await touch.close();
    }
  }],
  ["[sic]: its explanation is a card on focus, hover and tap, and is printed; the mark is set as *[sic]*", async ({ context, url, errors }) => {
    const tab = await open(context, url, "what-is-the-iom.html", 1400, 900);
    const mark = tab.locator(".ed-mark").first();
    const why = await mark.getAttribute("title");
    assert.match(why, /So in the paper/);
    assert.equal(await mark.locator(".ed-words").evaluate((w) => getComputedStyle(w).fontStyle), "italic");
    assert.equal(await mark.locator(".ed-words").innerText(), "sic");
    await mark.focus();
    const card = tab.locator("#preview-card");
    await card.waitFor();
    assert.equal((await card.innerText()).replace(/\s+/g, " ").trim(), `Editorial note ${why}`);
    const [m, c] = [await mark.boundingBox(), await card.boundingBox()];
    assert.ok(Math.abs(c.y - (m.y + m.height)) < 12 || Math.abs(c.y + c.height - m.y) < 12, "the card is not beside the mark");
    await tab.keyboard.press("Escape");
    assert.equal(await card.count(), 0);
    await mark.hover();
    await card.waitFor();
    // On screen the explanation is the card's, not text beside the mark; on paper it is printed.
    assert.equal(await mark.innerText(), "[sic]");
    await tab.emulateMedia({ media: "print" });
    assert.equal((await mark.innerText()).replace(/\s+/g, " "), `[sic: ${why}]`);
    await tab.emulateMedia({ media: "screen" });
    const touch = await phone(context, errors);
    try {
      const small = await open(touch, url, "what-is-the-iom.html", 390, 844);
      const sic = small.locator(".ed-mark").first();
      await sic.scrollIntoViewIfNeeded();
      await sic.tap();
      await small.locator("#preview-card").waitFor();
      assert.match(await small.locator("#preview-card").innerText(), /So in the paper/);
    } finally {
      await touch.close();
    }
  }],
  ["keyboard: arrows scroll a focused wide table instead of turning the page; a chapter tabs through without a stop per paragraph", async ({ context, url }) => {
    const tab = await open(context, url, "instruments/index.html", 400, 800);
    const wrap = tab.locator(".table-wrap").first();
    const sideways = await wrap.evaluate((w) => w.scrollWidth - w.clientWidth);
    assert.ok(sideways > 50, `the table does not scroll at 400 px (${sideways} px)`);
    await wrap.focus();
    await tab.keyboard.press("ArrowRight");
    await tab.waitForTimeout(400);
    assert.match(tab.url(), /instruments\/index\.html$/, "ArrowRight in a scrollable table turned the page");
    const scrolled = await wrap.evaluate((w) => w.scrollLeft);
    assert.ok(scrolled > 0, "ArrowRight did not scroll the table");
    await tab.keyboard.press("ArrowLeft");
    await tab.waitForTimeout(400);
    assert.match(tab.url(), /instruments\/index\.html$/, "ArrowLeft in a scrollable table turned the page");
    // Focus on the text itself: the arrows still turn the page.
    const chapter = await open(context, url, "annex-3.html", 400, 800);
    await chapter.locator("#gl-content").focus();
    await chapter.keyboard.press("ArrowLeft");
    await chapter.waitForURL(/annex-2\.html$/);

    const page = await open(context, url, "article-2-2.html", 1400, 900);
    await page.locator("#gl-content").focus();
    const stops = [];
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press("Tab");
      const where = await page.evaluate(() => {
        const a = document.activeElement;
        const article = document.querySelector("article.chapter");
        const kind = a.matches("a.para-num") ? "paragraph number" : a.matches("button.note-num") ? "note number"
          : a.closest("sup.fnref") ? "note reference" : a.matches(".backref") ? "note backlink"
          : a.closest(".sidenote, .footnotes") ? "link in a note" : a.matches("a.cite") ? "citation"
          : a.matches("abbr") ? "abbreviation" : a.matches(".ed-mark") ? "editorial mark" : a.tagName.toLowerCase() + " " + a.className;
        return { inside: article.contains(a), after: !!(article.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) && !article.contains(a), kind };
      });
      if (where.after) break;
      if (where.inside) stops.push(where.kind);
    }
    const paragraphs = await page.locator("article p.numbered").count();
    const count = (k) => stops.filter((s) => s === k).length;
    const kinds = [...new Set(stops)].map((k) => `${count(k)} ${k}`).join(", ");
    console.log(`  article-2-2 at 1400 px: ${stops.length} tab stops in the chapter (${paragraphs} numbered paragraphs): ${kinds}`);
    assert.ok(stops.length > 10, "tabbing did not go through the chapter");
    assert.equal(count("paragraph number"), 0, "paragraph numbers are tab stops");
    assert.equal(count("note number"), 0, "note numbers are tab stops");
  }],
  ["instruments: one Cited in list per place, finer units' entries named; snippets cut at word boundaries", async ({ context, url }) => {
    const index = await open(context, url, "instruments/index.html");
    const pages = [...new Set(await index.$$eval("article a[href]", (as) => as.map((a) => a.getAttribute("href").split("#")[0]).filter((h) => /^\.\.\/instruments\/[^/]+\.html$/.test(h) && !h.endsWith("/index.html")).map((h) => h.slice("../instruments/".length))))];
    await index.close();
    assert.ok(pages.length >= 6, `only ${pages.length} instrument pages`);
    let lists = 0, entries = 0, named = 0;
    const doubled = [], quotes = [];
    for (const p of pages) {
      const tab = await open(context, url, "instruments/" + p);
      const found = await tab.evaluate(() => {
        const all = [...document.querySelectorAll("aside.cited-in")];
        return {
          lists: all.length,
          doubled: all.filter((a) => a.previousElementSibling?.matches("aside.cited-in")).map((a) => a.previousElementSibling.previousElementSibling?.id || "?"),
          entries: all.flatMap((a) => [...a.querySelectorAll("li")].map((li) => ({ href: li.querySelector("a").getAttribute("href"), q: li.querySelector("q")?.textContent ?? null, named: !!li.querySelector(".cited-unit") }))),
        };
      });
      lists += found.lists;
      doubled.push(...found.doubled.map((d) => `${p} after #${d}`));
      for (const e of found.entries) {
        entries++;
        if (e.named) named++;
        // A comparison is the editors' doing, not a quotation.
        if (e.q !== null) quotes.push({ ...e, href: new URL(e.href, url("instruments/" + p)).href });
      }
      await tab.close();
    }
    console.log(`  ${pages.length} instruments: ${lists} Cited in lists, ${doubled.length} doubled; ${entries} entries, ${named} naming their unit`);
    assert.deepEqual(doubled, [], "two Cited in lists in a row");
    // Each snippet is the citing text, cut between words.
    const byPage = new Map();
    for (const q of quotes) {
      const [page, id] = q.href.split("#");
      if (!byPage.has(page)) byPage.set(page, []);
      byPage.get(page).push({ id, q: q.q });
    }
    const cut = [];
    let checked = 0;
    for (const [page, list] of byPage) {
      const tab = await context.newPage();
      await tab.goto(page);
      const bad = await tab.evaluate((list) => {
        const out = [];
        let n = 0;
        for (const { id, q } of list) {
          // Every quotation is the citing text: a whole sentence, or one
          // shortened (…) between words.
          const el = document.getElementById(id);
          if (!el) continue;
          const core = q.replace(/^…/, "").replace(/…$/, "");
          const block = el.closest("p, li, td, figure, blockquote") || el.parentElement;
          const copy = block.cloneNode(true);
          for (const x of copy.querySelectorAll(".para-num, sup.fnref, .ed-mark, .sidenote")) x.remove();
          const text = copy.textContent.replace(/\s+/g, " ");
          const at = text.indexOf(core.replace(/\s+/g, " "));
          if (at < 0) continue;
          n++;
          const before = text[at - 1], after = text[at + core.length];
          if ((q.startsWith("…") && before && /[\p{L}\p{N}]/u.test(before)) || (q.endsWith("…") && after && /[\p{L}\p{N}]/u.test(after))) out.push(q);
        }
        return { out, n };
      }, list);
      checked += bad.n;
      cut.push(...bad.out);
      await tab.close();
    }
    console.log(`  ${checked} snippets found in their citing text, ${cut.length} cut inside a word`);
    assert.ok(checked > 20, `only ${checked} snippets checked`);
    assert.deepEqual(cut, [], "snippets cut inside a word");
  }],
  ["favicon: a chapter, an instrument and the single file each show an icon that loads", async ({ context, url }) => {
    const loads = (tab) => tab.evaluate(() => new Promise((done) => {
      const link = document.querySelector('link[rel="icon"]');
      if (!link) return done("no icon");
      const img = new Image();
      img.onload = () => done(img.naturalWidth > 0 ? "ok" : "empty");
      img.onerror = () => done("does not load: " + link.href.slice(0, 60));
      img.src = link.href;
    }));
    for (const page of ["introduction.html", "instruments/un-charter.html"]) {
      const tab = await open(context, url, page);
      assert.equal(await loads(tab), "ok", page);
      await tab.close();
    }
    const single = await context.newPage();
    await single.goto("file://" + process.env.GLOSSATOR_SINGLE_FILE);
    assert.equal(await loads(single), "ok", "single file");
    assert.match(await single.evaluate(() => document.querySelector('link[rel="icon"]').getAttribute("href")), /^data:image\/svg\+xml;base64,/);
  }],
  ["headings keep their colour where they cite; on wide screens the end notes say why they repeat the sidenotes", async ({ context, url }) => {
    for (const theme of ["light", "dark"]) {
      const tab = await open(context, url, "article-2-3.html", 1400, 900);
      await tab.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
      const h = await tab.evaluate(() => {
        const h1 = document.querySelector("article h1");
        const a = h1.querySelector("a.cite");
        return { heading: getComputedStyle(h1).color, link: getComputedStyle(a).color, line: getComputedStyle(a).textDecorationStyle };
      });
      assert.equal(h.link, h.heading, `${theme}: the citation in the heading is coloured as a link`);
      assert.equal(h.line, "dotted");
      await tab.close();
    }
    const tab = await open(context, url, "article-2-2.html", 1400, 900);
    const why = tab.locator(".footnotes .notes-why");
    assert.ok(await why.isVisible(), "the end notes do not say why they are there");
    const [heading, text] = [await tab.locator(".footnotes h2").boundingBox(), await why.boundingBox()];
    assert.ok(text.y >= heading.y + heading.height - 1 && text.y - (heading.y + heading.height) < 40, "the explanation is not under the Notes heading");
    await tab.setViewportSize({ width: 1200, height: 900 });
    assert.equal(await why.isVisible(), false, "the explanation shows where there are no sidenotes");
    await tab.setViewportSize({ width: 1400, height: 900 });
    await tab.emulateMedia({ media: "print" });
    assert.equal(await why.isVisible(), false, "the explanation prints");
  }],
  ["navigation writes apostrophes and quotes as the headings do", async ({ context, url }) => {
    const tab = await open(context, url, "what-is-the-iom.html");
    const nav = await tab.evaluate(() => ({
      sidebar: [...document.querySelectorAll("#gl-sidebar a")].map((a) => a.textContent),
      next: document.querySelector('.chapter-nav a[rel="next"]').textContent,
    }));
    const straight = nav.sidebar.filter((t) => /['"]/.test(t));
    assert.deepEqual(straight, [], "straight quotes in the contents");
    assert.ok(nav.sidebar.includes("IOM’s Status within the UN"), "the contents lack “IOM’s Status within the UN”");
    assert.match(nav.next, /IOM’s Status within the UN/);
    const next = await open(context, url, "ioms-status-within-the-un.html");
    assert.equal(await next.evaluate(() => document.querySelector("article h1").firstChild.textContent), "IOM’s Status within the UN");
    assert.match(await next.title(), /^IOM’s Status within the UN/);
  }],
  ["the copy-text the About page names opens from the site and downloads from the single file", async ({ context, url }) => {
    const tab = await open(context, url, "about.html");
    const link = tab.locator("a", { hasText: /^the copy-text$/ });
    await link.click();
    await tab.waitForLoadState();
    assert.match(tab.url(), /copy-text\/iom-and-the-un-unfinished-business\.txt$/);
    const text = await tab.evaluate(() => document.body.innerText);
    assert.ok(text.includes("IOM and the UN: Unfinished Business") && text.length > 60000, "the copy-text does not open whole");
    const single = await context.newPage();
    await single.goto("file://" + process.env.GLOSSATOR_SINGLE_FILE);
    const [download] = await Promise.all([
      single.waitForEvent("download"),
      single.evaluate(() => [...document.querySelectorAll("a")].find((a) => a.textContent === "the copy-text").click()),
    ]);
    assert.equal(download.suggestedFilename(), "iom-and-the-un-unfinished-business.txt");
    const fs = await import("node:fs");
    const saved = fs.readFileSync(await download.path(), "utf8");
    assert.ok(saved.includes("IOM and the UN: Unfinished Business") && saved.length > 60000, "the download is not the copy-text");
  }],
  ["works: the authors' words of a reference show its Bibliography entry beside them on hover and the first tap", async ({ context, url, errors }) => {
    const tab = await open(context, url, "what-is-the-iom.html", 1400, 900);
    const brownlie = tab.locator('.footnotes a.work-cite[data-unit="work/brownlie1998"]');
    await brownlie.scrollIntoViewIfNeeded();
    await brownlie.hover();
    const card = tab.locator("#preview-card");
    await card.waitFor();
    assert.match(await card.innerText(), /^Bibliography\s+Brownlie, Ian\. The Rule of Law in International Affairs.*Martinus Nijhoff Publishers, 1998\./s);
    const [c, k] = [await brownlie.boundingBox(), await card.boundingBox()];
    assert.ok(Math.min(Math.abs(k.y - (c.y + c.height)), Math.abs(k.y + k.height - c.y)) < 12, "the card is not beside the reference");
    const touch = await phone(context, errors);
    try {
      const small = await open(touch, url, "what-is-the-iom.html", 390, 844);
      const aradau = small.locator('.footnotes a.work-cite[data-unit="work/aradau2004"]');
      await aradau.scrollIntoViewIfNeeded();
      await aradau.tap();
      const onPhone = small.locator("#preview-card");
      await onPhone.waitFor();
      await small.waitForTimeout(300);
      assert.match(small.url(), /what-is-the-iom\.html$/, "the first tap followed the link");
      assert.match(await onPhone.innerText(), /Aradau, Claudia\. “The Perverse Politics/);
      await small.locator("#preview-card .card-go a").tap();
      await small.waitForURL(/bibliography\.html#work-aradau2004$/);
      assertLanded("phone, a work's entry", await landing(small), []);
    } finally {
      await touch.close();
    }
  }],
];
