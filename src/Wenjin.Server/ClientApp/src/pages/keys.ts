// The signed-in user's API keys: list (prefix, knowledge bases, read-only, expiry, last use, revoked), create (shown
// once in a dialog with a copy button), revoke.

import { api, errorMessage, type ApiKeyInfo, type CreatedApiKey } from "../api.js";
import { h } from "../dom.js";
import { t, type Key } from "../i18n.js";
import { icon } from "../icons.js";
import type { Page } from "../page.js";
import { session } from "../session.js";
import { confirmDialog, emptyState, errorState, formatDate, openDialog, pageHeader, spinner, toast, toastError, type DialogParts } from "../ui.js";

type KeyStatus = "active" | "revoked" | "expired";

function statusOf(key: ApiKeyInfo, now: number): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return "expired";
  return "active";
}

/** How a key is recognised without its secret: "wj_<prefix>_…" (as the server logs it). */
function shownPrefix(key: ApiKeyInfo): string {
  return `wj_${key.prefix}_…`;
}

/** Copies the text; true when it reached the clipboard. */
async function copyText(text: string, input: HTMLInputElement): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no user activation, insecure context): fall back to the selection.
  }
  input.focus();
  input.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

/** The one time the key is shown: read-only field, copy button, warning. Resolves when closed. */
function showCreatedKey(created: CreatedApiKey): Promise<void> {
  return new Promise((resolve) => {
    let parts: DialogParts | null = null;
    const secret = h("input", {
      class: "input key-secret", type: "text", readonly: true, value: created.key, spellcheck: "false", autocomplete: "off",
      "aria-label": t("account.keys"), "data-testid": "key-secret",
    });
    secret.addEventListener("focus", () => secret.select());
    const copy = h("button", { class: "btn", type: "button", "data-testid": "key-copy" }, icon("copy"), t("keys.copy"));
    copy.addEventListener("click", async () => {
      if (await copyText(created.key, secret)) toast(t("keys.copied"), "success");
      else {
        secret.select();
        toast(t("keys.copyFailed"), "info");
      }
    });
    const finish = () => {
      parts?.close();
      resolve();
    };
    const done = h("button", { class: "btn btn-primary", type: "button", "data-testid": "key-done", onclick: finish }, t("keys.done"));
    const body = h("div", { class: "form-stack" },
      h("div", { class: "banner banner-warn key-warning", role: "alert", "data-testid": "key-warning" },
        icon("alert", "icon banner-icon"), h("div", { class: "banner-text" }, t("keys.createdWarning"))),
      h("div", { class: "key-secret-row" }, secret, copy));
    parts = openDialog(t("keys.createdTitle", { name: created.info.name }), body, done, finish, "key-dialog");
    parts.dialog.classList.add("dialog-wide");
    secret.focus();
  });
}

