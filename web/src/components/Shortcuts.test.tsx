// The keyboard shortcuts: "?" opens the help, "n" the composer, "j"/"k"
// move through the posts; none fires while typing in a field or with a
// modifier held.
import { afterEach, beforeAll, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { Shortcuts } from "./Shortcuts";
import { nextPostIndex, shortcutFor } from "../lib/shortcuts";

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods.
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal: () => void };
  if (!proto.showModal) proto.showModal = function (this: HTMLDialogElement) { this.setAttribute("open", ""); };
  if (!proto.close) proto.close = function (this: HTMLDialogElement) { this.removeAttribute("open"); };
  Element.prototype.scrollIntoView ??= () => {};
});

afterEach(() => cleanup());

function page() {
  return render(
    <div>
      <main>
        <div class="card composer-card">
          <textarea id="composer-1" aria-label="New post" />
        </div>
        <input aria-label="Other field" />
        <div contentEditable="true" data-testid="editable" />
        <article class="status" data-testid="p1">one</article>
        <article class="status" data-testid="p2">two</article>
        <article class="status" data-testid="p3">three</article>
      </main>
      <Shortcuts />
    </div>,
  );
}

test("? opens the list of shortcuts", () => {
  page();
  expect(screen.queryByTestId("shortcut-help")).toBeNull();
  fireEvent.keyDown(document.body, { key: "?" });
  const help = screen.getByTestId("shortcut-help");
  for (const key of ["/", "n", "j", "k", "?"]) expect(help.textContent).toContain(key);
  expect(help.textContent).toContain("Write a new post");
});

test("n focuses the composer; j and k move through the posts", () => {
  page();
  fireEvent.keyDown(document.body, { key: "n" });
  expect(document.activeElement).toBe(screen.getByLabelText("New post"));

  (document.activeElement as HTMLElement).blur();
  fireEvent.keyDown(document.body, { key: "j" });
  expect(document.activeElement).toBe(screen.getByTestId("p1"));
  fireEvent.keyDown(document.activeElement!, { key: "j" });
  expect(document.activeElement).toBe(screen.getByTestId("p2"));
  fireEvent.keyDown(document.activeElement!, { key: "j" });
  fireEvent.keyDown(document.activeElement!, { key: "j" });
  expect(document.activeElement).toBe(screen.getByTestId("p3"));
  fireEvent.keyDown(document.activeElement!, { key: "k" });
  expect(document.activeElement).toBe(screen.getByTestId("p2"));
});

test("no shortcut fires while typing in a field or with a modifier", () => {
  page();
  const field = screen.getByLabelText("Other field");
  field.focus();
  for (const key of ["n", "j", "k", "?"]) fireEvent.keyDown(field, { key });
  expect(document.activeElement).toBe(field);
  expect(screen.queryByTestId("shortcut-help")).toBeNull();

  const composer = screen.getByLabelText("New post");
  composer.focus();
  fireEvent.keyDown(composer, { key: "j" });
  expect(document.activeElement).toBe(composer);

  (document.activeElement as HTMLElement).blur();
  fireEvent.keyDown(document.body, { key: "n", ctrlKey: true });
  fireEvent.keyDown(document.body, { key: "?", metaKey: true });
  expect(document.activeElement).toBe(document.body);
  expect(screen.queryByTestId("shortcut-help")).toBeNull();
});

test("shortcutFor answers the action, or null in fields, with modifiers, and in IME composition", () => {
  const body = document.body;
  expect(shortcutFor({ key: "n", target: body })).toBe("new-post");
  expect(shortcutFor({ key: "j", target: body })).toBe("next-post");
  expect(shortcutFor({ key: "k", target: body })).toBe("previous-post");
  expect(shortcutFor({ key: "?", target: body })).toBe("help");
  expect(shortcutFor({ key: "x", target: body })).toBeNull();
  expect(shortcutFor({ key: "N", target: body })).toBeNull();
  // The search key is the search box's own.
  expect(shortcutFor({ key: "/", target: body })).toBeNull();
  for (const tag of ["input", "textarea", "select"]) expect(shortcutFor({ key: "n", target: document.createElement(tag) })).toBeNull();
  const editable = document.createElement("div");
  editable.setAttribute("contenteditable", "true");
  expect(shortcutFor({ key: "n", target: editable })).toBeNull();
  const inDialog = document.createElement("dialog");
  inDialog.setAttribute("open", "");
  const btn = document.createElement("button");
  inDialog.append(btn);
  expect(shortcutFor({ key: "j", target: btn })).toBeNull();
  expect(shortcutFor({ key: "n", target: body, altKey: true })).toBeNull();
  expect(shortcutFor({ key: "n", target: body, isComposing: true })).toBeNull();
});

test("nextPostIndex stops at either end and starts from the first post on screen", () => {
  expect(nextPostIndex(0, -1, 1)).toBeNull();
  expect(nextPostIndex(3, -1, 1)).toBe(0);
  expect(nextPostIndex(3, -1, 1, 2)).toBe(2);
  expect(nextPostIndex(3, -1, -1)).toBeNull();
  expect(nextPostIndex(3, -1, -1, 2)).toBe(1);
  expect(nextPostIndex(3, 0, 1)).toBe(1);
  expect(nextPostIndex(3, 2, 1)).toBeNull();
  expect(nextPostIndex(3, 0, -1)).toBeNull();
  expect(nextPostIndex(3, 2, -1)).toBe(1);
});
