// Records: the stored records of a schema as a table (one column per field, every value opening the document at its
// evidence), filters on any field, counts by category as bar charts that follow the filters, and CSV / Excel export.

import {
  api, ApiError, errorMessage, exportUrl,
  type Evidence, type ExtractionResult, type FieldValue, type JsonValue, type RecordEntry, type Schema, type SchemaField,
} from "../api.js";
import { h, setWidth } from "../dom.js";
import { t, type Key } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { replaceRoute, type Route } from "../router.js";
import { session } from "../session.js";
import { emptyState, errorState, formatDate, pageHeader, spinner, toast, toastError } from "../ui.js";
import { openViewer } from "../viewer.js";

/** The filter key of the document column (title or source id contains). Field names never start with a space. */
const documentKey = " document";
const maxBars = 15;

interface RecordsState {
  schema: string | null;
  records: RecordEntry[] | null;
  recordsFor: string | null;
  loading: boolean;
  error: string | null;
  kbMissing: boolean;
  extracting: boolean;
  failures: ExtractionResult["errors"];
  /** Field name (or documentKey) → the text a value must contain, or the category it must hold. */
  filters: Map<string, string>;
  openDropped: Set<string>;
}

interface Chart {
  field: SchemaField;
  byYear: boolean;
}

const states = new Map<string, RecordsState>();
let schemaList: Schema[] | null = null;
let schemaLoad: Promise<Schema[]> | null = null;

/** Drops what is kept for a deleted knowledge base (a new one with the same name starts clean). */
export function forgetRecords(kb: string): void {
  states.delete(kb);
}

function stateFor(kb: string): RecordsState {
  let s = states.get(kb);
  if (!s) {
    s = {
      schema: null, records: null, recordsFor: null, loading: false, error: null, kbMissing: false, extracting: false,
      failures: [], filters: new Map(), openDropped: new Set(),
    };
    states.set(kb, s);
  }
  return s;
}

/** The schemas, fetched once per page load (they change only when the server's schema files do). */
function loadSchemas(): Promise<Schema[]> {
  if (schemaList) return Promise.resolve(schemaList);
  schemaLoad ??= api.listSchemas().then(
    (list) => {
      schemaList = list;
      return list;
    },
    (error: unknown) => {
      schemaLoad = null;
      throw error;
    });
  return schemaLoad;
}

// ---- Values ------------------------------------------------------------------------------------------------------

/** An enum, or a list of an enum: filtered by choosing one of its values. */
function choicesOf(field: SchemaField): string[] | null {
  const values = field.kind === "list" ? field.items?.enumValues : field.enumValues;
  return values && values.length > 0 ? values : null;
}

function facetOf(field: SchemaField): string | null {
  return field.facet || (field.kind === "list" ? field.items?.facet : null) || null;
}

/** A value as the table shows it: "识别准确率 97.6%" for a metric object, items joined by "、" for a list. */
function valueText(value: JsonValue, field: SchemaField | null | undefined): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.map((item) => valueText(item, field?.items)).join("、");
  if (typeof value === "object") {
    const keys = field?.properties && field.properties.length > 0 ? field.properties.map((p) => p.name) : Object.keys(value);
    const parts = keys.map((key) => value[key]).filter((v): v is JsonValue => v !== undefined && v !== null).map((v) => valueText(v, null));
    return parts.length >= 2 ? `${parts[0]} ${parts.slice(1).join("")}` : parts.join("");
  }
  if (typeof value === "number" && field?.unit) return `${value}${field.unit}`;
  return String(value);
}

/** The strings a record holds for a field: each list item, or the one value. */
function valuesOf(entry: RecordEntry, field: SchemaField): string[] {
  const fv = entry.record.fields[field.name];
  if (!fv || fv.value === null) return [];
  if (Array.isArray(fv.value)) return fv.value.map((item) => valueText(item, field.items));
  return [valueText(fv.value, field)];
}

