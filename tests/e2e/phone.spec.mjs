// Kith on a 360 px wide phone: nothing spills sideways, every control is
// reachable, and the main flow works by touch.
import { test, expect } from "@playwright/test";
import { Kith } from "./kith.mjs";

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("adding, finding and opening a person works at 360 px", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await noSidewaysScroll(page);
  await kith.addPerson({
    name: "Maximiliana Vandersloot-Oyelaran",
    organisation: "The Very Long Organisation Name Company of Greater Manchester",
    email: "maximiliana.vandersloot-oyelaran@example.test",
  });
  await noSidewaysScroll(page);
  await kith.goToPeople();
  await kith.search().fill("oyelaran");
  await expect(kith.rows()).toHaveCount(1);
  await noSidewaysScroll(page);
  await kith.rows().first().tap();
  await expect(page.getByRole("button", { name: "Delete", exact: true })).toBeInViewport();
  await noSidewaysScroll(page);
  await page.goto("/settings");
  await noSidewaysScroll(page);
});

test("the person page, the form and an organisation fit a 360 px screen", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ana Cruz", organisation: "Acme Ltd", role: "Head of buying", email: "ana@acme.test" });
  await kith.addDetail("Daughter Ava started university in Porto");
  await noSidewaysScroll(page);
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Add another role" }).click();
  await page.getByRole("button", { name: "Add email" }).click();
  await noSidewaysScroll(page);
  const widest = await page.evaluate(() => {
    const main = document.getElementById("main").getBoundingClientRect();
    return Math.max(...[...document.querySelectorAll("main input, main select, main button, main textarea")]
      .map((el) => el.getBoundingClientRect().right - main.right));
  });
  expect(widest).toBeLessThanOrEqual(0);
  await page.keyboard.press("Escape");
  await page.getByRole("list", { name: "Current roles" }).getByRole("link", { name: "Acme Ltd" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Ltd" })).toBeVisible();
  await noSidewaysScroll(page);
});

test("on a phone the sections are a tab bar at the bottom, and Today fits", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open("/");
  await noSidewaysScroll(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Today", "People", "Organisations", "Settings"]) {
    await expect(nav.getByRole("link", { name })).toBeInViewport();
  }
  const box = await nav.boundingBox();
  expect(box.y + box.height).toBeGreaterThan(700);
  await kith.goToPeople();
  await noSidewaysScroll(page);
});
