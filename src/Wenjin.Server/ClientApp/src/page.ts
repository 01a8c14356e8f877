// What the shell needs from a page.

import type { Route } from "./router.js";

export interface Page {
  /** The element the shell mounts in the main panel. */
  readonly root: HTMLElement;
  /** Rebuilds the page from its state (also after the language changes). */
  render(): void;
  /** Stops timers and requests; the page is gone. */
  dispose(): void;
  /** Takes a new route of the same page and knowledge base without remounting; false to remount. */
  update?(route: Route): boolean;
}
