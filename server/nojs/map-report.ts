/**
 * A street report without JavaScript: the category (radios), every category's own questions
 * (shown together, each group saying which category it is for), the description, an address or
 * a landmark instead of the map, photos as files (multipart/form-data) and the contact details.
 * The JSON route takes the very same multipart form (Open311 names, `attribute[code]`, `media`).
 */
import type { FieldIssue, MapReportDefinition, ReportService, ServiceAttribute } from '../../src/api/schemas.js';
import { formatNumber } from '../../src/i18n/plural.js';
import { DEFAULT_MAX_PHOTOS } from '../map-reports.js';
import { checkboxField, choiceField, esc, group, paragraphs, selectField, textField, type RenderCtx } from './html.js';
import type { NoJsKind, Served } from './kind.js';

type Def = Served & Omit<MapReportDefinition, 'phase' | 'serverTime'>;

const variable = (s: ReportService) => [...(s.attributes ?? [])].filter((a) => a.variable !== false).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
const attrName = (service: string, code: string) => `attr.${service}.${code}`;
const maxPhotos = (def: Def) => def.maxPhotos ?? DEFAULT_MAX_PHOTOS;
const megabytes = (c: RenderCtx, bytes: number) => `${formatNumber(c.lang, Math.round((bytes / (1024 * 1024)) * 10) / 10)}\u00a0${c.t.report.megabytes}`;

function attributeField(c: RenderCtx, service: ReportService, a: ServiceAttribute): string {
  const name = attrName(service.service_code, a.code);
  const label = c.text(a.description);
  const hint = c.text(a.datatype_description) || undefined;
  const base = { name, label, required: a.required, ...(hint ? { hint } : {}) };
  const options = (a.values ?? []).map((v) => ({ value: v.key, label: c.text(v.name) }));
  switch (a.datatype) {
    case 'text':
      return textField(c, { ...base, type: 'textarea', rows: 3, maxlength: 4000 });
    case 'number':
      return textField(c, { ...base, inputmode: 'decimal' });
    case 'datetime':
      return textField(c, { ...base, type: 'date' });
    case 'singlevaluelist':
      return choiceField(c, { ...base, type: 'radio', options });
    case 'multivaluelist':
      return choiceField(c, { ...base, type: 'checkbox', options });
    default:
      return textField(c, { ...base, maxlength: 500 });
  }
}

