// Browser tests: the built edition, opened from disk (file://) in headless
// Chromium with the network disabled. Run by tests/integration/browser.rs as
//   node tests/browser/run.mjs SITE_DIR [SCREENSHOT_DIR]
// Prints one line per check and closes with "N passed, M failed".
// GLOSSATOR_BROWSER_ONLY=words runs only the checks whose name holds them.
import { chromium } from "playwright-core";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { checks } from "./checks.mjs";
import { serveChecks } from "./serve.mjs";
import { readingChecks } from "./reading.mjs";
import { caseChecks } from "./cases.mjs";

const [siteDir, shotDir] = process.argv.slice(2);
if (!siteDir) {
  console.error("usage: node run.mjs SITE_DIR [SCREENSHOT_DIR]");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const url = (page) => {
  const [file, fragment] = page.split("#");
  return pathToFileURL(path.resolve(siteDir, file)).href + (fragment ? "#" + fragment : "");
};
let passed = 0;
let failed = 0;
const only = process.env.GLOSSATOR_BROWSER_ONLY || "";
for (const [name, check] of [...checks, ...readingChecks, ...caseChecks, ...serveChecks]) {
  if (!name.includes(only)) continue;
  // Pages from disk get no network at all; the serve checks reach only loopback.
  const offline = !name.startsWith("serve:");
  const context = await browser.newContext({ offline });
  const errors = [];
  context.on("weberror", (e) => errors.push(String(e.error())));
  try {
    await check({ context, url, shotDir, errors });
    if (errors.length) throw new Error("page errors: " + errors.join("; "));
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAILED - ${name}\n  ${String(e && e.stack ? e.stack : e).split("\n").join("\n  ")}`);
  } finally {
    await context.close();
  }
}
await browser.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
