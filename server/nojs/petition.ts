/**
 * A petition without JavaScript: the fields of its profile; the JSON route keeps the double
 * opt-in (the confirmation mail), the honeypot, the minimum fill time and the per-network limits.
 * A petition with a proof of work (computed by the widget in the browser) cannot be signed here.
 */
import type { FieldIssue, PetitionDefinition } from '../../src/api/schemas.js';
import { PROFILE_FIELDS } from '../petitions.js';
import { checkboxField, choiceField, esc, paragraphs, textField } from './html.js';
import type { NoJsKind, Served } from './kind.js';

type Def = Served & Omit<PetitionDefinition, 'phase' | 'serverTime'>;
type Field = 'name' | 'firstName' | 'lastName' | 'email' | 'postcode' | 'town' | 'address' | 'elector' | 'declaration';

const AUTOCOMPLETE: Partial<Record<Field, string>> = { name: 'name', firstName: 'given-name', lastName: 'family-name', email: 'email', postcode: 'postal-code', town: 'address-level2', address: 'street-address' };

export const petition: NoJsKind<Def> = {
  kind: 'petition',
  attribute: 'petition-id',

  blocked: (def, t) => (def.pow ? t.petition.powNeeded : undefined),

  title: (c, def) => c.text(def.title),

  intro(c, def) {
    const addressee = c.text(def.addressee);
    return `${addressee ? `<p>${esc(c.t.petition.addressedTo(addressee))}</p>` : ''}${paragraphs(c.text(def.summary))}${paragraphs(c.text(def.body))}`;
  },

  fields(c, def) {
    const t = c.t.petition;
    const { fields, required } = PROFILE_FIELDS[def.profile];
    let out = `<p class="civic-nojs-hint">${esc(c.t.requiredNote)}</p>`;
    for (const f of fields as Field[]) {
      const isRequired = f === 'email' || required.includes(f);
      if (f === 'elector' || f === 'declaration') out += checkboxField(c, { name: f, label: t[f], required: isRequired });
      else {
        out += textField(c, {
          name: f, label: t[f], required: isRequired, type: f === 'email' ? 'email' : 'text',
          ...(AUTOCOMPLETE[f] ? { autocomplete: AUTOCOMPLETE[f] } : {}),
          ...(f === 'email' ? { hint: t.emailHint } : {}),
        });
      }
    }
    if (def.publicNames) {
      out += choiceField(c, { name: 'publicName', type: 'radio', label: t.publicName, options: (['none', 'initial', 'full'] as const).map((v) => ({ value: v, label: t.publicNames[v] })) });
    }
    return out;
  },

  submitLabel: (t) => t.petition.submit,

  payload(values, def, extras) {
    const json: Record<string, unknown> = { email: values.get('email').trim(), lang: extras.lang };
    for (const f of PROFILE_FIELDS[def.profile].fields as Field[]) {
      if (f === 'email') continue;
      if (f === 'elector' || f === 'declaration') {
        if (values.get(f) === 'true') json[f] = true;
      } else if (values.text(f)) json[f] = values.get(f);
    }
    const publicName = values.get('publicName');
    if (def.publicNames && (publicName === 'none' || publicName === 'initial' || publicName === 'full')) json.publicName = publicName;
    if (extras.website !== undefined) json.website = extras.website;
    if (extras.fillMs !== undefined) json.fillMs = extras.fillMs;
    if (extras.returnUrl) json.returnUrl = extras.returnUrl;
    return { json };
  },

  issue(c, _def, issue: FieldIssue) {
    const field = issue.path[0];
    if (typeof field !== 'string' || !['name', 'firstName', 'lastName', 'email', 'postcode', 'town', 'address', 'elector', 'declaration'].includes(field)) return undefined;
    const m = c.t.issue;
    if (field === 'elector' || field === 'declaration') return { field, message: m.checkbox };
    if (field === 'email') return { field, message: issue.code === 'required' ? m.required : m.invalid_email };
    if (field === 'postcode' && issue.code !== 'required') return { field, message: c.t.petition.postcodeError };
    return { field, message: issue.code === 'too_big' ? m.too_long(field === 'address' ? 500 : 200) : m.required };
  },

  confirmation(c, _def, _receipt, values) {
    const t = c.t.petition;
    return `<p class="civic-nojs-done" role="status">${esc(t.checkMail(values.get('email').trim()))}</p><p>${esc(t.checkMailHint)}</p>`;
  },
};
