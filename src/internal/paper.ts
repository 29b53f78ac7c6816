/**
 * What the printed versions share (petition sheet, paper ballot, report form): the frame with the
 * kind of sheet, the title and a QR code with a short link back online, the print button, where to
 * return the sheet, the personal-data notice, and the paper styles. Loaded with a widget's print
 * chunk only (see vite.config.ts); Lit's template tags are handed over by the widget.
 * @internal
 */
import type { TemplateResult, html as htmlTag, nothing as nothingTag, svg as svgTag } from 'lit';
import type { LocalizeController } from '../i18n/localize.js';
import type { PaperInfo } from '../api/schemas/common.js';
import { warnWebmaster } from './civic-element.js';
import { qrSvg } from './qr.js';
import { paperCatalog, type PaperMessages } from './paper.messages.js';

type Args<F> = F extends (...a: infer P) => string ? P : [];

/** What a print chunk sees of its widget. */
export interface PaperHost {
  readonly l: LocalizeController;
  readonly lit: { html: typeof htmlTag; svg: typeof svgTag; nothing: typeof nothingTag };
  /** Level of the widget's heading (1-6). */
  readonly headingLevel: number;
  /** The online version's address (absolute), for the QR code and the link. */
  readonly onlineUrl: string;
  /** The `print` attribute is set: the page is made to be printed (a Print button shows on screen). */
  readonly standalone: boolean;
  /** The widget's tag, for the webmaster's console messages. */
  readonly tag: string;
  /** The widget's text direction. */
  readonly dir: 'ltr' | 'rtl';
}

/** What a printed sheet's frame shows. */
export interface SheetFrame {
  /** The kind of sheet ("Signature sheet"). */
  kind: string;
  title: string;
  /** Lines under the title: addressee, dates. */
  header?: unknown;
  body: unknown;
  /** Whether the sheet collects personal data (the notice must say how long and whom to ask). */
  personal?: boolean;
  paper?: PaperInfo;
}

/** The address as people type it: no scheme, no "www.", no trailing slash. */
export function shortLink(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '');
}

/** The shared helpers of a print chunk, for one widget. */
export function paperKit(host: PaperHost) {
  const { l } = host;
  const { html, svg, nothing } = host.lit;
  const t = <K extends keyof PaperMessages>(key: K, ...args: Args<PaperMessages[K]>): string => {
    const entry = paperCatalog.get(l.lang)[key] as unknown;
    return typeof entry === 'function' ? (entry as (...a: unknown[]) => string)(...args) : (entry as string);
  };
  const level = (depth: number) => Math.min(6, Math.max(1, host.headingLevel + depth));
  const heading = (text: string, depth = 1, cls = 'paper-section-title') => html`<div class=${cls} role="heading" aria-level=${level(depth)}>${text}</div>`;
  const box = (wide = false) => html`<span class="box ${wide ? 'wide' : ''}" aria-hidden="true"></span>`;
  const lines = (n: number) => html`${Array.from({ length: n }, () => html`<div class="line"></div>`)}`;

  /** The QR code and the short link back online; the link alone when the address is too long for a code. */
  function online(): unknown {
    const url = host.onlineUrl;
    if (!url) return nothing;
    const qr = qrSvg(svg, url);
    return html`<div part="online" class="paper-online">
      ${qr
        ? html`<svg class="qr" viewBox="0 0 ${qr.size} ${qr.size}" role="img" aria-label=${t('qrLabel')} shape-rendering="crispEdges">${qr.content}</svg>`
        : nothing}
      <p class="paper-online-text"><span class="paper-online-title">${t('onlineTitle')}</span> <span class="paper-link">${shortLink(url).split(/(?<=\/)|(?=[#?])/).map((part, i) => (i ? html`<wbr />${part}` : part))}</span></p>
    </div>`;
  }

  /**
   * Where the sheet goes back, and who organises (unless the personal-data notice printed on the
   * sheet already names the organiser as responsible).
   */
  function returnBlock(paper: PaperInfo | undefined, title = t('returnTitle'), withPrivacy = false): unknown {
    const organiser = withPrivacy && !paper?.privacy?.controller ? undefined : paper?.organiser;
    if (!paper?.returnTo && !organiser) return nothing;
    return html`<div class="paper-section paper-return">
      ${paper?.returnTo ? html`${heading(title)}<p class="paper-text">${l.text(paper.returnTo)}</p>` : nothing}
      ${organiser ? html`<p class="paper-text"><strong>${t('organiser')}</strong> ${l.text(organiser)}</p>` : nothing}
    </div>`;
  }

  /**
   * The personal-data notice: what is kept, why, who is responsible, how long, whom to ask. The
   * organiser's words win; `what` and `why` are the widget's defaults.
   */
  function privacy(paper: PaperInfo | undefined, what: string, why: string): unknown {
    const p = paper?.privacy;
    const controller = p?.controller ?? paper?.organiser;
    const contact = p?.contact ?? paper?.organiser;
    const row = (label: string, value: string) => html`<div class="paper-dl-row"><dt>${t('colon', label)}</dt> <dd>${value}</dd></div>`;
    return html`<div part="privacy" class="paper-section paper-privacy">
      ${heading(t('privacyTitle'))}
      <dl>
        ${row(t('privacyWhat'), what)} ${row(t('privacyWhy'), p?.purpose ? l.text(p.purpose) : why)}
        ${controller ? row(t('privacyController'), l.text(controller)) : nothing} ${p?.retention ? row(t('privacyHowLong'), l.text(p.retention)) : nothing}
        ${contact ? row(t('privacyAsk'), l.text(contact)) : nothing}
      </dl>
      <p class="paper-text">${t('privacyComplain')}</p>
    </div>`;
  }

  /** For the webmaster, on screen only (and in the console): what the notice lacks. */
  function missing(frame: SheetFrame): unknown {
    if (!frame.personal) return nothing;
    const p = frame.paper;
    const lack = [...(p?.privacy?.retention ? [] : [t('missingRetention')]), ...(p?.privacy?.contact || p?.organiser ? [] : [t('missingContact')])];
    if (!lack.length) return nothing;
    const message = t('missingPrivacy', lack.join(t('and')));
    warnWebmaster(host.tag, message);
    return html`<div class="config-error paper-webmaster screen-only" role="note"><p>${message}</p></div>`;
  }

  /** The whole printed version: the widget's `base` with the paper class. */
  function frame(f: SheetFrame): TemplateResult {
    return html`<section part="base" class="base paper" aria-labelledby="title" dir=${host.dir} lang=${l.lang}>
      <div part="header" class="header paper-header">
        <div class="paper-head-text">
          <p class="paper-kind">${f.kind}</p>
          <div part="title" class="title" role="heading" aria-level=${level(0)} id="title">${f.title}</div>
          ${f.header ?? nothing}
        </div>
        ${online()}
      </div>
      <div part="body" class="paper-body">
        ${host.standalone ? html`<div class="actions screen-only"><button type="button" class="secondary" @click=${() => window.print()}>${t('print')}</button></div>` : nothing}
        ${missing(f)} ${f.body}
      </div>
    </section>`;
  }

  return { t, html, svg, nothing, l, level, heading, box, lines, online, returnBlock, privacy, frame };
}

