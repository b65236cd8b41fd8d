// The code editor (issue 13 §4): every <textarea data-editor="python"> becomes a small
// Python editor. Progressive enhancement only: without this script the textarea is a plain
// form field and the page works as before; with it the textarea is still the field that is
// submitted, and its value is exactly what the user typed.
//
// How it looks like an editor while staying a textarea (the usual overlay technique):
//
//   div.code-editor
//     div.code-gutter > div.code-lines       line numbers, moved with the textarea's scroll
//     div.code-body
//       pre.code-highlight > code            the same text, coloured by tokenize() below
//       textarea                             on top, its text transparent, its caret visible
//
// Both layers use the same font, padding and line height and never wrap lines, so each
// character of the textarea sits exactly over its coloured copy. Edits made by the keys
// below go through document.execCommand("insertText"), which keeps the browser's own undo
// stack (Ctrl+Z undoes an indent like any typed text); setRangeText is the fallback where
// execCommand is missing (that edit then cannot be undone).
//
// Keys: Tab at the caret inserts spaces up to the next multiple of 4; Tab / Shift+Tab with a
// selection indent / dedent its lines by 4 spaces, Shift+Tab at the caret its line; Enter
// keeps the indentation (4 more after a line ending in ":" or an open bracket, 4 fewer after
// return, pass, raise, break, continue); Backspace in the indentation goes back to the
// previous multiple of 4; Ctrl+Enter (Cmd+Enter) presses the form's run button; Escape then
// Tab leaves the editor, so Tab never traps a keyboard user (the hint under it says so).
(() => {
  "use strict";

  const INDENT = 4;
  const SPACES = " ".repeat(INDENT);
  const MODIFIERS = new Set(["Shift", "Control", "Alt", "Meta"]);

  // ---- the tokenizer ---------------------------------------------------------------------

  const KEYWORDS = new Set(("False None True and as assert async await break class continue " +
    "def del elif else except finally for from global if import in is lambda nonlocal not " +
    "or pass raise return try while with yield").split(" "));
  const BUILTINS = new Set(("abs all any ascii bin bool breakpoint bytearray bytes callable " +
    "chr classmethod compile complex delattr dict dir divmod enumerate eval exec filter " +
    "float format frozenset getattr globals hasattr hash help hex id input int isinstance " +
    "issubclass iter len list locals map max memoryview min next object oct open ord pow " +
    "print property range repr reversed round set setattr slice sorted staticmethod str sum " +
    "super tuple type vars zip __import__ __name__ NotImplemented Ellipsis " +
    "BaseException Exception ArithmeticError AssertionError AttributeError EOFError " +
    "FloatingPointError ImportError IndexError KeyError KeyboardInterrupt LookupError " +
    "MemoryError ModuleNotFoundError NameError NotImplementedError OSError OverflowError " +
    "RecursionError RuntimeError StopIteration TypeError ValueError ZeroDivisionError " +
    "Warning UserWarning DeprecationWarning RuntimeWarning").split(" "));

  // Sticky regular expressions (flag y): each matches only at lastIndex, so the scanner
  // tries them in turn at its position without slicing the source.
  const BLANK = /[ \t\f\r]+/y;
  const COMMENT = /#[^\n]*/y;
  const DECORATOR = /@[ \t]*[\p{L}_][\p{L}\p{N}_.]*/uy;  // only at the start of a line
  const STRING_OPEN = /((?:[rR][bBfF]?|[bBfF][rR]?|[uU])?)('''|"""|'|")/y;
  const IDENT = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
  const DIGITS = String.raw`\d(?:_?\d)*`;  // 1_000: underscores between digits
  const NUMBER = new RegExp([
    String.raw`0[xX](?:_?[\da-fA-F])+`, String.raw`0[oO](?:_?[0-7])+`, String.raw`0[bB](?:_?[01])+`,
    // 12, 1.5, 1., .5, each with an optional exponent, then an optional j (imaginary)
    String.raw`(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?[jJ]?`,
  ].join("|"), "y");
  // Operators and punctuation: anything that cannot start one of the tokens above.
  const OTHER = /[^\s\p{L}\p{N}_'"#@.]+/uy;

  function matchAt(re, src, i) {
    re.lastIndex = i;
    const m = re.exec(src);
    return m && m[0];
  }

  // Appends a token, merging it with the previous one when both have the same type (long
  // runs of plain text become one text node instead of many).
  function push(out, type, text) {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.type === type) last.text += text;
    else out.push({ type, text });
  }

  // Where a string that opened with `quote` just before index i ends: the index after its
  // closing quote. A backslash always protects the next character (in raw strings too, as
  // in Python: r"\"" is one string). A single-quoted string stops at an unescaped newline,
  // an unterminated triple-quoted one runs to the end of the source.
  function stringEnd(src, i, quote) {
    const triple = quote.length === 3;
    const q = quote[0];
    for (let j = i; j < src.length; j++) {
      const c = src[j];
      if (c === "\\") j++;
      else if (c === "\n" && !triple) return j;
      else if (c === q && (!triple || src.startsWith(quote, j))) return j + quote.length;
    }
    return src.length;
  }

  // An f-string's body from index i (after the opening quote) to its end: the literal parts
  // are "string" tokens, each replacement field {expression!conversion:format} is an
  // "interp" brace, the expression tokenized as code, and the format part as string.
  function scanFString(src, i, quote, out) {
    const triple = quote.length === 3;
    const q = quote[0];
    let literal = i;
    let j = i;
    while (j < src.length) {
      const c = src[j];
      if (c === "\\") { j += 2; continue; }
      if (c === "\n" && !triple) break;
      if (c === q && (!triple || src.startsWith(quote, j))) {
        push(out, "string", src.slice(literal, j + quote.length));
        return j + quote.length;
      }
      if (c === "{" && src[j + 1] === "{") { j += 2; continue; }  // an escaped brace
      if (c === "{") {
        push(out, "string", src.slice(literal, j));
        j = scanField(src, j, quote, out);
        literal = j;
        continue;
      }
      j++;
    }
    j = Math.min(j, src.length);
    push(out, "string", src.slice(literal, j));
    return j;
  }

  // One replacement field starting at the "{" at index j; returns the index after its "}"
  // (or where the f-string or its line ends, when the field is not closed).
  function scanField(src, j, quote, out) {
    const triple = quote.length === 3;
    const q = quote[0];
    let depth = 0;
    let split = -1;  // where the conversion (!r) or the format spec (:.3f) starts
    let k = j + 1;
    for (; k < src.length; k++) {
      const c = src[k];
      if (c === "\n" && !triple) break;
      if (c === q && (!triple || src.startsWith(quote, k))) break;
      if (c === "'" || c === '"') { k = stringEnd(src, k + 1, c) - 1; continue; }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]") depth--;
      else if (c === "}") { if (depth === 0) break; depth--; }
      else if (depth === 0 && split < 0 && (c === ":" || (c === "!" && src[k + 1] !== "="))) {
        split = k;
      }
    }
    push(out, "interp", "{");
    scan(src.slice(j + 1, split < 0 ? k : split), out);
    if (split >= 0) push(out, "string", src.slice(split, k));
    if (src[k] !== "}") return k;
    push(out, "interp", "}");
    return k + 1;
  }

  // The scanner proper: appends to `out` the tokens of `src`, in order, so that their texts
  // concatenated give back `src` exactly.
  function scan(src, out) {
    let i = 0;
    let lineStart = true;   // only blanks so far on this line: "@" opens a decorator
    let prev = "";          // the previous significant token's text
    let defName = false;    // the next name is the one a def or class statement defines
    while (i < src.length) {
      const c = src[i];
      let m;
      if (c === "\n") {
        push(out, null, c);
        i++;
        lineStart = true;
        continue;
      }
      if ((m = matchAt(BLANK, src, i))) {
        push(out, null, m);
        i += m.length;
        continue;
      }
      if (c === "#") {
        m = matchAt(COMMENT, src, i);
        push(out, "comment", m);
        i += m.length;
        continue;
      }
      const atLineStart = lineStart;
      lineStart = false;
      if (c === "@" && atLineStart && (m = matchAt(DECORATOR, src, i))) {
        push(out, "decorator", m);
        i += m.length;
        continue;
      }
      STRING_OPEN.lastIndex = i;
      const open = STRING_OPEN.exec(src);
      if (open) {
        const start = i;
        i += open[0].length;
        if (/[fF]/.test(open[1])) {
          push(out, "string", open[0]);
          i = scanFString(src, i, open[2], out);
        } else {
          i = stringEnd(src, i, open[2]);
          push(out, "string", src.slice(start, i));
        }
        prev = "string";
        defName = false;
        continue;
      }
      if ((m = matchAt(IDENT, src, i))) {
        let type = null;
        if (defName) type = "name";
        else if (KEYWORDS.has(m)) type = "keyword";
        else if (prev !== "." && BUILTINS.has(m)) type = "builtin";  // np.sum is not sum
        defName = m === "def" || m === "class";
        push(out, type, m);
        prev = m;
        i += m.length;
        continue;
      }
      const next = src[i + 1];
      if ((c >= "0" && c <= "9") || (c === "." && next >= "0" && next <= "9")) {
        m = matchAt(NUMBER, src, i);
        push(out, "number", m);
      } else {
        m = matchAt(OTHER, src, i) || c;  // a lone ".", "@", "\\" or unusual blank
        push(out, null, m);
      }
      prev = m;
      defName = false;
      i += m.length;
    }
    return out;
  }

  /** Python source -> [{type, text}], type one of null (plain), "keyword", "builtin",
   * "string", "number", "comment", "decorator", "name" (what def/class defines) or
   * "interp" (an f-string's braces). The texts concatenated are the source, unchanged. */
  function tokenize(src) {
    return scan(src, []);
  }

  // ---- the editor ------------------------------------------------------------------------

  function element(tag, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  // Replaces [from, to) with text as if typed, so the browser's undo stack records it;
  // the "input" event it fires redraws the highlighting.
  function replaceRange(area, from, to, text) {
    if (from === to && !text) return;
    area.setSelectionRange(from, to);
    let done = false;
    try {
      done = document.execCommand(text ? "insertText" : "delete", false, text);
    } catch (err) {
      done = false;
    }
    if (!done) {
      area.setRangeText(text, from, to, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function lineStartOf(text, pos) {
    return text.lastIndexOf("\n", pos - 1) + 1;
  }

  function lineEndOf(text, pos) {
    const end = text.indexOf("\n", pos);
    return end < 0 ? text.length : end;
  }

  // Leading blanks of a line; a tab counts as one indent step when dedenting.
  function removableIndent(line) {
    if (line[0] === "\t") return 1;
    let n = 0;
    while (n < INDENT && line[n] === " ") n++;
    return n;
  }

  // Tab or Shift+Tab. A caret with Tab inserts spaces up to the next multiple of 4; a
  // selection (with Tab) or any Shift+Tab shifts every line the selection touches.
  function indentKey(area, dedent) {
    const text = area.value;
    const start = area.selectionStart;
    const end = area.selectionEnd;
    if (!dedent && start === end) {
      const column = start - lineStartOf(text, start);
      replaceRange(area, start, end, " ".repeat(INDENT - (column % INDENT)));
      return;
    }
    const first = lineStartOf(text, start);
    // A selection ending at the very start of a line does not include that line.
    const last = end > start && end === lineStartOf(text, end) ? end - 1 : end;
    const blockEnd = lineEndOf(text, last);
    const lines = text.slice(first, blockEnd).split("\n");
    const starts = [];  // where each line starts in the old text, and what it loses/gains
    let offset = first;
    const changed = lines.map((line) => {
      const cut = dedent ? removableIndent(line) : 0;
      starts.push({ at: offset, cut });
      offset += line.length + 1;
      return dedent ? line.slice(cut) : SPACES + line;
    });
    const block = changed.join("\n");
    if (block === text.slice(first, blockEnd)) return;
    // Where an old caret position lands in the new text.
    const moved = (pos, isStart) => {
      let shift = 0;
      for (const { at, cut } of starts) {
        if (dedent) {
          if (at + cut <= pos) shift -= cut;
          else if (at < pos) shift -= pos - at;
        } else if (at < pos || (at === pos && !isStart)) {
          shift += INDENT;
        }
      }
      return pos + shift;
    };
    const newStart = moved(start, true);
    const newEnd = moved(end, start === end);
    replaceRange(area, first, blockEnd, block);
    area.setSelectionRange(newStart, start === end ? newStart : newEnd);
  }

  // Enter: a new line with the current line's indentation, adjusted for what the line says.
  function newlineKey(area) {
    const text = area.value;
    const start = area.selectionStart;
    const lineStart = lineStartOf(text, start);
    const before = text.slice(lineStart, start);
    // The indentation is copied as it is: mixing tabs and spaces would be a TabError.
    let lead = before.match(/^[ \t]*/)[0];
    const code = tokenize(before).filter((t) => t.type !== "comment" && t.text.trim());
    const lastToken = code.length ? code[code.length - 1] : null;
    const tail = lastToken && lastToken.type === null ? lastToken.text.trim() : "";
    if (/[:([{]$/.test(tail)) {
      lead += /^\t+$/.test(lead) ? "\t" : SPACES;
    } else if (/^\s*(return|pass|raise|break|continue)\b/.test(before) &&
               !text.slice(area.selectionEnd, lineEndOf(text, area.selectionEnd)).trim()) {
      // The block ends after these statements: one level less.
      lead = lead.endsWith("\t") ? lead.slice(0, -1) : lead.replace(/ {1,4}$/, "");
    }
    replaceRange(area, start, area.selectionEnd, "\n" + lead);
  }

  // Backspace with the caret in a line's leading spaces: back to the previous indent stop.
  // Returns false when the browser's own Backspace should run.
  function backspaceKey(area) {
    const start = area.selectionStart;
    if (start !== area.selectionEnd) return false;
    const lineStart = lineStartOf(area.value, start);
    const column = start - lineStart;
    if (column < 2 || !/^ +$/.test(area.value.slice(lineStart, start))) return false;
    replaceRange(area, start - (column % INDENT || INDENT), start, "");
    return true;
  }

  // The button Ctrl+Enter presses: one marked data-editor-run, else the form's first
  // submit button (what pressing Enter in a text field would use).
  function runButton(form) {
    if (!form) return null;
    return form.querySelector("[data-editor-run]") ||
      form.querySelector("button:not([type]), button[type=submit], input[type=submit]");
  }

  // Tokens -> one list of tokens per line; a token spanning lines (a triple-quoted string)
  // is cut at each newline, the newlines themselves dropped.
  function splitLines(tokens) {
    const lines = [[]];
    for (const { type, text } of tokens) {
      text.split("\n").forEach((part, k) => {
        if (k > 0) lines.push([]);
        if (part) lines[lines.length - 1].push({ type, text: part });
      });
    }
    return lines;
  }

  // A line's tokens as one string: equal strings draw the same line.
  function signature(tokens) {
    let key = "";
    for (const { type, text } of tokens) key += `${type || ""}\u0000${text}\u0001`;
    return key;
  }

  // One line of the overlay: a block of coloured spans, ending with its newline (so the
  // overlay's text is the textarea's text, character for character).
  function lineNode(tokens, newline) {
    const line = element("span", "code-line");
    for (const token of tokens) {
      if (token.type === null) {
        line.append(token.text);
      } else {
        const span = element("span", `tok-${token.type}`);
        span.textContent = token.text;
        line.append(span);
      }
    }
    if (newline) line.append("\n");
    return line;
  }

  function enhance(area) {
    if (area.dataset.editorReady) return;
    area.dataset.editorReady = "true";
    const hadFocus = document.activeElement === area;

    const shell = element("div", "code-editor");
    const gutter = element("div", "code-gutter");
    const numbers = element("div", "code-lines");
    const body = element("div", "code-body");
    const pre = element("pre", "code-highlight");
    const code = element("code");
    gutter.setAttribute("aria-hidden", "true");
    pre.setAttribute("aria-hidden", "true");
    gutter.append(numbers);
    pre.append(code);
    area.before(shell);
    body.append(pre, area);
    shell.append(gutter, body);
    area.setAttribute("wrap", "off");  // one text line per line number

    const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
    const button = runButton(area.form);
    const hint = element("p", "code-hint");
    hint.id = `${area.id || "editor"}-keys`;
    hint.textContent = "Tab indents, Shift+Tab dedents. To leave the editor with the " +
      "keyboard, press Esc, then Tab." + (button ? ` ${mac ? "⌘" : "Ctrl"}+Enter: ` +
      `${(button.textContent || button.value || "submit").trim()}.` : "");
    shell.after(hint);
    const described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", described ? `${described} ${hint.id}` : hint.id);

    let shown = null;   // the text the highlighting was drawn for
    let drawn = [];     // the signature of each line node in the overlay, in order
    let lineCount = 0;

    const follow = () => {
      code.style.transform = `translate(${-area.scrollLeft}px, ${-area.scrollTop}px)`;
      numbers.style.transform = `translateY(${-area.scrollTop}px)`;
    };
    // Tokenizing the whole text is cheap (about 1 ms for 500 lines); rebuilding and laying
    // out every line is not. So the overlay keeps one block per line and replaces only the
    // lines between the unchanged head and the unchanged tail: usually one.
    const redraw = () => {
      const text = area.value;
      if (text === shown) return;
      shown = text;
      const lines = splitLines(tokenize(text));
      const last = lines.length - 1;
      const wanted = lines.map((tokens, k) => signature(tokens) + (k < last ? "\n" : ""));
      const common = Math.min(drawn.length, wanted.length);
      let head = 0;
      while (head < common && drawn[head] === wanted[head]) head++;
      let tail = 0;
      while (tail < common - head &&
             drawn[drawn.length - 1 - tail] === wanted[wanted.length - 1 - tail]) tail++;
      const kept = code.children[drawn.length - tail] || null;  // the first line of the tail
      for (let k = drawn.length - tail - 1; k >= head; k--) code.children[k].remove();
      const fragment = document.createDocumentFragment();
      for (let k = head; k < wanted.length - tail; k++) {
        fragment.append(lineNode(lines[k], k < last));
      }
      code.insertBefore(fragment, kept);
      drawn = wanted;
      if (lines.length !== lineCount) {
        lineCount = lines.length;
        numbers.textContent = Array.from({ length: lineCount }, (_, k) => k + 1).join("\n");
      }
      follow();
    };

    let escaped = false;  // Escape was the last key: the next Tab leaves the editor
    area.addEventListener("keydown", (event) => {
      if (event.isComposing) return;
      const wasEscaped = escaped;
      // Shift on its way to Shift+Tab keeps the escape (moving back leaves the editor too).
      escaped = event.key === "Escape" || (wasEscaped && MODIFIERS.has(event.key));
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        const target = runButton(area.form);
        if (target) target.click();
        else if (area.form) area.form.requestSubmit();
        return;
      }
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Tab") {
        if (wasEscaped) return;  // the browser moves the focus on
        event.preventDefault();
        indentKey(area, event.shiftKey);
      } else if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        newlineKey(area);
      } else if (event.key === "Backspace" && !event.shiftKey && backspaceKey(area)) {
        event.preventDefault();
      }
    });
    area.addEventListener("blur", () => { escaped = false; });
    area.addEventListener("input", redraw);
    area.addEventListener("scroll", follow);
    // A value set without an input event (a restored page, another script) is caught here.
    for (const name of ["focus", "keyup", "select"]) area.addEventListener(name, redraw);
    window.addEventListener("pageshow", redraw);
    gutter.addEventListener("mousedown", (event) => { event.preventDefault(); area.focus(); });

    redraw();
    if (hadFocus) area.focus();
  }

  window.mlinterviewEditor = { tokenize, enhance };
  document.querySelectorAll('textarea[data-editor="python"]').forEach(enhance);
})();
