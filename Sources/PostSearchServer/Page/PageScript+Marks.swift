extension PageScript {
    /// The one way index HTML becomes DOM, shared by the page (app.js) and the widget (widget.js,
    /// inside its closure): snippets and `title_html` are escaped text with `<mark>`s around
    /// matches, rebuilt as text nodes and `<mark>` elements, so nothing from the index is parsed
    /// as HTML.
    static let marks = #"""
function decode(t) {
  return t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
function marked(node, html) {
  let on = false;
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") on = true;
    else if (part === "</mark>") on = false;
    else if (part && on) node.appendChild(document.createElement("mark")).textContent = decode(part);
    else if (part) node.append(decode(part));
  }
  return node;
}
"""#
}
