// Shared UI pieces: toasts, dialogs, empty/error states and formatting.

import { api, errorMessage } from "./api.js";
import { activate, h, type Child } from "./dom.js";
import { locale, t, type Key } from "./i18n.js";
import { icon, type IconName } from "./icons.js";
import { session } from "./session.js";

// ---- Toasts ---------------------------------------------------------------------------------------------------

export type ToastKind = "error" | "success" | "info";

function toastHost(): HTMLElement {
  let host = document.getElementById("toasts");
  if (!host) {
    host = h("div", { id: "toasts", class: "toasts", "aria-live": "polite" });
    document.body.append(host);
  }
  return host;
}

export function toast(message: string, kind: ToastKind = "error"): void {
  const host = toastHost();
  // The same message twice in a row (e.g. a poll failing every second) is shown once.
  for (const existing of Array.from(host.children)) {
    if (existing.getAttribute("data-message") === message) return;
  }
  const iconName: IconName = kind === "error" ? "alert" : kind === "success" ? "check" : "info";
  const close = h("button", { class: "toast-close", type: "button", title: t("toast.close"), "aria-label": t("toast.close") }, icon("x"));
  const el = h("div", { class: `toast toast-${kind}`, role: kind === "error" ? "alert" : "status", "data-testid": "toast", "data-kind": kind, "data-message": message },
    icon(iconName, "icon toast-icon"), h("div", { class: "toast-text" }, message), close);
  const remove = () => {
    el.classList.add("toast-leaving");
    window.setTimeout(() => el.remove(), 200);
  };
  close.addEventListener("click", remove);
  host.append(el);
  window.setTimeout(remove, kind === "error" ? 8000 : 4000);
}

export function toastError(error: unknown): void {
  toast(errorMessage(error), "error");
}

// ---- Dialogs --------------------------------------------------------------------------------------------------

export interface DialogParts {
  backdrop: HTMLElement;
  dialog: HTMLElement;
  close(): void;
}

/** A modal dialog (title, body, footer buttons); Escape calls onEscape. The caller closes it. */
export function openDialog(title: string, body: Child, footer: Child, onEscape: () => void, testid?: string): DialogParts {
  const previousFocus = document.activeElement as HTMLElement | null;
  const dialog = h("div", { class: "dialog", role: "dialog", "aria-modal": "true", "aria-label": title, "data-testid": testid ?? null },
    h("div", { class: "dialog-head" }, h("h2", null, title)),
    h("div", { class: "dialog-body" }, body),
    h("div", { class: "dialog-foot" }, footer));
  const backdrop = h("div", { class: "dialog-backdrop" }, dialog);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onEscape();
    }
  };
  document.addEventListener("keydown", onKey, true);
  document.body.append(backdrop);
  return {
    backdrop,
    dialog,
    close() {
      document.removeEventListener("keydown", onKey, true);
      backdrop.remove();
      previousFocus?.focus?.();
    },
  };
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
}

/** A modal yes/no question; resolves true when confirmed. Buttons: data-testid confirm-ok / confirm-cancel. */
export function confirmDialog(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    let parts: DialogParts | null = null;
    const finish = (answer: boolean) => {
      parts?.close();
      resolve(answer);
    };
    const cancel = h("button", { class: "btn", type: "button", "data-testid": "confirm-cancel", onclick: () => finish(false) }, t("common.cancel"));
    const ok = h("button", { class: options.danger ? "btn btn-danger" : "btn btn-primary", type: "button", "data-testid": "confirm-ok", onclick: () => finish(true) },
      options.confirmLabel ?? t("common.confirm"));
    parts = openDialog(options.title, h("p", { class: "dialog-message" }, options.message), [cancel, ok], () => finish(false));
    parts.backdrop.addEventListener("mousedown", (event) => {
      if (event.target === parts?.backdrop) finish(false);
    });
    ok.focus();
  });
}

let loginInFlight: Promise<boolean> | null = null;

