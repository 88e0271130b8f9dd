package com.recoverydesk.review;

import java.util.List;

/** The case page: the case file, what the viewer may do, and the form's choices. */
public record CasePageView(CaseFileView file, CaseFileService.CaseActionsView actions, List<ChoiceView> checklist,
                           List<ChoiceView> reasons, List<String> reassignTo, String notice, String error) {

    /** A checklist item or a reason code, with its words. */
    public record ChoiceView(String value, String label) {}
}
