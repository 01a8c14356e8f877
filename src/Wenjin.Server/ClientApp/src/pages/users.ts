// Users and groups (administrators): create users, change their system role, disable or enable them, reset their
// password, delete them; create and delete groups and add or remove their members.

import { api, errorMessage, type SystemRole, type UserAccount, type UserGroup } from "../api.js";
import { h } from "../dom.js";
import { t, type Key } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { session } from "../session.js";
import { confirmDialog, emptyState, errorState, formatDate, iconButton, openDialog, pageHeader, spinner, toast, toastError, type DialogParts } from "../ui.js";

const roles: SystemRole[] = ["member", "admin"];

export function usersPage(): Page {
  const root = h("div", { class: "page page-users" });
  let users: UserAccount[] | null = null;
  let groups: UserGroup[] | null = null;
  let loadError: string | null = null;
  const userForm = { name: "", password: "", role: "member" as SystemRole, busy: false };
  const groupForm = { name: "", busy: false };
  /** The user picked in each group's "add member" select, kept across renders. */
  const picked = new Map<string, string>();
  let disposed = false;

  async function load(): Promise<void> {
    try {
      [users, groups] = await Promise.all([api.listUsers(), api.listGroups()]);
      loadError = null;
    } catch (error) {
      loadError = errorMessage(error);
    }
    if (!disposed) render();
  }

  /** Runs a change, toasts its outcome and reloads the lists. */
  async function change(action: () => Promise<unknown>, success: string): Promise<void> {
    try {
      await action();
      toast(success, "success");
    } catch (error) {
      toastError(error);
    }
    await load();
  }

  async function createUser(): Promise<void> {
    const name = userForm.name.trim();
    if (!name || !userForm.password) {
      toast(t("users.required"));
      return;
    }
    userForm.busy = true;
    render();
    try {
      await api.createUser(name, userForm.password, userForm.role);
      userForm.name = "";
      userForm.password = "";
      userForm.role = "member";
      toast(t("users.created", { name }), "success");
    } catch (error) {
      toastError(error);
    } finally {
      userForm.busy = false;
    }
    await load();
  }

  async function createGroup(): Promise<void> {
    const name = groupForm.name.trim();
    if (!name) {
      toast(t("groups.required"));
      return;
    }
    groupForm.busy = true;
    render();
    try {
      await api.createGroup(name);
      groupForm.name = "";
      toast(t("groups.created", { name }), "success");
    } catch (error) {
      toastError(error);
    } finally {
      groupForm.busy = false;
    }
    await load();
  }

  async function removeUser(user: UserAccount): Promise<void> {
    const ok = await confirmDialog({ title: t("users.deleteTitle"), message: t("users.deleteMessage", { name: user.name }), confirmLabel: t("common.delete"), danger: true });
    if (ok) await change(() => api.deleteUser(user.name), t("users.deleted", { name: user.name }));
  }

  async function removeGroup(group: UserGroup): Promise<void> {
    const ok = await confirmDialog({ title: t("groups.deleteTitle"), message: t("groups.deleteMessage", { name: group.name }), confirmLabel: t("common.delete"), danger: true });
    if (ok) await change(() => api.deleteGroup(group.name), t("groups.deleted", { name: group.name }));
  }

  function resetPassword(user: UserAccount): void {
    let parts: DialogParts | null = null;
    const input = h("input", { class: "input", type: "password", autocomplete: "new-password", "data-testid": "reset-password-input" });
    const error = h("p", { class: "form-error", hidden: true, role: "alert" });
    const submit = h("button", { class: "btn btn-primary", type: "submit", form: "reset-password-form", "data-testid": "reset-password-submit" }, t("common.save"));
    const form = h("form", { class: "form-stack", id: "reset-password-form" },
      h("p", { class: "dialog-message" }, t("users.resetMessage")),
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("users.newPassword")), input),
      error);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!input.value) return;
      submit.disabled = true;
      try {
        await api.updateUser(user.name, { password: input.value });
        parts?.close();
        toast(t("users.passwordReset", { name: user.name }), "success");
      } catch (e) {
        error.textContent = errorMessage(e);
        error.hidden = false;
        submit.disabled = false;
      }
    });
    const cancel = h("button", { class: "btn", type: "button", onclick: () => parts?.close() }, t("common.cancel"));
    parts = openDialog(t("users.resetTitle", { name: user.name }), form, [cancel, submit], () => parts?.close(), "reset-password-dialog");
    input.focus();
  }

  function userCreateCard(): HTMLElement {
    const name = h("input", {
      class: "input", type: "text", maxlength: "64", value: userForm.name, placeholder: t("users.namePlaceholder"),
      autocomplete: "off", "aria-label": t("users.name"), "data-testid": "user-name-input",
    });
    name.addEventListener("input", () => (userForm.name = name.value));
    const password = h("input", {
      class: "input", type: "password", value: userForm.password, autocomplete: "new-password", "aria-label": t("users.password"),
      "data-testid": "user-password-input",
    });
    password.addEventListener("input", () => (userForm.password = password.value));
    const role = h("select", { class: "input", "aria-label": t("users.role"), "data-testid": "user-role-input" },
      roles.map((r) => h("option", { value: r }, t(`role.${r}` as Key))));
    role.value = userForm.role;
    role.addEventListener("change", () => (userForm.role = role.value as SystemRole));
    const submit = h("button", { class: "btn btn-primary", type: "submit", disabled: userForm.busy, "data-testid": "user-create" }, icon("plus"), t("users.createButton"));
    const form = h("form", { class: "card create-card", novalidate: true },
      h("h2", { class: "card-title" }, t("users.create")),
      h("div", { class: "create-row" },
        h("label", { class: "field field-name" }, h("span", { class: "field-label" }, t("users.name")), name),
        h("label", { class: "field field-name" }, h("span", { class: "field-label" }, t("users.password")), password),
        h("label", { class: "field field-role" }, h("span", { class: "field-label" }, t("users.role")), role),
        h("div", { class: "field field-button" }, submit)));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void createUser();
    });
    return form;
  }

  function userRow(user: UserAccount): HTMLElement {
    const self = user.name === session.user;
    const selfTitle = self ? t("users.self") : null;
    const role = h("select", { class: "input input-inline", "aria-label": t("users.colRole"), "data-testid": "user-role", disabled: self, title: selfTitle },
      roles.map((r) => h("option", { value: r }, t(`role.${r}` as Key))));
    role.value = user.role;
    role.addEventListener("change", () => {
      const next = role.value as SystemRole;
      void change(() => api.updateUser(user.name, { role: next }), t("users.roleChanged", { name: user.name, role: t(`role.${next}` as Key) }));
    });
    const disabled = user.disabled === true;
    const toggle = h("button", {
      class: "btn btn-small", type: "button", "data-testid": "user-toggle", disabled: self, title: selfTitle,
      onclick: () => void change(() => api.updateUser(user.name, { disabled: !disabled }),
        t(disabled ? "users.enabledToast" : "users.disabledToast", { name: user.name })),
    }, disabled ? t("users.enable") : t("users.disable"));
    const reset = h("button", { class: "btn btn-small", type: "button", "data-testid": "user-reset-password", onclick: () => resetPassword(user) },
      icon("lock"), t("users.resetPassword"));
    const del = iconButton("trash", t("common.delete"), () => void removeUser(user), { "data-testid": "user-delete" });
    if (self) {
      del.disabled = true;
      del.title = t("users.self");
    }
    return h("tr", { "data-testid": "user-row", "data-user": user.name, "data-role": user.role, "data-disabled": String(disabled) },
      h("td", { class: "col-principal" },
        h("span", { class: "principal" },
          h("span", { class: "account-avatar account-avatar-small", "aria-hidden": "true" }, Array.from(user.name)[0]?.toUpperCase() ?? "?"),
          h("span", { class: "principal-name" }, user.name),
          self ? h("span", { class: "self-tag" }, t("users.you")) : null)),
      h("td", null, role),
      h("td", null, h("span", { class: disabled ? "state-pill state-off" : "state-pill state-on", "data-testid": "user-status" },
        disabled ? t("users.disabled") : t("users.enabled"))),
      h("td", { class: "col-date" }, formatDate(user.createdAt)),
      h("td", { class: "col-buttons" }, h("div", { class: "row-actions" }, toggle, reset, del)));
  }

  function usersTable(list: UserAccount[]): HTMLElement {
    const head = (key: Key, cls = "") => h("th", { scope: "col", class: cls }, t(key));
    return h("div", { class: "card table-card" },
      h("div", { class: "table-wrap" },
        h("table", { class: "table users-table", "data-testid": "users-table" },
          h("thead", null, h("tr", null, head("users.colName"), head("users.colRole"), head("users.colStatus"), head("users.colCreated"),
            h("th", { scope: "col", class: "col-buttons" }, h("span", { class: "visually-hidden" }, t("users.colActions"))))),
          h("tbody", null, list.length > 0
            ? list.map(userRow)
            : h("tr", { class: "empty-row" }, h("td", { colspan: "5" }, emptyState("users", t("users.empty"))))))));
  }

  function groupCard(group: UserGroup): HTMLElement {
    const candidates = (users ?? []).filter((u) => !group.members.some((m) => m.toLowerCase() === u.name.toLowerCase()));
    const select = h("select", { class: "input input-inline", "aria-label": t("groups.pickUser"), "data-testid": "group-member-select" },
      h("option", { value: "" }, t("groups.pickUser")),
      candidates.map((u) => h("option", { value: u.name }, u.name)));
    select.value = picked.get(group.name) ?? "";
    select.addEventListener("change", () => picked.set(group.name, select.value));
    const add = h("button", {
      class: "btn btn-small", type: "button", "data-testid": "group-member-add",
      onclick: () => {
        const user = select.value;
        if (!user) return;
        picked.delete(group.name);
        void change(() => api.addGroupMember(group.name, user), t("groups.memberAdded", { user, group: group.name }));
      },
    }, icon("plus"), t("groups.add"));
    const members = group.members.length > 0
      ? h("div", { class: "member-chips" }, group.members.map((user) =>
        h("span", { class: "member-chip", "data-testid": "group-member", "data-user": user },
          h("span", null, user),
          h("button", {
            class: "member-chip-remove", type: "button", title: t("groups.removeMember", { user }), "aria-label": t("groups.removeMember", { user }),
            "data-testid": "group-member-remove",
            onclick: () => void change(() => api.removeGroupMember(group.name, user), t("groups.memberRemoved", { user, group: group.name })),
          }, icon("x")))))
      : h("p", { class: "muted small" }, t("groups.noMembers"));
    return h("div", { class: "group-card", "data-testid": "group-row", "data-group": group.name },
      h("div", { class: "group-head" },
        icon("users", "icon group-icon"),
        h("h3", { class: "group-name" }, group.name),
        h("span", { class: "muted small" }, t("groups.members", { n: group.members.length })),
        h("span", { class: "spacer" }),
        iconButton("trash", t("common.delete"), () => void removeGroup(group), { "data-testid": "group-delete" })),
      members,
      h("div", { class: "group-add" }, select, add));
  }

  function groupsSection(list: UserGroup[]): HTMLElement {
    const name = h("input", {
      class: "input input-small", type: "text", maxlength: "64", value: groupForm.name, placeholder: t("groups.namePlaceholder"),
      autocomplete: "off", "aria-label": t("groups.name"), "data-testid": "group-name-input",
    });
    name.addEventListener("input", () => (groupForm.name = name.value));
    const form = h("form", { class: "inline-form", novalidate: true }, name,
      h("button", { class: "btn btn-primary", type: "submit", disabled: groupForm.busy, "data-testid": "group-create" }, icon("plus"), t("groups.create")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void createGroup();
    });
    return h("section", { class: "section", "data-testid": "groups" },
      h("div", { class: "section-head" },
        h("div", null, h("h2", null, t("groups.title")), h("p", { class: "page-sub" }, t("groups.subtitle"))),
        form),
      list.length > 0
        ? h("div", { class: "group-grid" }, list.map(groupCard))
        : h("div", { class: "card" }, emptyState("users", t("groups.empty"))));
  }

  function render(): void {
    const focused = document.activeElement?.getAttribute("data-testid");
    const parts: (HTMLElement | null)[] = [
      pageHeader(t("users.title"), t("users.subtitle"), users ? h("span", { class: "muted" }, t("users.count", { n: users.length })) : null),
      userCreateCard(),
    ];
    if (loadError) parts.push(errorState(loadError, () => void load()));
    if (users && groups) parts.push(usersTable(users), groupsSection(groups));
    else if (!loadError) parts.push(spinner(t("app.loading")));
    root.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    if (focused === "user-name-input" || focused === "user-password-input" || focused === "group-name-input") {
      root.querySelector<HTMLInputElement>(`[data-testid=${focused}]`)?.focus();
    }
  }

  render();
  void load();
  return {
    root,
    render,
    dispose() {
      disposed = true;
    },
  };
}
