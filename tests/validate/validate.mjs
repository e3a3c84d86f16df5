// Output-quality gates for a built edition, run by tests/integration/validate.rs as
//   node tests/validate/validate.mjs SITE_DIR [vnu] [axe]
// (both checks when none is named):
//   vnu - every .html page passes the Nu Html Checker (vnu.jar, from the
//         vnu-jar package; needs `java`) with no errors; warnings are fine.
//   axe - axe-core, injected with Playwright into every page opened from
//         file:// in headless Chromium (offline), finds no WCAG 2.1 A/AA
//         violation in the light theme, the system's dark theme (emulated
//         prefers-color-scheme), the dark theme chosen with the toggle (its
//         stored choice), and at phone width (400x800).
// Prints one line per page and check ("ok - ..." or "FAILED - ..." with the
// details indented below it), a summary per tool, and closes with
// "validate: N passed, M failed"; exits 1 when anything failed.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

const [siteArg, ...wanted] = process.argv.slice(2);
if (!siteArg || wanted.some((w) => w !== "vnu" && w !== "axe")) {
  console.error("usage: node validate.mjs SITE_DIR [vnu] [axe]");
  process.exit(2);
}
const siteDir = path.resolve(siteArg);
const run = (check) => wanted.length === 0 || wanted.includes(check);

// Every .html page of the site, as paths relative to it with "/" separators.
function htmlPages(dir, prefix = "") {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const rel = prefix + entry.name;
    if (entry.isDirectory()) found.push(...htmlPages(path.join(dir, entry.name), rel + "/"));
    else if (entry.name.endsWith(".html")) found.push(rel);
  }
  return found.sort();
}
const pages = htmlPages(siteDir);
if (pages.length === 0) {
  console.error(`no .html page under ${siteDir}`);
  process.exit(2);
}

let passed = 0;
let failed = 0;
const pass = (name) => {
  passed++;
  console.log(`ok - ${name}`);
};
const fail = (name, details) => {
  failed++;
  console.log(`FAILED - ${name}`);
  for (const line of details) console.log(`    ${line}`);
};
const seconds = (t0) => ((Date.now() - t0) / 1000).toFixed(1) + " s";
const oneLine = (s, max = 300) => {
  const flat = String(s ?? "").replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max) + "…" : flat;
};

// ---------------------------------------------------------------- vnu
function checkHtml() {
  const t0 = Date.now();
  const jar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
  const files = pages.map((p) => path.join(siteDir, p));
  const vnu = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  // The JSON report goes to stderr; the exit status is 1 when there are errors.
  let report = null;
  try {
    report = JSON.parse(vnu.stderr);
  } catch {
    /* reported below */
  }
  if (vnu.error || report === null || (vnu.status !== 0 && vnu.status !== 1)) {
    fail("vnu: could not run the Nu Html Checker", [
      String(vnu.error || `exit status ${vnu.status}`),
      ...String(vnu.stderr || "").slice(0, 2000).split("\n"),
    ]);
    return;
  }
  const byPage = new Map(pages.map((p) => [p, []]));
  const stray = [];
  for (const m of report.messages) {
    if (m.type !== "error" && m.type !== "non-document-error") continue;
    let page = null;
    try {
      page = path.relative(siteDir, fileURLToPath(m.url)).split(path.sep).join("/");
    } catch {
      /* no file URL */
    }
    (byPage.get(page) ?? stray).push(m);
  }
  let errors = 0;
  const distinct = new Set();
  for (const [page, messages] of byPage) {
    const name = `vnu: ${page}`;
    if (messages.length === 0) {
      pass(name);
      continue;
    }
    errors += messages.length;
    const details = [];
    for (const m of messages) {
      distinct.add(m.message);
      details.push(`${page}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}: ${m.message}`);
      if (m.extract) details.push(`  ${oneLine(m.extract, 200)}`);
    }
    fail(name, details);
  }
  if (stray.length || (vnu.status === 1 && errors === 0)) {
    fail("vnu: messages not tied to a page", stray.length ? stray.map((m) => `${m.url}: ${m.message}`) : ["exit status 1"]);
  }
  console.log(
    `vnu: ${pages.length} pages checked, ${errors} errors (${distinct.size} distinct messages), ${seconds(t0)}`,
  );
}

// ---------------------------------------------------------------- axe
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const DESKTOP = { width: 1280, height: 900 };
const MODES = [
  { name: "light", context: { colorScheme: "light", viewport: DESKTOP } },
  { name: "dark (system)", context: { colorScheme: "dark", viewport: DESKTOP }, dark: true },
  {
    name: "dark (toggle)",
    context: { colorScheme: "light", viewport: DESKTOP },
    dark: true,
    toggled: true,
    // The toggle's stored choice, in place before the page's own scripts run.
    init: () => {
      try {
        localStorage.setItem("glossator-theme", "dark");
      } catch {
        /* reported by the theme check */
      }
    },
  },
  { name: "phone 400x800", context: { colorScheme: "light", viewport: { width: 400, height: 800 }, hasTouch: true } },
];

