// Documents of a knowledge base: drag-and-drop upload with live progress (upload %, then the ingestion queue's
// queued → parsing → indexing → indexed/failed, polled every second), the document table, delete, source viewer.

import { api, ApiError, errorMessage, isAbort, originalUrl, uploadFile, type DocumentInfo, type EmbeddingStatus, type UploadHandle } from "../api.js";
import { h, setWidth } from "../dom.js";
import { t, type Key } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { hrefOf } from "../router.js";
import { session } from "../session.js";
import { kbStore } from "../store.js";
import { confirmDialog, emptyState, errorState, formatBytes, formatDate, formatNumber, iconButton, pageHeader, spinner, stageLabel, toast, toastError } from "../ui.js";
import { openViewer } from "../viewer.js";

const accept = ".pdf,.docx,.md,.markdown,.html,.htm,.txt,.jsonl";
const parallelUploads = 3;
const pollMs = 1000;
const pageSize = 200;

type UploadState = "waiting" | "uploading" | "rejected" | "accepted";

interface Upload {
  key: number;
  file: File;
  progress: number;
  state: UploadState;
  handle?: UploadHandle;
  docId?: string;
  sourceId?: string;
  acceptedAt?: number;
  error?: string;
  errorStage?: string;
}

/** Per knowledge base, so uploads keep going (and stay visible) while the user looks at another page. */
interface DocsState {
  kb: string;
  docs: DocumentInfo[];
  loaded: boolean;
  loadError: ApiError | null;
  uploads: Upload[];
  filter: string;
  limit: number;
  active: number;
  embeddings: EmbeddingStatus | null;
  onChange: (() => void) | null;
}

const states = new Map<string, DocsState>();
let uploadKeys = 0;

/** Drops what is kept for a deleted knowledge base (a new one with the same name starts clean). */
export function forgetDocuments(kb: string): void {
  for (const u of states.get(kb)?.uploads ?? []) u.handle?.abort();
  states.delete(kb);
}

function stateFor(kb: string): DocsState {
  let s = states.get(kb);
  if (!s) {
    s = { kb, docs: [], loaded: false, loadError: null, uploads: [], filter: "", limit: pageSize, active: 0, embeddings: null, onChange: null };
    states.set(kb, s);
  }
  return s;
}

function unfinished(status: string): boolean {
  return status === "queued" || status === "parsing" || status === "indexing" || status === "pending";
}

function progressOf(status: string): number {
  switch (status) {
    case "queued":
    case "pending":
      return 15;
    case "parsing":
      return 45;
    case "indexing":
      return 75;
    default:
      return 100;
  }
}

