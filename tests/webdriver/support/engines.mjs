//! The three browser engines and how to open a WebDriver session in each:
//! Chromium (chromedriver), Firefox ESR (geckodriver) and WebKitGTK
//! (WebKitWebDriver driving MiniBrowser). Every path is given explicitly,
//! so selenium-webdriver never runs selenium-manager (which would try to
//! download drivers and browsers, impossible here).
//!
//! Each call to `open` is a NEW browser with a NEW, empty profile (its own
//! IndexedDB, caches and service workers): a journey that needs "an empty
//! profile" simply opens a second session.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Builder } from "selenium-webdriver";
import chrome from "selenium-webdriver/chrome.js";
import firefox from "selenium-webdriver/firefox.js";
import remote from "selenium-webdriver/remote/index.js";
import portprober from "selenium-webdriver/net/portprober.js";

const env = process.env;

/** `name` from PATH, else the first of `fallbacks` that exists. */
function which(name, ...fallbacks) {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
  } catch {
    return fallbacks.find((p) => existsSync(p)) ?? name;
  }
}

/** The window every engine gets: a laptop's, so no layout differs by engine
 * for lack of room (a notice over a button is a bug to see, not a quirk). */
const WIDTH = 1280;
const HEIGHT = 900;

/** Chromium, headless, with the flags TOOLCHAIN.md lists for root on a
 * machine with no network (without the networking flags it keeps trying
 * hosts it cannot reach). */
async function chromium() {
  const options = new chrome.Options()
    .setChromeBinaryPath(env.KITH_CHROMIUM ?? "/usr/bin/chromium")
    .addArguments(
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--no-first-run", `--window-size=${WIDTH},${HEIGHT}`,
    );
  const service = new chrome.ServiceBuilder(env.KITH_CHROMEDRIVER ?? "/usr/bin/chromedriver");
  return new Builder().forBrowser("chrome").setChromeOptions(options).setChromeService(service).build();
}

/** Firefox ESR, headless. Prefs keep it from calling home on start. */
async function firefoxEsr() {
  const options = new firefox.Options()
    .setBinary(env.KITH_FIREFOX ?? "/usr/bin/firefox-esr")
    .addArguments("-headless", `-width=${WIDTH}`, `-height=${HEIGHT}`)
    .setPreference("app.update.disabledForTesting", true)
    .setPreference("browser.shell.checkDefaultBrowser", false)
    .setPreference("datareporting.policy.dataSubmissionEnabled", false)
    .setPreference("toolkit.telemetry.enabled", false);
  const gecko = env.GECKODRIVER ?? which("geckodriver", join(homedir(), ".cargo/bin/geckodriver"));
  const service = new firefox.ServiceBuilder(gecko);
  const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.manage().window().setRect({ width: WIDTH, height: HEIGHT });
  return driver;
}

/** WebKitGTK: WebKitWebDriver starts MiniBrowser in automation mode. It
 * needs an X display (run.mjs starts its own Xvfb when
 * DISPLAY is unset). selenium-webdriver has no WebKitGTK module, so the
 * driver is started as a plain DriverService and spoken to as a remote
 * W3C endpoint. */
async function webkit() {
  const port = await portprober.findFreePort("127.0.0.1");
  const service = new remote.DriverService(env.KITH_WEBKITWEBDRIVER ?? "/usr/bin/WebKitWebDriver", {
    port,
    args: [`--port=${port}`, "--host=127.0.0.1"],
    loopback: true,
  });
  const url = await service.start();
  const driver = await new Builder()
    .usingServer(url)
    .withCapabilities({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": {
        binary: env.KITH_MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        args: ["--automation"],
      },
    })
    .build();
  await driver.manage().window().setRect({ width: WIDTH, height: HEIGHT }).catch(() => {});
  // The driver process is ours: stop it with the session.
  const quit = driver.quit.bind(driver);
  driver.quit = async () => {
    try {
      await quit();
    } finally {
      await service.kill();
    }
  };
  return driver;
}

/** Engine name → how to open a fresh browser for it. */
export const ENGINES = { chromium, firefox: firefoxEsr, webkit };

/** Opens a fresh browser of `engine` with an empty profile. */
export async function open(engine) {
  const start = ENGINES[engine];
  if (!start) throw new Error(`unknown engine "${engine}" (known: ${Object.keys(ENGINES).join(", ")})`);
  return start();
}
