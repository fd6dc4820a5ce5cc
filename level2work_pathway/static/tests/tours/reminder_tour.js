import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A manager who changed a reminder rule selects it in the list and sends its
// reminders now; a notification says what was given.
registry.category("web_tour.tours").add("level2work_reminder_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("level2work_pathway.level2work_menu_root", "Open level2work"),
        {
            trigger: '.o_menu_sections button[data-menu-xmlid="level2work_pathway.configuration_menu"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="level2work_pathway.reminder_rule_menu"]',
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(No contact for too long) .o_list_record_selector input",
            run: "click",
        },
        {
            trigger: ".o_control_panel button[name=action_send_now]",
            run: "click",
        },
        {
            content: "The notification counts the reminders given per rule",
            trigger: ".o_notification:contains(Reminders given:):contains(No contact for too long:):contains(Rules checked: 1.)",
        },
    ],
});
