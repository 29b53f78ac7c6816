/**
 * The snippet builder: choose a widget and its options, choose where the code goes (plain HTML,
 * the placeholder form, WordPress, Drupal, Joomla, SPIP, TYPO3), copy the code.
 *
 * Plain JavaScript (the demo is served as is, without a build), used by demo/snippets.html and by
 * Storybook (stories/snippet-builder.stories.ts); types in snippets.d.ts. The widgets and their
 * attributes come from custom-elements.json; the versioned URL and integrity hash of the bundle
 * from dist/civic-widgets.sri.json (scripts/sri.mjs). A demo page, not a widget: its French and
 * English texts are here, not in src/i18n. Built with DOM calls only (no innerHTML), so that it
 * works under the strict CSP of demo/csp.html too.
 */

/** Every target, in the order shown. `guide` is the page of docs/embed/ that explains it. */
export const TARGETS = ['html', 'placeholder', 'wordpress-shortcode', 'wordpress-block', 'drupal', 'joomla', 'spip', 'typo3'];
const GUIDE = { html: 'html', placeholder: 'html', 'wordpress-shortcode': 'wordpress', 'wordpress-block': 'wordpress', drupal: 'drupal', joomla: 'joomla', spip: 'spip', typo3: 'typo3' };
/** The widgets' languages (src/i18n/translations); '' lets the widget follow the page. */
export const LANGUAGES = ['', 'fr', 'en', 'nl', 'de', 'es', 'it', 'ca', 'ar'];

