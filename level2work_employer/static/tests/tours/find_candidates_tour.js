import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A member of staff opens a published vacancy, ranks the candidates, reads
// why each one fits and what is left to work on, proposes the best one in
// one click and opens that row, named after the candidate.
registry.category("web_tour.tours").add("level2work_employer_find_candidates_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("level2work_pathway.level2work_menu_root", "Open level2work"),
        {
            trigger: '.o_menu_sections [data-menu-xmlid="level2work_employer.employer_menu_main"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="level2work_employer.vacancy_menu"]',
            run: "click",
        },
        {
            trigger: ".o_kanban_record:contains(Bridge engineer)",
            run: "click",
        },
        {
            content: "Rank the candidates of the published vacancy",
            trigger: ".o_form_view button[name=action_find_candidates]",
            run: "click",
        },
        {
            content: "The ranking shows why, by default",
            trigger: ".o_list_view th:contains(Why)",
        },
        {
            trigger: ".o_data_row:contains(Amina Haddad):contains(What fits):contains(Occupation: aims for 2142 Civil engineers)",
        },
        {
            content: "What the second candidate will work on",
            trigger: ".o_data_row:contains(Bilal Rahimi):contains(To work on):contains(one level short)",
        },
        {
            content: "Propose the best candidate in one click",
            trigger: ".o_data_row:contains(Amina Haddad) button[name=action_propose]",
            run: "click",
        },
        {
            trigger: ".o_notification:contains(Proposed to)",
        },
        {
            content: "Proposed: the row has no Propose button any more",
            trigger: ".o_data_row:contains(Amina Haddad):not(:has(button[name=action_propose]))",
        },
        {
            trigger: ".o_data_row:contains(Amina Haddad) td[name=newcomer_id]",
            run: "click",
        },
        {
            content: "The breadcrumb names the candidate",
            trigger: ".o_breadcrumb .active:contains(Amina Haddad for Bridge engineer)",
        },
    ],
});
