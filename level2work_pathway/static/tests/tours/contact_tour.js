import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A coach finds on the kanban a newcomer without contact for too long, logs
// a phone call in the dialog of the card's Contact button, and sees the
// counter start again with who had the last contact.
registry.category("web_tour.tours").add("level2work_contact_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("level2work_pathway.level2work_menu_root", "Open level2work"),
        {
            trigger: '.o_menu_sections [data-menu-xmlid="level2work_pathway.pathway_menu"]',
            run: "click",
            // The app opens on its first view first: on a busy machine that
            // can take a while.
            timeout: 30000,
        },
        {
            content: "No contact for 40 days: the counter is red",
            trigger: ".o_kanban_record:contains(Amina Haddad) .text-danger:contains(40 days since last contact)",
            timeout: 30000,
        },
        {
            trigger: ".o_kanban_record:contains(Amina Haddad) button[name=action_log_contact]",
            run: "click",
        },
        {
            content: "A small form opens: nothing is saved yet",
            trigger: ".modal .o_field_widget[name=kind] input[data-value=phone]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=summary] input",
            run: "edit Asked how the Dutch course is going",
        },
        {
            trigger: ".modal .modal-footer button:contains(Log contact)",
            run: "click",
        },
        {
            content: "The counter starts again and says who had the last contact",
            trigger: "body:not(:has(.modal)) .o_kanban_record:contains(Amina Haddad):contains(0 days since last contact):contains(Last contact: Coach Coach Koen)",
        },
    ],
});