async function checkAccessibility() {
  const t0 = Date.now();
  const { chromium } = await import("playwright-core");
  const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const axeVersion = JSON.parse(readFileSync(require.resolve("axe-core/package.json"), "utf8")).version;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
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
  const rulesRun = new Set();
  const incomplete = new Map(); // rule id -> number of page/mode runs it needed review on
  const violated = new Map(); // rule id -> { impact, help, runs }
  let runs = 0;
  let violationCount = 0;
  // One browser context per mode, all modes at once (VALIDATE_JOBS=N runs N
  // at a time); the lines are printed afterwards, in order.
  const runMode = async (mode) => {
    const lines = [];
    const say = { pass: (name) => lines.push([true, name]), fail: (name, details) => lines.push([false, name, details]) };
    const context = await browser.newContext({ ...mode.context, offline: true });
    if (mode.init) await context.addInitScript(mode.init);
    const tab = await context.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    for (const page of pages) {
      const name = `axe ${mode.name}: ${page}`;
      errors.length = 0;
      try {
        const problems = await axePage(tab, mode, page);
        if (errors.length) problems.push(`page errors: ${errors.join("; ")}`);
        if (problems.length) say.fail(name, problems);
        else say.pass(name);
      } catch (e) {
        say.fail(name, String(e && e.stack ? e.stack : e).split("\n"));
      }
    }
    await context.close();
    return lines;
  };
  const axePage = async (tab, mode, page) => {
    await tab.goto(pathToFileURL(path.join(siteDir, page)).href, { waitUntil: "load" });
    // Lets the page's scripts finish their first layout (sidebar, notes, theme button).
    await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const problems = [];
    if (mode.dark) {
      const theme = await tab.evaluate(() => {
        const html = document.documentElement;
        const button = document.getElementById("gl-theme-toggle");
        const bg = (el) => getComputedStyle(el).backgroundColor;
        const colour = bg(document.body) === "rgba(0, 0, 0, 0)" ? bg(html) : bg(document.body);
        const [r, g, b] = (colour.match(/[\d.]+/g) || ["255", "255", "255"]).map(Number);
        return {
          colour,
          luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255,
          stored: html.dataset.theme || null,
          pressed: button ? button.getAttribute("aria-pressed") : null,
        };
      });
      if (theme.luminance > 0.5) problems.push(`dark theme not in effect: page background is ${theme.colour}`);
      if (mode.toggled && theme.stored !== "dark") problems.push(`the stored dark choice was not applied (data-theme=${theme.stored})`);
      if (theme.pressed !== null && theme.pressed !== "true") problems.push(`#gl-theme-toggle has aria-pressed="${theme.pressed}" in the dark theme`);
    }
    await tab.addScriptTag({ content: axeSource });
    const result = await tab.evaluate(async (tags) => {
      const r = await window.axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      });
      const ids = (list) => list.map((x) => x.id);
      return {
        ran: [...ids(r.violations), ...ids(r.passes), ...ids(r.incomplete), ...ids(r.inapplicable)],
        incomplete: ids(r.incomplete),
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({
            target: n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" "),
            html: n.html,
            summary: n.failureSummary,
          })),
        })),
      };
    }, TAGS);
    runs++;
    for (const id of result.ran) rulesRun.add(id);
    for (const id of result.incomplete) incomplete.set(id, (incomplete.get(id) || 0) + 1);
    for (const v of result.violations) {
      violationCount++;
      const seen = violated.get(v.id) || { impact: v.impact, help: v.help, runs: 0 };
      seen.runs++;
      violated.set(v.id, seen);
      const targets = v.nodes.map((n) => n.target);
      problems.push(
        `${v.id} (${v.impact}) on ${page} [${mode.name}]: ${v.help}; ${v.nodes.length} element(s): ` +
          targets.slice(0, 5).join(", ") +
          (targets.length > 5 ? `, … ${targets.length - 5} more` : ""),
      );
      for (const n of v.nodes.slice(0, 2)) {
        problems.push(`  ${n.target}: ${oneLine(n.html, 200)}`);
        const why = oneLine((n.summary || "").split("\n").slice(1).join(" "), 240);
        if (why) problems.push(`    ${why}`);
      }
    }
    return problems;
  };
  const jobs = Math.max(1, Number(process.env.VALIDATE_JOBS) || MODES.length);
  const outcomes = new Array(MODES.length);
  try {
    let next = 0;
    const worker = async () => {
      while (next < MODES.length) {
        const i = next++;
        outcomes[i] = await runMode(MODES[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, MODES.length) }, worker));
  } finally {
    await browser.close();
  }
  for (const lines of outcomes) {
    for (const [ok, name, details] of lines) {
      if (ok) pass(name);
      else fail(name, details);
    }
  }
  console.log(
    `axe: axe-core ${axeVersion}, ${rulesRun.size} rules (${TAGS.join(", ")}) on ${pages.length} pages x ${MODES.length} modes = ${runs} runs; ` +
      `${violationCount} violations of ${violated.size} rules, ${seconds(t0)}`,
  );
  for (const [id, v] of [...violated].sort()) {
    console.log(`axe: violated ${id} (${v.impact}) in ${v.runs} page/mode runs: ${v.help}`);
  }
  if (incomplete.size) {
    console.log(
      "axe: needs review (not failures): " + [...incomplete].sort().map(([id, n]) => `${id} x${n}`).join(", "),
    );
  }
}

if (run("vnu")) checkHtml();
if (run("axe")) await checkAccessibility();
console.log(`validate: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
