// Kith's service worker. scripts/pwa.mjs fills in VERSION, BASE and FILES
// (every file of the build, hashed names included) after each build.
//
// - install: precache every file of this build under "kith-<VERSION>";
// - activate (only when the page says so, see pwa.js): delete the caches
//   of older builds;
// - fetch: the app's own files from the cache, and every navigation inside
//   the app answered with the cached index.html, so a deep link opens the
//   app with no network at all. Nothing else is touched.
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const FILES = __FILES__;
const CACHE = `kith-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith("kith-") && k !== CACHE).map((k) => caches.delete(k))),
    ),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
  if (event.data && event.data.type === "VERSION") event.source?.postMessage({ type: "VERSION", version: VERSION });
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (request.mode === "navigate") {
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match(`${BASE}index.html`)).then((hit) => hit ?? fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true })).then((hit) => hit ?? fetch(request)),
  );
});
