import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Desk staff register a newcomer at the contact desk: person, origin, a
// coach of their own lab, a diploma, a language, an aspiration and the
// consent to process their data, watching the eligibility go from "to
// check" to eligible as they type. They land on the new pathway, log a
// contact moment in its dialog and find the card on the kanban, the jobs
// below level named next to what the person asks for.
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
            content: "Nothing says yet whether the person is eligible: to check",
            trigger: ".modal .o_field_widget[name=eligibility_state]:contains(To check)",
        },
        {
            trigger: ".modal .o_field_widget[name=eligibility_explanation]:contains(the arrival date is not recorded)",
        },
        {
            trigger: ".modal .o_field_widget[name=arrival_date] input",
            run: "edit 01/15/2025",
        },
        {
            trigger: ".modal .o_field_widget[name=national_number] input",
            run: "edit 85.07.30-033.28",
        },
        {
            content: "Only the coaches of the desk's own lab are offered",
            trigger: ".modal .o_field_widget[name=coach_id] input",
            run: "click",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu:contains(Coach Sofie):not(:contains(Manager Mia)):not(:contains(Desk Dirk)) .o-autocomplete--dropdown-item:contains(Coach Koen)",
            run: "click",
        },
        {
            content: "A diploma as a line",
            trigger: ".modal .o_field_widget[name=diploma_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=diploma_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Master of Civil Engineering",
        },
        {
            trigger: ".modal .o_field_widget[name=diploma_ids] .o_data_row .o_field_widget[name=isced_level] select",
            run: 'select "7"',
        },
        {
            trigger: ".modal .o_field_widget[name=diploma_ids] .o_data_row .o_field_widget[name=field_of_study] input",
            run: "edit Civil engineering",
        },
        {
            // Clicking outside the row saves it, as a person does before
            // changing tab: a tab clicked in the very moment the list redraws
            // the row makes the web client fail.
            content: "Eligible as soon as the diploma is there",
            trigger: ".modal .o_field_widget[name=eligibility_state]:contains(Eligible)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=diploma_ids] .o_data_row:not(.o_selected_row)",
        },
        {
            trigger: ".modal .nav-link:contains(Languages)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=language_skill_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=language_skill_ids] .o_data_row .o_field_widget[name=language_id] input",
            run: "edit Dutch",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Dutch)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=language_skill_ids] .o_data_row .o_field_widget[name=level] select",
            run: 'select "A2"',
        },
        {
            trigger: ".modal .o_field_widget[name=eligibility_state]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=language_skill_ids] .o_data_row:not(.o_selected_row)",
        },
        {
            trigger: ".modal .nav-link:contains(Aspirations)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=aspiration_ids] input",
            run: "edit Cleaners",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Cleaners and helpers)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=aspiration_ids] .o_tag:contains(Cleaners and helpers)",
        },
        {
            content: "The consent to process their data, signed at the desk",
            trigger: ".modal .o_field_widget[name=consent_process] input",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=consent_text_version] input",
        },
        {
            trigger: ".modal .o_field_widget[name=eligibility_state]:contains(Eligible)",
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
            trigger: ".o_form_view .o_field_widget[name=eligibility_state]:contains(Eligible)",
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
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=last_contact_by]:contains(Desk Dirk)",
        },
        {
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Desk staff see every pathway of their lab, not only the ones they coach",
            trigger: ".o_searchview_facet:contains(My newcomers) .o_facet_remove",
            run: "click",
        },
        {
            content: "The card names the jobs below level next to what the person asks for",
            trigger: ".o_kanban_record:contains(Tesfaye Bekele):contains(0 days since last contact) .o_aspirations:contains(Below level: Cleaners and helpers)",
        },
    ],
});
