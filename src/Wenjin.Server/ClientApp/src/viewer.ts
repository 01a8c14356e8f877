// The source viewer: a drawer with a document's extracted text, the cited span marked and scrolled into view.
// The text is put in as text nodes only (never HTML); page breaks come from pageStarts.

import { api, errorMessage, originalUrl, type DocumentContent } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { icon } from "./icons.js";
import { session } from "./session.js";
import { formatNumber, iconButton, pageLabel, spinner } from "./ui.js";

export interface Highlight {
  start: number;
  end: number;
  page?: number | null;
  /** The verbatim quote, when the span is a citation: used to find it again if the document changed. */
  quote?: string;
}

interface ViewerState {
  kb: string;
  docId: string;
  titleHint: string;
  highlight: Highlight | null;
  content: DocumentContent | null;
  error: string | null;
  token: number;
}

let state: ViewerState | null = null;
let host: HTMLElement | null = null;
let tokens = 0;

function onKey(event: KeyboardEvent): void {
  if (event.key === "Escape" && state) closeViewer();
}

export function isViewerOpen(): boolean {
  return state !== null;
}

/** Opens a document's text; with a highlight, marks text.slice(start, end) and scrolls to it. */
export function openViewer(kb: string, docId: string, highlight: Highlight | null, titleHint: string): void {
  const token = ++tokens;
  const sameDoc = state && state.kb === kb && state.docId === docId && state.content;
  state = {
    kb,
    docId,
    titleHint,
    highlight,
    content: sameDoc ? state!.content : null,
    error: null,
    token,
  };
  document.addEventListener("keydown", onKey);
  render(true);
  if (sameDoc) return;
  api.documentContent(kb, docId).then(
    (content) => {
      if (!state || state.token !== token) return;
      state.content = content;
      render(true);
    },
    (error: unknown) => {
      if (!state || state.token !== token) return;
      state.error = errorMessage(error);
      render(false);
    });
}

export function closeViewer(): void {
  state = null;
  tokens++;
  document.removeEventListener("keydown", onKey);
  host?.remove();
  host = null;
}

/** Re-renders an open viewer (after the language changed). */
export function rerenderViewer(): void {
  if (state) render(false);
}

interface Located {
  start: number;
  end: number;
  moved: boolean;
}

/** Where the highlight is in the current text: its offsets, or where its quote is now if the text changed. */
function locate(text: string, highlight: Highlight): Located {
  const start = Math.max(0, Math.min(highlight.start, text.length));
  const end = Math.max(start, Math.min(highlight.end, text.length));
  if (highlight.quote === undefined || text.slice(start, end) === highlight.quote) return { start, end, moved: false };
  const found = highlight.quote ? text.indexOf(highlight.quote) : -1;
  if (found >= 0) return { start: found, end: found + highlight.quote.length, moved: false };
  return { start, end, moved: true };
}

function pageAt(pageStarts: number[], offset: number): number | null {
  if (pageStarts.length === 0) return null;
  let page = 1;
  for (let i = 0; i < pageStarts.length; i++) {
    if ((pageStarts[i] ?? 0) <= offset) page = i + 1;
    else break;
  }
  return page;
}

/** The text with page dividers and the <mark>; the mark's textContent is exactly text.slice(start, end). */
function buildText(text: string, pageStarts: number[], span: Located | null): { body: HTMLElement; mark: HTMLElement | null } {
  const body = h("div", { class: "source-text", "data-testid": "source-text" });
  const breaks = new Map<number, number>();
  pageStarts.forEach((offset, i) => {
    if (offset >= 0 && offset <= text.length && !breaks.has(offset)) breaks.set(offset, i + 1);
  });
  const points = new Set<number>([0, text.length, ...breaks.keys()]);
  if (span) {
    points.add(span.start);
    points.add(span.end);
  }
  const sorted = [...points].sort((a, b) => a - b);
  let mark: HTMLElement | null = null;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1];
    const inside = span !== null && a >= span.start && a < span.end;
    const page = breaks.get(a);
    // A page divider goes between pages, never inside the marked quote.
    if (page !== undefined && !(span !== null && a > span.start && a < span.end) && (pageStarts.length > 1 || a > 0)) {
      body.append(h("div", { class: "page-break", "aria-hidden": "true", "data-page": page }, h("span", null, t("common.page", { page }))));
    }
    if (span !== null && a === span.start) {
      mark = h("mark", { "data-testid": "quote-highlight" });
      body.append(mark);
    }
    if (b === undefined || b <= a) continue;
    const piece = document.createTextNode(text.slice(a, b));
    if (inside && mark) mark.append(piece);
    else body.append(piece);
  }
  return { body, mark };
}

