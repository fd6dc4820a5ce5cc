import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A coach registers a newcomer at the contact desk, lands on the new
// pathway, logs a contact moment in its dialog and finds the card on the
// kanban.
registry.category("web_tour.tours").add("level2work_intake_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("level2work_pathway.level2work_menu_root", "Open level2work"),
        {
            trigger: 'button[data-menu-xmlid="level2work_pathway.newcomer_menu_main"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="level2work_pathway.intake_wizard_menu"]',
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Tesfaye Bekele",
        },
        {
            trigger: ".modal .o_field_widget[name=email] input",
            run: "edit tesfaye.bekele@example.com",
        },
        {
            trigger: ".modal .o_field_widget[name=country_of_origin_id] input",
            run: "edit Ethiopia",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Ethiopia)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=national_number] input",
            run: "edit 85.07.30-033.28",
        },
        {
            trigger: ".modal button[name=action_create]",
            run: "click",
        },
        {
            content: "The new pathway opens in the intake stage",
            trigger: ".o_breadcrumb .active:contains(Tesfaye Bekele)",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Intake)",
        },
        {
            trigger: ".o_form_view button[name=action_log_contact]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=summary] input",
            run: "edit Documents for the recognition of the diploma",
        },
        {
            trigger: ".modal .modal-footer button:contains(Log contact)",
            run: "click",
        },
        {
            content: "The dialog closes once the contact is saved",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=last_contact_by]:contains(Coach Koen)",
        },
        {
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The card is on the kanban with its diploma and Dutch badges",
            trigger: ".o_kanban_record:contains(Tesfaye Bekele):contains(0 days since last contact)",
        },
    ],
});
