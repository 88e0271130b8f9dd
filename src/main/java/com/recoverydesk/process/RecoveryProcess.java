package com.recoverydesk.process;

/**
 * The names in {@code bpmn/account-recovery.bpmn}: process id, element ids, job types, messages,
 * errors and variables. The BPMN and the Java code meet only through these constants
 * ({@code RecoveryProcessModelTest} checks that each one is in the file).
 */
public final class RecoveryProcess {

    public static final String PROCESS_ID = "account-recovery";
    public static final String RESOURCE = "bpmn/account-recovery.bpmn";

    /** Job types: one worker method each. */
    public static final class JobTypes {
        public static final String ASSESS_RISK = "assess-risk";
        public static final String REQUEST_EVIDENCE = "request-evidence";
        public static final String SEND_REMINDER = "send-reminder";
        public static final String CLOSE_CASE = "close-case";
        public static final String OPEN_REVIEW = "open-review";
        public static final String ESCALATE = "escalate";
        public static final String REQUEST_MORE_INFO = "request-more-info";
        public static final String OPEN_APPROVAL = "open-approval";
        public static final String ANNOUNCE_RESET = "announce-reset";
        public static final String FREEZE_CASE = "freeze-case";
        public static final String RESET_2FA = "reset-2fa";
        public static final String NOTIFY_RESET_COMPLETE = "notify-reset-complete";
        public static final String NOTIFY_REJECTION = "notify-rejection";

        private JobTypes() {
        }
    }

    /** Messages, all correlated by {@link Variables#CASE_ID}. */
    public static final class Messages {
        public static final String EVIDENCE_SUBMITTED = "evidence-submitted";
        public static final String REVIEW_DECIDED = "review-decided";
        public static final String APPROVAL_DECIDED = "approval-decided";
        public static final String RESET_OBJECTED = "reset-objected";
        /** A supervisor reopened a frozen case: the reset is announced again. */
        public static final String CASE_REOPENED = "case-reopened";

        private Messages() {
        }
    }

    public static final class Errors {
        public static final String ACCOUNT_NOT_ELIGIBLE = "ACCOUNT_NOT_ELIGIBLE";
        /** The objection came in as the cooling-off timer fired: the reset job freezes the case instead. */
        public static final String RESET_OBJECTED = "RESET_OBJECTED";

        private Errors() {
        }
    }

    /** Task headers. */
    public static final class Headers {
        /** On {@code close-case}: the status the case closes with. */
        public static final String OUTCOME = "outcome";
        /** On {@code escalate}: the stage whose SLA is at risk. */
        public static final String STAGE = "stage";

        private Headers() {
        }
    }

    public static final class Variables {
        public static final String CASE_ID = "caseId";
        public static final String TICKET_REF = "ticketRef";
        public static final String RISK_LEVEL = "riskLevel";
        public static final String REQUIRED_EVIDENCE = "requiredEvidence";
        /** ISO 8601 durations and date-times, set by the risk assessment. */
        public static final String EVIDENCE_REMINDER_AFTER = "evidenceReminderAfter";
        public static final String EVIDENCE_TIMEOUT = "evidenceTimeout";
        public static final String REVIEW_WARNING_AT = "reviewWarningAt";
        public static final String COOLING_OFF = "coolingOff";
        /** APPROVE, REJECT or REQUEST_MORE_INFO, with the {@code review-decided} message. */
        public static final String REVIEW_DECISION = "reviewDecision";
        /** APPROVE or DENY, with the {@code approval-decided} message. */
        public static final String APPROVAL_DECISION = "approvalDecision";

        private Variables() {
        }
    }

    /** Element ids, for tests and the operations view. */
    public static final class Elements {
        public static final String START = "Event_RequestFiled";
        public static final String ASSESS_RISK = "Task_AssessRisk";
        public static final String REQUEST_EVIDENCE = "Task_RequestEvidence";
        public static final String WAIT_FOR_EVIDENCE = "Task_WaitForEvidence";
        public static final String EVIDENCE_REMINDER_DUE = "Event_EvidenceReminderDue";
        public static final String EVIDENCE_TIMED_OUT = "Event_EvidenceTimedOut";
        public static final String OPEN_REVIEW = "Task_OpenReview";
        public static final String REVIEW = "Task_Review";
        public static final String REVIEW_SLA_WARNING = "Event_ReviewSlaWarning";
        public static final String REVIEW_OUTCOME = "Gateway_ReviewOutcome";
        public static final String REQUEST_MORE_INFO = "Task_RequestMoreInfo";
        public static final String OPEN_APPROVAL = "Task_OpenApproval";
        public static final String AWAIT_APPROVAL = "Task_AwaitApproval";
        public static final String APPROVAL_OUTCOME = "Gateway_ApprovalOutcome";
        public static final String ANNOUNCE_RESET = "Task_AnnounceReset";
        public static final String COOLING_OFF = "Gateway_CoolingOff";
        public static final String RESET_OBJECTED = "Event_ResetObjected";
        public static final String FREEZE_CASE = "Task_FreezeCase";
        public static final String AWAIT_REOPENING = "Task_AwaitReopening";
        public static final String OBJECTED_LATE = "Event_ObjectedLate";
        public static final String RESET_2FA = "Task_Reset2fa";
        public static final String ACCOUNT_NOT_ELIGIBLE = "Event_AccountNotEligible";
        public static final String NOTIFY_RESET_COMPLETE = "Task_NotifyResetComplete";
        public static final String NOTIFY_REJECTION = "Task_NotifyRejection";
        public static final String EXPIRED = "Event_Expired";
        public static final String REJECTED = "Event_Rejected";
        public static final String RECOVERED = "Event_Recovered";

        private Elements() {
        }
    }

    private RecoveryProcess() {
    }
}
