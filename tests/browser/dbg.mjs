import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const ctx = await browser.newContext();
const tab = await ctx.newPage();
await tab.setViewportSize({ width: 1920, height: 900 });
tab.on("pageerror", (e) => console.log("error:", e));
await tab.goto("file:///tmp/rd/edition.html");
await tab.waitForTimeout(500);
console.log(await tab.evaluate(() => {
  const out = [document.documentElement.scrollWidth];
  const wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 8);
  for (const e of wide) out.push(e.tagName + "." + e.className + "#" + e.id + " " + Math.round(e.getBoundingClientRect().left) + "-" + Math.round(e.getBoundingClientRect().right));
  const arts = [...document.querySelectorAll("article")].map((a) => a.className + " " + Math.round(a.getBoundingClientRect().left) + "-" + Math.round(a.getBoundingClientRect().right));
  out.push(arts.slice(0, 5));
  out.push(document.querySelectorAll(".sidenote").length, document.querySelectorAll("section").length);
  return out;
}));
await browser.close();
