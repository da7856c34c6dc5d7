/// app.css: readable on a phone (results first, filters in a drawer below 48 rem), visible
/// keyboard focus, no web fonts.
enum PageStyle {
    static let css = #"""
:root { --ink: #1d2330; --muted: #5b6475; --line: #dfe3ea; --accent: #2453a6; --mark: #ffe58a; --paper: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafbfc; }
a { color: var(--accent); }
.skip { position: absolute; left: -100rem; }
.skip:focus { left: .5rem; top: .5rem; z-index: 30; background: var(--paper); padding: .25rem .5rem; }
header { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: var(--paper); border-bottom: 1px solid var(--line); }
.home { font-weight: 700; color: var(--ink); text-decoration: none; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 16rem; }
form#search { display: flex; flex: 1; max-width: 40rem; gap: .5rem; }
input[type=search] { flex: 1; min-width: 0; padding: .45rem .7rem; font: inherit; border: 1px solid #b9c0cc; border-radius: .4rem; }
button, select { font: inherit; }
button { padding: .4rem .85rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: .4rem; cursor: pointer; }
button.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; }
select { padding: .3rem .4rem; border: 1px solid #b9c0cc; border-radius: .4rem; background: var(--paper); color: var(--ink); }
:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
main { display: flex; gap: 2rem; padding: 1rem; max-width: 72rem; margin: 0 auto; }
#filters { flex: 0 0 15rem; }
#results, #post { flex: 1; min-width: 0; }
#results:focus, #post:focus, #summary:focus, #filters:focus { outline: none; }
.drawer-head { display: flex; justify-content: space-between; align-items: center; }
.drawer-head h2 { font-size: 1rem; margin: 0 0 .5rem; }
#close-filters, #filter-button, #backdrop { display: none; }
fieldset { border: none; margin: 0 0 1.25rem; padding: 0; min-width: 0; }
legend { font-weight: 600; margin-bottom: .25rem; }
fieldset label { display: flex; gap: .4rem; align-items: baseline; padding: .1rem 0; cursor: pointer; }
.count { color: var(--muted); font-size: .85em; margin-left: auto; }
.buttons { display: flex; flex-wrap: wrap; gap: .3rem; margin-bottom: .4rem; }
.buttons button { background: var(--paper); color: var(--ink); border-color: var(--line); padding: .1rem .5rem; }
.buttons button .count { margin-left: .25rem; }
.buttons button[aria-pressed=true] { background: var(--accent); color: #fff; border-color: var(--accent); }
.buttons button[aria-pressed=true] .count { color: #dfe8ff; }
.range { display: grid; grid-template-columns: auto 1fr; gap: .25rem .5rem; align-items: center; margin-top: .4rem; }
.range input { font: inherit; padding: .2rem; min-width: 0; }
.range button { grid-column: 1 / -1; justify-self: start; }
.toolbar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; margin-bottom: .5rem; }
.summary { color: var(--muted); margin: 0; }
.controls { display: flex; gap: .5rem; align-items: center; }
.chips { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; margin: 0 0 .75rem; align-items: center; }
.chip { background: #e9effa; color: var(--ink); border-color: #c5d3ee; border-radius: 1rem; padding: .1rem .65rem; font-size: .9em; }
.chip span { color: var(--accent); font-weight: 700; }
.notes p { margin: 0 0 .6rem; }
.correction strong { font-weight: 700; }
.hit { padding: .8rem 0; border-bottom: 1px solid var(--line); }
.hit h2 { font-size: 1.15rem; margin: 0 0 .15rem; line-height: 1.3; }
.hit h2 a { text-decoration: none; }
.hit h2 a:hover { text-decoration: underline; }
.meta { color: var(--muted); font-size: .9em; margin: 0 0 .25rem; }
.meta a { color: inherit; }
.snippet { margin: 0; overflow-wrap: anywhere; }
.tags { list-style: none; display: flex; flex-wrap: wrap; gap: .2rem .6rem; padding: 0; margin: .3rem 0 0; font-size: .88em; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: .15em; }
.empty h2 { font-size: 1.2rem; }
.empty ul { padding-left: 1.2rem; }
#pages { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; margin: 1.25rem 0; }
#pages a, #pages span { padding: .2rem .6rem; border-radius: .3rem; text-decoration: none; }
#pages a:hover { background: #e9effa; }
#pages [aria-current=page] { background: var(--accent); color: #fff; }
.feed { font-size: .85em; }
#post { max-width: 46rem; margin: 0 auto; }
#post h1 { margin: .5rem 0 .25rem; line-height: 1.25; }
.post-body { overflow-wrap: anywhere; }
.post-body p, .post-body ul, .post-body blockquote { margin: 0 0 1em; }
.post-body blockquote { border-left: 3px solid var(--line); padding-left: 1rem; color: #3b4252; }
.post-body pre { background: #f1f3f6; padding: .75rem; overflow-x: auto; border-radius: .3rem; font-size: .9em; }
.original { font-weight: 600; }
.fields dt { font-weight: 600; }
.fields dd { margin: 0 0 .4rem; }
.related { border-top: 1px solid var(--line); margin-top: 2rem; }
.related h2 { font-size: 1.05rem; }
.notice { background: #fff3cd; padding: .75rem 1rem; margin: 0; }
.error { color: #a40000; }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
body.reading #results, body.reading #filters { display: none; }
@media (max-width: 48rem) {
  header { flex-wrap: wrap; gap: .4rem; padding: .5rem .75rem; }
  form#search { flex-basis: 100%; max-width: none; }
  main { display: block; padding: .5rem .75rem; }
  #filter-button { display: inline-block; background: var(--paper); color: var(--accent); }
  #close-filters { display: inline-block; }
  #filters { position: fixed; top: 0; right: 0; bottom: 0; width: min(22rem, 88vw); z-index: 20; background: var(--paper);
             overflow-y: auto; padding: 1rem; box-shadow: -4px 0 16px rgba(0, 0, 0, .2); transform: translateX(100%); visibility: hidden; }
  body.filters-open #filters { transform: none; visibility: visible; }
  body.filters-open #backdrop { display: block; position: fixed; inset: 0; z-index: 10; background: rgba(20, 24, 33, .4); }
  .hit { padding: .6rem 0; }
  .toolbar { margin-bottom: .25rem; }
}
@media (prefers-reduced-motion: no-preference) {
  #filters { transition: transform .2s ease, visibility 0s linear .2s; }
  body.filters-open #filters { transition: transform .2s ease, visibility 0s; }
}
"""#
}