function render(scroll: boolean): void {
  if (!state) return;
  const s = state;
  const content = s.content;
  const title = content?.document.title || content?.document.sourceId || s.titleHint;

  const close = iconButton("x", t("common.close"), () => closeViewer(), { "data-testid": "source-close" });
  let located: Located | null = null;
  let page: number | null = null;
  if (content && s.highlight) {
    located = locate(content.text, s.highlight);
    page = s.highlight.page ?? pageAt(content.pageStarts, located.start);
  } else if (s.highlight) {
    page = s.highlight.page ?? null;
  }

  const meta: (HTMLElement | string)[] = [];
  if (content) {
    const doc = content.document;
    meta.push(h("span", null, t("viewer.meta", {
      format: (doc.format || "").toUpperCase() || t("common.none"),
      chars: formatNumber(doc.characters ?? content.text.length),
      chunks: formatNumber(doc.chunks ?? content.chunks.length),
    })));
    if (doc.pages) meta.push(h("span", null, t("common.pages", { n: doc.pages })));
  }

  let body: HTMLElement;
  let mark: HTMLElement | null = null;
  let position: HTMLElement | null = null;
  if (s.error) {
    body = h("div", { class: "drawer-body" }, h("div", { class: "banner banner-error", role: "alert" }, icon("alert", "icon banner-icon"), h("div", { class: "banner-text" }, s.error)));
  } else if (!content) {
    body = h("div", { class: "drawer-body" }, spinner(t("viewer.loading")));
  } else if (content.text.length === 0) {
    body = h("div", { class: "drawer-body" }, h("p", { class: "muted" }, t("viewer.empty")));
  } else {
    const built = buildText(content.text, content.pageStarts ?? [], located);
    mark = built.mark;
    body = h("div", { class: "drawer-body", tabindex: "0" }, built.body);
    if (located) {
      const chunk = content.chunks.find((c) => c.start <= located!.start && located!.start < c.end);
      if (chunk?.headingPath && chunk.headingPath.length > 0) {
        position = h("div", { class: "drawer-position" }, t("viewer.position", { path: chunk.headingPath.join(" › ") }));
      }
    }
  }

  const locateButton = mark
    ? h("button", { class: "btn btn-small", type: "button", onclick: () => mark?.scrollIntoView({ block: "center", behavior: "smooth" }) },
      icon("locate"), t("viewer.locate"))
    : null;

  const panel = h("aside", { class: "drawer", "data-testid": "source-viewer", "data-doc-id": s.docId, role: "complementary", "aria-label": t("viewer.title") },
    h("div", { class: "drawer-head" },
      h("div", { class: "drawer-title" },
        icon("file", "icon drawer-title-icon"),
        h("div", { class: "drawer-title-text" },
          h("h2", { title: title }, title),
          h("div", { class: "drawer-meta" }, meta))),
      session.mayDownload(s.kb)
        ? h("a", {
          class: "btn btn-small", href: originalUrl(s.kb, s.docId), download: content?.document.sourceId || title,
          "data-testid": "viewer-download", title: t("docs.download"),
        }, icon("download"), t("docs.download"))
        : null,
      close),
    s.highlight
      ? h("div", { class: "drawer-cite" },
        h("span", { class: "page-pill", "data-testid": "source-page", "data-page": page ?? "" }, pageLabel(page)),
        position,
        h("span", { class: "spacer" }),
        locateButton)
      : null,
    located?.moved ? h("div", { class: "banner banner-warn drawer-note" }, icon("alert", "icon banner-icon"), h("div", { class: "banner-text" }, t("viewer.moved"))) : null,
    body);

  // Not modal: the header, the sidebar and the page stay usable (another citation can be opened directly).
  const next = h("div", { class: "drawer-host" }, panel);
  const previousScroll = host?.querySelector(".drawer-body")?.scrollTop ?? 0;
  if (host) host.replaceWith(next);
  else document.body.append(next);
  host = next;

  if (scroll && mark) {
    const target = mark;
    requestAnimationFrame(() => target.scrollIntoView({ block: "center" }));
  } else if (scroll && !s.highlight) {
    close.focus();
  } else if (!scroll) {
    body.scrollTop = previousScroll;
  }
}
