// The signed-in user in the header: name and role, a menu (change password, API keys, users and audit log for
// administrators, sign out), the change-password dialog and signing out.

import { api, errorMessage } from "./api.js";
import { h } from "./dom.js";
import { t, type Key } from "./i18n.js";
import { icon, type IconName } from "./icons.js";
import { hrefOf, type RouteName } from "./router.js";
import { session } from "./session.js";
import { openDialog, toast, toastError, type DialogParts } from "./ui.js";

let closeOpenMenu: (() => void) | null = null;

/** The account button with its menu, or null when the server has no accounts or nobody is signed in. */
export function accountMenu(): HTMLElement | null {
  const info = session.info;
  if (!info || !info.accounts) return null;
  closeOpenMenu?.();

  const button = h("button", {
    class: "account-button", type: "button", "data-testid": "user-menu", "aria-haspopup": "menu", "aria-expanded": "false",
    title: t("account.menu", { user: info.user }),
  },
  h("span", { class: "account-avatar", "aria-hidden": "true" }, Array.from(info.user)[0]?.toUpperCase() ?? "?"),
  h("span", { class: "account-name", "data-testid": "current-user" }, info.user),
  h("span", { class: `role-pill role-${info.role}`, "data-testid": "current-role", "data-role": info.role }, t(`role.${info.role}` as Key)),
  icon("chevronDown", "icon account-chevron"));

  const item = (testid: string, iconName: IconName, label: string, action: string | (() => void)) => {
    const attrs = { class: "menu-item", role: "menuitem", "data-testid": testid };
    if (typeof action === "string") {
      return h("a", { ...attrs, href: action, onclick: () => close() }, icon(iconName), h("span", null, label));
    }
    return h("button", { ...attrs, type: "button", onclick: () => { close(); action(); } }, icon(iconName), h("span", null, label));
  };
  const link = (name: RouteName) => hrefOf({ name });

  const menu = h("div", { class: "menu", role: "menu", "data-testid": "user-menu-list", hidden: true },
    h("div", { class: "menu-head" },
      h("div", { class: "menu-user" }, info.user),
      h("div", { class: "menu-role" }, t(`role.${info.role}` as Key))),
    item("menu-password", "lock", t("account.changePassword"), () => void changePasswordDialog()),
    item("menu-keys", "key", t("account.keys"), link("keys")),
    info.role === "admin" ? [
      h("div", { class: "menu-sep", role: "separator" }),
      item("menu-users", "users", t("account.users"), link("users")),
      item("menu-audit", "list", t("account.audit"), link("audit")),
    ] : null,
    h("div", { class: "menu-sep", role: "separator" }),
    item("menu-logout", "logout", t("account.signOut"), () => void signOut()));

  const wrap = h("div", { class: "account" }, button, menu);

  function onDocument(event: Event): void {
    if (event instanceof KeyboardEvent) {
      if (event.key === "Escape") {
        close();
        button.focus();
      }
      return;
    }
    if (!wrap.contains(event.target as Node)) close();
  }

  function open(): void {
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    document.addEventListener("mousedown", onDocument, true);
    document.addEventListener("keydown", onDocument, true);
    closeOpenMenu = close;
    menu.querySelector<HTMLElement>(".menu-item")?.focus();
  }

  function close(): void {
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    document.removeEventListener("mousedown", onDocument, true);
    document.removeEventListener("keydown", onDocument, true);
    if (closeOpenMenu === close) closeOpenMenu = null;
  }

  button.addEventListener("click", () => (menu.hidden ? open() : close()));
  return wrap;
}

/** Ends the session and starts the page again, which asks for a sign-in with nothing of the previous user kept. */
export async function signOut(): Promise<void> {
  try {
    await api.logout();
  } catch (error) {
    toastError(error);
    return;
  }
  session.clear();
  history.replaceState(null, "", "/#/kbs");
  location.reload();
}

/** Asks for the current password and a new one (twice); POST /api/auth/password. */
export function changePasswordDialog(): Promise<boolean> {
  return new Promise((resolve) => {
    let parts: DialogParts | null = null;
    const field = (label: string, input: HTMLInputElement) =>
      h("label", { class: "field" }, h("span", { class: "field-label" }, label), input);
    const current = h("input", { class: "input", type: "password", autocomplete: "current-password", "data-testid": "password-current" });
    const next = h("input", { class: "input", type: "password", autocomplete: "new-password", "data-testid": "password-new" });
    const again = h("input", { class: "input", type: "password", autocomplete: "new-password", "data-testid": "password-confirm" });
    const error = h("p", { class: "form-error", hidden: true, role: "alert", "data-testid": "password-error" });
    const submit = h("button", { class: "btn btn-primary", type: "submit", form: "password-form", "data-testid": "password-submit" }, t("password.submit"));
    const finish = (ok: boolean) => {
      parts?.close();
      resolve(ok);
    };
    const fail = (message: string) => {
      error.textContent = message;
      error.hidden = false;
      submit.disabled = false;
    };
    const form = h("form", { class: "form-stack", id: "password-form" },
      field(t("password.current"), current), field(t("password.new"), next), field(t("password.confirm"), again), error);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!current.value || !next.value) return fail(t("password.required"));
      if (next.value !== again.value) return fail(t("password.mismatch"));
      submit.disabled = true;
      try {
        await api.changePassword(current.value, next.value);
        toast(t("password.changed"), "success");
        finish(true);
      } catch (e) {
        fail(errorMessage(e));
      }
    });
    const cancel = h("button", { class: "btn", type: "button", onclick: () => finish(false) }, t("common.cancel"));
    parts = openDialog(t("password.title"), form, [cancel, submit], () => finish(false), "password-dialog");
    current.focus();
  });
}
