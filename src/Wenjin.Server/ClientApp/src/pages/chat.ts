// Chat: streamed, cited answers; refusals with the closest passages; conversation history.

import { api, ApiError, askStream, errorMessage, isAbort, type Citation, type ConversationSummary, type Verification } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { navigate, replaceRoute, type Route } from "../router.js";
import { kbStore } from "../store.js";
import { clickable, confirmDialog, errorState, formatDate, formatMs, iconButton, pageLabel, spinner, toast, toastError } from "../ui.js";
import { openViewer } from "../viewer.js";

interface Turn {
  id: number;
  question: string;
  resolvedQuestion: string | null;
  answer: string;
  refused: boolean;
  citations: Citation[];
  done: boolean;
  streaming: boolean;
  error: string | null;
  stopped: boolean;
  tookMs: number | null;
  verification: Verification | null;
  modelError: string | null;
  el: HTMLElement | null;
}

/** Per knowledge base, so a conversation (even one still streaming) survives a visit to another page. */
interface ChatState {
  kb: string;
  conversationId: string | null;
  turns: Turn[];
  conversations: ConversationSummary[] | null;
  conversationsError: string | null;
  draft: string;
  busy: boolean;
  abort: AbortController | null;
  loading: boolean;
  kbMissing: string | null;
  onChange: ((turn: Turn | null) => void) | null;
}

const states = new Map<string, ChatState>();
let turnIds = 0;

/** Drops what is kept for a deleted knowledge base (a new one with the same name starts clean). */
export function forgetChat(kb: string): void {
  states.get(kb)?.abort?.abort();
  states.delete(kb);
}

function stateFor(kb: string): ChatState {
  let s = states.get(kb);
  if (!s) {
    s = {
      kb, conversationId: null, turns: [], conversations: null, conversationsError: null, draft: "", busy: false,
      abort: null, loading: false, kbMissing: null, onChange: null,
    };
    states.set(kb, s);
  }
  return s;
}

/** Reloads the conversation list; whichever page shows this state is told through onChange(null). */
async function loadHistory(s: ChatState): Promise<void> {
  try {
    s.conversations = await api.listConversations(s.kb);
    s.conversationsError = null;
    s.kbMissing = null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) s.kbMissing = t("error.kbMissing", { kb: s.kb });
    else s.conversationsError = errorMessage(error);
  }
  s.onChange?.(null);
}

function newTurn(question: string): Turn {
  return {
    id: ++turnIds, question, resolvedQuestion: null, answer: "", refused: false, citations: [], done: false,
    streaming: true, error: null, stopped: false, tookMs: null, verification: null, modelError: null, el: null,
  };
}

function sameQuestion(a: string, b: string): boolean {
  return a.replace(/\s+/g, "") === b.replace(/\s+/g, "");
}