const TEXT = {
  fr: {
    title: 'Générateur de code d’intégration',
    intro: 'Choisissez un widget et ses options, puis votre outil de publication : copiez le code et collez-le comme indiqué.',
    widget: 'Widget',
    options: 'Options du widget',
    base: 'Adresse du serveur de participation',
    baseHint: 'Le serveur qui sert le script et l’API (par exemple https://participer.ville.fr).',
    lang: 'Langue du widget',
    langAuto: 'Celle de la page',
    required: '(obligatoire)',
    target: 'Où collez-vous le code ?',
    code: 'Le code',
    copy: 'Copier',
    copied: (step) => `Copié : « ${step} ».`,
    copyFailed: 'Copie impossible ici : le code est sélectionné, appuyez sur Ctrl+C (ou Cmd+C).',
    guide: 'Le guide pas à pas :',
    preview: 'Aperçu',
    noIntegrity: 'Le hachage d’intégrité (SRI) n’est pas connu : lancez `npm run build` sur le serveur ; le code ci-dessous s’en passe.',
    missingId: (attr) => `Indiquez ${attr} : c’est l’identifiant donné par votre back-office.`,
    names: {
      html: 'HTML (balise du widget)',
      placeholder: 'HTML filtré (forme « placeholder »)',
      'wordpress-shortcode': 'WordPress : code court',
      'wordpress-block': 'WordPress : bloc',
      drupal: 'Drupal',
      joomla: 'Joomla',
      spip: 'SPIP',
      typo3: 'TYPO3',
    },
    steps: {
      script: 'Une fois par page, dans le <head> (ou avant </body>)',
      widget: 'Là où le widget doit apparaître',
      placeholder: 'Là où le widget doit apparaître (résiste aux filtres qui retirent les balises inconnues)',
      shortcode: 'Dans la page, dans un bloc « Code court » (extension civic-widgets installée)',
      block: 'Dans l’éditeur de code de WordPress (Ctrl+Maj+Alt+M), ou insérez le bloc et remplissez sa barre latérale',
      drupalLibrary: 'Dans le fichier THEME.libraries.yml de votre thème',
      drupalInfo: 'Dans THEME.info.yml, pour toutes les pages (puis videz les caches)',
      drupalText: 'Dans le contenu, format « Full HTML », ou « Basic HTML » avec <div data-*> dans les balises autorisées',
      joomlaScript: 'Dans un module « Personnalisé », éditeur « Aucun », affiché sur toutes les pages',
      joomlaTemplate: 'Ou dans le index.php de votre template (Joomla 4 et 5), après la ligne $wa = $this->getWebAssetManager();',
      joomlaText: 'Dans l’article (TinyMCE garde cette forme)',
      spipScript: 'Dans le <head> de vos squelettes (par exemple squelettes/inclure/head.html)',
      spipModel: (file) => `Une fois : le modèle squelettes/modeles/${file}.html`,
      spipText: 'Dans le texte de l’article',
      typo3Script: 'Dans le TypoScript (setup) du site',
      typo3Text: 'Dans un élément de contenu de type « HTML » (l’éditeur riche et son filtre retirent les balises inconnues)',
    },
  },
  en: {
    title: 'Embed code builder',
    intro: 'Choose a widget and its options, then your publishing tool: copy the code and paste it as shown.',
    widget: 'Widget',
    options: 'Widget options',
    base: 'Address of the participation server',
    baseHint: 'The server that serves the script and the API (for example https://participate.town.gov).',
    lang: 'Widget language',
    langAuto: 'The page’s',
    required: '(required)',
    target: 'Where do you paste the code?',
    code: 'The code',
    copy: 'Copy',
    copied: (step) => `Copied: “${step}”.`,
    copyFailed: 'Cannot copy here: the code is selected, press Ctrl+C (or Cmd+C).',
    guide: 'The step-by-step guide:',
    preview: 'Preview',
    noIntegrity: 'The integrity hash (SRI) is not known: run `npm run build` on the server; the code below goes without it.',
    missingId: (attr) => `Fill in ${attr}: the identifier your back office gave you.`,
    names: {
      html: 'HTML (the widget’s tag)',
      placeholder: 'Filtered HTML (placeholder form)',
      'wordpress-shortcode': 'WordPress: shortcode',
      'wordpress-block': 'WordPress: block',
      drupal: 'Drupal',
      joomla: 'Joomla',
      spip: 'SPIP',
      typo3: 'TYPO3',
    },
    steps: {
      script: 'Once per page, in the <head> (or before </body>)',
      widget: 'Where the widget goes',
      placeholder: 'Where the widget goes (survives filters that remove unknown tags)',
      shortcode: 'In the page, in a “Shortcode” block (civic-widgets plugin installed)',
      block: 'In WordPress’s code editor (Ctrl+Shift+Alt+M), or insert the block and fill in its sidebar',
      drupalLibrary: 'In your theme’s THEME.libraries.yml',
      drupalInfo: 'In THEME.info.yml, for every page (then clear the caches)',
      drupalText: 'In the content, text format “Full HTML”, or “Basic HTML” with <div data-*> among the allowed tags',
      joomlaScript: 'In a “Custom” module, editor “None”, shown on every page',
      joomlaTemplate: 'Or in your template’s index.php (Joomla 4 and 5), after the line $wa = $this->getWebAssetManager();',
      joomlaText: 'In the article (TinyMCE keeps this form)',
      spipScript: 'In the <head> of your templates (for example squelettes/inclure/head.html)',
      spipModel: (file) => `Once: the model squelettes/modeles/${file}.html`,
      spipText: 'In the article text',
      typo3Script: 'In the site’s TypoScript (setup)',
      typo3Text: 'In a content element of type “HTML” (the rich-text editor and its sanitizer remove unknown tags)',
    },
  },
};

/* ------------------------------------------------------------------ the manifest */

/** The attribute naming what to show (survey-id, vote-id…; comment-id only opens one comment). */
const isId = (a) => /-id$/.test(a.name) && a.name !== 'comment-id';

function literalUnion(text) {
  const parts = text.split('|').map((s) => s.trim()).filter((s) => s !== 'undefined');
  return parts.length && parts.every((p) => /^'[^']*'$/.test(p)) ? parts.map((p) => p.slice(1, -1)) : undefined;
}

