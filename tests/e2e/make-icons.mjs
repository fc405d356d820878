// Renders the app icons' PNG sizes from their SVGs in headless Chromium.
// Run by hand when an icon changes; the PNGs are committed.
//
//   (cd tests/e2e && node make-icons.mjs)
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";

const dir = new URL("../../pwa/icons/", import.meta.url);
const browser = await chromium.launch({ executablePath: process.env.KITH_CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
for (const [svg, png, size] of [
  ["kith.svg", "kith-192.png", 192],
  ["kith.svg", "kith-512.png", 512],
  ["kith-maskable.svg", "kith-maskable-512.png", 512],
]) {
  await page.setViewportSize({ width: size, height: size });
  const markup = readFileSync(new URL(svg, dir), "utf8").replace("<svg ", `<svg width="${size}" height="${size}" `);
  await page.setContent(`<html><body style="margin:0;background:transparent">${markup}</body></html>`);
  await page.screenshot({ path: new URL(png, dir).pathname, omitBackground: true });
}
await browser.close();
