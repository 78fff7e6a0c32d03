/** @odoo-module **/
import { registry } from "@web/core/registry";

// An HR manager opens Theme sentiment: the pivot shows a department's figure when it has at
// least 5 comments and a blank under 5 (the minimum-5 rule); the graph view opens too.
registry.category("web_tour.tours").add("hr_talent_ai_theme_report_tour", {
    steps: () => [
        {
            content: "The pivot lists the department with many comments, with a figure in its total",
            trigger: '.o_pivot tr:has(th:contains("Tour Dept Many")) td.o_pivot_cell_value:last-child .o_value:not(:empty)',
        },
        {
            content: "The department with 2 comments shows no figure",
            trigger: '.o_pivot tr:has(th:contains("Tour Dept Few")) td.o_pivot_cell_value:last-child:not(:has(.o_value:not(:empty)))',
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
    ],
});
