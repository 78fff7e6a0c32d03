/** @odoo-module **/
import { registry } from "@web/core/registry";

// An HR manager finds the app, opens the model registry and the active text encoder.
registry.category("web_tour.tours").add("hr_talent_ai_registry_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the home menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Talent AI is an app on the home menu",
            trigger: '.o_app[data-menu-xmlid="hr_talent_ai.menu_talent_ai_root"]',
            run: "click",
        },
        {
            content: "Open the Configuration menu",
            trigger: '.o_main_navbar [data-menu-xmlid="hr_talent_ai.menu_talent_ai_config"]',
            run: "click",
        },
        {
            content: "Open the model registry",
            trigger: '.dropdown-item[data-menu-xmlid="hr_talent_ai.menu_hr_talent_model"]',
            run: "click",
        },
        {
            content: "Models are grouped by kind: open the text encoders",
            trigger: '.o_list_view .o_group_name:contains("Text encoder")',
            run: "click",
        },
        {
            content: "Open the active text encoder",
            trigger: '.o_data_row:contains("Active") td[name="name"]',
            run: "click",
        },
        {
            content: "Its form offers Roll back, not Activate, and shows its checksum",
            trigger: '.o_form_view button[name="action_rollback"]',
        },
        {
            trigger: '.o_form_view .o_field_widget[name="checksum"]:not(:empty)',
        },
    ],
});