export function keysPage(): Page {
  const root = h("div", { class: "page page-keys" });
  let keys: ApiKeyInfo[] | null = null;
  let loadError: string | null = null;
  const form = { name: "", kbs: new Set<string>(), readOnly: false, expiry: "", busy: false };
  let disposed = false;

  async function load(): Promise<void> {
    try {
      keys = await api.listKeys();
      loadError = null;
    } catch (error) {
      loadError = errorMessage(error);
    }
    if (!disposed) render();
  }

  async function create(): Promise<void> {
    const name = form.name.trim();
    if (!name) {
      toast(t("keys.required"));
      return;
    }
    const days = form.expiry.trim() ? Number(form.expiry.trim()) : null;
    form.busy = true;
    render();
    let created: CreatedApiKey | null = null;
    try {
      created = await api.createKey(name, [...form.kbs], form.readOnly, days !== null && Number.isFinite(days) ? Math.round(days) : null);
      form.name = "";
      form.kbs.clear();
      form.readOnly = false;
      form.expiry = "";
    } catch (error) {
      toastError(error);
    } finally {
      form.busy = false;
    }
    await load();
    if (created && !disposed) await showCreatedKey(created);
  }

  async function revoke(key: ApiKeyInfo): Promise<void> {
    const ok = await confirmDialog({
      title: t("keys.revokeTitle"), message: t("keys.revokeMessage", { name: key.name, prefix: shownPrefix(key) }), confirmLabel: t("keys.revoke"), danger: true,
    });
    if (!ok) return;
    try {
      await api.revokeKey(key.id);
      toast(t("keys.revoked", { name: key.name }), "success");
    } catch (error) {
      toastError(error);
    }
    await load();
  }

  function createCard(): HTMLElement {
    const name = h("input", {
      class: "input", type: "text", maxlength: "64", value: form.name, placeholder: t("keys.namePlaceholder"), autocomplete: "off",
      "aria-label": t("keys.name"), "data-testid": "key-name-input",
    });
    name.addEventListener("input", () => (form.name = name.value));
    const expiry = h("input", {
      class: "input", type: "number", min: "1", max: "3650", step: "1", value: form.expiry, placeholder: "90",
      "aria-label": t("keys.expiry"), "data-testid": "key-expiry",
    });
    expiry.addEventListener("input", () => (form.expiry = expiry.value));
    const readOnly = h("input", { type: "checkbox", checked: form.readOnly, "data-testid": "key-readonly" });
    readOnly.addEventListener("change", () => (form.readOnly = readOnly.checked));
    const mine = (session.info?.kbs ?? []).map((k) => k.kb).sort((a, b) => a.localeCompare(b));
    const kbOptions = mine.length > 0
      ? h("div", { class: "kb-checks", role: "group", "aria-label": t("keys.kbs"), "data-testid": "key-kbs" }, mine.map((kb) => {
        const box = h("input", { type: "checkbox", checked: form.kbs.has(kb), value: kb, "data-testid": "key-kb", "data-kb": kb });
        box.addEventListener("change", () => (box.checked ? form.kbs.add(kb) : form.kbs.delete(kb)));
        return h("label", { class: "kb-check" }, box, h("span", null, kb));
      }))
      : h("p", { class: "muted small" }, t("keys.noKbs"));
    const submit = h("button", { class: "btn btn-primary", type: "submit", disabled: form.busy, "data-testid": "key-create" }, icon("plus"), t("keys.createButton"));
    const el = h("form", { class: "card create-card", novalidate: true, "data-testid": "key-form" },
      h("h2", { class: "card-title" }, t("keys.create")),
      h("div", { class: "create-row" },
        h("label", { class: "field field-name" }, h("span", { class: "field-label" }, t("keys.name")), name),
        h("label", { class: "field field-days" }, h("span", { class: "field-label" }, t("keys.expiry")), expiry,
          h("span", { class: "field-hint" }, t("keys.expiryHint"))),
        h("label", { class: "field field-check" }, readOnly, h("span", null, t("keys.readOnly"))),
        h("div", { class: "field field-button" }, submit)),
      h("div", { class: "field key-kbs-field" },
        h("span", { class: "field-label" }, t("keys.kbs")),
        kbOptions,
        h("span", { class: "field-hint" }, t("keys.kbsHint"))));
    el.addEventListener("submit", (event) => {
      event.preventDefault();
      void create();
    });
    return el;
  }

  function keyRow(key: ApiKeyInfo, now: number): HTMLElement {
    const status = statusOf(key, now);
    const kbs = key.kbs && key.kbs.length > 0
      ? h("div", { class: "chips" }, key.kbs.map((kb) => h("span", { class: "kb-pill" }, kb)))
      : h("span", { class: "muted" }, t("keys.allKbs"));
    return h("tr", { "data-testid": "key-row", "data-key-id": String(key.id), "data-prefix": key.prefix, "data-status": status, class: status === "active" ? null : "key-inactive" },
      h("td", { class: "key-name" }, key.name),
      h("td", null, h("code", { class: "key-prefix" }, shownPrefix(key))),
      h("td", null, kbs),
      h("td", null, key.readOnly ? t("keys.access.readOnly") : t("keys.access.readWrite")),
      h("td", { class: "col-date" }, formatDate(key.createdAt)),
      h("td", { class: "col-date" }, formatDate(key.expiresAt)),
      h("td", { class: "col-date" }, key.lastUsedAt ? formatDate(key.lastUsedAt) : t("keys.never")),
      h("td", null, h("span", { class: `state-pill ${status === "active" ? "state-on" : "state-off"}`, "data-testid": "key-status" },
        t(`keys.status.${status}` as Key), status === "revoked" && key.revokedAt ? ` · ${formatDate(key.revokedAt)}` : "")),
      h("td", { class: "col-buttons" }, status === "active"
        ? h("button", { class: "btn btn-small btn-danger-ghost", type: "button", "data-testid": "key-revoke", onclick: () => void revoke(key) }, t("keys.revoke"))
        : null));
  }

  function render(): void {
    const focused = document.activeElement?.getAttribute("data-testid");
    const head = (k: Key, cls = "") => h("th", { scope: "col", class: cls }, t(k));
    let content: HTMLElement;
    if (loadError) content = errorState(loadError, () => void load());
    else if (!keys) content = spinner(t("app.loading"));
    else {
      const now = Date.now();
      content = h("div", { class: "card table-card" },
        h("div", { class: "table-wrap" },
          h("table", { class: "table keys-table", "data-testid": "keys-table" },
            h("thead", null, h("tr", null, head("keys.colName"), head("keys.colPrefix"), head("keys.colKbs"), head("keys.colAccess"),
              head("keys.colCreated"), head("keys.colExpires"), head("keys.colLastUsed"), head("keys.colStatus"),
              h("th", { scope: "col", class: "col-buttons" }))),
            h("tbody", null, keys.length > 0
              ? keys.map((k) => keyRow(k, now))
              : h("tr", { class: "empty-row" }, h("td", { colspan: "9" }, emptyState("key", t("keys.empty"))))))));
    }
    root.replaceChildren(pageHeader(t("keys.title"), t("keys.subtitle")), createCard(), content);
    if (focused === "key-name-input" || focused === "key-expiry") root.querySelector<HTMLInputElement>(`[data-testid=${focused}]`)?.focus();
  }

  render();
  void load();
  // The knowledge bases to limit a key to are the caller's as of now (one may have been created or granted since).
  void session.refresh().catch(() => false);
  return {
    root,
    render,
    dispose() {
      disposed = true;
    },
  };
}
