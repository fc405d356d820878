// Days relative to today, read from the page's own clock, so a test and the
// app agree on "today" even when the test runs across midnight or in another
// time zone than the machine's.

/** The page's local day `offset` days from today: `{ iso, day, month }`,
 * e.g. `{ iso: "2025-03-04", day: 4, month: "March" }`. */
export function calendarDay(page, offset = 0) {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const pad = (x) => String(x).padStart(2, "0");
    return {
      iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
      day: d.getDate(),
      month: d.toLocaleString("en-GB", { month: "long" }),
    };
  }, offset);
}

/** The page's local day `offset` days from today, as YYYY-MM-DD (what a date field takes). */
export async function day(page, offset = 0) {
  return (await calendarDay(page, offset)).iso;
}

/** The page's local day `offset` days from today as Kith writes it: "4 March". */
export async function longDay(page, offset = 0) {
  const { day, month } = await calendarDay(page, offset);
  return `${day} ${month}`;
}
