/*
 * The audience beacon: one small POST per page view, sent by the page itself so that a page
 * served from any cache still counts (http/site/beaconRoute.ts). No cookie, no storage, no
 * identifier: it sends the article's id (from its script tag), the referrer (the server keeps
 * only its kind: search, social, direct…) and the page's utm_medium. A reader whose browser
 * asks not to be tracked (Do Not Track, Global Privacy Control) sends nothing; the server
 * checks the same headers. A page restored from the back-forward cache is a new view.
 */
(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script || typeof navigator.sendBeacon !== 'function') return;
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  if (nav.doNotTrack === '1' || nav.globalPrivacyControl === true) return;
  const article = Number(script.dataset['article'] ?? '');
  const medium = new URLSearchParams(location.search).get('utm_medium');
  const payload = JSON.stringify({
    ...(article > 0 ? { a: article } : {}),
    ...(document.referrer ? { r: document.referrer } : {}),
    ...(medium ? { m: medium.slice(0, 100) } : {}),
  });
  const send = () => {
    navigator.sendBeacon('/beacon', payload);
  };
  // A page opened in a background tab is counted when it is first shown.
  if (document.visibilityState === 'hidden') {
    document.addEventListener('visibilitychange', function once() {
      if (document.visibilityState !== 'visible') return;
      document.removeEventListener('visibilitychange', once);
      send();
    });
  } else send();
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) send();
  });
})();
