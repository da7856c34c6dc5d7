extension PageScript {
    /// Search as you type, the form, the sort control, the back button, the first drawing.
    static let boot = #"""
// Search as you type: 150 ms after the last key, the words so far (the last one as a prefix).
// The URL follows with replaceState: a burst of typing is one history entry, not one a key.
let typingTimer = 0;
$("q").addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    const s = { ...state(), q: $("q").value, offset: 0, post: "", autocorrect: true };
    history[typedBurst ? "replaceState" : "pushState"](null, "", href(s));
    typedBurst = true;
    render({ typing: true });
  }, 150);
});

$("search").addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(typingTimer);
  go({ ...state(), q: $("q").value.trim(), offset: 0, post: "", autocorrect: true }, { replace: typedBurst });
});

$("sort").addEventListener("change", () => {
  const sort = $("sort").value;
  go({ ...state(), sort: sort === "relevance" ? "" : sort, offset: 0 }, { focus: "sort" });
});

window.addEventListener("popstate", () => { typedBurst = false; render(); });
render({ focus: false });
if (!location.search && matchMedia("(min-width: 48rem)").matches) $("q").focus();
"""#
}
