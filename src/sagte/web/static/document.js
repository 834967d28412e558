// The document page: hovering or focusing a statement shows its kind, medium, speaker and
// time, and lights up all its pieces and its entry in the side list. No external code.
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var text = document.getElementById("article-text");
  if (!tip || !text) return;
  var active = null;

  function parts(id) {
    return document.querySelectorAll('[data-st="' + CSS.escape(id) + '"]');
  }
  function show(el) {
    var id = el.getAttribute("data-st");
    if (!id) return;
    if (active !== id) hide();
    active = id;
    parts(id).forEach(function (p) { p.classList.add("active"); });
    var desc = document.getElementById("desc-" + id);
    tip.textContent = "";
    if (desc) {
      // copy the description node by node: text only, never markup from the article
      desc.childNodes.forEach(function (n) { tip.appendChild(n.cloneNode(true)); });
    }
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var top = window.scrollY + r.bottom + 6;
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.top = top + "px";
    tip.style.left = left + "px";
  }
  function hide() {
    if (active !== null) parts(active).forEach(function (p) { p.classList.remove("active"); });
    active = null;
    tip.hidden = true;
  }
  text.addEventListener("mouseover", function (e) {
    var el = e.target.closest("[data-st]");
    if (el) show(el); else hide();
  });
  text.addEventListener("mouseleave", hide);
  text.addEventListener("focusin", function (e) {
    var el = e.target.closest("[data-st]");
    if (el) show(el);
  });
  text.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  // the side list lights up the statement in the text too
  var list = document.querySelector(".who-list");
  if (list) {
    list.addEventListener("mouseover", function (e) {
      var li = e.target.closest("li[data-st]");
      if (!li) return;
      var id = li.getAttribute("data-st");
      if (active !== id) { hide(); active = id; parts(id).forEach(function (p) { p.classList.add("active"); }); }
    });
    list.addEventListener("mouseleave", hide);
    list.addEventListener("click", function (e) {
      var a = e.target.closest("a.jump");
      if (!a) return;
      var mark = document.getElementById(a.getAttribute("href").slice(1));
      if (mark) { e.preventDefault(); mark.scrollIntoView({ block: "center" }); mark.focus(); }
    });
  }
})();
