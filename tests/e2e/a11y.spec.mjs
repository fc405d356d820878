// Accessibility on every screen (issue 14). axe-core checks each screen
// and each dialog or sub-form the app opens, in light and dark mode, at a
// phone's 360 px and at a laptop's width; every result is printed, and a
// serious or critical violation fails the test. Then the add-person and
// log-interaction journeys are done with the keyboard alone: focus always
// visible, dialogs keep focus inside while open, Escape closes them, and
// focus goes back to what opened them.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { Kith, day, interactionRecord, organisationRecord, personRecord, putRecords } from "./kith.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const SCHEMES = ["light", "dark"];
const WIDTHS = [["360 px", { width: 360, height: 740 }], ["desktop", { width: 1280, height: 800 }]];
const FAILING = new Set(["serious", "critical"]);

/** A person with history, one overdue, both at one organisation, and one in
 * the trash: enough for every screen to show what it can. */
async function seed(kith) {
  const page = kith.page;
  await kith.open();
  await kith.saved();
  const org = "acme";
  const since = await day(page, -90);
  const ana = { ...personRecord({ id: "ana", name: "Ana Cruz", organisation: org, email: "ana@acme.test",
    cadence: { type: "every", count: 30, unit: "days" }, lastInteraction: since }),
  roles: [{ organisation_id: org, title: "Head of buying", since: null, until: null }], household_id: "home" };
  const bo = { ...personRecord({ id: "bo", name: "Bo Lindqvist", organisation: org,
    cadence: { type: "every", count: 14, unit: "days" }, lastInteraction: await day(page, -10) }),
  roles: [{ organisation_id: org, title: "CFO", since: null, until: null }], household_id: "home" };
  const gone = { ...personRecord({ id: "gone", name: "Gus Gone" }), deleted: Date.now() - 86_400_000 };
  await putRecords(page, {
    organisations: [organisationRecord({ id: org, name: "Acme Ltd" }),
      { ...organisationRecord({ id: "home", name: "Ana & Bo" }), kind: "household", address: "4 Elm Row\nLeith" }],
    contacts: [ana, bo, gone],
    interactions: [interactionRecord({ id: "i1", who: "ana", date: since, notes: "Lunch in Lisbon" })],
  });
}

/** Presses the first button named `name` (a string, whole; or a RegExp). */
const button = (name) => async (page) => page.getByRole("button", { name, exact: typeof name === "string" }).first().click();
/** Opens the log form and types, so Escape asks "Discard what you typed?". */
const discardPrompt = async (page) => {
  await button("Log interaction")(page);
  await page.getByLabel("Notes", { exact: true }).fill("half written");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("alertdialog")).toBeVisible();
};
const importPreview = async (page) => {
  const kith = new Kith(page);
  const bytes = await kith.exportBackup();
  await kith.importBackup("kith-backup.json", bytes);
  await expect(page.getByRole("region", { name: "Import preview" })).toBeVisible();
};

