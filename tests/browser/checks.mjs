// The checks run by run.mjs. Each takes { context, url, shotDir, errors }
// and throws on failure.
import assert from "node:assert/strict";
import path from "node:path";

async function open(context, url, page, width = 1400, height = 900) {
  const tab = await context.newPage();
  await tab.setViewportSize({ width, height });
  await tab.goto(url(page));
  return tab;
}

export const checks = [
  ["sidebar lists every chapter and marks the current one (file://)", async ({ context, url, shotDir }) => {
    const tab = await open(context, url, "article-2-3.html");
    const current = tab.locator('#sidebar a[aria-current="page"]');
    await assert.doesNotReject(current.waitFor());
    assert.match(await current.innerText(), /Article 2\(3\)/);
    const count = await tab.locator("#sidebar a").count();
    assert.ok(count >= 15, `only ${count} links in the sidebar`);
    const href = await tab.locator("#sidebar a").first().getAttribute("href");
    assert.equal(href, "index.html");
    if (shotDir) await tab.screenshot({ path: path.join(shotDir, "chapter-1400.png") });
  }],
  ["sidebar links work from a nested page", async ({ context, url }) => {
    const tab = await open(context, url, "instruments/un-charter.html");
    const first = tab.locator("#sidebar a").first();
    assert.equal(await first.getAttribute("href"), "../index.html");
    await first.click();
    assert.match(tab.url(), /\/index\.html$/);
  }],
  ["phone width: the contents panel opens from the top bar and Escape closes it", async ({ context, url, shotDir }) => {
    const tab = await open(context, url, "introduction.html", 400, 800);
    const toggle = tab.locator("#sidebar-toggle");
    assert.ok(await toggle.isVisible());
    assert.ok(!(await tab.locator("#sidebar").isVisible()));
    await toggle.click();
    await tab.locator("#sidebar.open").waitFor();
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
    await tab.locator("#theme-toggle").click();
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
    assert.equal(await tab.evaluate(() => document.activeElement.id), "content");
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
];
