// The "plugin" of demo/csp-two-copies.html: loads a second copy of the bundle, the versioned one
// (its URL from dist/civic-widgets.sri.json, written by scripts/sri.mjs after the build), with
// import(): no inline script and no script.src string, which the page's Trusted Types would refuse.
const res = await fetch('/civic-widgets.sri.json');
const { url } = res.ok ? await res.json() : { url: '/civic-widgets.js?copy=2' };
await import(url);
