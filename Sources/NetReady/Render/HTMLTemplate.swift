import Mustache

/// The HTML report's markup as a Mustache template over `HTMLReportModel`.
///
/// Every value goes in through `{{name}}`, which escapes with `MarkupEscaping` (the MARKUP content type):
/// the template never uses the unescaped forms (`{{{name}}}`, `{{&name}}`), and a test holds it to that.
/// The style and script are literal text in the template and contain no `{{`.
enum HTMLTemplate {
    /// The parsed page template.
    static let page: MustacheTemplate = {
        MustacheContentTypes.register(MarkupContentType(), named: "MARKUP")
        // The template is a constant of this file: failing to parse it is a bug that every HTML test shows.
        return try! MustacheTemplate(string: "{{% CONTENT_TYPE: MARKUP}}" + text)
    }()

    /// Escapes values for both HTML and XML, dropping control characters XML does not allow.
    private struct MarkupContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { MarkupEscaping.escape(text) }
    }

    static let text = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>{{title}}</title>
        <style>\(HTMLAssets.style)</style>
        </head>
        <body>
        <header>
        <h1>netready report</h1>
        <p class="verdict {{verdictClass}}">{{verdictWords}}</p>
        <p class="counts">{{counts}}</p>
        <p class="meta">{{meta}}</p>
        {{#incomplete}}<p class="alert">Incomplete: the run was stopped before every probe finished.</p>{{/incomplete}}
        {{#rootCauses}}<p class="alert">Root cause: {{.}}</p>{{/rootCauses}}
        </header>
        {{#hasRequirements}}
        <section id="requirements">
        <h2>Requirements</h2>
        <ul class="requirements">
        {{#requirements}}
        <li class="{{status}}">{{mark}} <strong>{{name}}</strong>{{#measured}} — {{.}}{{/measured}}\
        {{#why}} — {{.}}{{/why}}{{#source}} <span class="meta">(source: {{.}})</span>{{/source}}</li>
        {{/requirements}}
        </ul>
        </section>
        {{/hasRequirements}}
        {{#hasBlocked}}
        <section id="blocked">
        <h2>Blocked required destinations</h2>
        <ul class="blocked">
        {{#blocked}}
        <li><code>{{uri}}</code> ({{target}}){{#reason}} — <strong>{{words}}</strong> <code>{{code}}</code>{{/reason}}: \
        {{message}}</li>
        {{/blocked}}
        </ul>
        </section>
        {{/hasBlocked}}
        {{#hasReasons}}
        <section id="reasons">
        <h2>Probes by reason</h2>
        <table class="reasons">
        <thead><tr><th>reason</th><th>what it means</th><th class="num">probes</th><th>statuses</th></tr></thead>
        <tbody>
        {{#reasons}}
        <tr><td><a href="{{fragment}}"><code>{{code}}</code></a></td><td>{{words}}</td><td class="num">{{count}}</td>\
        <td>{{statuses}}</td></tr>
        {{/reasons}}
        </tbody>
        </table>
        </section>
        {{/hasReasons}}
        {{#latency}}
        <section id="latency">
        <h2>Latency per destination</h2>
        <p class="meta">Dot: p50; bar: p50 to p99; ticks: p90 and p99. Colour: the probe&#39;s status.</p>
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" width="1000" height="{{frame.height}}" \
        viewBox="0 0 1000 {{frame.height}}" role="img" aria-label="Latency per destination: p50, p90 and p99 in ms">
        <g class="axis">
        {{#ticks}}<line class="grid" x1="{{x}}" x2="{{x}}" y1="34" y2="{{frame.axisBottom}}"/>\
        <text x="{{x}}" y="28" text-anchor="middle">{{label}}</text>\
        <text x="{{x}}" y="{{frame.lowerLabelY}}" text-anchor="middle">{{label}}</text>
        {{/ticks}}
        <text class="unit" x="8" y="28">{{scaleNote}}</text>
        <text class="unit" x="{{valuesX}}" y="28">p50 / p90 / p99 ms</text>
        </g>
        {{#rows}}
        <g class="probe {{status}}"><title>{{title}}</title>\
        <text class="label" x="8" y="{{textY}}">{{label}}</text>\
        <line class="range" x1="{{x50}}" x2="{{x99}}" y1="{{y}}" y2="{{y}}"/>\
        <line class="p90" x1="{{x90}}" x2="{{x90}}" y1="{{tickTop}}" y2="{{tickBottom}}"/>\
        <line class="p99" x1="{{x99}}" x2="{{x99}}" y1="{{tickTop}}" y2="{{tickBottom}}"/>\
        <circle class="mark p50" cx="{{x50}}" cy="{{y}}" r="5"/>\
        <text class="values" x="{{valuesX}}" y="{{textY}}">{{values}}</text></g>
        {{/rows}}
        </svg>
        </section>
        {{/latency}}
        {{#media}}
        <section id="media">
        <h2>Media quality</h2>
        <p class="meta">Packet loss and interarrival jitter (RFC 3550) of each RTP stream, over the whole stream.</p>
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" width="1000" height="{{frame.height}}" \
        viewBox="0 0 1000 {{frame.height}}" role="img" aria-label="Media loss in percent and jitter in ms per stream">
        <g class="axis">
        {{#lossTicks}}<line class="grid" x1="{{x}}" x2="{{x}}" y1="34" y2="{{frame.axisBottom}}"/>\
        <text x="{{x}}" y="{{frame.lowerLabelY}}" text-anchor="middle">{{label}}</text>
        {{/lossTicks}}
        {{#jitterTicks}}<line class="grid" x1="{{x}}" x2="{{x}}" y1="34" y2="{{frame.axisBottom}}"/>\
        <text x="{{x}}" y="{{frame.lowerLabelY}}" text-anchor="middle">{{label}}</text>
        {{/jitterTicks}}
        <text class="unit" x="350" y="28">loss %</text>
        <text class="unit" x="{{jitterTitleX}}" y="28">jitter ms</text>
        </g>
        {{#rows}}
        <g class="stream {{status}}"><title>{{title}}</title>\
        <text class="label" x="8" y="{{textY}}">{{label}}</text>\
        <rect class="bar loss" x="350" y="{{barY}}" width="{{lossWidth}}" height="12"/>\
        <text class="values" x="{{lossValueX}}" y="{{textY}}">{{loss}}</text>\
        <rect class="bar jitter" x="{{jitterX}}" y="{{barY}}" width="{{jitterWidth}}" height="12"/>\
        <text class="values" x="{{jitterValueX}}" y="{{textY}}">{{jitter}}</text></g>
        {{/rows}}
        </svg>
        </section>
        {{/media}}
        <section id="results">
        <h2>Results</h2>
        <form id="filters" class="controls" hidden="hidden">
        <label>status <select name="status"><option value="">all</option>\
        {{#statusOptions}}<option value="{{value}}">{{label}}</option>{{/statusOptions}}</select></label>
        <label>reason <select name="reason"><option value="">all</option>\
        {{#reasonOptions}}<option value="{{value}}">{{label}}</option>{{/reasonOptions}}</select></label>
        <label>target <select name="target"><option value="">all</option>\
        {{#targetOptions}}<option value="{{value}}">{{label}}</option>{{/targetOptions}}</select></label>
        <label>text <input name="q" type="search" placeholder="URI, address, message"/></label>
        <button type="reset">show all</button>
        <output id="shown"></output>
        </form>
        <table id="probes">
        <thead><tr><th>target</th><th>probe</th><th>status</th><th>reason</th>\
        <th class="num" data-type="number">p50 ms</th><th class="num" data-type="number">p90 ms</th>\
        <th class="num" data-type="number">p99 ms</th><th>message</th></tr></thead>
        <tbody>
        {{#probes}}
        <tr class="{{status}}" data-status="{{status}}" data-reason="{{reasonKey}}" data-target="{{target}}">\
        <td>{{target}}{{#optional}} <span class="meta">(optional)</span>{{/optional}}</td>\
        <td><code>{{uri}}</code>{{#address}}<br/><span class="meta">{{address}}</span>{{/address}}</td>\
        <td data-key="{{statusKey}}"><span class="status">{{mark}} {{status}}</span></td>\
        <td data-key="{{reasonKey}}">{{#reason}}<code>{{code}}</code><br/>{{words}}{{/reason}}</td>\
        {{#latency}}<td class="num" data-key="{{key}}">{{text}}</td>{{/latency}}\
        <td>{{message}}{{#details}}<details><summary>{{summary}}</summary><pre>{{json}}</pre></details>{{/details}}</td>\
        </tr>
        {{/probes}}
        </tbody>
        </table>
        </section>
        {{#egress}}
        <section id="egress">
        <h2>Egress</h2>
        {{#hasRows}}
        <table>
        <thead><tr><th>address</th><th>family</th><th class="num">connections</th><th>learned via</th>\
        <th>transports</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td><code>{{ip}}</code></td><td>{{family}}</td><td class="num">{{count}}</td><td>{{via}}</td>\
        <td>{{transports}}</td></tr>
        {{/rows}}
        {{#resolverRows}}<tr class="resolver"><td><code>{{ip}}</code></td><td>{{family}}</td>\
        <td class="num">{{count}}</td><td>{{via}}</td><td>the resolver&#39;s address, not this subnet&#39;s egress</td></tr>
        {{/resolverRows}}
        </tbody>
        </table>
        {{/hasRows}}
        {{^hasRows}}<p class="meta">No egress address was learned in this run.</p>{{/hasRows}}
        {{#stability}}<p class="stability{{#rotating}} alert{{/rotating}}">{{stability}}</p>{{/stability}}
        {{#nat}}<p>NAT: {{nat}}</p>{{/nat}}
        {{#notes}}<p class="note">{{.}}</p>
        {{/notes}}
        {{#json}}<details><summary>{{summary}}</summary><pre>{{json}}</pre></details>{{/json}}
        </section>
        {{/egress}}
        <section id="run">
        <h2>Run</h2>
        {{#run}}<details><summary>{{summary}}</summary><pre>{{json}}</pre></details>{{/run}}
        </section>
        <script>\(HTMLAssets.script)</script>
        </body>
        </html>

        """
}
