// A Server-Sent Events parser for a fetch() response body (the EventSource API cannot POST).
// Follows the WHATWG event-stream format: lines end in CRLF, LF or CR; "field: value"; a blank line dispatches the
// event; lines starting with ":" are comments; several data lines are joined with "\n".

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export class SseParser {
  private buffer = "";
  private eventName = "";
  private dataLines: string[] = [];
  private lastId: string | undefined;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  /** Feeds decoded text; dispatches every event completed by it. */
  push(chunk: string): void {
    this.buffer += chunk;
    // A trailing lone CR may be the first half of a CRLF, so it waits for the next chunk.
    const lineEnd = /\r\n|\n|\r(?!$)/g;
    let start = 0;
    let match: RegExpExecArray | null;
    while ((match = lineEnd.exec(this.buffer)) !== null) {
      this.line(this.buffer.slice(start, match.index));
      start = match.index + match[0].length;
    }
    this.buffer = this.buffer.slice(start);
  }

  /** The stream ended: the last line and a last event without its blank line still count. */
  end(): void {
    const rest = this.buffer.replace(/\r$/, "");
    this.buffer = "";
    if (rest.length > 0) this.line(rest);
    this.dispatch();
  }

  private line(line: string): void {
    if (line === "") {
      this.dispatch();
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "event":
        this.eventName = value;
        break;
      case "data":
        this.dataLines.push(value);
        break;
      case "id":
        this.lastId = value;
        break;
      default:
        break; // "retry" and unknown fields do not matter here.
    }
  }

  private dispatch(): void {
    if (this.dataLines.length === 0) {
      this.eventName = "";
      return;
    }
    const event: SseEvent = { event: this.eventName || "message", data: this.dataLines.join("\n") };
    if (this.lastId !== undefined) event.id = this.lastId;
    this.eventName = "";
    this.dataLines = [];
    this.onEvent(event);
  }
}
