/**
 * The signature sheet of <civic-petition print>: the petition's text, addressee and dates, how to
 * sign, the personal-data notice, then numbered lines with the profile's fields as columns and a
 * signature column (the header row and a footer line repeat on every printed page), where to
 * return it, and a QR code with a short link to sign online. Loaded only when paper is asked for.
 * @internal
 */
import type { TemplateResult } from 'lit';
import type { PetitionDefinition, PetitionProfile } from '../../api/schemas/petition.js';
import { paperKit, paperStyles, shortLink, type PaperHost } from '../../internal/paper.js';
import { petitionCatalog, type PetitionMessages } from './petition.messages.js';

type Column = 'name' | 'firstName' | 'lastName' | 'email' | 'postcode' | 'town' | 'address';

/** The columns of each profile on paper; the formal profile's two checkboxes become the declaration above the lines. */
const COLUMNS: Record<PetitionProfile, Column[]> = {
  minimal: ['name', 'email'],
  standard: ['lastName', 'firstName', 'postcode', 'town', 'email'],
  formal: ['lastName', 'firstName', 'address', 'postcode', 'town', 'email'],
};

export const styles =
  paperStyles +
  '.petition-text p{margin:0 0 var(--_civic-space-s);white-space:pre-line;overflow-wrap:anywhere}.petition-body{font-size:.9em}' +
  '.sheet th,.sheet td{height:2.6rem}.sheet thead th{height:auto}.sheet .n{width:2.6em;text-align:center!important;white-space:nowrap}' +
  '.sheet .c-signature{width:22%}.sheet .c-email{width:20%}.sheet .c-postcode{width:6.5em}.sheet .c-town{width:16%}.sheet .c-address{width:24%}' +
  '.sheet tfoot td{border:0;font-size:.8em;padding-top:.4rem;height:auto}' +
  '@media screen{.sheet{min-width:38rem}}' +
  '@media print{.sheet th,.sheet td{height:10mm}.sheet thead th{height:auto}.sheet tfoot td{height:auto}.petition-body{font-size:9.5pt}}';

/** The columns of `profile`, in sheet order (exported for the tests). */
export const columnsOf = (profile: PetitionProfile): readonly Column[] => COLUMNS[profile];

export function petitionSheet(host: PaperHost, def: PetitionDefinition, lines: number, dates: unknown): TemplateResult {
  const k = paperKit(host);
  const { html, nothing, l, t } = k;
  const pm: PetitionMessages = petitionCatalog.get(l.lang);
  const columns = COLUMNS[def.profile];
  const label = (c: Column) => (c === 'email' ? t('petitionOptional', pm['petition.field.email']) : pm[`petition.field.${c}`]);
  const title = l.text(def.title);
  const addressee = def.addressee ? l.text(def.addressee) : '';
  const kept = [...columns.map(label), t('petitionSignature')].join(', ');
  const count = Math.max(1, Math.min(500, Math.round(lines) || 1));
  const paragraphs = (text: string) => text.split(/\n{2,}/).map((x) => html`<p>${x}</p>`);

  const body = html`<div class="petition-text">
      ${paragraphs(l.text(def.summary))}
      ${def.body ? html`<div class="petition-body">${paragraphs(l.text(def.body))}</div>` : nothing}
    </div>
    <div class="paper-howto">
      <p><strong>${t('petitionHowTo')}</strong></p>
      ${def.profile === 'formal' ? html`<p>${t('petitionFormal')}</p>` : nothing}
    </div>
    ${k.privacy(def.paper, kept, addressee ? t('petitionPurposeTo', addressee) : t('petitionPurpose'))} ${k.returnBlock(def.paper, undefined, true)}
    <div class="paper-table-wrap" tabindex="0" role="group" aria-labelledby="sheet-caption">
      <table part="sheet" class="paper-table sheet">
        <caption class="visually-hidden" id="sheet-caption">${t('petitionKind')}</caption>
        <thead>
          <tr>
            <th scope="col" class="n">${t('petitionNumber')}</th>
            ${columns.map((c) => html`<th scope="col" class="c-${c}">${label(c)}</th>`)}
            <th scope="col" class="c-signature">${t('petitionSignature')}</th>
          </tr>
        </thead>
        <tfoot>
          <tr><td colspan=${columns.length + 2}>${t('petitionFooter', title)}${host.onlineUrl ? ` · ${shortLink(host.onlineUrl)}` : ''}</td></tr>
        </tfoot>
        <tbody>
          ${Array.from({ length: count }, (_, i) => html`<tr><th scope="row" class="n">${l.number(i + 1)}</th>${columns.map(() => html`<td></td>`)}<td></td></tr>`)}
        </tbody>
      </table>
    </div>`;

  return k.frame({
    kind: t('petitionKind'),
    title,
    header: html`${addressee ? html`<p class="hint">${pm['petition.addressedTo'](addressee)}</p>` : nothing}${dates}`,
    body,
    personal: true,
    paper: def.paper,
  });
}