/** Asks for a user name and password (POST /api/auth/login); resolves true once signed in. One dialog at a time. */
export function loginDialog(): Promise<boolean> {
  if (loginInFlight) return loginInFlight;
  loginInFlight = new Promise<boolean>((resolve) => {
    let parts: DialogParts | null = null;
    const user = h("input", { class: "input", type: "text", autocomplete: "username", "data-testid": "login-user" });
    const password = h("input", { class: "input", type: "password", autocomplete: "current-password", "data-testid": "login-password" });
    const error = h("p", { class: "form-error", hidden: true, role: "alert", "data-testid": "login-error" });
    const submit = h("button", { class: "btn btn-primary", type: "submit", "data-testid": "login-submit" }, t("login.submit"));
    const finish = (ok: boolean) => {
      parts?.close();
      loginInFlight = null;
      resolve(ok);
    };
    const form = h("form", { class: "form-stack" },
      h("p", { class: "dialog-message" }, t("login.message")),
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("login.user")), user),
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("login.password")), password),
      error);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        session.set(await api.login(user.value.trim(), password.value));
        finish(true);
      } catch (e) {
        error.textContent = t("login.failed", { detail: errorMessage(e) });
        error.hidden = false;
        submit.disabled = false;
      }
    });
    const cancel = h("button", { class: "btn", type: "button", "data-testid": "login-cancel", onclick: () => finish(false) }, t("common.cancel"));
    submit.setAttribute("form", "login-form");
    form.id = "login-form";
    parts = openDialog(t("login.title"), form, [cancel, submit], () => finish(false), "login-dialog");
    user.focus();
  });
  return loginInFlight;
}

// ---- States ---------------------------------------------------------------------------------------------------

export function spinner(label?: string): HTMLElement {
  return h("div", { class: "loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), label ? h("span", null, label) : null);
}

export function emptyState(iconName: IconName, text: string, action?: Child): HTMLElement {
  return h("div", { class: "empty" }, icon(iconName, "icon empty-icon"), h("p", null, text), action ?? null);
}

export function errorState(message: string, retry?: () => void, extra?: Child): HTMLElement {
  return h("div", { class: "banner banner-error", role: "alert", "data-testid": "error-banner" },
    icon("alert", "icon banner-icon"),
    h("div", { class: "banner-text" }, message),
    retry ? h("button", { class: "btn btn-small", type: "button", onclick: retry }, t("common.retry")) : null,
    extra ?? null);
}

export function pageHeader(title: string, subtitle?: string | null, actions?: Child): HTMLElement {
  return h("div", { class: "page-head" },
    h("div", { class: "page-head-text" }, h("h1", null, title), subtitle ? h("p", { class: "page-sub" }, subtitle) : null),
    actions ? h("div", { class: "page-actions" }, actions) : null);
}

export function iconButton(iconName: IconName, label: string, onClick: (event: MouseEvent) => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const button = h("button", { class: "icon-btn", type: "button", title: label, "aria-label": label, ...attrs }, icon(iconName));
  button.addEventListener("click", onClick);
  return button;
}

export function clickable<T extends HTMLElement>(el: T, action: (event: Event) => void): T {
  activate(el, action);
  return el;
}

// ---- Formatting -----------------------------------------------------------------------------------------------

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t("common.none");
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(date);
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return t("common.none");
  return new Intl.NumberFormat(locale()).format(n);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return t("common.none");
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return t("common.none");
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

export function formatScore(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e6)) return value.toExponential(2);
  return value.toFixed(abs >= 100 ? 2 : 4).replace(/\.?0+$/, "") || "0";
}

export function pageLabel(page: number | null | undefined): string {
  return page ? t("common.page", { page }) : t("common.noPage");
}

export function stageLabel(stage: string | null | undefined): string {
  if (!stage) return "";
  const key = `stage.${stage.toLowerCase()}`;
  return (["stage.read", "stage.detect", "stage.parse", "stage.chunk", "stage.store", "stage.upload"] as string[]).includes(key)
    ? t(key as Key)
    : stage;
}
