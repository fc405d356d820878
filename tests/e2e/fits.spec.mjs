// Every page, with a profile a few weeks in, at 1280 and 360 px: the document
// itself never scrolls (only the main area does, so the top bar stays put),
// nothing is wider than a phone, and focus on every text field shows at 3:1
// or more against the card, in light and dark.
import { test, expect } from "@playwright/test";
import { Kith, day, sample } from "./kith.mjs";

const FOLLOW_UP = "Send the revised delivery plan for the warehouse consolidation project";
const LONG_NAME = "Maximiliana Vandersloot-Oyelaran";
const LONG_ORG = "Harbor Logistics and Warehousing International";

/** Fills Kith as a user a few weeks in would have it: 30 imported
 * contacts, a person with everything (roles, details, family, dates, a
 * link, a timeline, a follow-up due today), an organisation of three and
 * one person in the trash. The paths of every page:
 * `[[name, path], …]`. */
async function fill(page) {
  const kith = new Kith(page);
  await kith.open();
  await kith.importContacts("mac.vcf", sample("vcard/macos-addressbook-30-cards-latin1.vcf"));
  const preview = page.getByRole("region", { name: "Contacts import preview" });
  await preview.getByRole("button", { name: "Import 30 people" }).click();
  await expect(page.getByRole("status").getByText("Imported: 30 new")).toBeVisible();
  await kith.goToPeople();
  for (const p of [
    { name: "Bo Lindqvist", organisation: LONG_ORG, role: "Chief financial officer", email: "bo@harbor.test" },
    { name: "Trashed Person" },
    { name: LONG_NAME, organisation: LONG_ORG, role: "Head of regional procurement and supplier relations",
      email: "maximiliana.vandersloot-oyelaran@harbor-logistics.example", phone: "+44 20 7946 0000",
      tags: "client, VIP, logistics", notes: "Met at the Lisbon trade fair.\nPrefers calls before 9." },
  ]) {
    await kith.goToPeople();
    await kith.addPerson(p);
  }
  const person = new URL(page.url()).pathname;
  await kith.addDetail("Daughter Ava started university in Porto, studying marine biology");
  await kith.addDetail("Training for the Lisbon half marathon");
  await kith.addFamilyMember({ name: "Ava", relation: "daughter", month: "December", day: 2 });
  await page.getByRole("button", { name: "Add date" }).click();
  await page.getByLabel("Date month").selectOption("March");
  await kith.field("Date day").fill("14");
  await kith.field("Year (optional)").fill("1988");
  await page.getByRole("button", { name: "Save date" }).click();
  await page.getByRole("button", { name: "Link a person" }).click();
  await kith.field("Person").fill("bo");
  await page.getByRole("button", { name: "Link Bo Lindqvist" }).click();
  for (const [offset, score] of [[-60, 4], [-30, 3]]) {
    await kith.logInteraction({ date: await day(page, offset), score, notes: "Quarterly review over coffee near the harbour" });
  }
  await kith.logInteraction({ score: 2, words: "Deliveries keep slipping", followUp: FOLLOW_UP, followUpDue: await day(page, 0) });
  await kith.setTimer(30);
  await page.getByRole("list", { name: "Current roles" }).getByRole("link", { name: LONG_ORG }).click();
  await expect(page.getByRole("heading", { level: 1, name: LONG_ORG })).toBeVisible();
  const organisation = new URL(page.url()).pathname;

  await kith.goToPeople();
  await page.getByRole("button", { name: "Select" }).click();
  await kith.search().fill("Trashed");
  await page.getByRole("checkbox", { name: "Select Trashed Person" }).check();
  await page.getByRole("region", { name: "Selected people" }).getByRole("button", { name: "Delete" }).click();
  await kith.search().fill("harbor");
  await page.getByRole("checkbox", { name: "Select Bo Lindqvist" }).check();
  await page.getByRole("checkbox", { name: `Select ${LONG_NAME}` }).check();
  await page.getByRole("button", { name: "Merge" }).click();
  await expect(page).toHaveURL(/\/people\/merge\?/);
  const merge = new URL(page.url());
  await kith.saved();
  return [
    ["Today", "/"], ["People", "/people"], ["a person", person], ["editing a person", `${person}/edit`],
    ["adding a person", "/people/new"], ["Organisations", "/organisations"], ["an organisation", organisation],
    ["Settings", "/settings"], ["Trash", "/trash"], ["Merge", merge.pathname + merge.search],
  ];
}