export function mapReportKind(photoMaxBytes: number): NoJsKind<Def> {
  return {
    kind: 'map-report',
    attribute: 'report-id',
    multipart: (def) => maxPhotos(def) > 0,

    title: (c, def) => c.text(def.title),

    intro: (c, def) => `${paragraphs(c.text(def.description))}<p class="civic-nojs-hint">${esc(c.t.requiredNote)}</p>`,

    fields(c, def) {
      const t = c.t.report;
      const services = def.services.map((s) => {
        const hint = [c.text(s.group), c.text(s.description), c.text(s.service_notice)].filter(Boolean).join(' — ');
        return { value: s.service_code, label: c.text(s.service_name), ...(hint ? { hint } : {}) };
      });
      let out = choiceField(c, { name: 'service_code', type: 'radio', label: t.service, hint: t.serviceHint, required: true, options: services });
      for (const s of def.services) {
        const attrs = [...(s.attributes ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
        if (!attrs.length) continue;
        const body = attrs.map((a) => (a.variable === false ? paragraphs(c.text(a.description), 'civic-nojs-hint') : attributeField(c, s, a))).join('');
        out += group(t.attributesFor(c.text(s.service_name)), body);
      }
      out += textField(c, { name: 'description', label: t.description, hint: t.descriptionHint, type: 'textarea', required: true, maxlength: 4000 });
      const landmarks = def.landmarks ?? [];
      let where = textField(c, { name: 'address_string', label: t.address, hint: t.addressHint, maxlength: 500, autocomplete: 'street-address' });
      if (landmarks.length) where += selectField(c, { name: 'landmark', label: t.landmark, empty: t.landmarkNone, options: landmarks.map((l) => ({ value: l.id, label: c.text(l.name) })) });
      out += group(t.location, where, t.locationHint(landmarks.length > 0));
      if (maxPhotos(def) > 0) {
        const id = c.id('media');
        c.labels.set('media', t.photos);
        const error = c.errors.get('media');
        const again = c.values.pairs.length && !error ? `<p class="civic-nojs-note">${esc(t.photosAgain)}</p>` : '';
        out += `<div class="civic-nojs-field${error ? ' civic-nojs-invalid' : ''}"><label for="${id}">${esc(t.photos)}</label><p class="civic-nojs-hint" id="${id}-hint">${esc(t.photosHint(maxPhotos(def), megabytes(c, photoMaxBytes)))}</p>${again}${error ? `<p class="civic-nojs-error" id="${id}-error">${esc(error)}</p>` : ''}<input type="file" id="${id}" name="media" accept="image/jpeg,image/png,image/webp" ${maxPhotos(def) > 1 ? 'multiple ' : ''}aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"${error ? ' aria-invalid="true"' : ''}></div>`;
      }
      let contact = textField(c, { name: 'email', label: t.email, type: 'email', autocomplete: 'email' });
      contact += checkboxField(c, { name: 'subscribe', label: t.subscribe, hint: t.subscribeHint });
      contact += textField(c, { name: 'first_name', label: t.firstName, autocomplete: 'given-name' });
      contact += textField(c, { name: 'last_name', label: t.lastName, autocomplete: 'family-name' });
      if (def.publicNames) contact += choiceField(c, { name: 'publicName', type: 'radio', label: t.publicName, options: (['none', 'initial', 'full'] as const).map((v) => ({ value: v, label: t.publicNames[v] })) });
      out += group(t.contact, contact, t.contactHint);
      return out;
    },

    submitLabel: (t) => t.report.submit,

    payload(values, def, extras) {
      const pairs: Array<[string, string]> = [];
      const add = (k: string, v: string | undefined) => {
        if (v !== undefined && v !== '') pairs.push([k, v]);
      };
      const code = values.get('service_code');
      add('service_code', code);
      add('description', values.get('description'));
      add('address_string', values.text('address_string'));
      add('landmark', values.get('landmark'));
      add('email', values.text('email'));
      add('first_name', values.text('first_name'));
      add('last_name', values.text('last_name'));
      if (values.get('subscribe') === 'true') add('subscribe', 'true');
      if (def.publicNames) add('publicName', values.get('publicName'));
      const service = def.services.find((s) => s.service_code === code);
      for (const a of service ? variable(service) : []) {
        const all = values.all(attrName(service!.service_code, a.code)).filter((v) => v.trim() !== '');
        if (a.datatype === 'multivaluelist') for (const v of all) pairs.push([`attribute[${a.code}][]`, v]);
        else add(`attribute[${a.code}]`, all[0]);
      }
      add('lang', extras.lang);
      add('returnUrl', extras.returnUrl);
      if (extras.website !== undefined) pairs.push(['website', extras.website]);
      if (extras.fillMs !== undefined) add('fillMs', String(extras.fillMs));
      return { multipart: { pairs, files: values.files.filter((f) => f.field === 'media' && f.bytes.length > 0) } };
    },

    issue(c, def, issue: FieldIssue) {
      const t = c.t.report;
      const m = c.t.issue;
      const [head, sub] = issue.path;
      switch (head) {
        case 'service_code':
          return { field: 'service_code', message: t.serviceHint };
        case 'description':
          return { field: 'description', message: issue.code === 'too_big' ? m.too_long(4000) : t.description };
        case 'lat':
        case 'long':
        case 'landmark':
        case 'address_string':
          return { field: 'address_string', message: issue.code === 'out_of_bounds' ? t.outOfBounds : issue.code === 'too_big' ? m.too_long(500) : t.locationRequired };
        case 'email':
          return { field: 'email', message: issue.code === 'required' ? t.emailForUpdates : m.invalid_email };
        case 'first_name':
        case 'last_name':
          return { field: head, message: m.too_long(200) };
        case 'media':
          return {
            field: 'media',
            message: issue.code === 'too_many' ? t.tooManyPhotos(maxPhotos(def)) : issue.code === 'too_big' ? t.photoTooBig(megabytes(c, photoMaxBytes)) : t.photoType,
          };
        case 'attribute': {
          const service = def.services.find((s) => s.service_code === c.values.get('service_code'));
          const a = service && variable(service).find((x) => x.code === sub);
          if (!service || !a) return undefined;
          const field = attrName(service.service_code, a.code);
          if (issue.code === 'required') return { field, message: m.required };
          if (a.datatype === 'number') return { field, message: m.not_a_number };
          if (a.datatype === 'datetime') return { field, message: m.invalid_date };
          if (issue.code === 'too_big') return { field, message: m.too_long(a.datatype === 'text' ? 4000 : 500) };
          return { field, message: m.unknown_option };
        }
        default:
          if (issue.code === 'payload_too_large') return { field: 'media', message: t.photoTooBig(megabytes(c, photoMaxBytes)) };
          if (issue.code === 'unsupported_media_type') return { field: 'media', message: t.photoType };
          return undefined;
      }
    },

    confirmation(c, _def, receipt) {
      const t = c.t.report;
      const id = String(receipt.service_request_id ?? '');
      return `<p class="civic-nojs-done" role="status">${esc(t.received(id))}</p>${receipt.subscription === 'pending' ? `<p>${esc(t.checkMail)}</p>` : ''}`;
    },
  };
}
