import { registry } from "@web/core/registry";

// A coach opens a pathway, ranks the mentors, proposes the mentorship from
// the ranking in one click, records the newcomer's consent to share their
// profile with the mentor, and starts the mentorship.
registry.category("web_tour.tours").add("level2work_mentoring_find_mentor_tour", {
    steps: () => [
        {
            content: "Rank the mentors for this newcomer",
            trigger: ".o_form_view button[name=action_find_mentor]",
            run: "click",
        },
        {
            content: "The ranking explains each score",
            trigger: ".modal .o_data_row:contains(Nadia Vervaet):contains(Same lab)",
        },
        {
            content: "Propose the mentorship in one click",
            trigger: ".modal .o_data_row:contains(Nadia Vervaet) button[name=action_propose]",
            run: "click",
        },
        {
            content: "The proposed mentorship opens",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Proposed)",
        },
        {
            content: "The mentor sees nothing yet: record the consent",
            trigger: ".o_form_view .alert-warning button[name=action_record_consent]",
            run: "click",
        },
        {
            trigger: ".modal .o_form_view .o_field_widget[name=recipient_partner_id]:contains(Nadia Vervaet)",
        },
        {
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The banner is gone once the consent is recorded",
            trigger: "body:not(:has(.modal)) .o_form_view:not(:has(.alert-warning button[name=action_record_consent]))",
        },
        {
            trigger: ".o_form_view button[name=action_activate]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Active)",
        },
    ],
});