/** Each screen: where it is, and what to do there before checking it. */
const SCREENS = [
  { name: "Today", path: "/" },
  { name: "Today, a brief open", path: "/", then: button("Brief on Ana Cruz") },
  { name: "People", path: "/people" },
  { name: "Add person", path: "/people/new" },
  { name: "Merge people", path: "/people/merge" },
  { name: "Trash", path: "/trash" },
  { name: "Trash, confirm empty", path: "/trash", then: button("Empty trash…") },
  { name: "Person", path: "/people/ana" },
  { name: "Edit person", path: "/people/ana/edit" },
  { name: "Person, log interaction", path: "/people/ana", then: button("Log interaction") },
  { name: "Person, discard typing?", path: "/people/ana", then: discardPrompt },
  { name: "Person, correct interaction", path: "/people/ana", then: button(/^Edit the call/) },
  { name: "Person, change timer", path: "/people/ana", then: button("Change timer") },
  { name: "Person, follow up after a project", path: "/people/ana", then: button("Follow up after a project") },
  { name: "Person, add follow-up", path: "/people/ana", then: button("Add follow-up") },
  { name: "Person, update priorities", path: "/people/ana", then: button("Update") },
  { name: "Person, link a person", path: "/people/ana", then: button("Link a person") },
  { name: "Person, add family member", path: "/people/ana", then: button("Add family member") },
  { name: "Person, add date", path: "/people/ana", then: button("Add date") },
  { name: "Person, edit household", path: "/people/ana", then: button("Edit household") },
  { name: "Person, add to household", path: "/people/ana", then: async (page) => {
    await button("Add someone who lives with Ana")(page);
    await page.getByLabel("Who lives with them").fill("gus");
  } },
  { name: "Person, confirm delete", path: "/people/ana", then: button("Delete") },
  { name: "Organisations", path: "/organisations" },
  { name: "Organisation", path: "/organisations/acme" },
  { name: "Organisation, log interaction", path: "/organisations/acme", then: button("Log interaction") },
  { name: "Organisation, follow up with everyone", path: "/organisations/acme", then: button("Follow up with everyone after a project") },
  { name: "Organisation, edit", path: "/organisations/acme", then: button("Edit") },
  { name: "Organisation, confirm delete", path: "/organisations/acme", then: async (page) => {
    await button("Edit")(page);
    await button("Delete organisation…")(page);
  } },
  { name: "Settings", path: "/settings" },
  { name: "Import preview", path: "/settings", then: importPreview },
  { name: "Import preview, confirm replace", path: "/settings", then: async (page) => {
    await importPreview(page);
    await button("Replace everything")(page);
  } },
];

