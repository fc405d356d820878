// Registers Kith's service worker and tells the app when a new version is
// ready (window event "kith-update-ready", and window.__kithUpdateReady for
// an app that starts later). The app answers with "kith-update-accept";
// the new worker then takes over and the page reloads once, into it.
(() => {
  if (!("serviceWorker" in navigator)) return;
  const base = document.querySelector('meta[name="kith-base"]')?.content ?? "/";
  const hadController = Boolean(navigator.serviceWorker.controller);
  const ready = () => {
    window.__kithUpdateReady = true;
    window.dispatchEvent(new Event("kith-update-ready"));
  };
  const watch = (worker) => {
    if (!worker) return;
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) ready();
    });
  };
  navigator.serviceWorker
    .register(`${base}sw.js`, { scope: base })
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) ready();
      watch(registration.installing);
      registration.addEventListener("updatefound", () => watch(registration.installing));
      window.addEventListener("kith-update-accept", () => registration.waiting?.postMessage({ type: "SKIP_WAITING" }));
      const check = () => registration.update().catch(() => {});
      document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && check());
      setInterval(check, 60 * 60 * 1000);
    })
    .catch((error) => console.warn("Kith could not install its offline copy:", error));
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!hadController || reloading) return;
    reloading = true;
    location.reload();
  });
})();
