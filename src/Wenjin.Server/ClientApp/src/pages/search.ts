// Hit testing: ranked chunks with scores and an expandable explanation tree per hit.

import { api, ApiError, errorMessage, type Explanation, type SearchHit, type SearchResult } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { emptyState, errorState, formatMs, formatScore, pageHeader, pageLabel, spinner, toast, toastError } from "../ui.js";
import { openViewer } from "../viewer.js";

interface SearchState {
  query: string;
  top: number;
  result: SearchResult | null;
  loading: boolean;
  error: string | null;
  expanded: Set<string>;
}

const states = new Map<string, SearchState>();

/** Drops what is kept for a deleted knowledge base (a new one with the same name starts clean). */
export function forgetSearch(kb: string): void {
  states.delete(kb);
}

function stateFor(kb: string): SearchState {
  let s = states.get(kb);
  if (!s) {
    s = { query: "", top: 10, result: null, loading: false, error: null, expanded: new Set() };
    states.set(kb, s);
  }
  return s;
}

/** The explanation tree: each node's value and description; nodes with details fold. */
function explanationNode(node: Explanation, depth: number): HTMLElement {
  const line = [h("span", { class: "x-value" }, formatScore(node.value)), h("span", { class: "x-desc" }, node.description)];
  const details = node.details ?? [];
  if (details.length === 0) return h("li", { class: "x-node x-leaf" }, h("div", { class: "x-line" }, line));
  const folder = h("details", { class: "x-fold" },
    h("summary", { class: "x-line" }, line),
    h("ul", { class: "x-children" }, details.map((d) => explanationNode(d, depth + 1))));
  if (depth < 2) folder.open = true;
  return h("li", { class: "x-node" }, folder);
}

export function searchPage(kb: string): Page {
  const s = stateFor(kb);
  const root = h("div", { class: "page page-search" });
  let disposed = false;
  let request = 0;

  async function run(): Promise<void> {
    const query = s.query.trim();
    if (!query) {
      toast(t("search.queryRequired"), "info");
      root.querySelector<HTMLInputElement>("[data-testid=search-input]")?.focus();
      return;
    }
    const top = Math.max(1, Math.min(100, Math.round(s.top) || 10));
    s.top = top;
    const mine = ++request;
    s.loading = true;
    s.error = null;
    render();
    try {
      const result = await api.search(kb, query, top, true);
      if (mine !== request) return;
      s.result = result;
      s.expanded = new Set();
    } catch (error) {
      if (mine !== request) return;
      if (error instanceof ApiError && error.status === 404) {
        s.error = t("error.kbMissing", { kb });
      } else {
        s.error = errorMessage(error);
        toastError(error);
      }
    } finally {
      if (mine === request) s.loading = false;
    }
    if (!disposed) render();
  }

  function hitCard(hit: SearchHit, topScore: number): HTMLElement {
    const key = `${hit.rank}:${hit.chunkId}`;
    const open = s.expanded.has(key);
    const bar = h("div", { class: "score-bar-fill" });
    bar.style.width = `${topScore > 0 ? Math.max(2, (hit.score / topScore) * 100) : 0}%`;
    const toggle = h("button", {
      class: "btn btn-small btn-ghost", type: "button", "data-testid": "explain-toggle", "aria-expanded": String(open),
      onclick: () => {
        if (s.expanded.has(key)) s.expanded.delete(key);
        else s.expanded.add(key);
        render();
      },
    }, icon("chevronRight", open ? "icon chevron chevron-open" : "icon chevron"), open ? t("search.hideExplain") : t("search.explain"));
    const title = hit.title || hit.sourceId;
    return h("article", { class: "card hit", "data-testid": "search-hit", "data-rank": String(hit.rank), "data-doc-id": hit.docId },
      h("div", { class: "hit-head" },
        h("span", { class: "rank" }, `#${hit.rank}`),
        h("button", {
          class: "link-button hit-title", type: "button", title: t("search.open"),
          onclick: () => openViewer(kb, hit.docId, { start: hit.start, end: hit.end, page: hit.page ?? null }, title),
        }, title),
        hit.page ? h("span", { class: "page-pill" }, pageLabel(hit.page)) : null,
        h("span", { class: "spacer" }),
        h("div", { class: "score", title: t("search.score") },
          h("span", { class: "score-label" }, t("search.score")),
          h("span", { class: "score-value", "data-testid": "hit-score" }, formatScore(hit.score)),
          h("div", { class: "score-bar" }, bar))),
      hit.headingPath && hit.headingPath.length > 0
        ? h("div", { class: "heading-path" }, hit.headingPath.flatMap((part, i) => i === 0 ? [h("span", null, part)] : [icon("chevronRight", "icon sep"), h("span", null, part)]))
        : null,
      h("div", { class: "hit-text" }, hit.text),
      h("div", { class: "hit-foot" },
        toggle,
        h("span", { class: "hit-source", title: hit.sourceId }, hit.sourceId)),
      open
        ? (hit.explanation
          ? h("ul", { class: "explanation", "data-testid": "explanation" }, explanationNode(hit.explanation, 0))
          : h("div", { class: "explanation muted", "data-testid": "explanation" }, t("search.noExplanation")))
        : null);
  }

  function render(): void {
    const input = h("input", { class: "input input-large", type: "search", value: s.query, placeholder: t("search.placeholder"), "data-testid": "search-input", "aria-label": t("search.title") });
    input.addEventListener("input", () => (s.query = input.value));
    const top = h("input", { class: "input input-top", type: "number", min: "1", max: "100", step: "1", value: String(s.top), "data-testid": "search-top", "aria-label": t("search.top") });
    top.addEventListener("input", () => (s.top = Number(top.value)));
    const button = h("button", { class: "btn btn-primary", type: "submit", "data-testid": "search-button", disabled: s.loading }, icon("search"), t("search.button"));
    const form = h("form", { class: "card search-form" },
      h("div", { class: "search-row" },
        h("div", { class: "search-box" }, icon("search", "icon search-box-icon"), input),
        h("label", { class: "top-field" }, h("span", null, t("search.top")), top),
        button));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void run();
    });

    let results: HTMLElement | null = null;
    if (s.loading) {
      results = spinner(t("app.loading"));
    } else if (s.error) {
      results = errorState(s.error, () => void run());
    } else if (s.result) {
      const hits = s.result.hits ?? [];
      const topScore = hits.reduce((max, hit) => Math.max(max, hit.score), 0);
      results = h("div", { class: "results" },
        h("div", { class: "results-summary", "data-testid": "search-summary" }, t("search.summary", { n: hits.length, ms: formatMs(s.result.tookMs) })),
        hits.length === 0 ? emptyState("search", t("search.noHits")) : h("div", { class: "hits" }, hits.map((hit) => hitCard(hit, topScore))));
    }
    const hadFocus = document.activeElement?.getAttribute("data-testid") === "search-input";
    root.replaceChildren(pageHeader(t("search.title"), t("search.subtitle"), h("span", { class: "kb-pill" }, kb)), form, results ?? "");
    if (hadFocus || (!s.result && !s.loading)) input.focus();
  }

  render();
  return {
    root,
    render,
    dispose() {
      disposed = true;
    },
    update: () => true,
  };
}