/** The evidence of a list's i-th item: the i-th span when there is one per item, else the first whose quote holds it. */
function evidenceOfItem(fv: FieldValue, item: JsonValue, index: number, count: number): Evidence | undefined {
  if (fv.evidence.length === count) return fv.evidence[index];
  const needles = (item !== null && typeof item === "object" && !Array.isArray(item) ? Object.values(item) : [item])
    .filter((v) => v !== null && typeof v !== "object")
    .map((v) => String(v));
  return fv.evidence.find((e) => needles.some((n) => n.length > 0 && e.quote.includes(n))) ?? fv.evidence[0];
}

function reasonLabel(reason: string): string {
  const key = `reason.${reason}` as Key;
  const label = t(key);
  return label === key ? reason : label;
}

// ---- The page ----------------------------------------------------------------------------------------------------

export function recordsPage(kb: string, route: Route): Page {
  const s = stateFor(kb);
  const root = h("div", { class: "page page-records" });
  let disposed = false;
  let schemas: Schema[] | null = schemaList;
  let schemasError: string | null = null;
  let request = 0;
  // The parts redrawn while a filter is typed (the inputs themselves stay, so they keep focus).
  let tableBody: HTMLElement | null = null;
  let chartsEl: HTMLElement | null = null;
  let countEl: HTMLElement | null = null;
  let clearButton: HTMLButtonElement | null = null;

  if (route.schema) s.schema = route.schema;

  function current(): Schema | null {
    return schemas?.find((schema) => schema.name === s.schema) ?? null;
  }

  async function start(): Promise<void> {
    try {
      schemas = await loadSchemas();
      schemasError = null;
    } catch (error) {
      schemasError = errorMessage(error);
    }
    if (disposed) return;
    if (schemas && !current()) s.schema = schemas[0]?.name ?? null;
    render();
    // Always fetched again: documents may have been added, re-extracted or deleted since the last visit.
    await loadRecords();
  }

  async function loadRecords(): Promise<void> {
    const schema = s.schema;
    if (!schema) return;
    const mine = ++request;
    s.loading = true;
    s.error = null;
    render();
    try {
      const records = await api.listRecords(kb, schema);
      if (mine !== request) return;
      s.records = records;
      s.recordsFor = schema;
      s.kbMissing = false;
    } catch (error) {
      if (mine !== request) return;
      // The schema is known, so a 404 means the knowledge base is gone.
      if (error instanceof ApiError && error.status === 404 && (schemas ?? []).some((x) => x.name === schema)) {
        s.kbMissing = true;
      } else {
        s.error = errorMessage(error);
      }
    } finally {
      if (mine === request) s.loading = false;
    }
    if (!disposed) render();
  }

  function selectSchema(name: string): void {
    if (name === s.schema) return;
    s.schema = name;
    s.records = null;
    s.recordsFor = null;
    s.filters = new Map();
    s.openDropped = new Set();
    s.failures = [];
    replaceRoute({ name: "records", kb, schema: name });
    void loadRecords();
  }

  async function extractAll(): Promise<void> {
    const schema = s.schema;
    if (!schema || s.extracting) return;
    s.extracting = true;
    render();
    try {
      const result = await api.extract(kb, schema);
      s.failures = result.errors;
      toast(t("records.extracted", { n: result.records.length }), "success");
      if (result.errors.length > 0) toast(t("records.extractFailed", { n: result.errors.length }), "info");
    } catch (error) {
      toastError(error);
    } finally {
      s.extracting = false;
    }
    if (!disposed && s.schema === schema) await loadRecords();
    else if (!disposed) render();
  }

  function setFilter(key: string, value: string): void {
    if (value) s.filters.set(key, value);
    else s.filters.delete(key);
  }

  // ---- Filtering and counting --------------------------------------------------------------------------------

  function matches(entry: RecordEntry, schema: Schema): boolean {
    for (const [key, needle] of s.filters) {
      if (!needle) continue;
      if (key === documentKey) {
        const hay = `${entry.title ?? ""}\n${entry.sourceId}`.toLowerCase();
        if (!hay.includes(needle.toLowerCase())) return false;
        continue;
      }
      const field = schema.fields.find((f) => f.name === key);
      if (!field) continue;
      const values = valuesOf(entry, field);
      if (choicesOf(field)) {
        if (!values.includes(needle)) return false;
      } else if (!values.join("\n").toLowerCase().includes(needle.toLowerCase())) {
        return false;
      }
    }
    return true;
  }

  function chartsOf(schema: Schema): Chart[] {
    const charts: Chart[] = schema.fields.filter((f) => facetOf(f) !== null).map((field) => ({ field, byYear: false }));
    const date = schema.fields.find((f) => f.kind === "date");
    if (date) charts.push({ field: date, byYear: true });
    return charts;
  }

  function chartElement(chart: Chart, shown: RecordEntry[]): HTMLElement {
    const { field, byYear } = chart;
    const counts = new Map<string, number>();
    let without = 0;
    for (const entry of shown) {
      const values = valuesOf(entry, field);
      const keys = byYear ? values.map((v) => v.slice(0, 4)).filter((y) => /^\d{4}$/.test(y)) : values;
      if (keys.length === 0) without++;
      for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const bars = [...counts.entries()].sort(byYear
      ? (a, b) => a[0].localeCompare(b[0])
      : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh-CN"));
    const top = bars.reduce((max, [, n]) => Math.max(max, n), 0);
    const active = s.filters.get(field.name) ?? null;
    const facet = facetOf(field);
    const title = byYear ? t("records.chartYear", { field: field.name }) : facet && facet !== field.name ? t("records.chartFacet", { field: field.name, facet }) : field.name;
    const rows = bars.slice(0, maxBars).map(([label, n]) => {
      const fill = h("span", { class: "bar-fill" });
      setWidth(fill, top > 0 ? Math.max(3, (n / top) * 100) : 0);
      const pressed = active === label;
      return h("button", {
        class: pressed ? "bar-row active" : "bar-row", type: "button", "data-testid": "chart-bar", "data-value": label,
        "data-count": String(n), "aria-pressed": String(pressed), title: t("records.barTitle", { label, n }),
        onclick: () => {
          setFilter(field.name, pressed ? "" : label);
          render();
        },
      }, h("span", { class: "bar-label" }, label), h("span", { class: "bar-track" }, fill), h("span", { class: "bar-count" }, String(n)));
    });
    const notes: string[] = [];
    if (bars.length > maxBars) notes.push(t("records.chartMore", { n: bars.length - maxBars }));
    if (without > 0 && bars.length > 0) notes.push(t("records.chartNoValue", { n: without }));
    return h("section", { class: "card chart", "data-testid": "chart", "data-field": field.name, "data-by-year": byYear ? "true" : null },
      h("h3", { class: "chart-title" }, icon("chart"), h("span", null, title)),
      rows.length > 0 ? h("div", { class: "bars" }, rows) : h("p", { class: "muted small" }, t("records.chartEmpty")),
      notes.length > 0 ? h("p", { class: "chart-note" }, notes.join(" · ")) : null);
  }

  // ---- Cells -------------------------------------------------------------------------------------------------

  function open(entry: RecordEntry, evidence: Evidence | undefined): void {
    const title = entry.title || entry.sourceId;
    openViewer(kb, entry.docId, evidence ? { start: evidence.start, end: evidence.end, page: evidence.page ?? null, quote: evidence.quote } : null, title);
  }

  function valueLink(entry: RecordEntry, field: SchemaField, text: string, evidence: Evidence | undefined, className: string): HTMLElement {
    return h("button", {
      class: className, type: "button", "data-testid": "record-value", "data-field": field.name, "data-doc-id": entry.docId,
      "data-start": evidence ? String(evidence.start) : null, "data-end": evidence ? String(evidence.end) : null,
      title: evidence ? `${t("records.openEvidence")}\n«${evidence.quote}»` : text,
      onclick: () => open(entry, evidence),
    }, text);
  }

  function valueCell(entry: RecordEntry, field: SchemaField): HTMLElement {
    const fv = entry.record.fields[field.name];
    if (!fv || fv.value === null) {
      const missing = (entry.record.missing ?? []).includes(field.name);
      return h("td", { class: "col-value" }, missing
        ? h("span", { class: "missing-pill", "data-testid": "missing-value", "data-field": field.name }, t("records.missing"))
        : h("span", { class: "muted" }, t("common.none")));
    }
    if (Array.isArray(fv.value)) {
      const items = fv.value;
      const metric = field.items?.kind === "object";
      return h("td", { class: "col-value" }, h("div", { class: "chips" }, items.map((item, i) =>
        valueLink(entry, field, valueText(item, field.items), evidenceOfItem(fv, item, i, items.length), metric ? "chip chip-metric" : "chip"))));
    }
    const text = valueText(fv.value, field);
    const long = text.length > 40;
    const more = fv.evidence.slice(1).map((evidence, i) => h("sup", null, h("button", {
      class: "cite-marker", type: "button", "data-testid": "evidence-marker", title: `${t("records.evidenceN", { n: i + 2 })}\n«${evidence.quote}»`,
      onclick: () => open(entry, evidence),
    }, String(i + 2))));
    return h("td", { class: long ? "col-value col-long" : "col-value" },
      valueLink(entry, field, text, fv.evidence[0], long ? "value-link value-long" : "value-link"), more);
  }

  function checksCell(entry: RecordEntry): HTMLElement {
    const record = entry.record;
    const missing = record.missing ?? [];
    const dropped = record.dropped ?? [];
    const open = s.openDropped.has(entry.docId);
    return h("td", { class: "col-checks" },
      h("div", { class: "checks" },
        h("span", { class: `method-tag method-${entry.method}`, title: entry.modelError ? t("records.modelError", { error: entry.modelError }) : t("records.extractedAt", { date: formatDate(entry.extractedAt) }) },
          entry.method === "model" ? t("records.method.model") : t("records.method.rules"), entry.modelError ? " ⚠" : null),
        missing.length > 0
          ? h("span", { class: "missing-pill", title: missing.join("、") }, t("records.missingCount", { n: missing.length }))
          : h("span", { class: "complete-pill" }, t("records.complete")),
        dropped.length > 0
          ? h("button", {
            class: "btn btn-small btn-ghost dropped-toggle", type: "button", "data-testid": "dropped-toggle", "aria-expanded": String(open),
            onclick: () => {
              if (s.openDropped.has(entry.docId)) s.openDropped.delete(entry.docId);
              else s.openDropped.add(entry.docId);
              refresh();
            },
          }, icon("chevronRight", open ? "icon chevron chevron-open" : "icon chevron"), t("records.dropped", { n: dropped.length }))
          : null));
  }

  function droppedRow(entry: RecordEntry, columns: number): HTMLElement {
    return h("tr", { class: "dropped-row", "data-testid": "dropped-row", "data-doc-id": entry.docId },
      h("td", { colspan: String(columns) },
        h("div", { class: "dropped" },
          h("div", { class: "section-label" }, t("records.droppedTitle")),
          h("table", { class: "dropped-table" },
            h("thead", null, h("tr", null, h("th", null, t("records.droppedField")), h("th", null, t("records.droppedValue")), h("th", null, t("records.droppedReason")))),
            h("tbody", null, entry.record.dropped.map((d) => h("tr", null,
              h("td", { class: "dropped-field" }, d.field),
              h("td", { class: "dropped-value" }, d.value),
              h("td", { class: "dropped-reason" }, h("span", null, reasonLabel(d.reason)), d.detail ? h("div", { class: "muted small" }, d.detail) : null))))))));
  }

  function recordRows(entry: RecordEntry, schema: Schema): HTMLElement[] {
    const title = entry.title || entry.sourceId;
    const row = h("tr", { class: "record-row", "data-testid": "record-row", "data-doc-id": entry.docId, "data-source-id": entry.sourceId },
      h("td", { class: "col-doc" },
        h("button", { class: "link-button record-doc", type: "button", title: entry.sourceId, onclick: () => open(entry, undefined) }, title),
        entry.title && entry.title !== entry.sourceId ? h("div", { class: "record-source" }, entry.sourceId) : null),
      schema.fields.map((field) => valueCell(entry, field)),
      checksCell(entry));
    const rows: HTMLElement[] = [row];
    if (s.openDropped.has(entry.docId) && entry.record.dropped.length > 0) rows.push(droppedRow(entry, schema.fields.length + 2));
    return rows;
  }

  // ---- Rendering ---------------------------------------------------------------------------------------------

  /** Redraws what depends on the filters: rows, count and charts (the filter inputs are left alone). */
  function refresh(): void {
    const schema = current();
    const records = s.records;
    if (!schema || !records || !tableBody || !countEl) return;
    const shown = records.filter((entry) => matches(entry, schema));
    countEl.textContent = t("records.count", { shown: shown.length, total: records.length });
    countEl.setAttribute("data-shown", String(shown.length));
    countEl.setAttribute("data-total", String(records.length));
    if (clearButton) clearButton.hidden = ![...s.filters.values()].some((v) => v);
    const columns = schema.fields.length + 2;
    tableBody.replaceChildren(...(shown.length > 0
      ? shown.flatMap((entry) => recordRows(entry, schema))
      : [h("tr", { class: "empty-row" }, h("td", { colspan: String(columns) }, emptyState("filter", t("records.noMatch"))))]));
    chartsEl?.replaceChildren(...chartsOf(schema).map((chart) => chartElement(chart, shown)));
  }

  function filterControl(key: string, label: string, field: SchemaField | null): HTMLElement {
    const choices = field ? choicesOf(field) : null;
    const value = s.filters.get(key) ?? "";
    if (choices) {
      const select = h("select", { class: "input filter-input", "data-testid": "filter", "data-field": key, "aria-label": t("records.filterLabel", { field: label }) },
        h("option", { value: "" }, t("records.filterAll")),
        choices.map((choice) => h("option", { value: choice }, choice)));
      select.value = value;
      select.addEventListener("change", () => {
        setFilter(key, select.value);
        refresh();
      });
      return select;
    }
    const input = h("input", {
      class: "input filter-input", type: "search", value, placeholder: t("records.filterContains"), "data-testid": "filter", "data-field": key,
      "aria-label": t("records.filterLabel", { field: label }),
    });
    input.addEventListener("input", () => {
      setFilter(key, input.value.trim());
      refresh();
    });
    return input;
  }

  function toolbar(schema: Schema | null): HTMLElement {
    const select = h("select", { class: "input schema-select", "data-testid": "schema-select", "aria-label": t("records.schema"), disabled: !schemas || s.extracting },
      (schemas ?? []).map((x) => h("option", { value: x.name }, t("records.schemaOption", { title: x.title, name: x.name }))));
    if (s.schema) select.value = s.schema;
    select.addEventListener("change", () => selectSchema(select.value));
    const mayExtract = session.mayEdit(kb);
    const extract = h("button", {
      class: "btn btn-primary", type: "button", "data-testid": "extract-button", disabled: !schema || s.extracting || !mayExtract,
      title: mayExtract ? null : t("access.needsEditor"), onclick: () => void extractAll(),
    }, s.extracting ? h("span", { class: "spinner spinner-small", "aria-hidden": "true" }) : icon("play"), s.extracting ? t("records.extracting") : t("records.extract"));
    const exportLink = (format: "csv" | "xlsx", label: string) => schema
      ? h("a", { class: "btn", href: exportUrl(kb, schema.name, format), download: `${kb}-${schema.name}.${format}`, "data-testid": `export-${format}` }, icon("download"), label)
      : null;
    return h("div", { class: "card records-toolbar" },
      h("label", { class: "schema-field" }, h("span", { class: "field-label" }, t("records.schema")), select),
      schema ? h("div", { class: "schema-info" },
        h("span", { class: "format-tag" }, schema.builtIn ? t("records.builtIn") : t("records.custom")),
        schema.description ? h("span", { class: "schema-desc", title: schema.description }, schema.description) : null) : h("span", { class: "spacer" }),
      h("div", { class: "records-actions" }, extract, exportLink("csv", t("records.exportCsv")), exportLink("xlsx", t("records.exportXlsx"))));
  }

  function table(schema: Schema): HTMLElement {
    const head = h("tr", null,
      h("th", { class: "col-doc" }, t("records.colDocument")),
      schema.fields.map((field) => h("th", { title: field.description ?? field.name, "data-field": field.name },
        field.name, field.required ? h("span", { class: "required-mark", title: t("records.required") }, "*") : null)),
      h("th", { class: "col-checks" }, t("records.colChecks")));
    const filters = h("tr", { class: "filter-row" },
      h("th", null, filterControl(documentKey, t("records.colDocument"), null)),
      schema.fields.map((field) => h("th", null, filterControl(field.name, field.name, field))),
      h("th", null));
    tableBody = h("tbody", { "data-testid": "records-body" });
    return h("div", { class: "table-wrap" }, h("table", { class: "table records-table", "data-testid": "records-table" }, h("thead", null, head, filters), tableBody));
  }

  function render(): void {
    tableBody = chartsEl = countEl = clearButton = null;
    const schema = current();
    const header = pageHeader(t("records.title"), t("records.subtitle"), h("span", { class: "kb-pill" }, kb));
    if (s.kbMissing) {
      root.replaceChildren(header, errorState(t("error.kbMissing", { kb }), undefined, h("a", { class: "btn btn-small", href: "#/kbs" }, t("error.backToKbs"))));
      return;
    }
    const parts: (HTMLElement | null)[] = [header, toolbar(schema)];
    if (s.failures.length > 0) {
      parts.push(h("details", { class: "banner banner-warn extraction-failures", "data-testid": "extraction-failures" },
        h("summary", null, t("records.failedDocs"), ` (${s.failures.length})`),
        h("ul", null, s.failures.map((f) => h("li", null, h("strong", null, f.sourceId || f.docId), "：", f.error)))));
    }
    if (schemasError) {
      parts.push(errorState(schemasError, () => void start()));
    } else if (!schemas) {
      parts.push(spinner(t("app.loading")));
    } else if (!schema) {
      parts.push(emptyState("table", t("records.noSchemas")));
    } else if (s.error) {
      parts.push(errorState(s.error, () => void loadRecords()));
    } else if (!s.records || s.recordsFor !== schema.name) {
      parts.push(spinner(t("app.loading")));
    } else if (s.records.length === 0) {
      parts.push(h("div", { class: "card" }, emptyState("table", t("records.empty", { schema: schema.title }))));
    } else {
      countEl = h("span", { class: "records-count", "data-testid": "records-count" });
      clearButton = h("button", {
        class: "btn btn-small btn-ghost", type: "button", "data-testid": "clear-filters",
        onclick: () => {
          s.filters = new Map();
          render();
        },
      }, icon("x"), t("records.clearFilters"));
      const charts = chartsOf(schema);
      if (charts.length > 0) {
        chartsEl = h("div", { class: "charts", "data-testid": "charts" });
        parts.push(h("div", { class: "charts-head" }, h("h2", null, t("records.charts")), h("span", { class: "muted small" }, t("records.chartsHint"))), chartsEl);
      }
      parts.push(h("div", { class: "card table-card" },
        h("div", { class: "table-toolbar" }, icon("filter", "icon muted"), countEl, clearButton, s.loading ? spinner() : null),
        table(schema)));
    }
    root.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    refresh();
  }

  render();
  void start();
  return {
    root,
    render,
    dispose() {
      disposed = true;
    },
    update(next) {
      if (next.schema && next.schema !== s.schema && schemas?.some((x) => x.name === next.schema)) selectSchema(next.schema);
      return true;
    },
  };
}
