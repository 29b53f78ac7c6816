// demo/snippets.html: the snippet builder against this server (its manifest, its bundle's version
// and integrity hash), in French or English (?lang=en), with a live preview of the widget.
// The query may choose the widget, the target and values: ?widget=vote&target=drupal&vote-id=….
import { mountSnippetBuilder } from './snippets.js';

const query = new URLSearchParams(location.search);
const ui = query.get('lang') === 'en' ? 'en' : 'fr';
document.documentElement.lang = ui;
document.title = ui === 'en' ? 'Embed a widget — code to copy for your site' : 'Intégrer un widget — code à copier pour votre site';
document.getElementById('page-title').textContent = ui === 'en' ? 'Embed a widget' : 'Intégrer un widget';
document.querySelector('.skip').textContent = ui === 'en' ? 'Skip to content' : 'Aller au contenu';
for (const a of document.querySelectorAll('nav a')) if (a.hreflang === ui) a.setAttribute('aria-current', 'true');

// The demo content's identifiers, so that the preview shows something at once.
const DEMO = { 'survey-id': 'mobilite-2027', 'vote-id': 'velo-rue-principale', 'petition-id': 'bureau-de-poste', 'thread-id': 'place-du-marche', 'report-id': 'saint-aubin' };
const values = { ...DEMO };
for (const [k, v] of query) if (!['lang', 'widget', 'target', 'widget-lang', 'base'].includes(k)) values[k] = v;

const root = document.getElementById('builder');
try {
  const manifest = await (await fetch('/custom-elements.json')).json();
  const sriRes = await fetch('/civic-widgets.sri.json');
  const sri = sriRes.ok ? await sriRes.json() : undefined;
  mountSnippetBuilder(root, {
    manifest,
    sri,
    base: query.get('base') ?? location.origin,
    ui,
    initial: { widget: query.get('widget') ?? undefined, target: query.get('target') ?? undefined, lang: query.get('widget-lang') ?? '', values },
    preview: true,
  });
} catch (e) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = (ui === 'en' ? 'The builder could not load the widgets’ description (custom-elements.json): ' : 'Le générateur n’a pas pu lire la description des widgets (custom-elements.json) : ') + (e instanceof Error ? e.message : String(e));
  root.replaceChildren(p);
}
