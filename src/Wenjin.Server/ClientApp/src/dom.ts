// Small DOM helpers. Every piece of text goes in as a text node (never as HTML), so document text, answers and
// server messages can never inject markup.

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: never) => void;
export type AttrValue = string | number | boolean | null | undefined | Handler;
export type Attrs = Record<string, AttrValue>;

/**
 * Creates an element. Attributes: `class`, `value` and `checked` are set as properties, `onxxx` functions become
 * event listeners, `false`/`null`/`undefined` are left out, `true` sets an empty boolean attribute.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  let value: string | undefined;
  if (attrs) {
    for (const [name, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (typeof v === "function") {
        el.addEventListener(name.slice(2).toLowerCase(), v as unknown as EventListener);
      } else if (name === "class") {
        el.className = String(v);
      } else if (name === "value") {
        value = String(v);
      } else if (name === "checked") {
        (el as unknown as { checked: boolean }).checked = Boolean(v);
      } else {
        el.setAttribute(name, v === true ? "" : String(v));
      }
    }
  }
  append(el, children);
  if (value !== undefined) (el as unknown as { value: string }).value = value;
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** Sets a CSS width in percent through the CSSOM (allowed by a strict Content-Security-Policy). */
export function setWidth(el: HTMLElement, percent: number): void {
  el.style.width = `${Math.max(0, Math.min(100, percent))}%`;
}

/** Makes a non-button element act like a button for keyboard users. */
export function activate(el: HTMLElement, action: (event: Event) => void): void {
  el.tabIndex = 0;
  el.setAttribute("role", el.getAttribute("role") ?? "button");
  el.addEventListener("click", action);
  el.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      action(event);
    }
  });
}
