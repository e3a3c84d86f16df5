// Cases in a browser: the fixture edition of three courts' judgments
// (tests/editions/cases), built with GLOSSATOR_BIN and opened from disk. A
// case's citation shows the judgment's full citation in a card beside it,
// on hover, on focus and at the first tap; each place the Table of Cases
// lists leads back to the citation, in view below the sticky bar.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { landing, assertLanded } from "./reading.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

// The fixture built into a folder of its own: a function from a page to its address.
function buildCases() {
  const bin = process.env.GLOSSATOR_BIN;
  assert.ok(bin, "GLOSSATOR_BIN is not set");
  const site = path.join(mkdtempSync(path.join(tmpdir(), "gl-cases-")), "site");
  execFileSync(bin, ["build", "-q", "-d", site, path.join(here, "..", "editions", "cases")]);
  return (page) => pathToFileURL(path.join(site, page)).href;
}

// The card's box against its citation's: beside it (just under or above),
// within the window.
async function besideCitation(tab, cite, card, width) {
  const [c, k] = [await cite.boundingBox(), await card.boundingBox()];
  assert.ok(k.x >= 0 && k.x + k.width <= width, `the card runs off the window (${k.x}..${k.x + k.width} of ${width})`);
  const gap = Math.min(Math.abs(k.y - (c.y + c.height)), Math.abs(k.y + k.height - c.y));
  assert.ok(gap < 12, `the card stands ${gap} px from its citation`);
}

export const caseChecks = [
  ["cases: a citation's card gives the judgment's full citation and pinpoint on hover, focus and first tap", async ({ context, errors }) => {
    const at = buildCases();
    const tab = await context.newPage();
    await tab.setViewportSize({ width: 1400, height: 900 });
    await tab.goto(at("commentary.html"));
    const saadi = tab.locator('a.case-cite[data-unit="case/saadi#§ 43"]').first();
    await saadi.hover();
    const card = tab.locator("#preview-card");
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, /Saadi v\. the United Kingdom, § 43/);
    assert.match(text, /Saadi v\. the United Kingdom \[GC\], no\. 13229\/03, ECHR 2008/);
    assert.match(text, /European Court of Human Rights, 2008-01-29/);
    await besideCitation(tab, saadi, card, 1400);
    assert.equal(await saadi.getAttribute("aria-describedby"), "preview-card");
    // By keyboard: focus shows the card of the ICJ's judgment in a note's citation.
    await tab.mouse.move(5, 5);
    const diallo = tab.locator('a.case-cite[data-unit="case/diallo#para. 65"]').first();
    await diallo.focus();
    await card.waitFor();
    assert.match(await card.innerText(), /I\.C\.J\. Reports 2010, p\. 639/);

    // A phone: the first tap shows the card, with a link to the judgment.
    const touch = await context.browser().newContext({ offline: true, hasTouch: true, isMobile: true });
    touch.on("weberror", (e) => errors.push(String(e.error())));
    try {
      const phone = await touch.newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(at("commentary.html"));
      const google = phone.locator('a.case-cite[data-unit="case/google-spain#paragraph 74"]').first();
      await google.scrollIntoViewIfNeeded();
      await google.tap();
      const onPhone = phone.locator("#preview-card");
      await onPhone.waitFor();
      await phone.waitForTimeout(300);
      assert.match(phone.url(), /commentary\.html$/, "the first tap followed the link");
      assert.match(await onPhone.innerText(), /Case C-131\/12 Google Spain SL and Google Inc\./);
      await besideCitation(phone, google, onPhone, 390);
      const go = phone.locator("#preview-card .card-go a");
      assert.equal(await go.getAttribute("href"), "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62012CJ0131");
    } finally {
      await touch.close();
    }
  }],
  ["cases: every place the Table of Cases lists leads back to its citation, in view below the sticky bar", async ({ context }) => {
    const at = buildCases();
    const log = [];
    for (const [label, width, height] of [["1400 px", 1400, 900], ["phone", 390, 844]]) {
      const tab = await context.newPage();
      await tab.setViewportSize({ width, height });
      await tab.goto(at("cases.html"));
      const places = await tab.$$eval(".case-places a", (as) => as.map((a) => a.getAttribute("href")));
      assert.equal(places.length, 7, `the Table lists ${places.length} places`);
      for (let i = 0; i < places.length; i++) {
        await tab.goto(at("cases.html"));
        const place = tab.locator(".case-places a").nth(i);
        const entry = await place.evaluate((a) => a.closest(".case-entry").id.replace(/^case-/, ""));
        await place.scrollIntoViewIfNeeded();
        await place.click();
        await tab.waitForURL(/#case-\d+$/);
        const m = await landing(tab);
        assertLanded(`${label}, ${places[i]}`, m, log);
        // The place is the citation of that case.
        const unit = await tab.evaluate((id) => document.getElementById(id).getAttribute("data-unit"), m.id);
        assert.ok(unit && unit.startsWith(`case/${entry}`), `${places[i]} leads to ${unit}, not to ${entry}`);
      }
      await tab.close();
    }
    for (const line of log) console.log("  " + line);
  }],
];
