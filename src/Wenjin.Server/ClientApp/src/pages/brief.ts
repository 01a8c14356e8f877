// Brief: a short report on a topic, in sections, every sentence ending with [n] markers that open the cited quote.

import { api, ApiError, errorMessage, type Brief, type Citation } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { clickable, emptyState, errorState, formatMs, pageHeader, pageLabel, spinner, toast, toastError } from "../ui.js";
import { openViewer } from "../viewer.js";

interface BriefState {
  topic: string;
  max: number;
  result: Brief | null;
  loading: boolean;
  error: string | null;
}

const states = new Map<string, BriefState>();

/** Drops what is kept for a deleted knowledge base (a new one with the same name starts clean). */
export function forgetBrief(kb: string): void {
  states.delete(kb);
}

function stateFor(kb: string): BriefState {
  let s = states.get(kb);
  if (!s) {
    s = { topic: "", max: 12, result: null, loading: false, error: null };
    states.set(kb, s);
  }
  return s;
}

export function briefPage(kb: string): Page {
  const s = stateFor(kb);
  const root = h("div", { class: "page page-brief" });
  let disposed = false;
  let request = 0;

  async function run(): Promise<void> {
    const topic = s.topic.trim();
    if (!topic) {
      toast(t("brief.topicRequired"), "info");
      root.querySelector<HTMLInputElement>("[data-testid=brief-topic]")?.focus();
      return;
    }
    s.max = Math.max(1, Math.min(50, Math.round(s.max) || 12));
    const mine = ++request;
    s.loading = true;
    s.error = null;
    render();
    try {
      const result = await api.brief(kb, topic, s.max);
      if (mine !== request) return;
      s.result = result;
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

  function openCitation(citation: Citation): void {
    openViewer(kb, citation.docId, { start: citation.start, end: citation.end, page: citation.page ?? null, quote: citation.quote },
      citation.title || citation.sourceId);
  }

  function marker(brief: Brief, n: number): HTMLElement {
    const citation = brief.citations.find((c) => c.index === n);
    const link = h("a", { class: "cite-marker", "data-testid": "brief-marker", "data-index": String(n), title: citation ? citation.title || citation.sourceId : "" }, String(n));
    clickable(link, (event) => {
      event.preventDefault();
      if (citation) openCitation(citation);
    });
    return h("sup", null, link);
  }

  function citationItem(citation: Citation): HTMLElement {
    const item = h("li", { class: "citation", "data-testid": "brief-citation", "data-index": String(citation.index), "data-doc-id": citation.docId },
      h("span", { class: "cite-num" }, String(citation.index)),
      h("div", { class: "cite-body" },
        h("div", { class: "cite-head" },
          h("span", { class: "cite-title" }, citation.title || citation.sourceId),
          citation.page ? h("span", { class: "cite-page" }, pageLabel(citation.page)) : null),
        h("div", { class: "cite-quote" }, citation.quote)));
    return clickable(item, () => openCitation(citation));
  }

  function briefElement(brief: Brief): HTMLElement {
    const sentences = brief.sections.reduce((n, section) => n + section.sentences.length, 0);
    if (sentences === 0) {
      return h("div", { class: "card brief", "data-testid": "brief" }, emptyState("search", brief.note || t("brief.empty")));
    }
    const notes: (HTMLElement | null)[] = [
      brief.modelError ? h("div", { class: "answer-note", "data-testid": "brief-model-error" }, t("brief.modelError", { error: brief.modelError })) : null,
      brief.note ? h("div", { class: "answer-note" }, brief.note) : null,
    ];
    return h("article", { class: "card brief", "data-testid": "brief" },
      h("h2", { class: "brief-topic" }, brief.topic),
      h("div", { class: "brief-meta" },
        h("span", { class: "format-tag" }, brief.method === "model" ? t("brief.method.model") : t("brief.method.rules")),
        h("span", { "data-testid": "brief-summary" }, t("brief.summary", { n: sentences, m: brief.citations.length, ms: formatMs(brief.tookMs) }))),
      notes,
      brief.sections.map((section) => h("section", { class: "brief-section", "data-testid": "brief-section" },
        h("h3", null, section.heading),
        h("ul", { class: "brief-sentences" }, section.sentences.map((sentence) =>
          h("li", { class: "brief-sentence", "data-testid": "brief-sentence" }, sentence.text, sentence.citations.map((n) => marker(brief, n))))))),
      brief.citations.length > 0
        ? h("div", { class: "sources" },
          h("div", { class: "section-label" }, t("brief.sources")),
          h("ol", { class: "citations" }, brief.citations.map(citationItem)))
        : null);
  }

  function render(): void {
    const input = h("input", { class: "input input-large", type: "search", value: s.topic, placeholder: t("brief.placeholder"), "data-testid": "brief-topic", "aria-label": t("brief.title") });
    input.addEventListener("input", () => (s.topic = input.value));
    const max = h("input", { class: "input input-top", type: "number", min: "1", max: "50", step: "1", value: String(s.max), "data-testid": "brief-max", "aria-label": t("brief.max") });
    max.addEventListener("input", () => (s.max = Number(max.value)));
    const button = h("button", { class: "btn btn-primary", type: "submit", "data-testid": "brief-button", disabled: s.loading }, icon("quote"), t("brief.button"));
    const form = h("form", { class: "card search-form" },
      h("div", { class: "search-row" },
        h("div", { class: "search-box" }, icon("search", "icon search-box-icon"), input),
        h("label", { class: "top-field" }, h("span", null, t("brief.max")), max),
        button));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void run();
    });

    let result: HTMLElement | null = null;
    if (s.loading) result = spinner(t("app.loading"));
    else if (s.error) result = errorState(s.error, () => void run());
    else if (s.result) result = briefElement(s.result);
    const hadFocus = document.activeElement?.getAttribute("data-testid") === "brief-topic";
    root.replaceChildren(pageHeader(t("brief.title"), t("brief.subtitle"), h("span", { class: "kb-pill" }, kb)), form, result ?? "");
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
