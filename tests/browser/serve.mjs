// Live preview in a real browser: a page open on `glossator serve` updates
// after an edit, with no manual reload, and shows a broken save as an overlay.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

function startServer(bin) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glossator-serve-"));
  fs.mkdirSync(path.join(dir, "content"));
  fs.writeFileSync(path.join(dir, "book.toml"), '[book]\ntitle = "Live"\n');
  fs.writeFileSync(path.join(dir, "content/SUMMARY.md"), "# Summary\n\n- [One](one.md)\n");
  fs.writeFileSync(path.join(dir, "content/one.md"), "# One\n\nBefore the edit.\n");
  const child = spawn(bin, ["serve", "--port", "0", dir], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ child, dir, url: `http://127.0.0.1:${m[1]}/` });
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

export const serveChecks = [
  ["serve: an open page updates after an edit, and shows a broken save", async ({ context, shotDir }) => {
    const bin = process.env.GLOSSATOR_BIN;
    assert.ok(bin, "GLOSSATOR_BIN is not set");
    const server = await startServer(bin);
    try {
      const tab = await context.newPage();
      await tab.goto(server.url + "one.html");
      await tab.waitForFunction(() => document.body && document.body.innerText.includes("Before the edit."));
      await tab.waitForTimeout(300);
      fs.writeFileSync(path.join(server.dir, "content/one.md"), "# One\n\nAfter the edit.\n");
      // While the page reloads it may have no body yet.
      await tab.waitForFunction(() => document.body && document.body.innerText.includes("After the edit."), null, { timeout: 10000 });
      fs.writeFileSync(path.join(server.dir, "content/one.md"), "+++\ntitle = <script>alert(1)</script>\n+++\n# One\n");
      const overlay = tab.locator("#glossator-error");
      await overlay.waitFor({ timeout: 10000 });
      const text = await overlay.innerText();
      assert.match(text, /content\/one\.md:2:9/);
      assert.match(text, /<script>/, "the message is shown as text");
      assert.ok(await tab.evaluate(() => document.body.innerText.includes("After the edit.")), "the last good page stays");
      if (shotDir) await tab.screenshot({ path: path.join(shotDir, "serve-error-overlay.png") });
      // On a phone the Hide button stands clear of the message.
      await tab.setViewportSize({ width: 390, height: 844 });
      const clash = await tab.evaluate(() => {
        const o = document.getElementById("glossator-error");
        const b = o.querySelector("button").getBoundingClientRect();
        const meet = (r) => !(r.right <= b.left || r.left >= b.right || r.bottom <= b.top || r.top >= b.bottom);
        const lines = [];
        for (const el of o.querySelectorAll("p, pre")) {
          const range = document.createRange();
          range.selectNodeContents(el);
          lines.push(...[...range.getClientRects()].filter(meet).map(() => el.tagName));
        }
        return lines;
      });
      assert.deepEqual(clash, [], "the Hide button covers the message on a phone");
      await tab.setViewportSize({ width: 1280, height: 720 });
      fs.writeFileSync(path.join(server.dir, "content/one.md"), "# One\n\nFixed.\n");
      await tab.waitForFunction(() => document.body.innerText.includes("Fixed.") && !document.getElementById("glossator-error"), null, { timeout: 10000 });
    } finally {
      server.child.kill();
    }
  }],
];
