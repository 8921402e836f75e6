/// The report's inline style and scripts: no file, font or script is fetched, so the page
/// opens the same offline, from a mail attachment or a CI artefact.
enum HTMLAssets {
    /// Runs first, in `<head>`: any script error is written into `#script-errors` (made
    /// visible), so a reader sees it and a headless browser's DOM dump shows it.
    static let errorSink = """
        window.addEventListener('error', function (e) {
          var box = document.getElementById('script-errors');
          if (!box) { document.documentElement.setAttribute('data-script-error', String(e.message)); return; }
          box.hidden = false;
          box.textContent += 'Script error: ' + (e.message || e) + '\\n';
        });
        """

    /// Click a column header of a `table.sortable` to sort by it (again to reverse). Cells sort
    /// by their `data-v` value, numbers as numbers (`Infinity` included); empty values last.
    /// Sets `data-scripts="ready"` on `<body>` once the headers are wired.
    static let sorting = """
        (function () {
          function key(cell) {
            var v = cell.getAttribute('data-v');
            if (v === null) { v = cell.textContent; }
            if (v === '') { return null; }
            var n = Number(v);
            return isNaN(n) ? v.toLowerCase() : n;
          }
          function sortBy(table, col, th) {
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            var ascending = th.getAttribute('data-order') !== 'ascending';
            rows.sort(function (a, b) {
              var x = key(a.cells[col]), y = key(b.cells[col]);
              if (x === null || y === null) { return (x === null) - (y === null); }
              var c = x < y ? -1 : (x > y ? 1 : 0);
              return ascending ? c : -c;
            });
            rows.forEach(function (r) { body.appendChild(r); });
            table.querySelectorAll('th[data-col]').forEach(function (h) { h.removeAttribute('data-order'); });
            th.setAttribute('data-order', ascending ? 'ascending' : 'descending');
          }
          document.querySelectorAll('table.sortable').forEach(function (table) {
            table.querySelectorAll('th[data-col]').forEach(function (th) {
              th.addEventListener('click', function () { sortBy(table, Number(th.getAttribute('data-col')), th); });
            });
          });
          document.body.setAttribute('data-scripts', 'ready');
        })();
        """

    static let style = """
        :root { --ink: #1d1d1f; --muted: #6e6e73; --rule: #d2d2d7; --best: #0b6e2e; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink);
               margin: 0 auto; padding: 24px 32px 64px; max-width: 1500px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 20px 0 6px; }
        .sub, .note { color: var(--muted); } .note { font-size: 12px; }
        #script-errors { background: #fde8e8; color: #8a1c1c; padding: 8px 12px; white-space: pre-wrap; font-family: monospace; }
        nav { margin: 12px 0; font-size: 13px; } nav a { margin-right: 10px; white-space: nowrap; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: 3px 10px; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
        td.best, span.best { font-weight: 700; color: var(--best); }
        .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: baseline; }
        table.settings td, table.settings th { text-align: left; }
        table.sortable th[data-col] { cursor: pointer; user-select: none; }
        table.sortable th[data-order="ascending"]::after { content: " \\25B2"; font-size: 10px; }
        table.sortable th[data-order="descending"]::after { content: " \\25BC"; font-size: 10px; }
        .charts { display: flex; flex-wrap: wrap; gap: 8px; }
        svg.chart { background: #fff; border: 1px solid var(--rule); border-radius: 4px; }
        svg.chart .plot { fill: #fafafa; stroke: var(--rule); } svg.chart .grid { stroke: #e5e5ea; }
        svg.chart text { font: 10px system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
        svg.chart .chart-title { font-size: 12px; font-weight: 600; } svg.chart .axis { fill: var(--muted); }
        svg.chart .tick, svg.chart .note { fill: var(--muted); }
        .cell-layout { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
        details > summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
        .gallery { display: flex; flex-direction: column; gap: 18px; margin-top: 12px; }
        figure { margin: 0; }
        .entry > figcaption { font-weight: 600; margin-bottom: 4px; } .entry > figcaption span { font-weight: 400; color: var(--muted); font-size: 12px; }
        .tiles { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-start; }
        .thumb { position: relative; line-height: 0; }
        .thumb .box { position: absolute; border: 2px solid #e00; box-sizing: border-box; }
        img.crop { image-rendering: crisp-edges; image-rendering: pixelated; display: block; border: 1px solid var(--rule); }
        .tile figcaption { font-size: 12px; max-width: 200px; overflow-wrap: anywhere; }
        .tile figcaption b { display: block; }
        """
}