/** The widgets of custom-elements.json (every civic-* element but <civic-config>), with their attributes. */
export function widgetsFrom(manifest) {
  const widgets = [];
  for (const mod of manifest.modules ?? []) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName?.startsWith('civic-') || d.tagName === 'civic-config') continue;
      const attributes = (d.attributes ?? []).map((a) => {
        const text = (a.type?.text ?? 'string').replace(/\s*\|\s*undefined/g, '').trim();
        const description = (a.description ?? '').replace(/\s+/g, ' ').trim();
        // A named type (CommentSort): its values are the ones the description quotes.
        const named = !['string', 'number', 'boolean'].includes(text) && !literalUnion(text);
        const options = literalUnion(text) ?? (named ? [...description.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]) : undefined);
        const type = text === 'number' ? 'number' : text === 'boolean' ? 'boolean' : 'string';
        let def = a.default?.trim();
        if (def && /^'.*'$/.test(def)) def = def.slice(1, -1);
        return { name: a.name, type, description, ...(options?.length ? { options } : {}), ...(def !== undefined ? { default: def } : {}) };
      });
      // The identifier first, the endpoint next, then the rest in the manifest's order.
      const rank = (a) => (isId(a) ? 0 : a.name === 'endpoint' ? 1 : 2);
      attributes.sort((a, b) => rank(a) - rank(b));
      widgets.push({ name: d.tagName.slice('civic-'.length), tag: d.tagName, summary: (d.summary ?? '').trim(), attributes });
    }
  }
  return widgets.sort((a, b) => a.name.localeCompare(b.name));
}

/* ------------------------------------------------------------------ the code */

const escAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The code for a target, as steps `{ id, title, code, language }`.
 * `values`: attribute -> value (empty ones and defaults are left out); `lang`: '' or a language;
 * `base`: the server's address; `sri`: `{ url, integrity }` from civic-widgets.sri.json, or undefined.
 */
