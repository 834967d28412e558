// The network page: a small force-directed layout in SVG, written for sagte (no library).
// Nodes are links to entity pages (keyboard: Tab to a node, Enter opens it); drag moves a
// node, the wheel or the buttons zoom, dragging the background pans.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("graph");
  var info = document.getElementById("graph-info");
  var dataEl = document.getElementById("network-data");
  if (!svg || !dataEl) return;
  var data = JSON.parse(dataEl.textContent);
  var W = svg.clientWidth || 900, H = svg.clientHeight || 600;

  var golden = Math.PI * (3 - Math.sqrt(5));
  var nodes = data.nodes.map(function (n, i) {
    var a = i * golden, r = 12 * Math.sqrt(0.5 + i);  // a phyllotaxis spiral: no two nodes start together
    return { id: n.id, name: n.name, type: n.type || "MISC", said: n.statements || 0, about: n.about || 0,
             x: W / 2 + r * Math.cos(a), y: H / 2 + r * Math.sin(a), vx: 0, vy: 0, fixed: false };
  });
  var byId = {};
  nodes.forEach(function (n) { byId[n.id] = n; });
  var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target] && e.source !== e.target; })
    .map(function (e) { return { s: byId[e.source], t: byId[e.target], w: e.weight || 1 }; });
  nodes.forEach(function (n) { n.deg = 0; n.links = 0; });
  edges.forEach(function (e) { e.s.deg += e.w; e.t.deg += e.w; e.s.links++; e.t.links++; });
  // springs are weaker at hubs (as in d3-force), so a node with many links does not overshoot
  edges.forEach(function (e) {
    e.k = 0.6 / Math.min(e.s.links, e.t.links);
    e.bias = e.s.links / (e.s.links + e.t.links);
  });
  function radius(n) { return 4 + Math.min(16, 2.2 * Math.sqrt(n.said + n.about + n.deg)); }

  // --- layout: repulsion between all pairs, springs along edges, gravity to the centre
  function tick(alpha) {
    var i, j, a, b, dx, dy, d2, d, f;
    for (i = 0; i < nodes.length; i++) {
      a = nodes[i];
      for (j = i + 1; j < nodes.length; j++) {
        b = nodes[j];
        dx = b.x - a.x; dy = b.y - a.y; d2 = dx * dx + dy * dy;
        if (d2 > 250000) continue;
        if (d2 < 1) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; d2 = 1; }
        f = 600 * alpha / Math.max(d2, 36);
        a.vx -= dx * f; a.vy -= dy * f; b.vx += dx * f; b.vy += dy * f;
      }
    }
    edges.forEach(function (e) {
      dx = e.t.x - e.s.x; dy = e.t.y - e.s.y; d = Math.sqrt(dx * dx + dy * dy) || 1;
      f = (d - 80) / d * e.k * alpha;
      e.t.vx -= dx * f * e.bias; e.t.vy -= dy * f * e.bias;
      e.s.vx += dx * f * (1 - e.bias); e.s.vy += dy * f * (1 - e.bias);
    });
    nodes.forEach(function (n) {
      // pulled to the centre harder vertically: the layout takes the shape of the wide view
      n.vx += (W / 2 - n.x) * 0.01 * alpha; n.vy += (H / 2 - n.y) * 0.01 * alpha * Math.max(1, W / H);
      var v = Math.sqrt(n.vx * n.vx + n.vy * n.vy);
      if (v > 40) { n.vx *= 40 / v; n.vy *= 40 / v; }  // no node jumps far in one step
      if (!n.fixed) { n.x += n.vx; n.y += n.vy; }
      n.vx *= 0.6; n.vy *= 0.6;
    });
  }
  for (var k = 0; k < 300; k++) tick(1 - k / 330);

  // --- drawing
  var defs = document.createElementNS(NS, "defs");
  defs.innerHTML = '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,0L10,5L0,10z" fill="#9aa3ad"/></marker>';
  svg.appendChild(defs);
  var view = document.createElementNS(NS, "g");
  svg.appendChild(view);
  var gEdges = document.createElementNS(NS, "g"), gNodes = document.createElementNS(NS, "g");
  view.appendChild(gEdges); view.appendChild(gNodes);
  edges.forEach(function (e) {
    var line = document.createElementNS(NS, "path");
    line.setAttribute("class", "edge");
    line.setAttribute("stroke-width", String(Math.min(8, 1 + Math.log2(e.w))));
    line.setAttribute("marker-end", "url(#arrow)");
    var title = document.createElementNS(NS, "title");
    title.textContent = e.s.name + " → " + e.t.name + ": " + e.w + " statement" + (e.w === 1 ? "" : "s");
    line.appendChild(title);
    gEdges.appendChild(line);
    e.el = line;
  });
  nodes.forEach(function (n) {
    var a = document.createElementNS(NS, "a");
    a.setAttribute("href", "/entities/" + encodeURIComponent(n.id));
    a.setAttribute("class", "node " + n.type);
    a.setAttribute("data-id", n.id);
    a.setAttribute("aria-label", n.name + ": " + n.said + " statements by, " + n.about + " about");
    var c = document.createElementNS(NS, "circle");
    c.setAttribute("r", String(radius(n)));
    var t = document.createElementNS(NS, "text");
    t.setAttribute("dx", String(radius(n) + 3)); t.setAttribute("dy", "4");
    t.textContent = n.name;
    a.appendChild(c); a.appendChild(t);
    gNodes.appendChild(a);
    n.el = a; n.circle = c; n.label = t;
  });
  function draw() {
    edges.forEach(function (e) {
      // a slight curve to the right of the direction of speech keeps A→B and B→A apart
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var cx = (e.s.x + e.t.x) / 2 - dy * 0.12, cy = (e.s.y + e.t.y) / 2 + dx * 0.12;
      var ex = e.t.x - cx, ey = e.t.y - cy, el = Math.sqrt(ex * ex + ey * ey) || 1, r = radius(e.t) + 2;
      e.el.setAttribute("d", "M" + e.s.x.toFixed(1) + "," + e.s.y.toFixed(1) + "Q" + cx.toFixed(1) + "," + cy.toFixed(1) +
        " " + (e.t.x - ex / el * r).toFixed(1) + "," + (e.t.y - ey / el * r).toFixed(1));
    });
    nodes.forEach(function (n) { n.el.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
  }

  // --- zoom and pan
  var zoom = { k: 1, x: 0, y: 0 };
  function fit() {
    if (!nodes.length) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n) { x0 = Math.min(x0, n.x); y0 = Math.min(y0, n.y); x1 = Math.max(x1, n.x); y1 = Math.max(y1, n.y); });
    var k = Math.min(2, 0.9 * Math.min(W / (x1 - x0 + 120), H / (y1 - y0 + 60)));
    zoom = { k: k, x: W / 2 - k * (x0 + x1) / 2, y: H / 2 - k * (y0 + y1) / 2 };
    applyZoom();
  }
  function applyZoom() {
    view.setAttribute("transform", "translate(" + zoom.x + "," + zoom.y + ") scale(" + zoom.k + ")");
    // zoomed out, nodes and labels keep a readable size on screen (up to 2.5 times larger in the graph)
    var s = 1 / Math.max(Math.min(zoom.k, 1), 0.4);
    gNodes.setAttribute("font-size", (11 * s).toFixed(1));
    nodes.forEach(function (n) {
      n.circle.setAttribute("r", (radius(n) * s).toFixed(1));
      n.label.setAttribute("dx", (radius(n) * s + 3).toFixed(1));
    });
  }
  function zoomBy(f, cx, cy) {
    cx = cx === undefined ? W / 2 : cx; cy = cy === undefined ? H / 2 : cy;
    var k = Math.max(0.2, Math.min(6, zoom.k * f));
    zoom.x = cx - (cx - zoom.x) * k / zoom.k; zoom.y = cy - (cy - zoom.y) * k / zoom.k; zoom.k = k;
    applyZoom();
  }
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = svg.getBoundingClientRect();
    zoomBy(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  function button(id, f) { var b = document.getElementById(id); if (b) b.addEventListener("click", f); }
  button("zoom-in", function () { zoomBy(1.3); });
  button("zoom-out", function () { zoomBy(1 / 1.3); });
  button("zoom-reset", fit);

  // --- dragging nodes and the background
  var drag = null;
  function toGraph(e) { var r = svg.getBoundingClientRect(); return { x: (e.clientX - r.left - zoom.x) / zoom.k, y: (e.clientY - r.top - zoom.y) / zoom.k }; }
  svg.addEventListener("pointerdown", function (e) {
    var a = e.target.closest(".node");
    drag = { node: a ? byId[a.getAttribute("data-id")] : null, x: e.clientX, y: e.clientY, zx: zoom.x, zy: zoom.y, moved: false };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) return;
    if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) drag.moved = true;
    if (!drag.moved) return;
    if (drag.node) {
      var p = toGraph(e);
      drag.node.x = p.x; drag.node.y = p.y; drag.node.fixed = true;
      for (var i = 0; i < 3; i++) tick(0.05);
      draw();
    } else {
      zoom.x = drag.zx + e.clientX - drag.x; zoom.y = drag.zy + e.clientY - drag.y; applyZoom();
    }
  });
  svg.addEventListener("pointerup", function (e) {
    var d = drag; drag = null;
    svg.releasePointerCapture(e.pointerId);
    if (d && d.node && !d.moved) window.location.href = "/entities/" + encodeURIComponent(d.node.id);
  });
  svg.addEventListener("click", function (e) { if (e.target.closest(".node")) e.preventDefault(); });
  svg.addEventListener("keydown", function (e) {
    var a = e.target.closest(".node");
    if (a && e.key === "Enter") window.location.href = a.getAttribute("href");
  });

  // --- highlighting a node's neighbourhood on hover or focus
  function highlight(n) {
    var near = {};
    near[n.id] = true;
    edges.forEach(function (e) {
      var on = e.s === n || e.t === n;
      e.el.classList.toggle("hot", on); e.el.classList.toggle("dim", !on);
      if (on) { near[e.s.id] = true; near[e.t.id] = true; }
    });
    nodes.forEach(function (m) { m.el.classList.toggle("dim", !near[m.id]); m.el.classList.toggle("hot", m === n); });
    var out = edges.filter(function (e) { return e.s === n; }).sort(function (a, b) { return b.w - a.w; });
    var inc = edges.filter(function (e) { return e.t === n; }).sort(function (a, b) { return b.w - a.w; });
    info.textContent = "";
    var h = document.createElement("strong"); h.textContent = n.name; info.appendChild(h);
    function line(label, list, other) {
      if (!list.length) return;
      var p = document.createElement("div");
      p.textContent = label + list.slice(0, 5).map(function (e) { return other(e).name + " (" + e.w + ")"; }).join(", ") + (list.length > 5 ? ", …" : "");
      info.appendChild(p);
    }
    line("speaks about: ", out, function (e) { return e.t; });
    line("spoken about by: ", inc, function (e) { return e.s; });
  }
  function clear() {
    edges.forEach(function (e) { e.el.classList.remove("hot", "dim"); });
    nodes.forEach(function (m) { m.el.classList.remove("dim", "hot"); });
    info.textContent = "";
  }
  gNodes.addEventListener("mouseover", function (e) { var a = e.target.closest(".node"); if (a) highlight(byId[a.getAttribute("data-id")]); });
  gNodes.addEventListener("mouseout", function (e) { if (!drag) clear(); });
  gNodes.addEventListener("focusin", function (e) { var a = e.target.closest(".node"); if (a) highlight(byId[a.getAttribute("data-id")]); });
  gNodes.addEventListener("focusout", clear);

  draw();
  fit();
  svg.setAttribute("data-ready", "true");
})();
