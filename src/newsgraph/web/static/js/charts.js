// Shared Vega setup: CSP-safe (expressions interpreted, no eval), no actions menu, no injected styles.
"use strict";

window.newsgraphEmbed = function (el, spec) {
  return vegaEmbed(el, spec, {
    ast: true,
    expr: vega.expressionInterpreter,
    actions: false,
    defaultStyle: false,
    renderer: "svg",
    tooltip: false,  // Vega's own title-attribute tooltips: no injected stylesheet
  });
};