export function snippetFor({ widget, values, lang = '', target, base, sri, ui = 'en' }) {
  const t = (TEXT[ui] ?? TEXT.en).steps;
  const origin = String(base || '').replace(/\/+$/, '');
  const attrs = [];
  for (const a of widget.attributes) {
    const v = values[a.name];
    if (v === undefined || v === '' || v === false || String(v) === String(a.default ?? '\u0000')) continue;
    attrs.push([a.name, a.type === 'boolean' ? true : String(v)]);
  }
  if (lang) attrs.push(['lang', lang]);
  const src = `${origin}${sri?.url ?? '/civic-widgets.js'}`;
  const integrity = sri?.integrity;
  const scriptTag = `<script type="module" src="${escAttr(src)}"${integrity ? ` integrity="${integrity}"` : ''} crossorigin="anonymous"></script>`;
  const tagAttrs = attrs.map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escAttr(v)}"`)).join('');
  const tagForm = `<${widget.tag}${tagAttrs}></${widget.tag}>`;
  const placeholder = `<div data-civic-widget="${widget.name}"${attrs.map(([k, v]) => ` data-${k}="${v === true ? '' : escAttr(v)}"`).join('')}></div>`;
  const shortcodeName = `civic_${widget.name.replace(/-/g, '_')}`;
  const step = (id, title, code, language = 'html') => ({ id, title, code, language });

  switch (target) {
    case 'html':
      return [step('script', t.script, scriptTag), step('widget', t.widget, tagForm)];
    case 'placeholder':
      return [step('script', t.script, scriptTag), step('widget', t.placeholder, placeholder)];
    case 'wordpress-shortcode': {
      const sc = attrs.map(([k, v]) => (v === true ? ` ${k}="1"` : ` ${k}="${String(v).replace(/"/g, '&quot;').replace(/\]/g, '&#93;')}"`)).join('');
      return [step('widget', t.shortcode, `[${shortcodeName}${sc}]`, 'text')];
    }
    case 'wordpress-block': {
      const json = {};
      for (const [k, v] of attrs) json[k] = v === true ? true : widget.attributes.find((a) => a.name === k)?.type === 'number' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
      // As WordPress serializes block attributes (serializeAttributes): no "--", <, >, & or \" in a comment.
      const body = JSON.stringify(json)
        .replace(/--/g, '\\u002d\\u002d')
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\\"/g, '\\u0022');
      return [step('widget', t.block, `<!-- wp:civic-widgets/${widget.name} ${body} /-->`)];
    }
    case 'drupal': {
      const yaml = [
        'civic-widgets:',
        '  js:',
        `    ${src}:`,
        '      type: external',
        '      minified: true',
        '      attributes:',
        '        type: module',
        ...(integrity ? [`        integrity: ${integrity}`] : []),
        '        crossorigin: anonymous',
      ].join('\n');
      return [step('library', t.drupalLibrary, yaml, 'yaml'), step('info', t.drupalInfo, 'libraries:\n  - THEME/civic-widgets', 'yaml'), step('widget', t.drupalText, placeholder)];
    }
    case 'joomla': {
      const php = [
        `$wa->registerAndUseScript('civic-widgets', '${src.replace(/'/g, "\\'")}', [], [`,
        "    'type' => 'module',",
        ...(integrity ? [`    'integrity' => '${integrity}',`] : []),
        "    'crossorigin' => 'anonymous',",
        ']);',
      ].join('\n');
      return [step('script', t.joomlaScript, scriptTag), step('template', t.joomlaTemplate, php, 'php'), step('widget', t.joomlaText, placeholder)];
    }
    case 'spip': {
      const file = `civic_${widget.name.replace(/-/g, '_')}`;
      // SPIP model parameters are written with underscores (survey_id); the model turns them back.
      const param = (n) => n.replace(/-/g, '_');
      const model = `<div data-civic-widget="${widget.name}"${[...widget.attributes.map((a) => a.name), 'lang'].map((n) => `[ data-${n}="(#ENV{${param(n)}}|attribut_html)"]`).join('')}></div>`;
      const call = `<${file}${attrs.map(([k, v]) => `|${param(k)}=${v === true ? 'true' : String(v).replace(/[|>]/g, '')}`).join('')}>`;
      return [step('script', t.spipScript, scriptTag), step('model', t.spipModel(file), model), step('widget', t.spipText, call, 'text')];
    }
    case 'typo3': {
      const ts = [
        'page.includeJSFooter {',
        `  civicWidgets = ${src}`,
        '  civicWidgets.external = 1',
        '  civicWidgets.type = module',
        ...(integrity ? [`  civicWidgets.integrity = ${integrity}`] : []),
        '  civicWidgets.crossorigin = anonymous',
        '  civicWidgets.excludeFromConcatenation = 1',
        '  civicWidgets.disableCompression = 1',
        '}',
      ].join('\n');
      return [step('script', t.typo3Script, ts, 'typoscript'), step('widget', t.typo3Text, placeholder)];
    }
    default:
      throw new Error(`Unknown target ${target}: use one of ${TARGETS.join(', ')}.`);
  }
}

/* ------------------------------------------------------------------ the page */

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (k in el && !k.includes('-') && k !== 'role') el[k] = v;
    else if (v !== false) el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return el;
}

async function copyText(text, pre) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard here (an http page, a denied permission): select the code for Ctrl+C.
    const range = document.createRange();
    range.selectNodeContents(pre);
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    pre.focus();
    return false;
  }
}

/**
 * Builds the page into `root`. Options: `manifest` (custom-elements.json), `sri` (civic-widgets.sri.json
 * or undefined), `base` (the server's address), `ui` ('fr' or 'en'), `initial` ({ widget, target,
 * values, lang }), `preview` (true: render the widget under the code; the bundle must be loaded),
 * `guideBase` (where docs/embed/ is published, to link the guides; else their path in the package).
 */