for (const screen of SCREENS) {
  test(`axe: ${screen.name}`, async ({ page }) => {
    const kith = new Kith(page);
    await seed(kith);
    await kith.open(screen.path);
    if (screen.then) await screen.then(page);
    const failures = [];
    for (const [width, viewport] of WIDTHS) {
      await page.setViewportSize(viewport);
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        // The pointer off every control (a hover colour is checked where
        // the pointer last clicked, not everywhere), and the buttons' 120 ms
        // colour transition over before looking.
        await page.mouse.move(0, 0);
        await page.waitForTimeout(200);
        const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const found = violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
        console.log(`axe | ${screen.name} | ${scheme} | ${width} | ${found.length ? found.join("; ") : "none"}`);
        for (const v of violations.filter((v) => FAILING.has(v.impact))) {
          failures.push(`${scheme}, ${width}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        }
      }
    }
    expect(failures, `serious or critical violations on ${screen.name}`).toEqual([]);
  });
}

// ---- The keyboard alone ----

/** Why focus does not show on the focused element, or null when it does:
 * it must match :focus-visible and draw an outline or a shadow (a visually
 * hidden input, a styled radio, draws it on the element after it or on its
 * label). */
function focusProblem(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "nothing has focus";
    const what = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
    // A date or time input's last Tab stop is its calendar button, inside
    // it: the input then matches :focus-within, not :focus-visible.
    const inner = el.matches("input[type=date], input[type=time], input[type=datetime-local], input[type=month]");
    if (!el.matches(inner ? ":focus-within" : ":focus-visible")) return `${what} is not :focus-visible`;
    const draws = (e) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
    };
    const box = el.getBoundingClientRect();
    const hidden = getComputedStyle(el).opacity === "0" || box.width <= 1 || box.height <= 1;
    const shown = hidden ? draws(el.nextElementSibling) || draws(el.parentElement) : draws(el);
    return shown ? null : `${what} has focus but shows no outline or shadow`;
  });
}

async function focusShows(page) {
  expect(await focusProblem(page)).toBeNull();
}

const focused = (target) => target.evaluate((el) => el === document.activeElement);

/** Presses Tab (Shift+Tab with `back`) until `target` has focus, checking
 * at every stop that focus shows. */
async function tabTo(page, target, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    await focusShows(page);
    if (await focused(target)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** An open confirmation keeps the keyboard: focus is on its safe (last)
 * button, Tab wraps to its first, Shift+Tab back to its last. */
async function trapsFocus(page, dialog) {
  const buttons = dialog.getByRole("button");
  const [first, last] = [buttons.first(), buttons.last()];
  await expect.poll(() => focused(last)).toBe(true);
  await focusShows(page);
  await page.keyboard.press("Tab");
  expect(await focused(first)).toBe(true);
  await focusShows(page);
  await page.keyboard.press("Shift+Tab");
  expect(await focused(last)).toBe(true);
  await focusShows(page);
}

test("keyboard: add a person", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await tabTo(page, nav.getByRole("link", { name: "People" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await tabTo(page, page.getByRole("link", { name: "Add person", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Add person" })).toBeVisible();
  await tabTo(page, kith.field("Name"));
  await page.keyboard.type("Ada Keys");
  await tabTo(page, kith.field("Email"));
  await page.keyboard.type("ada@keys.test");
  await tabTo(page, page.getByRole("button", { name: "Save person" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Ada Keys" })).toBeVisible();
  await expect(page.getByText("ada@keys.test")).toBeVisible();
});

test("keyboard: log an interaction, and Escape on a half-filled form asks", async ({ page }) => {
  const kith = new Kith(page);
  await seed(kith);
  await kith.open("/people/ana");
  const log = page.getByRole("button", { name: "Log interaction" });
  await tabTo(page, log);
  await page.keyboard.press("Enter");
  const notes = kith.field("Notes");
  await tabTo(page, notes);
  await page.keyboard.type("Coffee by the river");

  // Escape asks before throwing typing away; the question keeps focus
  // until answered, Escape answers "keep editing" and focus goes back.
  await page.keyboard.press("Escape");
  const question = page.getByRole("alertdialog");
  await expect(question).toHaveAccessibleName("Discard what you typed here?");
  await trapsFocus(page, question);
  await page.keyboard.press("Escape");
  await expect(question).toBeHidden();
  await expect.poll(() => focused(notes)).toBe(true);

  await tabTo(page, page.getByRole("button", { name: "Save interaction" }));
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Save interaction" })).toBeHidden();
  await expect(page.getByRole("list", { name: "Interactions" })).toContainText("Coffee by the river");
  await expect.poll(() => focused(log)).toBe(true);
  await focusShows(page);

  // `l` opens it with focus in its first field; Escape on the untouched
  // form closes it and focus returns to the button.
  await page.keyboard.press("l");
  await expect.poll(() => focused(page.getByLabel("Kind", { exact: true }))).toBe(true);
  await focusShows(page);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Save interaction" })).toBeHidden();
  await expect.poll(() => focused(log)).toBe(true);
});

/** Each confirmation: where, the button that asks, and any button before it. */
const CONFIRMATIONS = [
  { name: "delete a person", path: "/people/ana", opener: "Delete" },
  { name: "delete an organisation", path: "/organisations/acme", before: "Edit", opener: "Delete organisation…" },
  { name: "empty the trash", path: "/trash", opener: "Empty trash…" },
  { name: "replace everything with a backup", path: "/settings", before: importPreview, opener: "Replace everything" },
];

for (const c of CONFIRMATIONS) {
  test(`keyboard: the question before you ${c.name} keeps focus, Escape closes it and focus returns`, async ({ page }) => {
    const kith = new Kith(page);
    await seed(kith);
    await kith.open(c.path);
    if (typeof c.before === "function") {
      await c.before(page);
    } else if (c.before) {
      await tabTo(page, page.getByRole("button", { name: c.before, exact: true }));
      await page.keyboard.press("Enter");
    }
    const opener = page.getByRole("button", { name: c.opener, exact: true });
    await tabTo(page, opener);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toBeVisible();
    await trapsFocus(page, dialog);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect.poll(() => focused(opener)).toBe(true);
    await focusShows(page);
  });
}