/** Opens `path` and waits for its heading and the end of loading. */
async function visit(page, path) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** The document is no taller than the window, and scrolling the window
 * (by script, or by wheel in the gutter beside the content) leaves the top
 * bar where it is; the main area still scrolls. */
async function documentStays(page, where, { wheel }) {
  const measure = () => page.evaluate(() => ({
    height: document.scrollingElement.scrollHeight,
    window: innerHeight,
    scrolled: scrollY,
    bar: document.querySelector(".topbar").getBoundingClientRect().top,
  }));
  const before = await measure();
  expect(before.height, `the document's height on ${where}`).toBeLessThanOrEqual(before.window);
  await page.evaluate(() => window.scrollBy(0, 2000));
  if (wheel) {
    await page.mouse.move(6, 500);
    await page.mouse.wheel(0, 2000);
    // A wheel over the main area, after the one in the gutter: once the main
    // area has moved, the gutter's wheel has been handled too.
    const main = await page.locator("#main").boundingBox();
    await page.mouse.move(main.x + main.width / 2, main.y + main.height / 2);
    const room = await page.evaluate(() => { const m = document.getElementById("main"); return m.scrollHeight - m.clientHeight; });
    await page.mouse.wheel(0, 4000);
    if (room > 0) await expect.poll(() => page.evaluate(() => document.getElementById("main").scrollTop)).toBeGreaterThan(0);
  }
  const after = await measure();
  expect(after.scrolled, `the window scrolled on ${where}`).toBe(0);
  expect(after.bar, `the top bar moved on ${where}`).toBe(before.bar);
}

/** Every element that reaches past the window's sides, described so a
 * failure says which. Cut off on purpose is fine: inside a box that hides
 * its overflow (an ellipsis, an avatar) or one that only scrolls sideways
 * (a row of filters), itself inside the window; the main area, which
 * scrolls up and down, and the document, which never scrolls, are no excuse. */
function tooWide(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clippedInside = (el) => {
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const { overflowX, overflowY } = getComputedStyle(a);
        const hides = ["hidden", "clip"].includes(overflowX);
        const sideways = ["auto", "scroll"].includes(overflowX) && ["hidden", "clip"].includes(overflowY);
        if (hides || sideways) {
          const r = a.getBoundingClientRect();
          return r.left >= -0.5 && r.right <= width + 0.5;
        }
      }
      return false;
    };
    const name = (el) => `<${el.localName}${el.className && typeof el.className === "string" ? ` class="${el.className}"` : ""}> “${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)}”`;
    return [...document.body.querySelectorAll("*")].flatMap((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || (r.left >= -0.5 && r.right <= width + 0.5) || clippedInside(el)) return [];
      return [`${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} px`];
    });
  });
}

for (const [width, height, phone] of [[1280, 800, false], [360, 740, true]]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height }, isMobile: phone, hasTouch: phone });

    test(`the document never scrolls beyond the window, on every page, at ${width} px`, async ({ page }) => {
      test.setTimeout(120_000);
      // KITH_SHOTS=light (or dark) also saves each page to target/screenshots/, to look at.
      const shots = process.env.KITH_SHOTS;
      if (shots) await page.emulateMedia({ colorScheme: shots });
      const pages = await fill(page);
      for (const [name, path] of pages) {
        await visit(page, path);
        const shot = async (when) => shots && page.screenshot({ path: `../../target/screenshots/fits-${width}-${shots}-${name.replaceAll(" ", "-")}-${when}.png` });
        await shot("top");
        await documentStays(page, name, { wheel: !phone });
        await page.evaluate(() => { const main = document.getElementById("main"); main.scrollTop = main.scrollHeight; });
        await shot("end");
      }
    });
  });
}

/** The words of `locator`'s text that a line break cuts in two (a break
 * after a hyphen is a break between words). */
function wordsCut(locator) {
  return locator.evaluate((el) => {
    const cut = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\s\-‐–—]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) cut.push(m[0]);
      }
    }
    return cut;
  });
}

/** `inner`'s box lies inside `outer`'s, and its own content is not clipped. */
async function fitsIn(inner, outer) {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  expect(a.x, "left edge").toBeGreaterThanOrEqual(b.x - 0.5);
  expect(a.x + a.width, "right edge").toBeLessThanOrEqual(b.x + b.width + 0.5);
  expect(await inner.evaluate((el) => el.scrollWidth - el.clientWidth), "clipped content").toBeLessThanOrEqual(0);
}

