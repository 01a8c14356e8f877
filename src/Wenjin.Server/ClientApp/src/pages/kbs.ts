// Knowledge bases: list with counts, create, delete.

import { api } from "../api.js";
import { h } from "../dom.js";
import { t, type Key } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { forgetBrief } from "./brief.js";
import { forgetChat } from "./chat.js";
import { forgetDocuments } from "./documents.js";
import { forgetRecords } from "./records.js";
import { forgetSearch } from "./search.js";
import { hrefOf, navigate } from "../router.js";
import { session } from "../session.js";
import { kbStore, rememberKb, rememberedKb } from "../store.js";
import { clickable, confirmDialog, emptyState, formatDate, formatNumber, iconButton, pageHeader, spinner, toast, toastError } from "../ui.js";

export function kbsPage(): Page {
  const root = h("div", { class: "page page-kbs" });
  const form = { name: "", description: "", busy: false };
  let justCreated: string | null = null;
  let disposed = false;

  const unsubscribe = kbStore.subscribe(() => {
    if (!disposed) render();
  });
  void kbStore.refresh();

  async function create(): Promise<void> {
    const name = form.name.trim();
    if (!name) {
      toast(t("kbs.nameRequired"));
      root.querySelector<HTMLInputElement>("[data-testid=kb-name-input]")?.focus();
      return;
    }
    form.busy = true;
    render();
    try {
      const kb = await api.createKb(name, form.description.trim() || null);
      form.name = "";
      form.description = "";
      justCreated = kb?.name ?? name;
      toast(t("kbs.created", { name: justCreated }), "success");
      // The creator is its owner now: the session says so once asked again.
      await Promise.all([kbStore.refresh(), session.refresh().catch(() => false)]);
    } catch (error) {
      toastError(error);
    } finally {
      form.busy = false;
      if (!disposed) render();
    }
  }

  async function remove(name: string): Promise<void> {
    const ok = await confirmDialog({
      title: t("kbs.deleteTitle"),
      message: t("kbs.deleteMessage", { name }),
      confirmLabel: t("common.delete"),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteKb(name);
      forgetChat(name);
      forgetDocuments(name);
      forgetSearch(name);
      forgetRecords(name);
      forgetBrief(name);
      if (rememberedKb() === name) rememberKb(null);
      toast(t("kbs.deleted", { name }), "success");
    } catch (error) {
      toastError(error);
    }
    await Promise.all([kbStore.refresh(), session.refresh().catch(() => false)]);
  }

  function createCard(): HTMLElement {
    const name = h("input", {
      class: "input", type: "text", maxlength: "64", required: true, value: form.name, placeholder: t("kbs.namePlaceholder"),
      "data-testid": "kb-name-input", "aria-label": t("kbs.name"), autocomplete: "off",
    });
    name.addEventListener("input", () => (form.name = name.value));
    const description = h("input", {
      class: "input", type: "text", value: form.description, placeholder: t("kbs.descriptionPlaceholder"),
      "data-testid": "kb-description-input", "aria-label": t("kbs.description"), autocomplete: "off",
    });
    description.addEventListener("input", () => (form.description = description.value));
    const submit = h("button", { class: "btn btn-primary", type: "submit", "data-testid": "kb-create", disabled: form.busy },
      icon("plus"), t("kbs.createButton"));
    const el = h("form", { class: "card create-card", novalidate: true },
      h("h2", { class: "card-title" }, t("kbs.create")),
      h("div", { class: "create-row" },
        h("label", { class: "field field-name" }, h("span", { class: "field-label" }, t("kbs.name")), name,
          h("span", { class: "field-hint" }, t("kbs.nameHint"))),
        h("label", { class: "field field-grow" }, h("span", { class: "field-label" }, t("kbs.description")), description,
          h("span", { class: "field-hint" }, "\u00a0")),
        h("div", { class: "field field-button" }, submit)));
    el.addEventListener("submit", (event) => {
      event.preventDefault();
      void create();
    });
    return el;
  }

  function kbCard(kb: (typeof kbStore.list)[number]): HTMLElement {
    const open = () => navigate({ name: "documents", kb: kb.name });
    const del = session.isOwner(kb.name)
      ? iconButton("trash", t("common.delete"), (event) => {
        event.stopPropagation();
        void remove(kb.name);
      }, { "data-testid": "kb-delete" })
      : null;
    const role = session.accounts ? session.roleOf(kb.name) : null;
    const link = (name: "documents" | "chat" | "search" | "records" | "brief" | "members", label: string) =>
      h("a", { class: "chip-link", href: hrefOf({ name, kb: kb.name }), onclick: (event: MouseEvent) => event.stopPropagation() }, label);
    const card = h("div", { class: justCreated === kb.name ? "card kb-card kb-card-new" : "card kb-card", "data-testid": "kb-row", "data-kb": kb.name },
      h("div", { class: "kb-card-head" },
        h("div", { class: "kb-avatar", "aria-hidden": "true" }, Array.from(kb.name)[0]?.toUpperCase() ?? "?"),
        h("div", { class: "kb-card-title" },
          h("h3", { class: "kb-name", title: kb.name }, kb.name),
          h("div", { class: "kb-created" }, t("kbs.createdAt", { date: formatDate(kb.createdAt) }))),
        role ? h("span", { class: `role-pill role-${role}`, "data-testid": "kb-role", "data-role": role }, t(`role.${role}` as Key)) : null,
        del),
      h("p", { class: kb.description ? "kb-desc" : "kb-desc muted" }, kb.description || t("kbs.noDescription")),
      h("div", { class: "kb-stats" },
        h("span", { class: "stat", "data-testid": "kb-doc-count" }, icon("file"), t("kbs.documents", { n: formatNumber(kb.documentCount ?? 0) })),
        h("span", { class: "stat", "data-testid": "kb-chunk-count" }, icon("layers"), t("kbs.chunks", { n: formatNumber(kb.chunkCount ?? 0) }))),
      h("div", { class: "kb-links" },
        link("documents", t("nav.documents")), link("chat", t("nav.chat")), link("search", t("nav.search")),
        link("records", t("nav.records")), link("brief", t("nav.brief")),
        session.accounts && session.isOwner(kb.name) ? link("members", t("nav.members")) : null));
    return clickable(card, (event) => {
      if ((event.target as HTMLElement).closest("a,button")) return;
      open();
    });
  }

  function render(): void {
    const list = kbStore.list;
    let content: HTMLElement;
    if (!kbStore.loaded) content = spinner(t("app.loading"));
    else if (list.length === 0) content = emptyState("database", t("kbs.empty"));
    else content = h("div", { class: "kb-grid" }, list.map(kbCard));
    const focused = document.activeElement?.getAttribute("data-testid");
    root.replaceChildren(
      pageHeader(t("kbs.title"), t("kbs.subtitle"), kbStore.loaded && list.length ? h("span", { class: "muted" }, t("kbs.count", { n: list.length })) : null),
      createCard(),
      content);
    if (focused === "kb-name-input" || focused === "kb-description-input") {
      root.querySelector<HTMLInputElement>(`[data-testid=${focused}]`)?.focus();
    }
  }

  render();
  return {
    root,
    render,
    dispose() {
      disposed = true;
      unsubscribe();
    },
  };
}
