// Members of a knowledge base (owners and administrators): the grants to users and groups, each with a role and
// whether they may download the uploaded originals; add, change, remove.

import { ApiError, api, errorMessage, type KbGrant, type KbRole, type PrincipalKind } from "../api.js";
import { h } from "../dom.js";
import { t, type Key } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { hrefOf } from "../router.js";
import { session } from "../session.js";
import { confirmDialog, emptyState, errorState, iconButton, pageHeader, spinner, toast, toastError } from "../ui.js";

const roles: KbRole[] = ["viewer", "editor", "owner"];
const kinds: PrincipalKind[] = ["user", "group"];

export function membersPage(kb: string): Page {
  const root = h("div", { class: "page page-members" });
  let grants: KbGrant[] | null = null;
  let loadError: ApiError | null = null;
  const form = { kind: "user" as PrincipalKind, name: "", role: "viewer" as KbRole, mayDownload: false, busy: false };
  /** Names to suggest (administrators can list users and groups; owners type the name). */
  let userNames: string[] = [];
  let groupNames: string[] = [];
  let disposed = false;

  async function load(): Promise<void> {
    try {
      grants = await api.listMembers(kb);
      loadError = null;
    } catch (error) {
      loadError = error instanceof ApiError ? error : new ApiError(0, { detail: errorMessage(error) });
    }
    if (!disposed) render();
  }

  /** After a change: the list again, and the caller's own access (they may have changed their own grant). */
  async function reload(): Promise<void> {
    await Promise.all([load(), session.refresh().catch(() => false)]);
  }

  async function add(): Promise<void> {
    const name = form.name.trim();
    if (!name) {
      toast(t("members.required"));
      return;
    }
    form.busy = true;
    render();
    try {
      await api.grant(kb, form.kind, name, form.role, form.mayDownload);
      toast(t("members.added", { name, role: t(`role.${form.role}` as Key) }), "success");
      form.name = "";
      form.mayDownload = false;
    } catch (error) {
      toastError(error);
    } finally {
      form.busy = false;
    }
    await reload();
  }

  async function update(grant: KbGrant, role: KbRole, mayDownload: boolean): Promise<void> {
    try {
      await api.grant(kb, grant.kind, grant.principal, role, mayDownload);
      toast(t("members.updated", { name: grant.principal }), "success");
    } catch (error) {
      toastError(error);
    }
    await reload();
  }

  async function remove(grant: KbGrant): Promise<void> {
    const ok = await confirmDialog({
      title: t("members.removeTitle"), message: t("members.removeMessage", { name: grant.principal, kb }), confirmLabel: t("members.remove"), danger: true,
    });
    if (!ok) return;
    try {
      await api.revoke(kb, grant.kind, grant.principal);
      toast(t("members.removed", { name: grant.principal }), "success");
    } catch (error) {
      toastError(error);
    }
    await reload();
  }

  function addForm(): HTMLElement {
    const kind = h("select", { class: "input", "aria-label": t("members.kind"), "data-testid": "member-kind" },
      kinds.map((k) => h("option", { value: k }, t(`members.kind.${k}` as Key))));
    kind.value = form.kind;
    kind.addEventListener("change", () => {
      form.kind = kind.value as PrincipalKind;
      render();
    });
    const listId = "member-name-options";
    const name = h("input", {
      class: "input", type: "text", value: form.name, list: listId, autocomplete: "off", "aria-label": t("members.name"),
      placeholder: form.kind === "user" ? t("members.namePlaceholderUser") : t("members.namePlaceholderGroup"), "data-testid": "member-name",
    });
    name.addEventListener("input", () => (form.name = name.value));
    const role = h("select", { class: "input", "aria-label": t("members.role"), "data-testid": "member-role" },
      roles.map((r) => h("option", { value: r }, t(`role.${r}` as Key))));
    role.value = form.role;
    role.addEventListener("change", () => (form.role = role.value as KbRole));
    const download = h("input", { type: "checkbox", checked: form.mayDownload, "data-testid": "member-download" });
    download.addEventListener("change", () => (form.mayDownload = download.checked));
    const submit = h("button", { class: "btn btn-primary", type: "submit", disabled: form.busy, "data-testid": "member-add" }, icon("plus"), t("members.addButton"));
    const el = h("form", { class: "card create-card", novalidate: true, "data-testid": "member-form" },
      h("h2", { class: "card-title" }, t("members.add")),
      h("div", { class: "create-row" },
        h("label", { class: "field field-role" }, h("span", { class: "field-label" }, t("members.kind")), kind),
        h("label", { class: "field field-name" }, h("span", { class: "field-label" }, t("members.name")), name,
          h("datalist", { id: listId }, (form.kind === "user" ? userNames : groupNames).map((n) => h("option", { value: n })))),
        h("label", { class: "field field-role" }, h("span", { class: "field-label" }, t("members.role")), role),
        h("label", { class: "field field-check" }, download, h("span", null, t("members.mayDownload"))),
        h("div", { class: "field field-button" }, submit)));
    el.addEventListener("submit", (event) => {
      event.preventDefault();
      void add();
    });
    return el;
  }

  function grantRow(grant: KbGrant): HTMLElement {
    const role = h("select", { class: "input input-inline", "aria-label": t("members.colRole"), "data-testid": "member-role-select" },
      roles.map((r) => h("option", { value: r }, t(`role.${r}` as Key))));
    role.value = grant.role;
    role.addEventListener("change", () => void update(grant, role.value as KbRole, grant.mayDownload));
    const download = h("input", {
      type: "checkbox", checked: grant.mayDownload, "aria-label": t("members.colDownload"), "data-testid": "member-download-toggle",
    });
    download.addEventListener("change", () => void update(grant, grant.role, download.checked));
    const self = grant.kind === "user" && grant.principal === session.user;
    return h("tr", { "data-testid": "member-row", "data-kind": grant.kind, "data-principal": grant.principal, "data-role": grant.role },
      h("td", { class: "col-principal" },
        h("span", { class: "principal" },
          icon(grant.kind === "user" ? "user" : "users", "icon principal-icon"),
          h("span", { class: "principal-name" }, grant.principal),
          self ? h("span", { class: "self-tag" }, t("users.you")) : null)),
      h("td", null, h("span", { class: "format-tag" }, t(`members.kind.${grant.kind}` as Key))),
      h("td", null, role),
      h("td", null, h("label", { class: "check" }, download, h("span", { class: "visually-hidden" }, t("members.colDownload")))),
      h("td", { class: "col-actions" }, iconButton("trash", t("members.remove"), () => void remove(grant), { "data-testid": "member-remove" })));
  }

  function render(): void {
    const header = pageHeader(t("members.title"), t("members.subtitle", { kb }),
      h("a", { class: "btn", href: hrefOf({ name: "documents", kb }) }, icon("file"), t("nav.documents")));
    if (loadError && (loadError.status === 404 || loadError.status === 403)) {
      root.replaceChildren(header, errorState(loadError.status === 404 ? t("error.kbMissing", { kb }) : t("members.forbidden", { kb }), undefined,
        h("a", { class: "btn btn-small", href: "#/kbs" }, t("error.backToKbs"))));
      return;
    }
    const focused = document.activeElement?.getAttribute("data-testid");
    const head = (key: Key, cls = "") => h("th", { scope: "col", class: cls }, t(key));
    let content: HTMLElement;
    if (loadError) content = errorState(loadError.message, () => void load());
    else if (!grants) content = spinner(t("app.loading"));
    else {
      content = h("div", { class: "card table-card" },
        h("div", { class: "table-wrap" },
          h("table", { class: "table members-table", "data-testid": "members-table" },
            h("thead", null, h("tr", null, head("members.colPrincipal"), head("members.colKind"), head("members.colRole"), head("members.colDownload"),
              h("th", { scope: "col", class: "col-actions" }, h("span", { class: "visually-hidden" }, t("members.colActions"))))),
            h("tbody", null, grants.length > 0
              ? grants.map(grantRow)
              : h("tr", { class: "empty-row" }, h("td", { colspan: "5" }, emptyState("users", t("members.empty"))))))));
    }
    root.replaceChildren(header, addForm(), content);
    const nameInput = root.querySelector<HTMLInputElement>("[data-testid=member-name]");
    if (focused === "member-name" && nameInput) {
      nameInput.focus();
      nameInput.setSelectionRange(nameInput.value.length, nameInput.value.length);
    }
  }

  render();
  void load();
  if (session.isAdmin) {
    Promise.all([api.listUsers(), api.listGroups()]).then(([users, groups]) => {
      userNames = users.map((u) => u.name);
      groupNames = groups.map((g) => g.name);
      if (!disposed) render();
    }, () => undefined);
  }

  return {
    root,
    render,
    dispose() {
      disposed = true;
    },
  };
}