function statusKey(status: string): Key {
  const known: Record<string, Key> = {
    uploading: "status.uploading", queued: "status.queued", pending: "status.pending", parsing: "status.parsing",
    indexing: "status.indexing", indexed: "status.indexed", failed: "status.failed", rejected: "status.rejected",
  };
  return known[status] ?? "status.pending";
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

// ---- Uploads (module level: they outlive the page) -------------------------------------------------------------

function changed(s: DocsState): void {
  s.onChange?.();
}

function pump(s: DocsState): void {
  while (s.active < parallelUploads) {
    const next = s.uploads.find((u) => u.state === "waiting");
    if (!next) return;
    start(s, next);
  }
}

function start(s: DocsState, upload: Upload): void {
  s.active++;
  upload.state = "uploading";
  upload.handle = uploadFile(s.kb, upload.file, (fraction) => {
    upload.progress = fraction;
    changed(s);
  });
  changed(s);
  upload.handle.promise.then(
    (accepted) => {
      upload.state = "accepted";
      upload.progress = 1;
      upload.docId = accepted.id;
      upload.acceptedAt = Date.now();
      upload.sourceId = accepted.sourceId || accepted.fileName || upload.file.name;
      // Until the list shows it, the accepted document is shown from the upload's answer.
      // A document uploaded again shows its new queue status, not the old version's, until the list says more.
      const status = accepted.status || "queued";
      const known = s.docs.find((d) => d.id === accepted.id);
      if (known) {
        s.docs = s.docs.map((d) => (d === known ? { ...d, status, error: null, errorStage: null } : d));
      } else {
        s.docs = [{ id: accepted.id, sourceId: upload.sourceId, title: accepted.fileName || upload.file.name, status, bytes: upload.file.size, format: extensionOf(upload.file.name) }, ...s.docs];
      }
    },
    (error: unknown) => {
      if (isAbort(error)) {
        s.uploads = s.uploads.filter((u) => u !== upload);
        toast(`${t("docs.uploadCancelled")}: ${upload.file.name}`, "info");
        return;
      }
      upload.state = "rejected";
      upload.error = errorMessage(error);
      upload.errorStage = error instanceof ApiError ? error.problem.stage : undefined;
    }).finally(() => {
    s.active--;
    upload.handle = undefined;
    pump(s);
    changed(s);
    if (upload.state === "accepted") void kbStore.refresh();
  });
}

function enqueue(s: DocsState, files: Iterable<File>): void {
  const added: Upload[] = [];
  for (const file of files) added.push({ key: ++uploadKeys, file, progress: 0, state: "waiting" });
  if (added.length === 0) return;
  // Earlier rejections of the same file names make room for the new attempt.
  const names = new Set(added.map((u) => u.file.name));
  s.uploads = [...added, ...s.uploads.filter((u) => !(u.state === "rejected" && names.has(u.file.name)))];
  pump(s);
  changed(s);
}

// ---- The page --------------------------------------------------------------------------------------------------

interface RowModel {
  key: string;
  sourceId: string;
  title: string;
  status: string;
  progress: number;
  progressLabel: string;
  format: string;
  pages: number | null | undefined;
  chunks: number | null | undefined;
  bytes: number | null | undefined;
  updatedAt: string | null | undefined;
  error?: string;
  errorStage?: string;
  doc?: DocumentInfo;
  upload?: Upload;
}

export function documentsPage(kb: string): Page {
  const s = stateFor(kb);
  const root = h("div", { class: "page page-docs" });
  let disposed = false;
  let timer: number | undefined;
  let polling = false;
  let wasBusy = false;
  const rowCache = new Map<string, { sig: string; el: HTMLElement }>();
  let tableBody: HTMLElement | null = null;
  let summaryEl: HTMLElement | null = null;
  let moreEl: HTMLElement | null = null;
  let frame = 0;
  let shownLoaded = false;
  let shownError: ApiError | null = null;

  function needsPoll(): boolean {
    return s.docs.some((d) => unfinished(d.status)) || s.uploads.some((u) => u.state !== "rejected") ||
      (!!s.embeddings?.configuredModel && s.embeddings.pending > 0);
  }

  function schedule(): void {
    window.clearTimeout(timer);
    timer = undefined;
    if (!disposed && needsPoll()) timer = window.setTimeout(() => void refresh(), pollMs);
  }

  async function refresh(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      const startedAt = Date.now();
      const [docs, embeddings] = await Promise.all([api.listDocuments(kb), api.embeddingStatus(kb).catch(() => null)]);
      s.docs = mergeAccepted(docs, startedAt);
      s.embeddings = embeddings;
      s.loaded = true;
      s.loadError = null;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        s.loadError = error;
        s.loaded = true;
      } else if (!s.loaded) {
        s.loadError = error instanceof ApiError ? error : new ApiError(0, { detail: errorMessage(error) });
        s.loaded = true;
      } else {
        toastError(error);
      }
    } finally {
      polling = false;
    }
    if (disposed) return;
    const busy = s.docs.some((d) => unfinished(d.status));
    if (wasBusy && !busy) void kbStore.refresh();
    wasBusy = busy;
    view();
    schedule();
  }

  /**
   * Keeps documents accepted by an upload that the list does not show yet (the upload answered before the list
   * caught up), and the local status of those accepted after the list was asked for; once listed by a newer list,
   * the upload's job is done and the list alone is the truth.
   */
  function mergeAccepted(docs: DocumentInfo[], startedAt: number): DocumentInfo[] {
    const listed = new Set(docs.map((d) => d.id));
    const now = Date.now();
    const newer = new Set(s.uploads.filter((u) => u.state === "accepted" && (u.acceptedAt ?? 0) >= startedAt).map((u) => u.docId));
    s.uploads = s.uploads.filter((u) => u.state !== "accepted" || newer.has(u.docId) ||
      (!listed.has(u.docId ?? "") && now - (u.acceptedAt ?? 0) < 60_000));
    const waiting = new Set(s.uploads.filter((u) => u.state === "accepted").map((u) => u.docId));
    const local = new Map(s.docs.filter((d) => waiting.has(d.id)).map((d) => [d.id, d]));
    const merged = docs.map((d) => (newer.has(d.id) && local.has(d.id) ? local.get(d.id)! : d));
    const missing = [...local.values()].filter((d) => !listed.has(d.id));
    return [...missing, ...merged];
  }

  s.onChange = () => {
    if (disposed) return;
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (!disposed) view();
      });
    }
    if (!timer && !polling) schedule();
  };

  async function remove(doc: DocumentInfo): Promise<void> {
    const name = doc.title || doc.sourceId;
    const ok = await confirmDialog({ title: t("docs.deleteTitle"), message: t("docs.deleteMessage", { name }), confirmLabel: t("common.delete"), danger: true });
    if (!ok) return;
    try {
      await api.deleteDocument(kb, doc.id);
      s.docs = s.docs.filter((d) => d.id !== doc.id);
      s.uploads = s.uploads.filter((u) => u.docId !== doc.id);
      toast(t("docs.deleted", { name }), "success");
      void kbStore.refresh();
    } catch (error) {
      toastError(error);
    }
    await refresh();
  }

  function rows(): RowModel[] {
    const result: RowModel[] = [];
    for (const u of s.uploads) {
      if (u.state === "accepted") continue;
      const pct = Math.round(u.progress * 100);
      result.push({
        key: `u${u.key}`,
        sourceId: u.file.name,
        title: u.file.name,
        status: u.state === "rejected" ? "rejected" : "uploading",
        progress: u.state === "rejected" ? 100 : pct,
        progressLabel: u.state === "waiting" ? t("docs.uploadWaiting") : u.state === "rejected" ? t("status.rejected")
          : pct >= 100 ? t("docs.uploadSaving") : t("docs.uploadPercent", { p: pct }),
        format: extensionOf(u.file.name),
        pages: null,
        chunks: null,
        bytes: u.file.size,
        updatedAt: null,
        error: u.error,
        errorStage: u.errorStage ?? (u.state === "rejected" ? "upload" : undefined),
        upload: u,
      });
    }
    // While a file is being uploaded again, its row is the upload's (one row per file).
    const uploading = new Set(s.uploads.filter((u) => u.state === "waiting" || u.state === "uploading").map((u) => u.file.name));
    for (const d of s.docs) {
      if (uploading.has(d.sourceId)) continue;
      result.push({
        key: `d${d.id}`,
        sourceId: d.sourceId || d.title || d.id,
        title: d.title || d.sourceId || d.id,
        status: d.status,
        progress: progressOf(d.status),
        progressLabel: t(statusKey(d.status)),
        format: d.format || extensionOf(d.sourceId || ""),
        pages: d.pages,
        chunks: d.status === "indexed" ? d.chunks : null,
        bytes: d.bytes,
        updatedAt: d.updatedAt,
        error: d.error ?? undefined,
        errorStage: d.errorStage ?? undefined,
        doc: d,
      });
    }
    return result;
  }

  function rowElement(row: RowModel): HTMLElement {
    const bar = h("div", { class: "progress-bar" });
    setWidth(bar, row.progress);
    const progress = h("div", {
      class: `progress progress-${row.status}`, "data-testid": "doc-progress", role: "progressbar",
      "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(row.progress), "aria-label": row.progressLabel,
    }, bar);
    const openDoc = row.doc && row.doc.status === "indexed"
      ? () => openViewer(kb, row.doc!.id, null, row.title)
      : null;
    const titleEl = openDoc
      ? h("button", { class: "link-button doc-title", type: "button", title: t("docs.view"), onclick: openDoc, "data-testid": "doc-open" }, row.title)
      : h("span", { class: "doc-title" }, row.title);
    const error = row.error
      ? h("div", { class: "doc-error", "data-testid": "doc-error", "data-stage": row.errorStage ?? "" },
        row.errorStage ? h("span", { class: "error-stage" }, t("error.stage", { stage: stageLabel(row.errorStage) })) : null,
        h("span", null, row.error))
      : null;

    let actions: HTMLElement | HTMLElement[] | null = null;
    if (row.doc) {
      const doc = row.doc;
      actions = [];
      if (session.mayDownload(kb)) {
        actions.push(h("a", {
          class: "icon-btn", href: originalUrl(kb, doc.id), download: doc.sourceId || doc.title || doc.id,
          title: t("docs.download"), "aria-label": t("docs.download"), "data-testid": "doc-download",
        }, icon("download")));
      }
      if (session.mayEdit(kb)) actions.push(iconButton("trash", t("common.delete"), () => void remove(doc), { "data-testid": "doc-delete" }));
    } else if (row.upload) {
      const upload = row.upload;
      actions = upload.state === "rejected"
        ? iconButton("x", t("common.dismiss"), () => {
          s.uploads = s.uploads.filter((u) => u !== upload);
          view();
        }, { "data-testid": "doc-dismiss" })
        : iconButton("x", t("docs.cancelUpload"), () => {
          if (upload.handle) upload.handle.abort();
          else {
            s.uploads = s.uploads.filter((u) => u !== upload);
            view();
          }
        }, { "data-testid": "upload-cancel" });
    }

    return h("tr", { class: `doc-row doc-row-${row.status}`, "data-testid": "doc-row", "data-source-id": row.sourceId, "data-status": row.status, "data-doc-id": row.doc?.id ?? "" },
      h("td", { class: "col-title" },
        h("div", { class: "doc-title-line" }, icon("file", "icon doc-icon"), titleEl),
        error),
      h("td", { class: "col-source", title: row.sourceId }, row.sourceId),
      h("td", { class: "col-format" }, row.format ? h("span", { class: "format-tag" }, row.format.toUpperCase()) : t("common.none")),
      h("td", { class: "col-num" }, row.pages ? formatNumber(row.pages) : t("common.none")),
      h("td", { class: "col-num" }, row.chunks !== null && row.chunks !== undefined ? formatNumber(row.chunks) : t("common.none")),
      h("td", { class: "col-num" }, formatBytes(row.bytes)),
      h("td", { class: "col-status" },
        h("div", { class: "status-line" },
          h("span", { class: `status status-${row.status}`, "data-testid": "doc-status" }, t(statusKey(row.status))),
          row.status === "uploading" || unfinished(row.status) ? h("span", { class: "status-detail" }, row.status === "uploading" ? row.progressLabel : "") : null),
        progress),
      h("td", { class: "col-date" }, formatDate(row.updatedAt)),
      h("td", { class: "col-actions" }, actions));
  }

  function signature(row: RowModel): string {
    return JSON.stringify([row.status, row.progress, row.progressLabel, row.title, row.sourceId, row.format, row.pages, row.chunks, row.bytes, row.updatedAt, row.error, row.errorStage, document.documentElement.lang,
      session.mayEdit(kb), session.mayDownload(kb)]);
  }

  function updateRows(): void {
    if (!tableBody) return;
    const filter = s.filter.trim().toLowerCase();
    const all = rows();
    const matching = filter ? all.filter((r) => r.title.toLowerCase().includes(filter) || r.sourceId.toLowerCase().includes(filter)) : all;
    const shown = matching.slice(0, s.limit);
    const seen = new Set<string>();
    const elements: HTMLElement[] = [];
    for (const row of shown) {
      seen.add(row.key);
      const sig = signature(row);
      const cached = rowCache.get(row.key);
      if (cached && cached.sig === sig) {
        elements.push(cached.el);
      } else {
        const el = rowElement(row);
        rowCache.set(row.key, { sig, el });
        elements.push(el);
      }
    }
    for (const key of [...rowCache.keys()]) if (!seen.has(key)) rowCache.delete(key);
    if (elements.length === 0) {
      tableBody.replaceChildren(h("tr", { class: "empty-row" }, h("td", { colspan: "9" },
        emptyState(filter ? "search" : "file", filter ? t("docs.noMatch") : t("docs.empty")))));
    } else {
      tableBody.replaceChildren(...elements);
    }
    if (moreEl) {
      const left = matching.length - shown.length;
      moreEl.replaceChildren(left > 0
        ? h("button", { class: "btn", type: "button", onclick: () => { s.limit += pageSize; updateRows(); } }, t("docs.showMore", { n: formatNumber(left) }))
        : "");
    }
    if (summaryEl) {
      const docs = s.docs;
      summaryEl.textContent = t("docs.summary", {
        total: formatNumber(docs.length),
        indexed: formatNumber(docs.filter((d) => d.status === "indexed").length),
        busy: formatNumber(docs.filter((d) => unfinished(d.status)).length + s.uploads.filter((u) => u.state === "uploading" || u.state === "waiting").length),
        failed: formatNumber(docs.filter((d) => d.status === "failed").length),
        chunks: formatNumber(docs.reduce((sum, d) => sum + (d.status === "indexed" ? d.chunks ?? 0 : 0), 0)),
      });
      const e = s.embeddings;
      if (e?.configuredModel) {
        const key: Key = e.lastError ? "docs.vectorsError" : e.stale ? "docs.vectorsStale" : "docs.vectors";
        summaryEl.append(h("span", { class: e.lastError ? "docs-vectors docs-vectors-error" : "docs-vectors", "data-testid": "docs-vectors", title: e.lastError ?? "" },
          t(key, { embedded: formatNumber(e.embedded), chunks: formatNumber(e.chunks), model: e.configuredModel })));
      }
    }
  }

  function dropzone(): HTMLElement {
    const input = h("input", { type: "file", multiple: true, accept, class: "visually-hidden", "data-testid": "upload-input", id: "upload-input", tabindex: "-1" });
    input.addEventListener("change", () => {
      if (input.files) enqueue(s, Array.from(input.files));
      input.value = "";
    });
    const zone = h("label", { class: "dropzone", "data-testid": "dropzone", for: "upload-input", tabindex: "0", role: "button" },
      icon("upload", "icon dropzone-icon"),
      h("div", { class: "dropzone-title" }, t("docs.dropTitle")),
      h("div", { class: "dropzone-hint" }, t("docs.dropHint")),
      h("div", { class: "dropzone-active-text" }, t("docs.dropActive")),
      input);
    zone.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        input.click();
      }
    });
    let depth = 0;
    zone.addEventListener("dragenter", (event) => {
      event.preventDefault();
      depth++;
      zone.classList.add("dropzone-over");
    });
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    });
    zone.addEventListener("dragleave", () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove("dropzone-over");
    });
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      depth = 0;
      zone.classList.remove("dropzone-over");
      const files = event.dataTransfer?.files;
      if (files && files.length > 0) enqueue(s, Array.from(files));
    });
    return zone;
  }

  /** Rebuilds the whole page (first time, language change, load state change). */
  function render(): void {
    const info = kbStore.find(kb);
    const header = pageHeader(kb, info?.description || null,
      [h("a", { class: "btn", href: hrefOf({ name: "chat", kb }) }, icon("chat"), t("docs.toChat")),
        h("a", { class: "btn", href: hrefOf({ name: "search", kb }) }, icon("target"), t("docs.toSearch"))]);

    if (s.loadError && s.loadError.status === 404) {
      tableBody = summaryEl = moreEl = null;
      shownLoaded = s.loaded;
      shownError = s.loadError;
      root.replaceChildren(header, errorState(t("error.kbMissing", { kb }), undefined,
        h("a", { class: "btn btn-small", href: "#/kbs" }, t("error.backToKbs"))));
      return;
    }

    const filterInput = h("input", { class: "input input-small", type: "search", value: s.filter, placeholder: t("docs.filter"), "aria-label": t("docs.filter"), "data-testid": "doc-filter" });
    filterInput.addEventListener("input", () => {
      s.filter = filterInput.value;
      s.limit = pageSize;
      updateRows();
    });
    summaryEl = h("div", { class: "docs-summary", "data-testid": "docs-summary" });
    moreEl = h("div", { class: "table-more" });
    tableBody = s.loaded ? h("tbody") : null;
    shownLoaded = s.loaded;
    shownError = s.loadError;
    const head = (key: Key, cls = "") => h("th", { class: cls, scope: "col" }, t(key));
    const table = h("div", { class: "table-wrap" },
      h("table", { class: "table docs-table", "data-testid": "doc-table" },
        h("thead", null, h("tr", null,
          head("docs.colTitle", "col-title"), head("docs.colSource", "col-source"), head("docs.colFormat", "col-format"),
          head("docs.colPages", "col-num"), head("docs.colChunks", "col-num"), head("docs.colSize", "col-num"),
          head("docs.colStatus", "col-status"), head("docs.colUpdated", "col-date"),
          h("th", { class: "col-actions", scope: "col" }, h("span", { class: "visually-hidden" }, t("docs.colActions"))))),
        tableBody));

    const wasFocused = document.activeElement?.getAttribute("data-testid") === "doc-filter";
    rowCache.clear();
    root.replaceChildren(
      header,
      session.mayEdit(kb)
        ? dropzone()
        : h("div", { class: "banner banner-info", role: "note", "data-testid": "docs-readonly" }, icon("info", "icon banner-icon"),
          h("div", { class: "banner-text" }, t("access.readOnly", { kb }))),
      s.loadError ? errorState(s.loadError.message, () => void refresh()) : "",
      h("div", { class: "card table-card" },
        h("div", { class: "table-toolbar" },
          summaryEl,
          h("span", { class: "spacer" }),
          filterInput,
          iconButton("refresh", t("common.refresh"), () => void refresh(), { "data-testid": "doc-refresh" })),
        s.loaded ? table : spinner(t("app.loading")),
        moreEl));
    if (s.loaded) updateRows();
    if (wasFocused) {
      filterInput.focus();
      filterInput.setSelectionRange(filterInput.value.length, filterInput.value.length);
    }
  }

  /** Updates after polls and upload progress: only the rows change, unless the load state did. */
  function view(): void {
    if (tableBody && shownLoaded === s.loaded && shownError === s.loadError) updateRows();
    else render();
  }

  render();
  void refresh();

  return {
    root,
    render,
    dispose() {
      disposed = true;
      window.clearTimeout(timer);
      if (frame) cancelAnimationFrame(frame);
      s.onChange = null;
    },
    update: () => {
      void refresh();
      return true;
    },
  };
}