test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test("at 360 px nothing is wider than the window, on every page and its open forms", async ({ page }) => {
    test.setTimeout(120_000);
    const pages = await fill(page);
    const shots = process.env.KITH_SHOTS;
    if (shots) await page.emulateMedia({ colorScheme: shots });
    const wide = async (where) => {
      expect(await tooWide(page), `too wide on ${where}`).toEqual([]);
      if (shots) await page.screenshot({ path: `../../target/screenshots/fits-phone-${shots}-${where.replace(/\W+/g, "-")}.png` });
    };
    for (const [name, path] of pages) {
      await visit(page, path);
      await wide(name);
    }
    const [, person] = pages.find(([name]) => name === "a person");
    const [, organisation] = pages.find(([name]) => name === "an organisation");
    for (const opener of ["Log interaction", "Add family member", "Add date", "Link a person", "Change timer"]) {
      await visit(page, person);
      await page.getByRole("button", { name: opener }).click();
      await wide(`a person, with “${opener}” open`);
    }
    await visit(page, organisation);
    await page.getByRole("button", { name: "Follow up with everyone after a project" }).click();
    await wide("an organisation, with its follow-up series open");
    await visit(page, "/people");
    await page.getByRole("button", { name: "Select" }).click();
    await wide("People, selecting");
  });

  test("at 360 px titles wrap by word, buttons fit their cards, and six people show while selecting", async ({ page }) => {
    test.setTimeout(120_000);
    const pages = await fill(page);
    const [, person] = pages.find(([name]) => name === "a person");
    const [, organisation] = pages.find(([name]) => name === "an organisation");

    await visit(page, "/");
    const due = page.getByRole("region", { name: "Follow-ups due" });
    await expect(due).toContainText(FOLLOW_UP);
    expect(await wordsCut(due.getByText(FOLLOW_UP)), "words cut in Today's follow-ups").toEqual([]);
    await visit(page, person);
    const brief = page.getByRole("region", { name: "Before you reach out" });
    await expect(brief).toContainText(FOLLOW_UP);
    expect(await wordsCut(brief), "words cut in the brief").toEqual([]);

    await visit(page, organisation);
    const series = page.getByRole("button", { name: "Follow up with everyone after a project" });
    await fitsIn(series, page.getByRole("region", { name: "Check-ins" }));

    await visit(page, "/settings");
    const theme = page.getByRole("radiogroup", { name: "Appearance" });
    const lines = await theme.evaluate((group) => {
      const options = [...group.querySelectorAll("label")];
      return {
        rows: new Set(options.map((o) => Math.round(o.getBoundingClientRect().top))).size,
        wrapped: options.filter((o) => {
          const range = document.createRange();
          range.selectNodeContents(o.querySelector("span"));
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
        }).length,
      };
    });
    expect(lines, "the theme switch on one line").toEqual({ rows: 1, wrapped: 0 });
    await fitsIn(theme, page.getByRole("region", { name: "Appearance" }));

    await visit(page, "/people");
    await page.getByRole("button", { name: "Select" }).click();
    const bulk = page.getByRole("region", { name: "Selected people" });
    for (const name of ["Select all shown", "Add tag", "Remove tag", "Merge", "Delete"]) {
      await fitsIn(bulk.getByRole("button", { name, exact: true }), bulk);
    }
    const shown = await page.getByRole("list", { name: "People" }).evaluate((list) => {
      const scroller = list.parentElement.getBoundingClientRect();
      const tabs = document.querySelector("nav[aria-label='Main']").getBoundingClientRect();
      const bottom = Math.min(scroller.bottom, innerHeight, tabs.top > innerHeight / 2 ? tabs.top : innerHeight);
      return [...list.children].filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= Math.max(scroller.top, 0) - 0.5 && r.bottom <= bottom + 0.5;
      }).length;
    });
    expect(shown, "rows fully in view while selecting").toBeGreaterThanOrEqual(6);
  });
});

/** Focuses every text field, number, date and menu in the main area in
 * turn and measures its focus ring: `{ field, width, ratio }` for each,
 * where `ratio` is the WCAG contrast of the ring's colour against the
 * background it sits on (the card's, or the page's). */
