//! Finding things the way a screen reader does: by role and accessible name
//! (or label), in every engine alike, plus condition-based waits.
//!
//! A query is `{ role, name, level, exact, hidden }`; `name` is a string
//! (matched whole after collapsing white space, unless `exact: false`, then
//! as a part) or a RegExp. Queries chain with `within`: `q(a).in(b)` looks
//! for `a` inside the first match of `b`. The whole chain is resolved in
//! ONE script in the page, so an element is never looked up in one render
//! and used in another (no stale elements between steps).
//!
//! Why a script and not WebDriver's "Get Computed Role / Label" commands
//! (all three drivers here answer them): those take one round trip per
//! candidate element, and a lookup such as "the link named X in the list
//! named People" would need dozens per poll. The small name computation
//! below (aria-labelledby, aria-label, <label>, text content, alt, title)
//! covers what Kith's markup uses and behaves the same in every engine.
//!
//! Every wait polls a condition until it holds or the timeout passes; the
//! error names what was awaited. There are no sleeps for correctness.

/** How long a step waits for the app, in ms. WebKitGTK under Xvfb is the
 * slowest of the three engines; 15 s leaves it room on a busy 2-core box. */
export const TIMEOUT = Number(process.env.KITH_WD_TIMEOUT ?? 15_000);

/** A query for an element with `role` named `name` (see the module doc). */
export function q(role, name, extra = {}) {
  const query = { role, ...extra };
  if (name instanceof RegExp) query.pattern = { source: name.source, flags: name.flags };
  else if (name !== undefined) query.name = name;
  return new Query([query]);
}

/** A form control (input, select, textarea) by its label, as getByLabel does. */
export function label(name, extra = {}) {
  return q("field", name, extra);
}

class Query {
  constructor(chain) {
    this.chain = chain;
  }

  /** This query, looked for inside the first match of `outer`. */
  in(outer) {
    return new Query([...outer.chain, ...this.chain]);
  }

  toString() {
    const one = (c) => `${c.role}${c.level ? ` (level ${c.level})` : ""}${c.name !== undefined ? ` "${c.name}"` : ""}${c.pattern ? ` /${c.pattern.source}/` : ""}`;
    return this.chain.map(one).reverse().join(" in ");
  }
}