export function chatPage(kb: string, route: Route): Page {
  const s = stateFor(kb);
  const root = h("div", { class: "page page-chat" });
  let disposed = false;
  let scroller: HTMLElement | null = null;
  let messages: HTMLElement | null = null;
  let historyList: HTMLElement | null = null;
  let textarea: HTMLTextAreaElement | null = null;
  let askButton: HTMLButtonElement | null = null;
  let stopButton: HTMLButtonElement | null = null;
  let pendingFrame = 0;
  const pendingTurns = new Set<Turn>();
  let historyDirty = false;
  let showingMissing = false;

  // ---- Data --------------------------------------------------------------------------------------------------

  function loadConversations(): Promise<void> {
    return loadHistory(s);
  }

  async function openConversation(id: string): Promise<void> {
    if (s.conversationId === id && s.turns.length > 0) return;
    s.abort?.abort();
    s.loading = true;
    s.conversationId = id;
    s.turns = [];
    render();
    try {
      const conversation = await api.getConversation(kb, id);
      if (s.conversationId !== id) return;
      s.turns = conversation.turns.map((turn) => ({
        ...newTurn(turn.question),
        resolvedQuestion: turn.resolvedQuestion ?? null,
        answer: turn.answer,
        refused: turn.refused,
        citations: turn.citations ?? [],
        done: true,
        streaming: false,
      }));
    } catch (error) {
      if (s.conversationId !== id) return;
      s.conversationId = null;
      s.turns = [];
      if (error instanceof ApiError && error.status === 404) toast(t("chat.conversationMissing"), "info");
      else toastError(error);
      replaceRoute({ name: "chat", kb });
    } finally {
      if (s.conversationId === id || s.conversationId === null) s.loading = false;
    }
    if (!disposed) {
      render();
      scrollToBottom(true);
    }
  }

  function newConversation(): void {
    s.abort?.abort();
    s.conversationId = null;
    s.turns = [];
    s.loading = false;
    replaceRoute({ name: "chat", kb });
    render();
    textarea?.focus();
  }

  async function deleteConversation(conversation: ConversationSummary): Promise<void> {
    const ok = await confirmDialog({ title: t("chat.deleteTitle"), message: t("chat.deleteMessage", { title: conversation.title }), confirmLabel: t("common.delete"), danger: true });
    if (!ok) return;
    try {
      await api.deleteConversation(kb, conversation.id);
      toast(t("chat.deleted"), "success");
      if (s.conversationId === conversation.id) newConversation();
    } catch (error) {
      toastError(error);
    }
    await loadConversations();
  }

  async function ask(): Promise<void> {
    const question = (textarea?.value ?? s.draft).trim();
    if (!question || s.busy) return;
    const turn = newTurn(question);
    s.turns.push(turn);
    s.draft = "";
    if (textarea) {
      textarea.value = "";
      autosize(textarea);
    }
    s.busy = true;
    const abort = new AbortController();
    s.abort = abort;
    const conversationAtStart = s.conversationId;
    render();
    scrollToBottom(true);

    const touch = () => s.onChange?.(turn);
    try {
      await askStream(kb, question, conversationAtStart, {
        meta(meta) {
          if (meta.conversationId) s.conversationId = meta.conversationId;
          turn.resolvedQuestion = meta.resolvedQuestion ?? null;
          touch();
        },
        delta(text) {
          turn.answer += text;
          touch();
        },
        citations(citations) {
          turn.citations = citations;
          touch();
        },
        done(result) {
          turn.answer = result.answer ?? turn.answer;
          turn.citations = result.citations ?? turn.citations;
          turn.refused = Boolean(result.refused);
          turn.tookMs = result.tookMs ?? null;
          turn.verification = result.verification ?? null;
          turn.modelError = result.modelError ?? null;
          if (result.resolvedQuestion) turn.resolvedQuestion = result.resolvedQuestion;
          if (result.conversationId) s.conversationId = result.conversationId;
          turn.done = true;
          touch();
        },
        error(problem) {
          turn.error = problem.detail || problem.title || t("error.streamInterrupted");
          toast(turn.error);
          touch();
        },
      }, abort.signal);
      if (!turn.done && !turn.error) {
        turn.error = t("error.streamInterrupted");
        toast(turn.error);
      }
    } catch (error) {
      if (isAbort(error)) {
        turn.stopped = true;
      } else {
        turn.error = errorMessage(error);
        toastError(error);
      }
    } finally {
      turn.streaming = false;
      if (s.abort === abort) {
        s.abort = null;
        s.busy = false;
      }
      touch();
      s.onChange?.(null);
    }
    if (s.conversationId && currentKbChat()) {
      replaceRoute({ name: "chat", kb, conversationId: s.conversationId });
    }
    void loadConversations();
  }

  function currentKbChat(): boolean {
    return location.hash.startsWith(`#/kb/${encodeURIComponent(kb)}/chat`);
  }

  function openCitation(citation: Citation): void {
    openViewer(kb, citation.docId, { start: citation.start, end: citation.end, page: citation.page ?? null, quote: citation.quote },
      citation.title || citation.sourceId);
  }

  // ---- Rendering ---------------------------------------------------------------------------------------------

  function answerText(turn: Turn): HTMLElement {
    const el = h("div", { class: "answer-text", "data-testid": "answer-text" });
    const text = turn.answer;
    const marker = /\[(\d{1,3})\]/g;
    let last = 0;
    let match: RegExpExecArray | null;
    while ((match = marker.exec(text)) !== null) {
      const n = Number(match[1]);
      const citation = turn.citations.find((c) => c.index === n);
      if (!citation && turn.done) continue;
      el.append(text.slice(last, match.index));
      const link = h("a", { class: "cite-marker", "data-testid": "citation-marker", "data-index": String(n), title: citation ? citation.title || citation.sourceId : "" }, String(n));
      clickable(link, (event) => {
        event.preventDefault();
        const target = turn.citations.find((c) => c.index === n);
        if (target) openCitation(target);
      });
      el.append(h("sup", null, link));
      last = match.index + match[0].length;
    }
    el.append(text.slice(last));
    if (turn.streaming && !turn.done) el.append(h("span", { class: "caret", "aria-hidden": "true" }));
    return el;
  }

  function citationItem(citation: Citation): HTMLElement {
    const item = h("li", { class: "citation", "data-testid": "citation", "data-index": String(citation.index), "data-doc-id": citation.docId },
      h("span", { class: "cite-num" }, String(citation.index)),
      h("div", { class: "cite-body" },
        h("div", { class: "cite-head" },
          h("span", { class: "cite-title" }, citation.title || citation.sourceId),
          citation.page ? h("span", { class: "cite-page" }, pageLabel(citation.page)) : null),
        h("div", { class: "cite-quote" }, citation.quote)));
    return clickable(item, () => openCitation(citation));
  }

  function turnElement(turn: Turn): HTMLElement {
    const question = h("div", { class: "msg msg-user" }, h("div", { class: "bubble" }, turn.question));
    const parts: (HTMLElement | null)[] = [];
    if (turn.resolvedQuestion && !sameQuestion(turn.resolvedQuestion, turn.question)) {
      parts.push(h("div", { class: "resolved", "data-testid": "resolved-question" }, icon("search"), t("chat.resolved", { q: turn.resolvedQuestion })));
    }
    if (turn.done && turn.refused) {
      parts.push(h("div", { class: "refusal" },
        h("div", { class: "refusal-head" }, icon("alert"), h("strong", null, t("chat.refusedTitle"))),
        turn.answer ? h("div", { class: "refusal-text" }, turn.answer) : null));
      if (turn.citations.length > 0) {
        parts.push(h("div", { class: "closest", "data-testid": "closest-passages" },
          h("div", { class: "section-label" }, t("chat.closest")),
          h("ol", { class: "citations" }, turn.citations.map(citationItem))));
      }
    } else {
      if (turn.answer || turn.done) parts.push(answerText(turn));
      else if (turn.streaming) parts.push(spinner(t("chat.searching")));
      if (turn.done && turn.citations.length > 0) {
        parts.push(h("div", { class: "sources" },
          h("div", { class: "section-label" }, t("chat.citations")),
          h("ol", { class: "citations" }, turn.citations.map(citationItem))));
      }
    }
    if (turn.error) parts.push(h("div", { class: "answer-error", role: "alert", "data-testid": "answer-error" }, icon("alert"), turn.error));
    if (turn.stopped && !turn.done) parts.push(h("div", { class: "answer-note" }, t("chat.stopped")));
    if (turn.done && turn.verification && turn.verification.sentences > 0) {
      parts.push(verificationNote(turn.verification));
    }
    if (turn.done && turn.modelError) {
      parts.push(h("div", { class: "answer-note", "data-testid": "model-error" }, t("chat.modelError", { error: turn.modelError })));
    }
    if (turn.done && turn.tookMs !== null) {
      parts.push(h("div", { class: "answer-foot" }, t("chat.took", { ms: formatMs(turn.tookMs) })));
    }
    const answer = h("div", {
      class: `answer${turn.done && turn.refused ? " answer-refused" : ""}${turn.error ? " answer-failed" : ""}`,
      "data-testid": "answer",
      "data-refused": turn.done ? String(turn.refused) : "false",
      "data-done": turn.done ? "true" : null,
      "data-turn": String(turn.id),
    }, parts);
    const el = h("div", { class: "turn" }, question,
      h("div", { class: "msg msg-bot" }, h("div", { class: "avatar", "aria-hidden": "true" }, "津"), answer));
    turn.el = el;
    return el;
  }

  function nearBottom(): boolean {
    if (!scroller) return true;
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
  }

  function scrollToBottom(force: boolean): void {
    if (!scroller) return;
    if (force || nearBottom()) scroller.scrollTop = scroller.scrollHeight;
  }

  function flushTurns(): void {
    pendingFrame = 0;
    if (disposed) return;
    const stick = nearBottom();
    for (const turn of pendingTurns) {
      const old = turn.el;
      if (old && old.isConnected) old.replaceWith(turnElement(turn));
    }
    pendingTurns.clear();
    if (historyDirty) {
      historyDirty = false;
      if (s.kbMissing && !showingMissing) render();
      else renderHistory();
    }
    updateComposer();
    if (stick) scrollToBottom(true);
  }

  s.onChange = (turn) => {
    if (disposed) return;
    if (turn) pendingTurns.add(turn);
    else historyDirty = true;
    if (!pendingFrame) pendingFrame = requestAnimationFrame(flushTurns);
  };

  function autosize(el: HTMLTextAreaElement): void {
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
  }

  function updateComposer(): void {
    if (askButton) askButton.disabled = s.busy;
    if (stopButton) stopButton.hidden = !s.busy;
  }

  function renderHistory(): void {
    if (!historyList) return;
    const list = s.conversations;
    if (list === null) {
      historyList.replaceChildren(s.conversationsError ? h("p", { class: "muted small" }, s.conversationsError) : spinner());
      return;
    }
    if (list.length === 0) {
      historyList.replaceChildren(h("p", { class: "muted small history-empty" }, t("chat.historyEmpty")));
      return;
    }
    historyList.replaceChildren(...list.map((c) => {
      const del = iconButton("trash", t("common.delete"), (event) => {
        event.stopPropagation();
        void deleteConversation(c);
      }, { "data-testid": "conversation-delete" });
      const item = h("li", { class: c.id === s.conversationId ? "history-item active" : "history-item", "data-testid": "conversation", "data-id": c.id },
        h("div", { class: "history-text" },
          h("div", { class: "history-title", title: c.title }, c.title),
          h("div", { class: "history-meta" }, `${t("chat.turns", { n: c.turnCount })} · ${formatDate(c.updatedAt)}`)),
        del);
      return clickable(item, (event) => {
        if ((event.target as HTMLElement).closest("button")) return;
        navigate({ name: "chat", kb, conversationId: c.id });
      });
    }));
  }

  function render(): void {
    showingMissing = Boolean(s.kbMissing);
    if (s.kbMissing) {
      scroller = messages = historyList = textarea = askButton = stopButton = null;
      root.replaceChildren(h("div", { class: "page" },
        errorState(t("error.kbMissing", { kb }), undefined, h("a", { class: "btn btn-small", href: "#/kbs" }, t("error.backToKbs")))));
      return;
    }
    const hadFocus = document.activeElement === textarea;
    const info = kbStore.find(kb);

    historyList = h("ul", { class: "history-list", "data-testid": "conversation-list" });
    const history = h("aside", { class: "chat-history" },
      h("div", { class: "chat-history-head" }, h("h2", null, t("chat.history"))),
      historyList);

    messages = h("div", { class: "messages", "data-testid": "messages" });
    if (s.loading) {
      messages.append(spinner(t("chat.loading")));
    } else if (s.turns.length === 0) {
      messages.append(h("div", { class: "welcome" },
        h("div", { class: "welcome-mark", "aria-hidden": "true" }, "津"),
        h("h2", null, t("chat.welcomeTitle", { kb })),
        info?.description ? h("p", { class: "welcome-desc" }, info.description) : null,
        h("p", { class: "welcome-text" }, t("chat.welcomeText"))));
    } else {
      for (const turn of s.turns) messages.append(turnElement(turn));
    }
    scroller = h("div", { class: "chat-scroll" }, messages);

    textarea = h("textarea", { class: "composer-input", rows: "1", placeholder: t("chat.placeholder"), "data-testid": "question-input", "aria-label": t("chat.placeholder") });
    textarea.value = s.draft;
    const input = textarea;
    input.addEventListener("input", () => {
      s.draft = input.value;
      autosize(input);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        void ask();
      }
    });
    askButton = h("button", { class: "btn btn-primary composer-send", type: "button", "data-testid": "ask-button", onclick: () => void ask() }, icon("send"), t("chat.ask"));
    stopButton = h("button", { class: "btn composer-stop", type: "button", "data-testid": "stop-button", onclick: () => s.abort?.abort() }, icon("stop"), t("chat.stop"));
    updateComposer();

    const main = h("section", { class: "chat-main" },
      h("div", { class: "chat-head" },
        h("div", { class: "chat-head-title" }, icon("chat"), h("h1", null, t("chat.title")), h("span", { class: "kb-pill" }, kb)),
        h("button", { class: "btn", type: "button", "data-testid": "new-conversation", onclick: () => newConversation() }, icon("plus"), t("chat.newConversation"))),
      scroller,
      h("div", { class: "composer" },
        h("div", { class: "composer-box" }, input,
          h("div", { class: "composer-actions" }, stopButton, askButton))));

    root.replaceChildren(h("div", { class: "chat-layout" }, history, main));
    renderHistory();
    autosize(input);
    requestAnimationFrame(() => scrollToBottom(true));
    if (hadFocus) input.focus();
  }

  // ---- Routing -----------------------------------------------------------------------------------------------

  function take(next: Route): void {
    if (next.conversationId && next.conversationId !== s.conversationId) {
      void openConversation(next.conversationId);
    } else if (!next.conversationId && s.conversationId && !s.busy && s.turns.length > 0) {
      // "#/kb/x/chat" shows the conversation kept for this knowledge base; the address names it.
      replaceRoute({ name: "chat", kb, conversationId: s.conversationId });
    }
  }

  render();
  take(route);
  void loadConversations();
  requestAnimationFrame(() => textarea?.focus());

  return {
    root,
    render,
    dispose() {
      disposed = true;
      s.onChange = null;
      if (pendingFrame) cancelAnimationFrame(pendingFrame);
      for (const turn of s.turns) turn.el = null;
    },
    update(next) {
      take(next);
      return true;
    },
  };
}

/** "Verified: 3 of 4 sentences are supported by their citations", with the dropped sentences and why. */
function verificationNote(v: Verification): HTMLElement {
  const summary = t("chat.verified", { kept: String(v.kept), total: String(v.sentences) });
  if (v.dropped.length === 0) {
    return h("div", { class: "answer-note verification", "data-testid": "verification" }, icon("check"), summary);
  }
  return h("details", { class: "answer-note verification", "data-testid": "verification" },
    h("summary", null, icon("alert"), summary, " · ", t("chat.droppedCount", { n: String(v.dropped.length) })),
    h("ul", null, v.dropped.map(d => h("li", null, h("span", { class: "dropped-sentence" }, d.sentence), " — ", d.detail || d.reason))));
}
