// casus dashboard: filters -> /api/events and /api/stats -> table, bars and detail.
// Every value from the API is written with textContent, never as HTML.
"use strict";

const PAGE = 50;
const SVG = "http://www.w3.org/2000/svg";
const state = { offset: 0, total: 0, picked: null };

const $ = (selector) => document.querySelector(selector);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = String(text);
  return node;
}

async function api(path, query) {
  const suffix = query && query.toString() ? `?${query}` : "";
  const response = await fetch(path + suffix, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

// The form's non-empty fields: the API answers 422 for an empty date.
function filters() {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData($("#filters"))) {
    if (value.trim()) query.set(name, value.trim());
  }
  return query;
}

function showError(message) {
  const box = $("#error");
  box.hidden = !message;
  box.textContent = message || "";
}

async function refresh() {
  const query = filters();
  // The address keeps the filters, so a view can be bookmarked or shared.
  history.replaceState(null, "", query.toString() ? `?${query}` : location.pathname);
  const paged = new URLSearchParams(query);
  paged.set("limit", PAGE);
  paged.set("offset", state.offset);
  try {
    const [page, stats] = await Promise.all([api("/api/events", paged), api("/api/stats", query)]);
    showError(null);
    renderEvents(page);
    renderStats(stats);
  } catch (error) {
    showError(error.message);
  }
}

function actorLabel(actor) {
  if (!actor) return "—";
  return actor.code ? `${actor.name} (${actor.code})` : actor.name;
}

// The sentence with its trigger marked; the offsets are into the document, as is the sentence's.
function evidenceNode(evidence) {
  const node = el("span");
  const text = evidence.text;
  const start = evidence.trigger_start - evidence.start;
  const end = evidence.trigger_end - evidence.start;
  if (start < 0 || end > text.length || start >= end) {
    node.textContent = text;
    return node;
  }
  node.append(text.slice(0, start), el("mark", text.slice(start, end)), text.slice(end));
  return node;
}

function renderEvents(page) {
  state.total = page.total;
  const body = $("#events tbody");
  body.replaceChildren();
  for (const event of page.events) {
    const row = el("tr");
    row.dataset.id = event.id;
    if (event.id === state.picked) row.classList.add("picked");
    const cameo = el("td");
    cameo.append(el("span", event.cameo, "code"), " ", event.cameo_name);
    const mode = el("td");
    mode.append(el("span", event.mode, `mode mode-${event.mode}`));
    const evidence = el("td");
    evidence.append(evidenceNode(event.evidence));
    row.append(
      el("td", event.date || "—", "nowrap"),
      el("td", `${actorLabel(event.source)} → ${actorLabel(event.target)}`),
      cameo,
      el("td", event.plover),
      mode,
      evidence,
    );
    row.addEventListener("click", () => pick(event, row));
    body.append(row);
  }
  if (!page.events.length) {
    const row = el("tr");
    const cell = el("td", "No events match these filters.", "muted");
    cell.colSpan = 6;
    row.append(cell);
    body.append(row);
  }
  const last = page.offset + page.count;
  $("#range").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "";
  $("#prev").disabled = page.offset === 0;
  $("#next").disabled = last >= page.total;
}

function renderStats(stats) {
  const counts = stats.counts;
  $("#counts").textContent =
    `${counts.documents} documents · ${counts.events} events · ` +
    `${counts.quotes} quotes · ${counts.rejects} rejects`;
  fillRootChoices(stats.roots);
  drawRoots(stats.roots);
  const dyads = $("#dyads");
  dyads.replaceChildren(
    ...stats.dyads.map((d) => el("li", `${d.source} → ${d.target}: ${d.count}`)),
  );
  if (!stats.dyads.length) dyads.append(el("li", "none", "muted"));
}

// The root choices come from the first /api/stats answer; a root the address asked for
// before then is kept.
function fillRootChoices(roots) {
  const select = $("#filters select[name=root]");
  if (select.dataset.filled) return;
  const current = select.value;
  const any = el("option", "any");
  any.value = "";
  const choices = roots.map((root) => {
    const option = el("option", `${root.root} ${root.name}`);
    option.value = root.root;
    return option;
  });
  select.replaceChildren(any, ...choices);
  select.value = current;
  select.dataset.filled = "yes";
}

function clip(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

// Horizontal bars, one row per CAMEO root; clicking a row filters on that root.
function drawRoots(roots) {
  const chart = $("#roots");
  const rowHeight = 17;
  const labelWidth = 200;
  const width = 350;
  const most = Math.max(1, ...roots.map((r) => r.count));
  chart.setAttribute("viewBox", `0 0 ${width} ${roots.length * rowHeight}`);
  chart.replaceChildren();
  roots.forEach((root, index) => {
    const y = index * rowHeight;
    const length = ((width - labelWidth - 36) * root.count) / most;
    const row = svg("g", { class: "row" });
    row.append(
      svg("title", {}, `${root.root} ${root.name}: ${root.count}`),
      svg("text", { x: 0, y: y + 12 }, clip(`${root.root} ${root.name}`, 32)),
      svg("rect", { class: "bar", x: labelWidth, y: y + 3, width: length, height: rowHeight - 6 }),
      svg("text", { x: labelWidth + length + 4, y: y + 12 }, root.count),
    );
    row.addEventListener("click", () => {
      $("#filters select[name=root]").value = root.root;
      state.offset = 0;
      refresh();
    });
    chart.append(row);
  });
}

function place(location) {
  if (!location) return "—";
  return [location.name, location.country].filter(Boolean).join(", ");
}

function dateLabel(event) {
  if (!event.date) return "unknown";
  const words = event.date_text ? ` from “${event.date_text}”` : "";
  return `${event.date} (${event.date_precision || "?"}${words})`;
}

async function pick(event, row) {
  state.picked = event.id;
  for (const other of document.querySelectorAll("#events tr.picked")) {
    other.classList.remove("picked");
  }
  row.classList.add("picked");
  const list = $("#detail dl");
  const fields = [
    ["Source", actorLabel(event.source)],
    ["Target", actorLabel(event.target)],
    ["CAMEO", `${event.cameo} ${event.cameo_name}`],
    ["PLOVER", `${event.plover} (quad class ${event.quad_class})`],
    ["Goldstein", event.goldstein],
    ["Mode", event.mode],
    ["Date", dateLabel(event)],
    ["Place", place(event.location)],
    ["Confidence", event.confidence],
    ["Rules", event.rules.join(", ") || "—"],
    ["Event id", event.id],
  ];
  list.replaceChildren();
  const evidence = el("dd");
  evidence.append(evidenceNode(event.evidence));
  list.append(el("dt", "Evidence"), evidence);
  for (const [name, value] of fields) list.append(el("dt", name), el("dd", value));
  $("#detail").hidden = false;
  try {
    const found = await api(`/api/documents/${encodeURIComponent(event.doc_id)}`);
    if (state.picked !== event.id) return;
    const doc = found.document;
    const label = [doc.title || doc.id, doc.source, doc.published].filter(Boolean).join(" · ");
    const value = el("dd");
    if (doc.url && /^https?:\/\//.test(doc.url)) {
      const link = el("a", label);
      link.href = doc.url;
      link.rel = "noreferrer noopener";
      link.target = "_blank";
      value.append(link);
    } else {
      value.textContent = label;
    }
    list.append(el("dt", "Document"), value);
  } catch (error) {
    list.append(el("dt", "Document"), el("dd", error.message));
  }
}

// Filters given in the address (?country=ISR&root=14) fill the form before the first load.
function restoreFilters() {
  const form = $("#filters");
  for (const [name, value] of new URLSearchParams(location.search)) {
    const field = form.elements.namedItem(name);
    if (!field) continue;
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) {
      field.append(new Option(value, value));
    }
    field.value = value;
  }
}

function start() {
  const form = $("#filters");
  form.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    state.offset = 0;
    refresh();
  });
  form.addEventListener("reset", () => {
    state.offset = 0;
    setTimeout(refresh);
  });
  $("#prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE);
    refresh();
  });
  $("#next").addEventListener("click", () => {
    state.offset += PAGE;
    refresh();
  });
  restoreFilters();
  refresh();
}

start();
