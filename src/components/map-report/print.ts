/**
 * The report form of <civic-map-report print>: the categories as boxes (by group), lines to
 * describe the problem, where it is (address lines, the landmarks as boxes, a frame to draw the
 * place), when it was seen, optional contact details, the personal-data notice, where to return
 * the form, and a QR code with a short link to report online (with photos). Loaded only when
 * paper is asked for.
 * @internal
 */
import type { TemplateResult } from 'lit';
import type { MapReportDefinition, ReportService } from '../../api/schemas/map-report.js';
import { paperKit, paperStyles, type PaperHost } from '../../internal/paper.js';

export const styles =
  paperStyles +
  '.report-groups{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,16rem),1fr));gap:0 var(--_civic-space-l)}' +
  '.report-group{break-inside:avoid}.report-group .paper-label{margin-top:.5rem}' +
  '.report-sketch{border:1.5px solid currentColor;height:14rem;margin:.25rem 0 var(--_civic-space-s)}' +
  '.report-contact{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;align-items:end}.report-contact .line{height:1.9rem}' +
  '@media print{.report-sketch{height:55mm}.report-groups{grid-template-columns:1fr 1fr}}';

export function reportForm(host: PaperHost, def: MapReportDefinition, dates: unknown): TemplateResult {
  const k = paperKit(host);
  const { html, nothing, l, t, box, heading, lines } = k;
  const choice = (label: string, description?: string) =>
    html`<li class="paper-choice">${box()}<span class="paper-choice-text"><span>${label}</span>${description ? html` <span class="paper-choice-description">${description}</span>` : nothing}</span></li>`;

  const groups: Array<{ group: string; services: ReportService[] }> = [];
  for (const s of def.services) {
    const g = l.text(s.group);
    const found = groups.find((x) => x.group === g);
    if (found) found.services.push(s);
    else groups.push({ group: g, services: [s] });
  }
  const landmarks = def.landmarks ?? [];

  const body = html`<div class="paper-section">
      ${heading(t('reportCategory'))}
      <div part="sheet" class="report-groups">
        ${groups.map(
          (g) => html`<div class="report-group">
            ${g.group ? html`<p class="paper-label">${g.group}</p>` : nothing}
            <ul class="paper-choices">${g.services.map((s) => choice(l.text(s.service_name), s.description ? l.text(s.description) : undefined))}</ul>
          </div>`,
        )}
      </div>
    </div>
    <div class="paper-section">
      ${heading(t('reportDescription'))}
      ${lines(5)}
      <p class="hint paper-small">${t('reportPublic')}</p>
    </div>
    <div class="paper-section">
      ${heading(t('reportWhere'))}
      <p class="paper-text">${t('reportAddress')}</p>
      ${lines(2)}
      ${landmarks.length
        ? html`<p class="paper-text">${t('reportLandmark')}</p>
            <ul class="paper-choices inline">${landmarks.map((m) => choice(l.text(m.name)))}</ul>`
        : nothing}
      <p class="paper-text">${t('reportSketch')}</p>
      <div class="report-sketch" aria-hidden="true"></div>
      <p class="paper-label">${t('reportWhen')}</p>
      <p class="paper-text">${t('dateBlank')}</p>
      ${(def.maxPhotos ?? 3) > 0 && host.onlineUrl ? html`<p class="hint paper-small">${t('reportPhotos')}</p>` : nothing}
    </div>
    <div class="paper-section">
      ${heading(t('reportContact'))}
      <p class="hint paper-small">${t('reportContactHint')}</p>
      <div class="report-contact">
        <span>${t('reportName')}</span><div class="line"></div>
        <span>${t('reportEmail')}</span><div class="line"></div>
        <span>${t('reportPhone')}</span><div class="line"></div>
      </div>
    </div>
    ${k.privacy(def.paper, t('reportKept'), t('reportPurpose'))} ${k.returnBlock(def.paper, undefined, true)}`;

  return k.frame({
    kind: t('reportKind'),
    title: l.text(def.title),
    header: html`${def.description ? html`<p class="description">${l.text(def.description)}</p>` : nothing}${dates}`,
    body,
    personal: true,
    paper: def.paper,
  });
}
