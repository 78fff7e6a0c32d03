/** @odoo-module **/
import { registry } from "@web/core/registry";

// A recruiter opens an applicant, clicks Score fit and reads the score and why.
registry.category("web_tour.tours").add("hr_talent_ai_fit_tour", {
    steps: () => [
        {
            content: "Score the applicant",
            trigger: ".o_form_view button[name='action_compute_fit']",
            run: "click",
        },
        {
            content: "The score appears as a progress bar",
            trigger: ".o_talent_fit_score .o_progressbar",
        },
        {
            content: "with its band",
            trigger: ".o_talent_fit_band:contains(/Strong|Good|Possible|Weak/)",
        },
        {
            content: "Open the explanation",
            trigger: ".o_notebook a.nav-link:contains('Fit')",
            run: "click",
        },
        {
            content: "Requirements with the supporting CV sentence",
            trigger: ".o_talent_fit_explanation:contains('Requirements met'):contains('Django')",
        },
    ],
});
