// The EPUB in epub.js under headless Chromium: one PNG per (flow, target), taken only after
// rendition.display() has resolved and the frame has painted (a shot taken earlier is blank).
//
//   node benchmarks/screenshots.mjs URL-OF-VIEWER OUT-DIR CHROMIUM
//
// The viewer page (written by screenshots.sh) loads epub.js, JSZip and the book from localhost.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const [viewer, out, executablePath] = process.argv.slice(2);
const FLOWS = ["paginated", "scrolled-doc"];
// spine positions and one note call: cover, title page, contents page, first chapter, a reading, a call
const TARGETS = [["cover", 0], ["title", 1], ["contents", 2], ["chapter", 3], ["reading", 5], ["notecall", "#fnref1"]];

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"],
});
let failures = 0;
for (const flow of FLOWS) {
  const page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  page.on("pageerror", (error) => { console.error(`${flow}: page error: ${error.message}`); failures += 1; });
  await page.goto(`${viewer}?flow=${flow}`);
  await page.waitForFunction(() => window.bookReady === true || window.bookError, null, { timeout: 60000 });
  const error = await page.evaluate(() => window.bookError);
  if (error) { console.error(`${flow}: ${error}`); failures += 1; await page.close(); continue; }
  mkdirSync(`${out}/${flow}`, { recursive: true });
  for (const [name, target] of TARGETS) {
    const shown = await page.evaluate(async (t) => window.show(t), target);
    await page.waitForTimeout(400);  // let the frame paint after display() resolved
    const file = `${out}/${flow}/${name}.png`;
    await page.screenshot({ path: file });
    const flat = shown.height < 50;  // the section's frame collapsed: nothing of it is visible
    if (flat) failures += 1;
    console.log(`${file}: ${shown.where}, frame height ${shown.height}px${flat ? " (COLLAPSED)" : ""}`);
  }
  await page.close();
}
await browser.close();
process.exit(failures ? 1 : 0);
