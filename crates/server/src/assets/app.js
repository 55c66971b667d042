// sitrep web UI: plain JavaScript, no framework.
//
// Rule for this file: document data only ever reaches the page through
// text nodes (el() below, textContent) or attribute values we build; never
// through innerHTML. The Content-Security-Policy forbids inline scripts too.
'use strict';

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** Creates an element; strings among the children become text nodes. */
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  append(e, kids);
  return e;
}

const SVGNS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element the same way. */
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  setAttrs(e, attrs);
  append(e, kids);
  return e;
}

function setAttrs(e, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.setAttribute('class', v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(e, kids) {
  for (const k of kids.flat(Infinity)) {
    if (k === null || k === undefined || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
}

/** Replaces the children of `e` (arrays are flattened, strings become text). */
function fill(e, ...kids) {
  e.replaceChildren();
  append(e, kids);
}

/** Fetches a JSON API; throws an Error with the server's message on failure. */
async function api(path, params) {
  const qs = params ? new URLSearchParams(params).toString() : '';
  const resp = await fetch(path + (qs ? '?' + qs : ''), { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await resp.json();
  } catch (_) {
    throw new Error('the server answered ' + resp.status + ' without JSON');
  }
  if (!resp.ok) throw new Error(body && body.error ? body.error : 'the server answered ' + resp.status);
  return body;
}

const main = () => document.getElementById('main');

function show(...kids) {
  fill(main(), kids);
}

function errorBox(err) {
  return el('p', { class: 'error' }, 'Error: ', err.message || String(err));
}

function docHref(doc, sentence) {
  return '/doc/' + encodeURIComponent(doc) + (sentence === null || sentence === undefined ? '' : '#s' + sentence);
}

function dash(v) {
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

function clip(s, n) {
  s = String(s || '');
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** Non-empty query parameters of the current URL as a plain object. */
function currentParams() {
  const out = {};
  for (const [k, v] of new URLSearchParams(location.search)) if (v.trim() !== '') out[k] = v;
  return out;
}

/** A page of results: "Showing 1–100 of 340" and previous/next links keeping the filters. */
function pager(total, limit, offset) {
  const p = currentParams();
  const link = (off, label) => {
    const q = Object.assign({}, p, { offset: String(off) });
    if (off <= 0) delete q.offset;
    return el('a', { href: location.pathname + '?' + new URLSearchParams(q) }, label);
  };
  const end = Math.min(total, offset + limit);
  return el('div', { class: 'pager' },
    total === 0 ? 'Nothing matches.' : `Showing ${offset + 1}–${end} of ${total}`,
    offset > 0 ? [' ', link(Math.max(0, offset - limit), '← previous')] : null,
    end < total ? [' ', link(offset + limit, 'next →')] : null);
}

// ---------------------------------------------------------------------------
// Filter forms (plain GET forms: the filters live in the URL)
// ---------------------------------------------------------------------------

const FIELDS = {
  q: { label: 'Search', placeholder: 'title, outlet, text…', size: 28 },
  actor: { label: 'Actor', placeholder: 'name or id' },
  type: { label: 'Type', kind: 'select' },
  place: { label: 'Place', placeholder: 'e.g. Aleppo' },
  modality: { label: 'Modality', kind: 'select', options: ['asserted', 'reported', 'negated', 'hypothetical'] },
  from: { label: 'From', placeholder: 'YYYY-MM-DD', size: 10 },
  to: { label: 'To', placeholder: 'YYYY-MM-DD', size: 10 },
  text: { label: 'Text', placeholder: 'words in the text' },
};

function filterForm(names, opts) {
  opts = opts || {};
  const p = currentParams();
  const form = el('form', { class: 'filters', method: 'get', action: location.pathname });
  for (const name of names) {
    const f = Object.assign({}, FIELDS[name], (opts.labels || {})[name] ? { label: opts.labels[name] } : {});
    let input;
    if (f.kind === 'select') {
      const options = name === 'type' ? opts.types || [] : f.options;
      input = el('select', { name },
        el('option', { value: '' }, 'any'),
        options.map((o) => {
          const value = typeof o === 'string' ? o : o.kind;
          const label = typeof o === 'string' ? o : `${o.kind} (${o.count})`;
          return el('option', { value, selected: p[name] === value }, label);
        }));
    } else {
      input = el('input', { name, value: p[name] || '', placeholder: f.placeholder || '', size: f.size || 16 });
    }
    form.append(el('label', {}, el('span', {}, f.label), input));
  }
  for (const [k, v] of Object.entries(opts.checkboxes || {})) {
    form.append(el('label', { class: 'check' }, el('input', { type: 'checkbox', name: k, value: '1', checked: p[k] === '1' }), v));
  }
  if (p.doc) {
    form.append(el('input', { type: 'hidden', name: 'doc', value: p.doc }));
  }
  form.append(el('button', { type: 'submit' }, 'Apply'));
  form.append(el('a', { class: 'reset', href: location.pathname }, 'clear'));
  if (p.doc) {
    form.append(el('div', { class: 'chip' }, 'Only document ', el('a', { href: docHref(p.doc) }, p.doc)));
  }
  return form;
}

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

async function pageDocuments() {
  const p = currentParams();
  const offset = Number(p.offset || 0);
  const form = el('form', { class: 'filters', method: 'get', action: '/documents' },
    el('label', {}, el('span', {}, 'Search'),
      el('input', { name: 'q', value: p.q || '', placeholder: 'title, outlet, author, text…', size: 34, autofocus: true })),
    el('label', {}, el('span', {}, 'Order'),
      el('select', { name: 'sort' },
        el('option', { value: 'ingested' }, 'as ingested'),
        el('option', { value: 'published', selected: p.sort === 'published' }, 'newest first'))),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'all', value: '1', checked: p.all === '1' }),
      'include superseded versions'),
    el('button', { type: 'submit' }, 'Search'),
    el('a', { class: 'reset', href: '/documents' }, 'clear'));
  show(el('h1', {}, 'Documents'), form, el('p', { class: 'muted' }, 'Loading…'));
  let data;
  try {
    data = await api('/api/documents', Object.assign({ limit: 100 }, p));
  } catch (e) {
    return show(el('h1', {}, 'Documents'), form, errorBox(e));
  }
  const rows = data.documents.map((d) => el('tr', { class: d.current ? '' : 'superseded' },
    el('td', {}, el('a', { href: docHref(d.id) }, d.title || d.path || d.id),
      d.current ? null : el('span', { class: 'tag' }, `superseded v${d.version}`)),
    el('td', {}, dash(d.outlet)),
    el('td', { class: 'nowrap' }, dash(d.published)),
    el('td', {}, d.language),
    el('td', { class: 'num' }, d.events ? el('a', { href: '/events?doc=' + encodeURIComponent(d.id) }, d.events) : '0'),
    el('td', { class: 'num' }, d.relations ? el('a', { href: '/relations?doc=' + encodeURIComponent(d.id) }, d.relations) : '0'),
    el('td', { class: 'num' }, d.statements ? el('a', { href: '/statements?doc=' + encodeURIComponent(d.id) }, d.statements) : '0'),
    el('td', { class: 'mono small' }, d.id)));
  const table = el('table', { class: 'grid' },
    el('thead', {}, el('tr', {}, ['Title', 'Outlet', 'Published', 'Lang', 'Events', 'Relations', 'Statements', 'Id']
      .map((h) => el('th', {}, h)))),
    el('tbody', {}, rows));
  show(el('h1', {}, 'Documents'), form, pager(data.total, data.limit, offset), table);
}

// ---------------------------------------------------------------------------
// Record tables
// ---------------------------------------------------------------------------

function dateText(d) {
  if (!d) return '—';
  return d.start === d.end || !d.end ? d.start : `${d.start} … ${d.end}`;
}

function actorList(names) {
  return names && names.length ? names.join('; ') : '—';
}

function sentenceLink(r, text) {
  const p = r.provenance || {};
  return el('a', { href: docHref(r.doc, p.sentence_index), title: 'Open the sentence in its document' }, clip(text, 220));
}

const TABLES = {
  events: {
    title: 'Events',
    fields: ['actor', 'type', 'place', 'modality', 'from', 'to', 'text'],
    head: ['Date', 'Type', 'Source', 'Target', 'Place', 'Modality', 'Sentence'],
    row: (r) => [
      el('td', { class: 'nowrap' }, dateText(r.date)),
      el('td', {}, el('span', { class: 'type' }, r.type), r.mode ? el('div', { class: 'small muted' }, r.mode) : null),
      el('td', {}, actorList(r.source)),
      el('td', {}, actorList(r.target)),
      el('td', {}, r.place ? r.place.name : '—'),
      el('td', {}, r.modality, r.reported_by ? el('div', { class: 'small muted' }, 'by ', r.reported_by) : null),
      el('td', { class: 'sentence' }, sentenceLink(r, r.sentence)),
    ],
  },
  relations: {
    title: 'Relations',
    fields: ['actor', 'type', 'modality', 'from', 'to', 'text'],
    head: ['Start', 'End', 'Subject', 'Type', 'Object', 'Modality', 'Sentence'],
    row: (r) => [
      el('td', { class: 'nowrap' }, dash(r.start)),
      el('td', { class: 'nowrap' }, dash(r.end)),
      el('td', {}, r.subject),
      el('td', {}, el('span', { class: 'type' }, r.type)),
      el('td', {}, r.object),
      el('td', {}, r.modality, r.reported_by ? el('div', { class: 'small muted' }, 'by ', r.reported_by) : null),
      el('td', { class: 'sentence' }, sentenceLink(r, r.sentence)),
    ],
  },
  statements: {
    title: 'Statements',
    fields: ['actor', 'type', 'place', 'from', 'to', 'text'],
    labels: { actor: 'Speaker', type: 'Form', place: 'Venue', text: 'Quoted words' },
    head: ['Date', 'Speaker', 'Form', 'Words', 'Verification'],
    row: (r) => [
      el('td', { class: 'nowrap' }, dash(r.date)),
      el('td', {}, r.speaker, r.role ? el('div', { class: 'small muted' }, r.role) : null,
        r.venue ? el('div', { class: 'small muted' }, r.venue) : null),
      el('td', {}, el('span', { class: 'type' }, r.form || '—')),
      el('td', { class: 'sentence' }, sentenceLink(r, '“' + r.text + '”')),
      el('td', {}, r.verification ? r.verification.status : '—'),
    ],
  },
};

async function pageRecords(table) {
  const t = TABLES[table];
  const p = currentParams();
  const offset = Number(p.offset || 0);
  let kinds = [];
  try {
    kinds = (await api('/api/kinds'))[table];
  } catch (_) { /* the form still works with free text */ }
  const form = filterForm(t.fields, { types: kinds, labels: t.labels });
  show(el('h1', {}, t.title), form, el('p', { class: 'muted' }, 'Loading…'));
  let data;
  try {
    data = await api('/api/' + table, Object.assign({ limit: 100 }, p));
  } catch (e) {
    return show(el('h1', {}, t.title), form, errorBox(e));
  }
  const body = el('tbody', {}, data.records.map((r) => el('tr', {}, t.row(r))));
  const table_ = el('table', { class: 'grid records' },
    el('thead', {}, el('tr', {}, t.head.map((h) => el('th', {}, h)))), body);
  show(el('h1', {}, t.title), form, pager(data.total, data.limit, offset), table_);
}

// ---------------------------------------------------------------------------
// One document with its highlights
// ---------------------------------------------------------------------------

// Layer classes: [css class, legend label, mark kind, mark role].
const LAYERS = [
  ['hm', 'Actor mention', 'mention', 'actor'],
  ['hes', 'Event sentence', 'event', 'sentence'],
  ['het', 'Event trigger', 'event', 'trigger'],
  ['hrs', 'Relation sentence', 'relation', 'sentence'],
  ['hrt', 'Relation trigger', 'relation', 'trigger'],
  ['hq', 'Quote / statement', 'statement', 'quote'],
];

function layerClass(mark) {
  const l = LAYERS.find((x) => x[2] === mark.kind && x[3] === mark.role);
  return l ? l[0] : '';
}

async function pageDocument(id) {
  show(el('p', { class: 'muted' }, 'Loading…'));
  let d;
  try {
    d = await api('/api/documents/' + encodeURIComponent(id));
  } catch (e) {
    return show(el('h1', {}, 'Document'), errorBox(e));
  }
  const view = new DocView(d);
  show(view.render());
  view.followHash();
  window.addEventListener('hashchange', () => view.followHash());
}

class DocView {
  constructor(data) {
    this.d = data;
    this.pieces = []; // [span element, piece] in text order
    this.panel = el('aside', { class: 'panel' });
    this.text = el('div', { class: 'doc-text ' + LAYERS.map((l) => 'L-' + l[0]).join(' ') });
  }

  render() {
    const m = this.d.document;
    const meta = [m.outlet, m.author, m.published, m.language, m.format].filter(Boolean).join(' · ');
    const header = el('div', { class: 'doc-head' },
      el('h1', {}, m.title || m.path || m.id),
      el('div', { class: 'muted' }, meta),
      el('div', { class: 'small muted' },
        el('span', { class: 'mono' }, m.id), ' · ', m.path, ' · ', `${this.d.sentences} sentences`,
        m.primary ? ' · primary source' : '',
        /^https?:\/\//i.test(m.url || '') ? [' · ', el('a', { href: m.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null));
    this.renderText();
    this.showSummary();
    return [header, this.legend(), el('div', { class: 'doc-layout' }, this.text, this.panel)];
  }

  legend() {
    const box = el('div', { class: 'legend' });
    for (const [cls, label] of LAYERS) {
      const cb = el('input', { type: 'checkbox', checked: true, onchange: (e) => this.text.classList.toggle('L-' + cls, e.target.checked) });
      box.append(el('label', { class: 'check' }, cb, el('span', { class: 'swatch L-' + cls }, el('span', { class: cls }, label))));
    }
    const removed = this.text.querySelectorAll('details.removed');
    if (removed.length) {
      box.append(el('button', { type: 'button', onclick: () => {
        const open = !removed[0].open;
        removed.forEach((r) => { r.open = open; });
      } }, 'show/hide boilerplate'));
    }
    return box;
  }

  renderText() {
    const blocks = this.d.blocks;
    let i = 0;
    while (i < blocks.length) {
      const b = blocks[i];
      if (b.kind === 'removed') {
        // Consecutive boilerplate spans collapse into one greyed, closed box.
        const group = [];
        while (i < blocks.length && blocks[i].kind === 'removed') group.push(blocks[i++]);
        const reasons = [...new Set(group.map((g) => g.reason))].join(', ');
        this.text.append(el('details', { class: 'removed' },
          el('summary', {}, `Set aside as boilerplate: ${reasons}`),
          group.map((g) => el('div', { class: 'rm' }, el('span', { class: 'reason' }, g.reason), this.renderPieces(g.pieces, false)))));
        continue;
      }
      const cls = b.kind === 'paragraph' ? 'para form-' + (b.form || 'text') : 'para other';
      this.text.append(el('p', { class: cls }, this.renderPieces(b.pieces, true)));
      i++;
    }
  }

  renderPieces(pieces, marked) {
    return pieces.map((p) => {
      const marks = marked && p.m ? p.m.map((k) => this.d.marks[k]) : [];
      const classes = [...new Set(marks.map(layerClass))];
      if (marks.some((mk) => mk.kind === 'mention' && !this.d.mentions[mk.index].actor)) classes.push('unresolved');
      if (marks.length) classes.push('marked');
      const span = el('span', { class: classes.join(' ') || null }, p.t);
      if (p.s !== undefined) span.dataset.s = p.s;
      if (marks.length) span.addEventListener('click', () => this.showMarks(p.m || []));
      this.pieces.push([span, p]);
      return span;
    });
  }

  /** The record behind a mark: [kind, index, wrapper]. */
  recordOf(mark) {
    if (mark.kind === 'mention') return this.d.mentions[mark.index];
    return this.d[mark.kind + 's'][mark.index];
  }

  showMarks(markIds) {
    const seen = new Set();
    const order = { mention: 0, statement: 1, event: 2, relation: 3 };
    const marks = markIds.map((k) => this.d.marks[k])
      .sort((a, b) => order[a.kind] - order[b.kind] || (a.role === 'sentence') - (b.role === 'sentence'));
    const cards = [];
    for (const mk of marks) {
      const key = mk.kind + ':' + mk.index;
      if (seen.has(key)) continue;
      seen.add(key);
      cards.push(this.card(mk.kind, mk.index));
    }
    this.select(marks.filter((mk) => mk.kind !== 'mention').map((mk) => [mk.kind, mk.index]));
    fill(this.panel, this.backLink(), ...cards);
  }

  /** Outlines the pieces of the given records. */
  select(records) {
    const want = new Set(records.map(([k, i]) => k + ':' + i));
    for (const [span, p] of this.pieces) {
      const hit = (p.m || []).some((k) => {
        const mk = this.d.marks[k];
        return mk.role !== 'sentence' && want.has(mk.kind + ':' + mk.index);
      });
      span.classList.toggle('sel', hit);
    }
  }

  backLink() {
    return el('button', { type: 'button', class: 'link', onclick: () => { this.select([]); this.showSummary(); } }, '← all records in this document');
  }

  card(kind, index) {
    if (kind === 'mention') {
      const m = this.d.mentions[index];
      return el('div', { class: 'card mention' },
        el('h3', {}, 'Actor mention'),
        fieldTable({ name: m.name, actor: m.actor || '(not in the lexicon: provisional)', rule: m.rule, sector: m.sector }),
        m.actor ? el('div', { class: 'small' },
          el('a', { href: '/events?actor=' + encodeURIComponent(m.actor) }, 'events'), ' · ',
          el('a', { href: '/relations?actor=' + encodeURIComponent(m.actor) }, 'relations'), ' · ',
          el('a', { href: '/statements?actor=' + encodeURIComponent(m.actor) }, 'statements'), ' with this actor') : null);
    }
    const w = this.d[kind + 's'][index];
    const r = w.record || {};
    const prov = r.provenance || {};
    const title = kind === 'statement' ? `Statement (${r.form || 'quote'}) by ${r.speaker}` :
      kind === 'event' ? `Event ${r.type}` : `Relation ${r.subject} ${r.type} ${r.object}`;
    const fields = Object.assign({}, r);
    delete fields.provenance;
    return el('div', { class: 'card ' + kind },
      el('h3', {}, title),
      fieldTable(fields),
      el('h4', {}, 'Provenance'),
      el('div', { class: 'small muted' }, `sentence ${prov.sentence_index} · rule `, el('code', {}, dash(prov.rule)),
        ' · ', el('a', { href: '#s' + prov.sentence_index }, 'show in text')),
      quoteWithSpan(w.sentence_text, w.span_text));
  }

  /** The default panel: every record of the document, grouped. */
  showSummary() {
    const d = this.d;
    const section = (kind, label, describe) => {
      const list = d[kind + 's'];
      if (!list.length) return el('p', { class: 'muted' }, `No ${label.toLowerCase()}.`);
      return [el('h4', {}, `${label} (${list.length})`),
        el('ul', { class: 'recs' }, list.map((w, i) => el('li', {},
          el('button', { type: 'button', class: 'link', onclick: () => this.focusRecord(kind, i) }, describe(w.record || {})))))];
    };
    const unresolved = d.mentions.filter((m) => !m.actor).length;
    fill(this.panel, 
      el('h3', {}, 'Records in this document'),
      el('p', { class: 'small muted' }, `${d.mentions.length} actor mentions (${unresolved} provisional). Click a highlight in the text for its records.`),
      section('event', 'Events', (r) => `${r.type}: ${actorList(r.source)} → ${actorList(r.target)}${r.date ? ' · ' + r.date.start : ''}`),
      section('relation', 'Relations', (r) => `${r.subject} ${r.type} ${r.object}${r.start ? ' · from ' + r.start : ''}${r.end ? ' · until ' + r.end : ''}`),
      section('statement', 'Statements', (r) => `${r.speaker}: “${clip(r.text, 80)}”`));
  }

  focusRecord(kind, index) {
    const r = this.d[kind + 's'][index].record || {};
    const s = (r.provenance || {}).sentence_index;
    fill(this.panel, this.backLink(), this.card(kind, index));
    this.select([[kind, index]]);
    this.scrollToSentence(s, false);
  }

  scrollToSentence(s, flash) {
    const spans = this.pieces.filter(([, p]) => p.s === s).map(([span]) => span);
    if (!spans.length) return false;
    spans[0].scrollIntoView({ block: 'center' });
    if (flash) {
      for (const sp of spans) {
        sp.classList.remove('flash');
        void sp.offsetWidth; // restart the animation
        sp.classList.add('flash');
      }
    }
    return true;
  }

  /** `#s12`: scroll to sentence 12 and list its records in the panel. */
  followHash() {
    const m = /^#s(\d+)$/.exec(location.hash);
    if (!m) return;
    const s = Number(m[1]);
    this.scrollToSentence(s, true);
    const cards = [];
    const recs = [];
    for (const kind of ['statement', 'event', 'relation']) {
      this.d[kind + 's'].forEach((w, i) => {
        if (((w.record || {}).provenance || {}).sentence_index === s) {
          cards.push(this.card(kind, i));
          recs.push([kind, i]);
        }
      });
    }
    this.select(recs);
    fill(this.panel, this.backLink(), el('h3', {}, `Sentence ${s}`),
      cards.length ? cards : el('p', { class: 'muted' }, 'No records in this sentence.'));
  }
}

/** A sentence as a block quote with the trigger or quoted span marked. */
function quoteWithSpan(sentence, span) {
  const q = el('blockquote', { class: 'prov' });
  const at = span ? sentence.indexOf(span) : -1;
  if (at >= 0) {
    q.append(sentence.slice(0, at), el('mark', {}, span), sentence.slice(at + span.length));
  } else {
    q.append(sentence || '(sentence unavailable)');
    if (span && span !== sentence) q.append(el('div', { class: 'small' }, 'span: ', el('mark', {}, span)));
  }
  return q;
}

/** Every field of a record, nested objects as nested tables. */
function fieldTable(obj) {
  const t = el('table', { class: 'fields' });
  for (const [k, v] of Object.entries(obj)) {
    t.append(el('tr', {}, el('th', {}, k), el('td', {}, fieldValue(v))));
  }
  return t;
}

function fieldValue(v) {
  if (v === null || v === undefined) return el('span', { class: 'muted' }, '—');
  if (Array.isArray(v)) {
    if (!v.length) return el('span', { class: 'muted' }, '[]');
    if (v.every((x) => x === null || typeof x !== 'object')) return v.map((x) => (x === null ? '—' : String(x))).join('; ');
    return el('ol', {}, v.map((x) => el('li', {}, fieldValue(x))));
  }
  if (typeof v === 'object') return fieldTable(v);
  return String(v);
}

// ---------------------------------------------------------------------------
// Dates for the timeline and the graph (UTC days)
// ---------------------------------------------------------------------------

const DAY = 86400000;

/** First millisecond of a YYYY[-MM[-DD]] date, or null. */
function dateStart(s) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s || '');
  if (!m) return null;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
}

/** Last day (start of it) covered by a YYYY[-MM[-DD]] date, or null. */
function dateEnd(s) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s || '');
  if (!m) return null;
  if (m[3]) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (m[2]) return Date.UTC(Number(m[1]), Number(m[2]), 1) - DAY;
  return Date.UTC(Number(m[1]) + 1, 0, 1) - DAY;
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------

const PALETTE = ['#c0392b', '#2471a3', '#d68910', '#1e8449', '#7d3c98', '#117a65', '#a04000', '#2e4053',
  '#b03a2e', '#5b2c6f', '#0e6655', '#9a7d0a'];

async function pageTimeline() {
  const p = currentParams();
  let kinds = [];
  try {
    kinds = (await api('/api/kinds')).events;
  } catch (_) { /* free text still works */ }
  const form = filterForm(['actor', 'type', 'place', 'modality', 'from', 'to', 'text'], { types: kinds });
  show(el('h1', {}, 'Timeline of events'), form, el('p', { class: 'muted' }, 'Loading…'));
  let data;
  try {
    data = await api('/api/events', Object.assign({}, p, { limit: 5000, offset: 0 }));
  } catch (e) {
    return show(el('h1', {}, 'Timeline of events'), form, errorBox(e));
  }
  const dated = data.records.filter((r) => r.date && dateStart(r.date.start) !== null);
  const note = el('p', { class: 'small muted' },
    `${dated.length} dated events drawn`,
    data.records.length - dated.length ? `, ${data.records.length - dated.length} without a date left out` : '',
    data.total > data.records.length ? ` (first ${data.records.length} of ${data.total} matching; narrow the filters)` : '',
    '. Bars span a month or year when that is all the text says. Hollow marks: reported by someone; grey: negated or hypothetical. Click a mark for its sentence.');
  if (!dated.length) return show(el('h1', {}, 'Timeline of events'), form, note);
  show(el('h1', {}, 'Timeline of events'), form, note, drawTimeline(dated));
}

function drawTimeline(events) {
  const types = [...new Set(events.map((e) => e.type))];
  const countOf = (t) => events.filter((e) => e.type === t).length;
  types.sort((a, b) => countOf(b) - countOf(a) || a.localeCompare(b));
  let t0 = Math.min(...events.map((e) => dateStart(e.date.start)));
  let t1 = Math.max(...events.map((e) => dateEnd(e.date.end || e.date.start) ?? dateStart(e.date.start)));
  const pad = Math.max(DAY, (t1 - t0) * 0.03);
  t0 -= pad;
  t1 += pad + DAY;
  const left = 130, right = 20, top = 30, rowH = 14;
  const width = Math.max(900, Math.min(1600, (main().clientWidth || 1200) - 10));
  const pxPerMs = (width - left - right) / (t1 - t0);
  // Within a lane, marks that would overlap go to the next free sub-row.
  const place = new Map();
  const laneRows = types.map((t) => {
    const ends = [];
    const mine = events.filter((e) => e.type === t).sort((a, b) => dateStart(a.date.start) - dateStart(b.date.start));
    for (const e of mine) {
      const a = dateStart(e.date.start) * pxPerMs - 7;
      const b = (dateEnd(e.date.end || e.date.start) + DAY) * pxPerMs + 7;
      let row = ends.findIndex((end) => end <= a);
      if (row < 0) { row = ends.length; ends.push(b); } else ends[row] = b;
      place.set(e, row);
    }
    return Math.max(1, ends.length);
  });
  const laneTop = [];
  let y0 = top;
  for (const n of laneRows) { laneTop.push(y0); y0 += n * rowH + 14; }
  const height = y0 + 30;
  const x = (ms) => left + (ms - t0) / (t1 - t0) * (width - left - right);
  const root = svg('svg', { class: 'timeline', width, height, viewBox: `0 0 ${width} ${height}` });

  // Axis: ticks by day, month or year depending on the span.
  const spanDays = (t1 - t0) / DAY;
  const ticks = [];
  const d = new Date(t0);
  if (spanDays <= 45) {
    for (let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()); t <= t1; t += DAY * Math.ceil(spanDays / 15)) ticks.push([t, isoDay(t)]);
  } else if (spanDays <= 3 * 365) {
    const step = spanDays <= 400 ? 1 : 3;
    for (let y = d.getUTCFullYear(), m = d.getUTCMonth(); ; m += step) {
      const t = Date.UTC(y, m, 1);
      if (t > t1) break;
      if (t >= t0) ticks.push([t, isoDay(t).slice(0, 7)]);
    }
  } else {
    for (let y = d.getUTCFullYear(); Date.UTC(y, 0, 1) <= t1; y++) if (Date.UTC(y, 0, 1) >= t0) ticks.push([Date.UTC(y, 0, 1), String(y)]);
  }
  for (const [t, label] of ticks) {
    root.append(svg('line', { x1: x(t), x2: x(t), y1: top - 8, y2: height - 24, class: 'tick' }),
      svg('text', { x: x(t), y: height - 8, class: 'axis', 'text-anchor': 'middle' }, label));
  }
  types.forEach((t, i) => {
    const yMid = laneTop[i] + laneRows[i] * rowH / 2;
    root.append(svg('line', { x1: left, x2: width - right, y1: laneTop[i] - 7, y2: laneTop[i] - 7, class: 'lane' }),
      svg('text', { x: left - 8, y: yMid + 4, class: 'lane-label', 'text-anchor': 'end' }, t));
  });

  for (const e of events) {
    const row = types.indexOf(e.type);
    const color = PALETTE[row % PALETTE.length];
    const s = dateStart(e.date.start);
    const end = dateEnd(e.date.end || e.date.start) + DAY;
    const y = laneTop[row] + place.get(e) * rowH + rowH / 2;
    const faint = e.modality === 'negated' || e.modality === 'hypothetical';
    const hollow = e.modality === 'reported';
    const fill = faint ? '#aaa' : hollow ? '#fff' : color;
    const stroke = faint ? '#888' : color;
    const tip = `${dateText(e.date)} · ${e.type}${e.mode ? ' (' + e.mode + ')' : ''}\n` +
      `${actorList(e.source)} → ${actorList(e.target)}${e.place ? ' · ' + e.place.name : ''}\n` +
      `${e.modality}${e.reported_by ? ' by ' + e.reported_by : ''}\n“${clip(e.sentence, 240)}”`;
    const shape = e.date.precision === 'day' || end - s <= DAY
      ? svg('circle', { cx: x(s + DAY / 2), cy: y, r: 5, fill, stroke, 'stroke-width': 2 })
      : svg('rect', { x: x(s), y: y - 4, width: Math.max(4, x(end) - x(s)), height: 8, rx: 3, fill, stroke, 'fill-opacity': hollow ? 1 : 0.45 });
    const link = svg('a', { href: docHref(e.doc, (e.provenance || {}).sentence_index), class: 'mark' }, svg('title', {}, tip), shape);
    root.append(link);
  }
  return el('div', { class: 'svgbox' }, root);
}

// ---------------------------------------------------------------------------
// Alliance graph
// ---------------------------------------------------------------------------

const EDGE_COLORS = { member_of: '#2471a3', allied_with: '#1e8449', backed_by: '#d35400' };

/** Same rule as the server: an open or partial interval contains the day `day` (YYYY-MM-DD). */
function holdsAt(start, end, day) {
  const upper = day + '\u{10ffff}';
  return (start === null || start <= upper) && (end === null || end + '\u{10ffff}' >= day);
}

async function pageGraph() {
  show(el('h1', {}, 'Alliance graph'), el('p', { class: 'muted' }, 'Loading…'));
  let g;
  try {
    g = await api('/api/graph', { undated: 1 });
  } catch (e) {
    return show(el('h1', {}, 'Alliance graph'), errorBox(e));
  }
  if (!g.nodes.length) {
    return show(el('h1', {}, 'Alliance graph'), el('p', { class: 'muted' }, 'No member_of, allied_with or backed_by relations in this store.'));
  }
  new GraphView(g).mount();
}

class GraphView {
  constructor(g) {
    this.g = g;
    this.width = Math.max(700, Math.min(1300, (main().clientWidth || 1200) - 420));
    this.height = 640;
    this.layout();
    const lo = dateStart(g.range.min);
    const hi = dateEnd(g.range.max);
    this.lo = lo;
    this.days = lo === null || hi === null ? 0 : Math.round((hi - lo) / DAY);
    const want = /^#(\d{4}-\d{2}-\d{2})$/.exec(location.hash);
    this.day = want && dateStart(want[1]) !== null && lo !== null
      ? Math.min(this.days, Math.max(0, Math.round((dateStart(want[1]) - lo) / DAY))) : this.days;
    this.panel = el('aside', { class: 'panel' });
  }

  /** Force-directed layout computed once, so nodes keep their place as the date moves. */
  layout() {
    const nodes = this.g.nodes;
    const n = nodes.length;
    const index = new Map(nodes.map((nd, i) => [nd.id, i]));
    const links = this.g.edges.map((e) => [index.get(e.source), index.get(e.target)]);
    const W = this.width, H = this.height;
    const pos = nodes.map((_, i) => {
      const a = 2 * Math.PI * i / n;
      return [W / 2 + Math.cos(a) * W / 3, H / 2 + Math.sin(a) * H / 3];
    });
    const k = Math.sqrt(W * H / Math.max(1, n)) * 0.75;
    for (let it = 0; it < 400; it++) {
      const disp = pos.map(() => [0, 0]);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
          const dist = Math.max(1, Math.hypot(dx, dy));
          const f = k * k / dist;
          dx /= dist; dy /= dist;
          disp[i][0] += dx * f; disp[i][1] += dy * f;
          disp[j][0] -= dx * f; disp[j][1] -= dy * f;
        }
      }
      for (const [a, b] of links) {
        let dx = pos[a][0] - pos[b][0], dy = pos[a][1] - pos[b][1];
        const dist = Math.max(1, Math.hypot(dx, dy));
        const f = dist * dist / k;
        dx /= dist; dy /= dist;
        disp[a][0] -= dx * f; disp[a][1] -= dy * f;
        disp[b][0] += dx * f; disp[b][1] += dy * f;
      }
      const temp = (W / 10) * (1 - it / 400) + 1;
      for (let i = 0; i < n; i++) {
        // A pull to the centre keeps separate components on screen.
        disp[i][0] += (W / 2 - pos[i][0]) * 0.05 * k / 50;
        disp[i][1] += (H / 2 - pos[i][1]) * 0.05 * k / 50;
        const len = Math.max(1e-9, Math.hypot(disp[i][0], disp[i][1]));
        pos[i][0] += disp[i][0] / len * Math.min(len, temp);
        pos[i][1] += disp[i][1] / len * Math.min(len, temp);
      }
    }
    // Fit into the drawing with a margin for labels.
    const xs = pos.map((p) => p[0]), ys = pos.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const ml = 30, mr = 190, my = 30;
    this.pos = new Map(nodes.map((nd, i) => [nd.id, [
      x1 > x0 ? ml + (pos[i][0] - x0) / (x1 - x0) * (W - ml - mr) : W / 2,
      y1 > y0 ? my + (pos[i][1] - y0) / (y1 - y0) * (H - 2 * my) : H / 2,
    ]]));
  }

  mount() {
    this.dateLabel = el('strong', { class: 'date' });
    this.slider = el('input', { type: 'range', min: 0, max: this.days, value: this.day, disabled: this.days === 0, oninput: () => this.redraw() });
    this.undated = el('input', { type: 'checkbox', checked: true, onchange: () => this.redraw() });
    this.types = {};
    const typeBoxes = Object.keys(EDGE_COLORS).map((t) => {
      this.types[t] = el('input', { type: 'checkbox', checked: true, onchange: () => this.redraw() });
      return el('label', { class: 'check' }, this.types[t], el('span', { class: 'edge-key key-' + t }, t));
    });
    this.count = el('span', { class: 'muted small' });
    const controls = el('div', { class: 'graph-controls' },
      el('label', {}, 'As of ', this.dateLabel), this.slider,
      el('label', { class: 'check' }, this.undated, 'include relations with no dates (dashed)'),
      typeBoxes, this.count);
    this.svg = svg('svg', { class: 'graph', width: this.width, height: this.height, viewBox: `0 0 ${this.width} ${this.height}` });
    const defs = svg('defs', {});
    for (const [t, c] of Object.entries(EDGE_COLORS)) {
      defs.append(svg('marker', { id: 'arrow-' + t, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: c })));
    }
    this.svg.append(defs);
    this.edgeLayer = svg('g', {});
    this.nodeLayer = svg('g', {});
    this.svg.append(this.edgeLayer, this.nodeLayer);
    show(el('h1', {}, 'Alliance graph'),
      el('p', { class: 'small muted' }, 'member_of, allied_with and backed_by relations whose interval contains the chosen date; arrows point from subject to object. Click an edge or an actor for the sentences behind it.'),
      controls, el('div', { class: 'graph-layout' }, el('div', { class: 'svgbox' }, this.svg), this.panel));
    this.panel.append(el('p', { class: 'muted' }, 'Click an edge or an actor.'));
    this.redraw();
  }

  currentDay() {
    return this.days === 0 ? null : isoDay(this.lo + Number(this.slider.value) * DAY);
  }

  visibleEdges() {
    const day = this.currentDay();
    const out = [];
    for (const e of this.g.edges) {
      if (!this.types[e.type] || !this.types[e.type].checked) continue;
      const recs = e.records.filter((r) => {
        const dated = r.start !== null || r.end !== null;
        if (!dated) return this.undated.checked;
        return day === null || holdsAt(r.start, r.end, day);
      });
      if (recs.length) out.push(Object.assign({}, e, { shown: recs, dated: recs.some((r) => r.start !== null || r.end !== null) }));
    }
    return out;
  }

  redraw() {
    const day = this.currentDay();
    this.dateLabel.textContent = day || 'no dated relations';
    if (day) history.replaceState(null, '', '#' + day);
    const edges = this.visibleEdges();
    const active = new Set(edges.flatMap((e) => [e.source, e.target]));
    this.edgeLayer.replaceChildren();
    this.nodeLayer.replaceChildren();
    // Parallel edges between the same pair are bent apart.
    const pairCount = new Map();
    for (const e of edges) {
      const [a, b] = [this.pos.get(e.source), this.pos.get(e.target)];
      if (!a || !b) continue;
      const key = [e.source, e.target].sort().join('|');
      const n = pairCount.get(key) || 0;
      pairCount.set(key, n + 1);
      const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
      const len = Math.max(1, Math.hypot(dx, dy));
      const r = 9;
      const sx = a[0] + dx / len * r, sy = a[1] + dy / len * r;
      const tx = b[0] - dx / len * (r + 2), ty = b[1] - dy / len * (r + 2);
      const bend = n * 24 * (e.source < e.target ? 1 : -1);
      const cx = (sx + tx) / 2 - dy / len * bend, cy = (sy + ty) / 2 + dx / len * bend;
      const tip = `${this.name(e.source)} ${e.type} ${this.name(e.target)}\n` +
        e.shown.map((rec) => `${rec.start || '?'} … ${rec.end || '?'}: “${clip(rec.sentence, 160)}”`).join('\n');
      const path = svg('path', {
        d: `M${sx},${sy} Q${cx},${cy} ${tx},${ty}`, class: 'edge' + (e.dated ? '' : ' undated'),
        stroke: EDGE_COLORS[e.type] || '#777', 'marker-end': `url(#arrow-${e.type})`,
        onclick: () => this.showEdge(e),
      }, svg('title', {}, tip));
      this.edgeLayer.append(path);
    }
    for (const nd of this.g.nodes) {
      const p = this.pos.get(nd.id);
      const on = active.has(nd.id);
      const g = svg('g', { class: 'node' + (on ? '' : ' off'), transform: `translate(${p[0]},${p[1]})`, onclick: () => this.showNode(nd) },
        svg('title', {}, nd.name + (nd.id.startsWith('name:') ? ' (not in the lexicon)' : ' (' + nd.id + ')')),
        svg('circle', { r: 8 }),
        svg('text', { x: 11, y: 4 }, nd.name));
      this.nodeLayer.append(g);
    }
    this.count.textContent = `${edges.length} links among ${active.size} actors`;
  }

  name(id) {
    const n = this.g.nodes.find((x) => x.id === id);
    return n ? n.name : id;
  }

  recordList(recs) {
    return el('ul', { class: 'recs' }, recs.map((r) => el('li', {},
      el('div', { class: 'small muted' }, `${r.start || '?'} … ${r.end || '?'} · ${r.modality}`),
      el('a', { href: docHref(r.doc, r.sentence_index) }, clip(r.sentence, 300)))));
  }

  showEdge(e) {
    fill(this.panel, el('h3', {}, `${this.name(e.source)} ${e.type} ${this.name(e.target)}`),
      el('p', { class: 'small muted' }, `${e.shown.length} record(s) hold at this date (${e.records.length} in all)`),
      this.recordList(e.shown));
  }

  showNode(nd) {
    const edges = this.visibleEdges().filter((e) => e.source === nd.id || e.target === nd.id);
    fill(this.panel, el('h3', {}, nd.name),
      el('p', { class: 'small muted' }, nd.id.startsWith('name:') ? 'not in the lexicon' : nd.id),
      nd.id.startsWith('name:') ? null : el('p', { class: 'small' },
        el('a', { href: '/relations?actor=' + encodeURIComponent(nd.id) }, 'all relations'), ' · ',
        el('a', { href: '/events?actor=' + encodeURIComponent(nd.id) }, 'events')),
      edges.length ? edges.map((e) => [el('h4', {}, `${this.name(e.source)} ${e.type} ${this.name(e.target)}`), this.recordList(e.shown)])
        : el('p', { class: 'muted' }, 'No link at this date.'));
  }
}

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

async function stats() {
  try {
    const s = await api('/api/stats');
    document.getElementById('stats').textContent =
      `${s.store} · ${s.documents} documents · ${s.events} events · ${s.relations} relations · ${s.statements} statements`;
  } catch (_) { /* the header is informative only */ }
}

function route() {
  const path = location.pathname;
  const page = path === '/' ? 'documents' : path.split('/')[1];
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.page === page || (page === 'doc' && a.dataset.page === 'documents'));
  if (path.startsWith('/doc/')) return pageDocument(decodeURIComponent(path.slice(5)));
  if (path === '/' || path === '/documents') return pageDocuments();
  if (TABLES[page]) return pageRecords(page);
  if (page === 'timeline') return pageTimeline();
  if (page === 'graph') return pageGraph();
  show(el('h1', {}, 'Not found'), el('p', {}, 'No such page. ', el('a', { href: '/' }, 'Documents')));
}

stats();
Promise.resolve().then(route).catch((e) => show(errorBox(e)));
