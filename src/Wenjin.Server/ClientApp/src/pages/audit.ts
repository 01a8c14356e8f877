// The audit log (administrators): newest first, exact filters on actor, knowledge base and action, and "older"
// paging with ?before=<the oldest shown id>.

import { api, errorMessage, type AuditEntry } from "../api.js";
import { h } from "../dom.js";
import { locale, t, type Key } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { kbStore } from "../store.js";
import { emptyState, errorState, formatNumber, pageHeader, spinner, toastError } from "../ui.js";

const pageSize = 100;

/** The actions the server records (for the filter's suggestions; any other text filters too). */
const knownActions = [
  "auth.login", "auth.logout", "auth.password", "user.create", "user.update", "user.delete", "group.create", "group.delete",
  "group.member.add", "group.member.remove", "member.grant", "member.revoke", "key.create", "key.revoke", "kb.create", "kb.delete",
  "document.upload", "document.delete", "document.download", "records.extract", "records.export", "conversation.delete",
];

type FilterName = "actor" | "kb" | "action";

export function auditPage(): Page {
  const root = h("div", { class: "page page-audit" });
  const inputs: Record<FilterName, string> = { actor: "", kb: "", action: "" };
  let applied: Record<FilterName, string> = { ...inputs };
  let entries: AuditEntry[] | null = null;
  let loadError: string | null = null;
  let loadingMore = false;
  let exhausted = false;
  let actors: string[] = [];
  let generation = 0;
  let disposed = false;

  async function load(): Promise<void> {
    const mine = ++generation;
    entries = null;
    loadError = null;
    exhausted = false;
    render();
    try {
      const first = await api.audit({ limit: pageSize, ...applied });
      if (mine !== generation) return;
      entries = first;
      exhausted = first.length < pageSize;
    } catch (error) {
      if (mine !== generation) return;
      loadError = errorMessage(error);
    }
    if (!disposed) render();
  }

  async function older(): Promise<void> {
    const last = entries?.[entries.length - 1];
    if (!entries || !last || loadingMore) return;
    const mine = generation;
    loadingMore = true;
    render();
    try {
      const more = await api.audit({ limit: pageSize, before: last.id, ...applied });
      if (mine !== generation || !entries) return;
      const seen = new Set(entries.map((e) => e.id));
      entries = [...entries, ...more.filter((e) => !seen.has(e.id))];
      exhausted = more.length < pageSize;
    } catch (error) {
      toastError(error);
    } finally {
      loadingMore = false;
    }
    if (!disposed) render();
  }

  function apply(): void {
    applied = { actor: inputs.actor.trim(), kb: inputs.kb.trim(), action: inputs.action.trim() };
    void load();
  }

  function formatTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(locale(), {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false,
    }).format(date);
  }

  function filters(): HTMLElement {
    const field = (name: FilterName, label: string, options: readonly string[]) => {
      const listId = `audit-${name}-options`;
      const input = h("input", {
        class: "input input-small", type: "search", value: inputs[name], list: listId, autocomplete: "off",
        "aria-label": label, placeholder: label, "data-testid": `audit-${name}`,
      });
      input.addEventListener("input", () => (inputs[name] = input.value));
      return h("label", { class: "field" }, h("span", { class: "field-label" }, label), input,
        h("datalist", { id: listId }, options.map((o) => h("option", { value: o }))));
    };
    const form = h("form", { class: "card audit-filters", novalidate: true, "data-testid": "audit-filters" },
      field("actor", t("audit.actor"), actors),
      field("kb", t("audit.kb"), kbStore.list.map((kb) => kb.name)),
      field("action", t("audit.action"), knownActions),
      h("div", { class: "audit-filter-buttons" },
        h("button", { class: "btn btn-primary", type: "submit", "data-testid": "audit-apply" }, icon("filter"), t("audit.apply")),
        h("button", {
          class: "btn", type: "button", "data-testid": "audit-clear",
          onclick: () => {
            inputs.actor = inputs.kb = inputs.action = "";
            apply();
          },
        }, t("audit.clear")),
        iconButtonRefresh()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      apply();
    });
    return form;
  }

  function iconButtonRefresh(): HTMLElement {
    return h("button", { class: "icon-btn", type: "button", title: t("common.refresh"), "aria-label": t("common.refresh"), "data-testid": "audit-refresh", onclick: () => void load() },
      icon("refresh"));
  }

  function row(entry: AuditEntry): HTMLElement {
    const failed = entry.status >= 400;
    const cell = (value: string | null | undefined, cls = "") =>
      h("td", { class: cls, title: value ?? "" }, value ? value : t("common.none"));
    return h("tr", { "data-testid": "audit-row", "data-id": String(entry.id), "data-action": entry.action, "data-actor": entry.actor, class: failed ? "audit-failed" : null },
      h("td", { class: "col-date" }, formatTime(entry.at)),
      cell(entry.actor, "audit-actor"),
      cell(entry.key),
      h("td", null, h("code", { class: "action-tag" }, entry.action)),
      cell(entry.kb),
      cell(entry.docId, "audit-mono"),
      cell(entry.detail, "audit-detail"),
      cell(entry.remote, "audit-mono"),
      h("td", { class: "col-num" }, h("span", { class: failed ? "http-status http-error" : "http-status", "data-testid": "audit-status" }, entry.status ? String(entry.status) : t("common.none"))));
  }

  function table(list: AuditEntry[]): HTMLElement {
    const head = (key: Key, cls = "") => h("th", { scope: "col", class: cls }, t(key));
    const more = exhausted
      ? h("span", { class: "muted small", "data-testid": "audit-end" }, t("audit.end"))
      : h("button", { class: "btn", type: "button", disabled: loadingMore, "data-testid": "audit-older", onclick: () => void older() },
        loadingMore ? h("span", { class: "spinner spinner-small spinner-dark", "aria-hidden": "true" }) : null, t("audit.older"));
    return h("div", { class: "card table-card" },
      h("div", { class: "table-toolbar" }, h("span", { class: "docs-summary", "data-testid": "audit-count" }, t("audit.count", { n: formatNumber(list.length) }))),
      h("div", { class: "table-wrap" },
        h("table", { class: "table audit-table", "data-testid": "audit-table" },
          h("thead", null, h("tr", null,
            head("audit.colTime"), head("audit.colActor"), head("audit.colKey"), head("audit.colAction"), head("audit.colKb"),
            head("audit.colDoc"), head("audit.colDetail"), head("audit.colRemote"), head("audit.colStatus", "col-num"))),
          h("tbody", null, list.length > 0
            ? list.map(row)
            : h("tr", { class: "empty-row" }, h("td", { colspan: "9" }, emptyState("list", t("audit.empty"))))))),
      list.length > 0 ? h("div", { class: "table-more" }, more) : null);
  }

  function render(): void {
    const focused = document.activeElement?.getAttribute("data-testid");
    root.replaceChildren(
      pageHeader(t("audit.title"), t("audit.subtitle")),
      filters(),
      loadError ? errorState(loadError, () => void load()) : entries ? table(entries) : spinner(t("app.loading")));
    if (focused?.startsWith("audit-") && root.querySelector(`[data-testid=${focused}]`) instanceof HTMLInputElement) {
      root.querySelector<HTMLInputElement>(`[data-testid=${focused}]`)?.focus();
    }
  }

  // The user names for the actor filter's suggestions (the log also holds names that no longer exist).
  api.listUsers().then((users) => {
    actors = users.map((u) => u.name);
    if (!disposed) render();
  }, () => undefined);
  void load();

  return {
    root,
    render,
    dispose() {
      disposed = true;
      generation++;
    },
  };
}