// Runs in the page: every element matching the last query of `chain`,
// inside the first match of the one before, and so on. Kept free of
// anything newer than what all three engines' builds here support.
function resolveInPage(chain) {
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
  const implicit = (el) => {
    const tag = el.localName;
    const type = (el.getAttribute("type") || "text").toLowerCase();
    if (tag === "a" && el.hasAttribute("href")) return "link";
    if (tag === "button") return "button";
    if (tag === "input") {
      if (["button", "submit", "reset", "image"].includes(type)) return "button";
      if (type === "checkbox") return "checkbox";
      if (type === "radio") return "radio";
      if (type === "search") return "searchbox";
      if (type === "range") return "slider";
      if (["text", "email", "tel", "url"].includes(type)) return "textbox";
      return "";
    }
    if (tag === "textarea") return "textbox";
    if (tag === "select") return el.multiple || el.size > 1 ? "listbox" : "combobox";
    if (/^h[1-6]$/.test(tag)) return "heading";
    if (tag === "ul" || tag === "ol") return "list";
    if (tag === "li") return "listitem";
    if (tag === "nav") return "navigation";
    if (tag === "main") return "main";
    if (tag === "dialog") return "dialog";
    if (tag === "section" && (el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby"))) return "region";
    return "";
  };
  const roleOf = (el) => (el.getAttribute("role") || "").split(/\s+/)[0] || implicit(el);
  const isField = (el) => ["input", "select", "textarea"].includes(el.localName);
  const shown = (el) => {
    if (el.closest("[hidden], [aria-hidden='true']")) return false;
    if (typeof el.checkVisibility === "function") return el.checkVisibility({ visibilityProperty: true });
    return el.getClientRects().length > 0;
  };
  const fromContent = (node) => {
    let out = "";
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += child.data;
      else if (child.nodeType === 1) {
        if (child.getAttribute("aria-hidden") === "true" || child.hidden) continue;
        if (child.hasAttribute("aria-label")) out += " " + child.getAttribute("aria-label") + " ";
        else if (child.localName === "img") out += " " + (child.getAttribute("alt") || "") + " ";
        else if (!isField(child)) out += " " + fromContent(child) + " ";
      }
    }
    return out;
  };
  const nameOf = (el) => {
    const by = el.getAttribute("aria-labelledby");
    if (by) {
      return norm(by.split(/\s+/).map((id) => {
        const ref = document.getElementById(id);
        return ref ? ref.getAttribute("aria-label") || ref.textContent : "";
      }).join(" "));
    }
    if (el.hasAttribute("aria-label")) return norm(el.getAttribute("aria-label"));
    if (isField(el)) {
      const labels = Array.from(el.labels || []).map((l) => fromContent(l));
      if (labels.length) return norm(labels.join(" "));
      return norm(el.getAttribute("title") || el.getAttribute("placeholder") || "");
    }
    if (["button", "link", "heading", "listitem", "tab", "option", "menuitem", "cell", "radio", "checkbox"].includes(roleOf(el))) {
      const text = norm(fromContent(el));
      if (text) return text;
    }
    return norm(el.getAttribute("title") || "");
  };
  const matches = (el, c) => {
    if (c.role === "field" ? !isField(el) : roleOf(el) !== c.role) return false;
    if (c.level && Number(el.getAttribute("aria-level") || el.localName.slice(1)) !== c.level) return false;
    if (!c.hidden && !shown(el)) return false;
    if (c.name === undefined && !c.pattern) return true;
    const name = nameOf(el);
    if (c.pattern) return new RegExp(c.pattern.source, c.pattern.flags).test(name);
    return c.exact === false ? name.toLowerCase().includes(norm(c.name).toLowerCase()) : name === norm(c.name);
  };
  let scope = document;
  for (let i = 0; i < chain.length; i++) {
    const found = Array.from(scope.querySelectorAll("*")).filter((el) => matches(el, chain[i]));
    if (i === chain.length - 1) return found;
    if (!found.length) return [];
    scope = found[0];
  }
  return [];
}

/** Every element matching `query` right now. */
export function all(driver, query) {
  return driver.executeScript(resolveInPage, query.chain);
}

/** Polls `check` until it returns a truthy value, which it returns; after
 * `timeout` ms throws "timed out waiting for <what>" with the last error. */
export async function until(what, check, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      const why = last ? ` (last error: ${String(last.message ?? last).split("\n")[0]})` : "";
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first element matching `query`, once there is one. */
export async function one(driver, query, timeout) {
  return until(`${query}`, async () => (await all(driver, query))[0], timeout);
}

/** Waits until nothing matches `query`. */
export async function gone(driver, query, timeout) {
  await until(`${query} to go away`, async () => (await all(driver, query)).length === 0, timeout);
}

/** Waits until exactly `n` elements match `query`. */
export async function count(driver, query, n, timeout) {
  let seen = 0;
  await until(`${n} of ${query}`, async () => (seen = (await all(driver, query)).length) === n, timeout)
    .catch((e) => { throw new Error(`${e.message}; saw ${seen}`); });
}

/** The text of `element` as a reader gets it: white space collapsed. */
export function text(driver, element) {
  return driver.executeScript((el) => (el.textContent || "").replace(/\s+/g, " ").trim(), element);
}

/** Waits until a match of `query` (any, when several) contains `words`
 * (a string or RegExp). */
export async function hasText(driver, query, words, timeout) {
  let seen = ["(nothing found)"];
  await until(`${query} to contain ${JSON.stringify(String(words))}`, async () => {
    const found = await all(driver, query);
    if (!found.length) return false;
    seen = await Promise.all(found.map((el) => text(driver, el)));
    return seen.some((s) => (words instanceof RegExp ? words.test(s) : s.includes(words)));
  }, timeout).catch((e) => { throw new Error(`${e.message}; it said: ${seen.join(" | ").slice(0, 300)}`); });
}

/** Clicks the first match of `query`, retrying while the page is still
 * settling (the element re-rendered, or something was briefly over it).
 * When something covered it (chromedriver and geckodriver say so: "click
 * intercepted"), the click still goes through once it is uncovered, and a
 * note says what covered it for how long; when it was one of Kith's
 * notices, which never cover controls (issue 14), the step fails. */
export async function click(driver, query, timeout) {
  const cover = coverWatch(query);
  await until(`${query} to be clickable`, async () => {
    const [el] = await all(driver, query);
    return el ? cover.click(el) : false;
  }, timeout);
  cover.report();
}

/** Clicks with the bookkeeping `click` describes, for `what`. */
function coverWatch(what) {
  let covered = null;
  return {
    async click(el) {
      try {
        await el.click();
        return true;
      } catch (e) {
        if (e.name === "ElementClickInterceptedError") covered ??= { since: Date.now(), by: String(e.message).split("\n")[0] };
        throw e;
      }
    },
    report() {
      if (!covered) return;
      // chromedriver: "Other element would receive the click: <div …>";
      // geckodriver: "because another element <div …> obscures it".
      const by = /(?:receive the click: |another element )(<[^>]*>)/.exec(covered.by)?.[1] ?? covered.by;
      const line = `${what} was covered by ${by} for ${((Date.now() - covered.since) / 1000).toFixed(1)} s`;
      // Kith's notices take their own room and never cover a control.
      if (/class="(notice|update)\b/.test(by)) throw new Error(`a notice covered a control: ${line}`);
      console.log(`      note: ${line}`);
    },
  };
}

/** Replaces the value of the field matching `query` by typing `value`, as a
 * person would: focus, select all, type. (WebDriver's Element Clear fires
 * no `input` event in any of the three drivers, checked here, so the app
 * would not see a cleared field.) */
export async function fill(driver, query, value) {
  const el = await one(driver, query);
  await el.click();
  const current = await el.getAttribute("value");
  if (current) {
    await driver.executeScript((e) => e.select(), el);
    await el.sendKeys("\uE003"); // Backspace
  }
  if (value !== "") await el.sendKeys(value);
  await until(`${query} to hold what was typed`, async () => (await el.getAttribute("value")) === value);
}

/** Sets a field whose typing differs by engine and locale (a date input:
 * Chromium and Firefox split it into parts in the locale's order, and
 * what the keys do in each part is the engine's own) to `value` the way
 * the page sees a picked value: native setter, then `input` and `change`. */
export async function setValue(driver, query, value) {
  const el = await one(driver, query);
  await driver.executeScript((e, v) => {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(e), "value").set;
    setter.call(e, v);
    e.dispatchEvent(new Event("input", { bubbles: true }));
    e.dispatchEvent(new Event("change", { bubbles: true }));
  }, el, value);
}

/** Picks the option labelled `optionLabel` in the select matching `query`,
 * by clicking the option: WebDriver defines that as choosing it, without
 * opening the engine's own drop-down. */
export async function select(driver, query, optionLabel) {
  const el = await one(driver, query);
  const option = await until(`option "${optionLabel}" in ${query}`, () =>
    driver.executeScript((e, wanted) => Array.from(e.options).find((o) => o.label.trim() === wanted || o.value === wanted), el, optionLabel));
  const cover = coverWatch(`option "${optionLabel}" in ${query}`);
  await until(`option "${optionLabel}" in ${query} to be clickable`, () => cover.click(option));
  cover.report();
  await until(`${query} to show "${optionLabel}"`, () =>
    driver.executeScript((e, o) => e.value === o.value, el, option));
}
