/// The HTML report's inline style and script, kept out of the template so each reads as one language.
///
/// The script only sorts and filters rows that are already on the page; the filter lives in the URL
/// fragment (`#status=fail&reason=tcp.refused&target=...&q=...`, each value may be a comma list), applied on
/// load and on `hashchange`, and written back on every change, so a filtered view is a link.
/// Both avoid `{{` (template syntax); the script sits in a CDATA section so the page stays well-formed XML.
enum HTMLAssets {
    static let style = """
        :root{--pass:#17803d;--warn:#9a6200;--fail:#b3261e;--error:#7a1fa2;--skip:#666}
        body{font:14px/1.45 system-ui,sans-serif;margin:1.5em 2em;color:#1d1d1d;max-width:1200px}
        h1{font-size:1.2em;margin:0;color:#555;font-weight:normal}
        h2{font-size:1.15em;margin:1.6em 0 .4em;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;margin:.4em 0 1em}
        td,th{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#f3f3f3}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        code{font:12px ui-monospace,monospace;word-break:break-all}
        .verdict{font-size:2em;font-weight:bold;margin:.2em 0;padding:.1em .5em;border:3px solid;display:inline-block}
        .verdict.ready{color:var(--pass)}.verdict.degraded{color:var(--warn)}.verdict.not_ready{color:var(--fail)}
        .counts{font-size:1.1em;margin:.3em 0}
        .status{font-weight:bold;white-space:nowrap}
        tr.pass .status{color:var(--pass)}tr.warn .status{color:var(--warn)}tr.fail .status{color:var(--fail)}
        tr.error .status{color:var(--error)}tr.skip{color:var(--skip)}
        ul.blocked li{margin:.2em 0}
        ul.requirements{list-style:none;padding-left:0}
        ul.requirements li{margin:.25em 0;padding:.15em .6em;border-left:4px solid var(--skip)}
        ul.requirements li.pass{border-color:var(--pass)}ul.requirements li.fail{border-color:var(--fail);font-weight:bold}
        ul.requirements li.not_measured{color:#555}
        .meta{color:#666}.alert{color:var(--warn);font-weight:bold}
        #probes{width:100%}#probes td:nth-child(1){min-width:7em}#probes td:nth-child(2){min-width:17em}
        .note{border-left:4px solid #d9a400;padding:.2em .6em;margin:.4em 0}
        pre{background:#f6f6f6;padding:.5em;overflow:auto;max-width:60em;margin:.3em 0;font-size:12px}
        details summary{cursor:pointer;color:#555}
        svg.chart{max-width:100%;height:auto;font:12px system-ui,sans-serif;display:block}
        svg .grid{stroke:#ddd}svg .axis text{fill:#555}svg .unit{font-weight:bold}
        svg .label{font:12px ui-monospace,monospace;fill:#1d1d1d}svg .values{fill:#333}
        svg .range{stroke-width:4;stroke-linecap:round;opacity:.45}
        svg .p90,svg .p99{stroke-width:2}
        svg .pass .range,svg .pass .p90,svg .pass .p99{stroke:var(--pass)}svg .pass .mark,svg .pass .bar{fill:var(--pass)}
        svg .warn .range,svg .warn .p90,svg .warn .p99{stroke:var(--warn)}svg .warn .mark,svg .warn .bar{fill:var(--warn)}
        svg .fail .range,svg .fail .p90,svg .fail .p99{stroke:var(--fail)}svg .fail .mark,svg .fail .bar{fill:var(--fail)}
        svg .error .range,svg .error .p90,svg .error .p99{stroke:var(--error)}svg .error .mark{fill:var(--error)}
        svg .skip .range,svg .skip .p90,svg .skip .p99{stroke:var(--skip)}svg .skip .mark{fill:var(--skip)}
        svg .bar.jitter{opacity:.7}
        .controls{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;margin:.4em 0;padding:.5em;background:#f3f3f3}
        .controls select,.controls input{font:inherit;max-width:22em}
        th button{font:inherit;font-weight:bold;border:0;background:none;padding:0;cursor:pointer}
        th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
        [hidden]{display:none !important}
        @media print{
        body{margin:0;font-size:11px;max-width:none}
        .controls,#filters{display:none !important}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        th{background:none;border-bottom:2px solid #000}
        a{color:inherit;text-decoration:none}
        details pre{white-space:pre-wrap}
        tr,svg,li{break-inside:avoid}h2{break-after:avoid}
        #probes td:nth-child(2){min-width:12em}
        }
        """

    static let script = """
        //<![CDATA[
        (function () {
          var form = document.getElementById('filters'), table = document.getElementById('probes');
          if (!form || !table || !window.URLSearchParams) return;
          var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          var fields = ['status', 'reason', 'target', 'q'], headers = table.tHead.rows[0].cells;
          form.hidden = false;
          function apply() {
            var want = {}, shown = 0;
            fields.forEach(function (name) { want[name] = form.elements[name].value; });
            rows.forEach(function (row) {
              var ok = ['status', 'reason', 'target'].every(function (name) {
                return !want[name] || want[name].split(',').indexOf(row.getAttribute('data-' + name)) >= 0;
              }) && (!want.q || row.textContent.toLowerCase().indexOf(want.q.toLowerCase()) >= 0);
              row.hidden = !ok;
              if (ok) shown++;
            });
            document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' probes shown';
          }
          function fromHash() {
            var params = new URLSearchParams(location.hash.slice(1));
            fields.forEach(function (name) {
              var field = form.elements[name], value = params.get(name) || '';
              if (field.tagName === 'SELECT' && value && !Array.prototype.some.call(field.options,
                  function (option) { return option.value === value; })) field.add(new Option(value, value));
              field.value = value;
            });
            apply();
          }
          function toHash() {
            var params = new URLSearchParams();
            fields.forEach(function (name) { if (form.elements[name].value) params.set(name, form.elements[name].value); });
            var hash = params.toString();
            history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
            apply();
          }
          form.addEventListener('input', toHash);
          form.addEventListener('change', toHash);
          form.addEventListener('reset', function () { setTimeout(toHash, 0); });
          form.addEventListener('submit', function (event) { event.preventDefault(); });
          window.addEventListener('hashchange', fromHash);
          function key(row, index) {
            var cell = row.cells[index];
            return cell.hasAttribute('data-key') ? cell.getAttribute('data-key') : cell.textContent.trim();
          }
          Array.prototype.forEach.call(headers, function (header, index) {
            var button = document.createElement('button'), numeric = header.getAttribute('data-type') === 'number';
            button.type = 'button';
            button.textContent = header.textContent;
            header.textContent = '';
            header.appendChild(button);
            button.addEventListener('click', function () {
              var direction = header.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
              Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
              header.setAttribute('aria-sort', direction > 0 ? 'ascending' : 'descending');
              rows.slice().sort(function (a, b) {
                var x = key(a, index), y = key(b, index);
                if (x === '' || y === '') return (x === '') - (y === '');
                if (numeric || /^[0-9]+$/.test(x + y)) return direction * (parseFloat(x) - parseFloat(y));
                return direction * x.localeCompare(y);
              }).forEach(function (row) { body.appendChild(row); });
            });
          });
          fromHash();
        })();
        //]]>
        """
}