export function mountSnippetBuilder(root, { manifest, sri, base = location.origin, ui = 'fr', initial = {}, preview = false, guideBase }) {
  const T = TEXT[ui] ?? TEXT.en;
  const widgets = widgetsFrom(manifest);
  const state = {
    widget: widgets.find((w) => w.name === initial.widget) ?? widgets.find((w) => w.name === 'survey') ?? widgets[0],
    target: TARGETS.includes(initial.target) ? initial.target : 'html',
    values: { ...(initial.values ?? {}) },
    lang: initial.lang ?? '',
    base: initial.base ?? base,
  };
  let uid = 0;
  const id = (s) => `sb-${s}-${++uid}`;

  const status = h('p', { role: 'status', className: 'sb-status' });
  const optionsBox = h('div', { className: 'sb-options' });
  const output = h('div', { className: 'sb-output' });
  const previewBox = preview ? h('div', { className: 'sb-preview' }) : undefined;

  const widgetId = id('widget');
  const widgetSelect = h(
    'select',
    { id: widgetId, name: 'widget' },
    widgets.map((w) => h('option', { value: w.name, selected: w === state.widget }, `<${w.tag}>`)),
  );
  const widgetSummary = h('p', { className: 'sb-hint', id: id('widget-hint'), lang: 'en' });
  widgetSelect.setAttribute('aria-describedby', widgetSummary.id);
  widgetSelect.addEventListener('change', () => {
    state.widget = widgets.find((w) => w.name === widgetSelect.value) ?? state.widget;
    renderOptions();
    renderCode();
  });

  const baseId = id('base');
  const baseHint = h('p', { className: 'sb-hint', id: id('base-hint') }, T.baseHint);
  const baseInput = h('input', { id: baseId, name: 'base', type: 'url', value: state.base, autocomplete: 'url', spellcheck: false, 'aria-describedby': baseHint.id });
  baseInput.addEventListener('input', () => {
    state.base = baseInput.value.trim();
    renderCode();
  });

  const langId = id('lang');
  const langSelect = h('select', { id: langId, name: 'lang' }, LANGUAGES.map((l) => h('option', { value: l, selected: l === state.lang }, l || T.langAuto)));
  langSelect.addEventListener('change', () => {
    state.lang = langSelect.value;
    renderCode();
  });

  const targetName = id('target');
  const targets = h(
    'fieldset',
    { className: 'sb-targets' },
    h('legend', {}, T.target),
    TARGETS.map((tg) => {
      const input = h('input', { type: 'radio', name: targetName, value: tg, id: `${targetName}-${tg}`, checked: tg === state.target });
      input.addEventListener('change', () => {
        if (!input.checked) return;
        state.target = tg;
        renderCode();
      });
      return h('div', { className: 'sb-choice' }, input, h('label', { htmlFor: input.id }, T.names[tg]));
    }),
  );

  function renderOptions() {
    widgetSummary.textContent = state.widget.summary;
    const w = state.widget;
    optionsBox.replaceChildren(
      ...w.attributes.map((a) => {
        const fid = id(`attr-${a.name}`);
        const hint = h('p', { className: 'sb-hint', id: `${fid}-hint`, lang: 'en' }, a.description);
        const required = isId(a);
        const current = state.values[a.name] ?? (a.name === 'endpoint' ? '' : undefined);
        let control;
        if (a.type === 'boolean') {
          control = h('input', { type: 'checkbox', id: fid, name: a.name, checked: current === true, 'aria-describedby': hint.id });
          control.addEventListener('change', () => {
            state.values[a.name] = control.checked;
            renderCode();
          });
          return h('div', { className: 'sb-field sb-check' }, control, h('label', { htmlFor: fid }, a.name), hint);
        }
        if (a.options) {
          control = h('select', { id: fid, name: a.name, 'aria-describedby': hint.id }, a.options.map((o) => h('option', { value: o, selected: (current ?? a.default) === o }, o)));
        } else {
          control = h('input', {
            id: fid,
            name: a.name,
            type: a.type === 'number' ? 'number' : 'text',
            value: current ?? '',
            placeholder: a.name === 'endpoint' ? `${state.base.replace(/\/+$/, '')}/api` : (a.default ?? ''),
            spellcheck: false,
            autocomplete: 'off',
            'aria-describedby': hint.id,
            'aria-required': required ? 'true' : undefined,
          });
        }
        control.addEventListener(a.options ? 'change' : 'input', () => {
          state.values[a.name] = control.value.trim();
          renderCode();
        });
        return h('div', { className: 'sb-field' }, h('label', { htmlFor: fid }, a.name, required ? ` ${T.required}` : ''), control, hint);
      }),
    );
  }

  function renderCode() {
    const w = state.widget;
    // The endpoint defaults to <server>/api: written out, so that the code works where pasted.
    const values = { ...state.values };
    if (!values.endpoint && w.attributes.some((a) => a.name === 'endpoint')) values.endpoint = `${state.base.replace(/\/+$/, '')}/api`;
    const steps = snippetFor({ widget: w, values, lang: state.lang, target: state.target, base: state.base, sri, ui });
    const idAttr = w.attributes.find(isId);
    const notes = [];
    if (idAttr && !values[idAttr.name]) notes.push(h('p', { className: 'sb-note' }, T.missingId(idAttr.name)));
    if (!sri?.integrity && !state.target.startsWith('wordpress')) notes.push(h('p', { className: 'sb-note' }, T.noIntegrity));
    output.replaceChildren(
      ...notes,
      h('ol', { className: 'sb-steps' }, steps.map((s) => {
        const titleId = id(`step-${s.id}`);
        const pre = h('pre', { tabIndex: 0, 'aria-labelledby': titleId, 'data-language': s.language }, h('code', {}, s.code));
        const button = h('button', { type: 'button', className: 'sb-copy', 'aria-describedby': titleId }, T.copy);
        button.addEventListener('click', async () => {
          const ok = await copyText(s.code, pre);
          status.textContent = '';
          // A new text in the live region, even when the same step is copied twice.
          requestAnimationFrame(() => (status.textContent = ok ? T.copied(s.title) : T.copyFailed));
        });
        return h('li', { 'data-step': s.id }, h('p', { id: titleId, className: 'sb-step-title' }, s.title), pre, button);
      })),
      h('p', {}, `${T.guide} `, guideBase ? h('a', { href: `${guideBase}${GUIDE[state.target]}.md` }, `docs/embed/${GUIDE[state.target]}.md`) : h('code', {}, `docs/embed/${GUIDE[state.target]}.md`)),
    );
    if (previewBox) {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(() => renderPreview(w, values), 400);
    }
  }

  let previewTimer;
  function renderPreview(w, values) {
    {
      const el = document.createElement(w.tag);
      for (const a of w.attributes) {
        const v = values[a.name];
        if (v === undefined || v === '' || v === false) continue;
        el.setAttribute(a.name, v === true ? '' : String(v));
      }
      if (state.lang) el.setAttribute('lang', state.lang);
      previewBox.replaceChildren(h('h3', {}, T.preview), el);
    }
  }

  const form = h(
    'form',
    { className: 'sb-form', 'aria-labelledby': id('title') },
    h('div', { className: 'sb-field' }, h('label', { htmlFor: widgetId }, T.widget), widgetSelect, widgetSummary),
    h('div', { className: 'sb-field' }, h('label', { htmlFor: baseId }, T.base), baseInput, baseHint),
    h('fieldset', { className: 'sb-attrs' }, h('legend', {}, T.options), optionsBox, h('div', { className: 'sb-field' }, h('label', { htmlFor: langId }, T.lang), langSelect)),
    targets,
  );
  form.addEventListener('submit', (e) => e.preventDefault());
  const titleEl = h('h2', { id: form.getAttribute('aria-labelledby') }, T.title);
  root.replaceChildren(
    h('section', { className: 'snippet-builder', lang: ui }, titleEl, h('p', {}, T.intro), form, h('section', { className: 'sb-code', 'aria-label': T.code }, h('h3', {}, T.code), output, status), previewBox),
  );
  renderOptions();
  renderCode();
  return { state, rerender: () => (renderOptions(), renderCode()) };
}
