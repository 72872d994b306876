// Dela's service worker: keeps the app shell (html, js, wasm, css) in a cache
// versioned per build, so the app loads with the server unreachable, and
// moves to a new build as soon as the server serves one.
//
// scripts/post-build.py fills in BUILD and SHELL after each build.
const BUILD = "__DELA_BUILD__";
const SHELL = __DELA_SHELL__;
const CACHE = `dela-shell-${BUILD}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith("dela-shell-") && key !== CACHE).map((key) => caches.delete(key))
      ))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // The API is never answered from a cache: stale sync data would lie.
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;

  if (request.mode === "navigate") {
    // Network first, so a new build is seen at once; the cached shell when
    // the server cannot be reached. Every route is the same index.html.
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match("/index.html")))
        .then((response) => response || Response.error())
    );
    return;
  }
  // Assets carry a content hash in their names: the cached copy is right.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreVary: true }))
      .then((hit) => hit || fetch(request))
  );
});
