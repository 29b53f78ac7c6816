/**
 * Comments without JavaScript: a form for a top-level comment or a reply (`parentId` hidden), and
 * the thread page, which lists the first page of comments as text with a "Reply" link on each one
 * that can still take replies. The JSON route keeps moderation, word rules, the honeypot, the
 * minimum fill time and the per-network limits.
 */
import type { Comment, CommentPage, FieldIssue, ThreadDefinition } from '../../src/api/schemas.js';
import { formatDateTime } from '../../src/i18n/plural.js';
import { choiceField, esc, paragraphs, textField, type RenderCtx } from './html.js';
import type { NoJsKind, Served } from './kind.js';

type Def = Served & Omit<ThreadDefinition, 'phase' | 'serverTime'>;

export const comments: NoJsKind<Def> & {
  /** The first page (or the page at a cursor) of a thread as text; `replyHref(id)` links each "Reply". */
  list(c: RenderCtx, def: Def, page: CommentPage, replyHref: (id: string) => string, moreHref: string | undefined): string;
} = {
  kind: 'comments',
  attribute: 'thread-id',

  title: (c, def) => c.text(def.title) || c.t.comments.listTitle,

  intro: (c, def) => `<p>${esc(c.t.comments.count(def.count))}</p>`,

  fields(c, def) {
    const t = c.t.comments;
    const parentId = c.values.get('parentId');
    let out = parentId ? `<input type="hidden" name="parentId" value="${esc(parentId)}">` : '';
    out += textField(c, { name: 'author', label: t.author, hint: t.authorHint, required: true, maxlength: 80, autocomplete: 'nickname' });
    out += textField(c, { name: 'body', label: t.body, hint: t.bodyHint(def.maxLength), type: 'textarea', rows: 6, required: true });
    if (def.stances && !parentId) {
      out += choiceField(c, { name: 'stance', type: 'radio', label: t.stance, options: (['for', 'against', 'neutral'] as const).map((v) => ({ value: v, label: t.stances[v] })) });
    }
    out += textField(c, { name: 'email', label: t.email, hint: t.emailHint, type: 'email', autocomplete: 'email' });
    return out;
  },

  submitLabel: (t, _def, values) => (values.get('parentId') ? t.comments.submitReply : t.comments.submit),

  payload(values, _def, extras) {
    const json: Record<string, unknown> = { author: values.get('author'), body: values.get('body'), deviceToken: extras.deviceToken, lang: extras.lang };
    const parentId = values.text('parentId');
    if (parentId) json.parentId = parentId;
    const stance = values.get('stance');
    if (!parentId && (stance === 'for' || stance === 'against' || stance === 'neutral')) json.stance = stance;
    const email = values.text('email');
    if (email) json.email = email;
    if (extras.website !== undefined) json.website = extras.website;
    if (extras.fillMs !== undefined) json.fillMs = extras.fillMs;
    if (extras.returnUrl) json.returnUrl = extras.returnUrl;
    return { json };
  },

  issue(c, def, issue: FieldIssue) {
    const t = c.t.comments;
    const m = c.t.issue;
    switch (issue.path[0]) {
      case 'author':
        return { field: 'author', message: issue.code === 'too_big' ? m.too_long(80) : issue.code === 'invalid_format' ? m.invalid_format : m.required };
      case 'body':
        return { field: 'body', message: issue.code === 'not_allowed' ? t.notAllowed : issue.code === 'too_big' ? m.too_long(def.maxLength) : issue.code === 'invalid_format' ? m.invalid_format : m.required };
      case 'email':
        return { field: 'email', message: m.invalid_email };
      case 'stance':
        return { field: 'stance', message: m.invalid_value };
      case 'parentId':
        return { field: 'body', message: issue.code === 'too_deep' ? t.tooDeep : t.unknownParent };
      default:
        return undefined;
    }
  },

  confirmation(c, _def, receipt, values) {
    const t = c.t.comments;
    const status = (receipt.comment as Comment | undefined)?.status ?? receipt.status;
    return `<p class="civic-nojs-done" role="status">${esc(status === 'accepted' ? t.published : t.pending)}</p>${values.text('email') ? `<p>${esc(t.checkMail)}</p>` : ''}`;
  },

  list(c, def, page, replyHref, moreHref) {
    const t = c.t.comments;
    const item = (cm: Comment): string => {
      let body: string;
      if (cm.status === 'deleted') body = `<p class="civic-nojs-hint">${esc(t.deleted)}</p>`;
      else if (cm.status === 'removed') body = `<p class="civic-nojs-hint">${esc(t.removed)}</p>`;
      else {
        const stance = cm.stance ? ` · ${esc(t.stances[cm.stance])}` : '';
        const official = cm.official ? ` · <strong>${esc(t.official)}</strong>` : '';
        body = `<p class="civic-nojs-meta"><strong>${esc(cm.author)}</strong> ${esc(t.posted(formatDateTime(c.lang, cm.createdAt)))}${stance}${official}</p>${paragraphs(cm.body)}`;
      }
      const canReply = cm.status === 'accepted' && cm.depth < def.maxDepth && def.phase === 'open';
      const reply = canReply ? `<p><a href="${esc(replyHref(cm.id))}" aria-label="${esc(t.replyTo(cm.author))}">${esc(t.reply)}</a></p>` : '';
      const shown = cm.replies ?? [];
      const rest = cm.replyCount - shown.length;
      const replies = shown.length ? `<ol class="civic-nojs-replies">${shown.map((r) => `<li>${item(r)}</li>`).join('')}</ol>` : '';
      const more = rest > 0 ? `<p class="civic-nojs-hint">${esc(t.moreReplies(rest))}</p>` : '';
      return `<article class="civic-nojs-comment" id="${c.id(`c-${cm.id}`)}">${body}${reply}${replies}${more}</article>`;
    };
    const list = page.comments.length ? `<ol class="civic-nojs-comments">${page.comments.map((cm) => `<li>${item(cm)}</li>`).join('')}</ol>` : '';
    const next = moreHref ? `<p><a href="${esc(moreHref)}">${esc(t.next)}</a></p>` : '';
    return `<section aria-labelledby="${c.id('list-title')}"><h2 id="${c.id('list-title')}">${esc(t.listTitle)}</h2>${list}${next}</section>`;
  },
};