export type PaperKit = ReturnType<typeof paperKit>;

/** The paper look, shared by the print chunks (each adds its own rules); minified by hand. */
export const paperStyles = [
  '.paper-header{display:flex;flex-wrap:wrap;align-items:flex-start;justify-content:space-between;gap:var(--_civic-space-m)}',
  '.paper-head-text{flex:1 1 20rem;min-width:0}',
  '.paper-kind{margin:0 0 var(--_civic-space-s);font-weight:600;text-transform:uppercase;letter-spacing:.05em;font-size:.85em}',
  '.paper-online{flex:0 0 auto;display:flex;flex-direction:column;align-items:center;max-width:10rem;text-align:center}',
  '.qr{display:block;width:7rem;height:7rem}',
  '.paper-online-text{margin:.25rem 0 0;font-size:.85em;overflow-wrap:anywhere}',
  '.paper-online-title{display:block;font-weight:600}',
  '.paper-link{font-weight:700}',
  '.paper-body{line-height:1.4}',
  '.paper-text{margin:0 0 var(--_civic-space-s);white-space:pre-line;overflow-wrap:anywhere}',
  '.paper-small{font-size:.9em}',
  '.paper-howto{border:1px solid currentColor;padding:var(--_civic-space-s);margin:var(--_civic-space-m) 0}',
  '.paper-howto p{margin:0}.paper-howto p+p{margin-top:.25rem}',
  '.paper-section{margin:var(--_civic-space-m) 0}',
  '.paper-section-title{font-weight:700;margin:0 0 .25rem;break-after:avoid}',
  '.paper-privacy{border:1px solid currentColor;padding:var(--_civic-space-s);font-size:.85em;break-inside:avoid}',
  '.paper-privacy dl{margin:0 0 .25rem}.paper-dl-row{margin:0 0 .15rem}',
  '.paper-privacy dt{display:inline;font-weight:700}.paper-privacy dd{display:inline;margin:0;white-space:pre-line}',
  '.paper-return{border-top:2px solid currentColor;padding-top:var(--_civic-space-s);break-inside:avoid}',
  '.paper-choices{list-style:none;margin:0;padding:0}',
  '.paper-choices.inline{display:flex;flex-wrap:wrap;gap:0 var(--_civic-space-l)}',
  '.paper-choice{display:flex;align-items:flex-start;gap:.5rem;margin:.4rem 0;break-inside:avoid}',
  '.paper-choice-text{display:flex;flex-direction:column}',
  '.paper-choice-description{font-size:.85em}',
  '.box{display:inline-block;flex:none;width:1.1rem;height:1.1rem;border:1.5px solid currentColor;margin-top:.1rem}',
  '.box.wide{width:2.2rem;height:1.6rem}',
  '.line{border-bottom:1px solid currentColor;height:1.9rem}',
  '.paper-label{font-weight:700;margin:var(--_civic-space-s) 0 .25rem}',
  '.paper-webmaster{margin:var(--_civic-space-s) 0}',
  '.paper-table-wrap{overflow-x:auto}',
  '.paper-table{width:100%;border-collapse:collapse}',
  '.paper-table th,.paper-table td{border:1px solid currentColor;padding:.25rem .4rem;text-align:start;vertical-align:top}',
  '.paper-table thead th{font-size:.85em}',
  '.paper-table tr{break-inside:avoid}',
  '.num{text-align:end!important;font-variant-numeric:tabular-nums;white-space:nowrap}',
  '@media print{',
  '.base.paper{border:0;padding:0;color:#000;background:#fff;font-size:11pt}',
  '.screen-only{display:none!important}',
  '.qr{width:26mm;height:26mm}',
  '.paper-table-wrap{overflow:visible}',
  '.line{height:9mm}',
  '}',
].join('');
