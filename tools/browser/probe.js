// Measures every chart of a SegBench report as the browser lays it out, and writes the result as
// JSON into <pre id="segbench-probe">, so `chromium --headless --dump-dom` can hand it to a test.
// The browser test inlines this script into a copy of report.html; the report itself has no script.
(function () {
  function measure() {
    var figures = Array.prototype.map.call(document.querySelectorAll('figure[data-chart]'), function (figure) {
      var svgs = figure.querySelectorAll('svg');
      var boxes = Array.prototype.map.call(svgs, function (svg) {
        var box = svg.getBoundingClientRect();
        return { width: box.width, height: box.height };
      });
      var marks = Array.prototype.filter.call(figure.querySelectorAll('svg .mark'), function (mark) {
        var box = mark.getBoundingClientRect();
        return box.width + box.height > 0;
      }).length;
      var caption = figure.querySelector('figcaption');
      return {
        id: figure.id,
        kind: figure.getAttribute('data-chart'),
        svgs: svgs.length,
        minWidth: boxes.length ? Math.min.apply(null, boxes.map(function (b) { return b.width; })) : 0,
        minHeight: boxes.length ? Math.min.apply(null, boxes.map(function (b) { return b.height; })) : 0,
        marks: marks,
        texts: figure.querySelectorAll('svg text').length,
        caption: caption ? caption.textContent.trim().length : 0
      };
    });
    var result = {
      title: document.title,
      documentWidth: document.documentElement.scrollWidth,
      documentHeight: document.documentElement.scrollHeight,
      figures: figures,
      externalResources: performance.getEntriesByType('resource').map(function (entry) { return entry.name; })
    };
    var output = document.createElement('pre');
    output.id = 'segbench-probe';
    output.hidden = true;
    output.textContent = JSON.stringify(result);
    document.body.appendChild(output);
  }

  if (document.readyState === 'complete') {
    measure();
  } else {
    window.addEventListener('load', measure);
  }
})();