function focusRings(page) {
  return page.evaluate(() => {
    const parse = (css) => {
      const n = css.match(/[\d.]+/g).map(Number);
      return { r: n[0], g: n[1], b: n[2], a: n.length > 3 ? n[3] : 1 };
    };
    const over = (top, under) => ({
      r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1,
    });
    const channel = (c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const contrast = (x, y) => { const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p); return (hi + 0.05) / (lo + 0.05); };
    const backdrop = (el) => {
      let colour = { r: 0, g: 0, b: 0, a: 0 };
      const layers = [];
      for (let a = el.parentElement; a; a = a.parentElement) layers.push(parse(getComputedStyle(a).backgroundColor));
      layers.push({ r: 255, g: 255, b: 255, a: 1 });
      for (const layer of layers.reverse()) colour = layer.a === 0 ? colour : over(layer, colour);
      return colour;
    };
    const ring = (style) => {
      if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) {
        return { colour: parse(style.outlineColor), width: parseFloat(style.outlineWidth) };
      }
      const shadow = style.boxShadow.match(/^(rgba?\([^)]*\))\s+(-?[\d.]+px\s+){3}([\d.]+)px/);
      return shadow ? { colour: parse(shadow[1]), width: parseFloat(shadow[3]) } : { colour: null, width: 0 };
    };
    const name = (el) => el.labels?.[0]?.textContent.trim() || el.getAttribute("aria-label") || el.placeholder || el.id;
    const fields = [...document.querySelectorAll("main input, main textarea, main select")]
      // A disabled control cannot take focus, so it has no ring to show.
      .filter((el) => !["checkbox", "radio", "file", "hidden"].includes(el.type) && !el.disabled && el.getClientRects().length > 0);
    return fields.map((el) => {
      el.focus();
      const { colour, width } = ring(getComputedStyle(el));
      const under = backdrop(el);
      return { field: name(el), width, ratio: colour ? Math.round(contrast(over(colour, under), under) * 100) / 100 : 0 };
    });
  });
}

for (const scheme of ["light", "dark"]) {
  test(`focus on every text field shows at 3:1 against its card, in ${scheme}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: scheme });
    const kith = new Kith(page);
    const seen = new Set();
    const check = async (where) => {
      // After a navigation the page's fields appear a moment later.
      await expect(page.locator("main :is(input, textarea, select)").first()).toBeAttached();
      const rings = await focusRings(page);
      expect(rings.length, `fields on ${where}`).toBeGreaterThan(0);
      for (const r of rings) {
        seen.add(r.field);
        expect(r.width, `focus ring width of “${r.field}” on ${where}`).toBeGreaterThanOrEqual(2);
        expect(r.ratio, `focus ring contrast of “${r.field}” on ${where}`).toBeGreaterThanOrEqual(3);
      }
    };
    await kith.open();
    await kith.addPerson({ name: "Bo Lindqvist", organisation: "Acme Ltd" });
    await kith.goToPeople();
    await kith.addPerson({ name: "Ana Cruz", organisation: "Acme Ltd", email: "ana@acme.test", phone: "+44 20 7946 0000" });
    const person = page.url();
    await check("a person");
    for (const opener of ["Log interaction", "Add family member", "Add date", "Link a person", "Change timer"]) {
      await page.goto(person);
      await page.getByRole("button", { name: opener }).click();
      await check(`a person, with “${opener}” open`);
    }
    await page.getByRole("link", { name: "Edit" }).click();
    await page.evaluate(() => document.querySelectorAll("main details").forEach((d) => { d.open = true; }));
    for (const add of ["Add email", "Add phone", "Add address", "Add link", "Add field", "Add another role"]) {
      await page.getByRole("button", { name: add, exact: true }).click();
    }
    await check("the person form");
    if (process.env.KITH_SHOTS) {
      await kith.field("Email 2").focus();
      await page.screenshot({ path: `../../target/screenshots/fits-focus-${scheme}.png` });
    }
    await page.goto("/organisations");
    await check("Organisations");
    await page.getByRole("link", { name: "Acme Ltd" }).click();
    await page.getByRole("button", { name: "Follow up with everyone after a project" }).click();
    await check("an organisation");
    await page.goto("/people");
    await page.getByRole("button", { name: "Select" }).click();
    await check("People, selecting");
    await page.goto("/settings");
    await page.getByLabel("Protect the file with a passphrase").check();
    await check("Settings");
    for (const field of ["Email", "Phone", "Email 2", "Phone 2", "Search people and notes", "Tag for the selected people"]) {
      expect([...seen], "fields checked").toContain(field);
    }
  });
}
