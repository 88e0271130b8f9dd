package com.recoverydesk.evidence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 10: a replaced file was deleted before the new record committed, so a failed
 * commit lost the KYC evidence it replaced. The commit is made to fail here by a deferred
 * constraint trigger on this test's case only (a serialization failure would do the same).
 */
@QuarkusTest
class ReplacedEvidenceTest {

    @Inject
    CaseEvidenceService evidence;

    @Inject
    EvidenceFileService files;

    @Inject
    DataSource dataSource;

    @Test
    void shouldKeepTheReplacedFileWhenTheReplacementFailsToCommitAndDeleteItAfterACommit() throws Exception {
        String token = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        Eventually.await("the risk assessment", () -> !given().auth().oauth2(token).get("/api/v1/my-case").then().extract()
                .<List<?>>path("requiredEvidence").isEmpty());
        String ticketRef = given().auth().oauth2(token).get("/api/v1/my-case").then().extract().path("ticketRef");
        String caseId = QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().id);
        byte[] first = EvidenceSamples.pdf();
        CaseEvidenceService.DeclaredFile declared = new CaseEvidenceService.DeclaredFile("id.pdf", "application/pdf");
        String firstId = evidence.upload(caseId, EvidenceKind.ID_FRONT, new ByteArrayInputStream(first), declared).evidenceId();
        String firstKey = objectKeyOf(firstId);

        refuseCommitsOfEvidenceFor(caseId);
        try {
            byte[] replacement = EvidenceSamples.pdfWith("/Outlines 4 0 R", "<< /Type /Outlines /Count 0 >>");
            assertThrows(RuntimeException.class,
                    () -> evidence.upload(caseId, EvidenceKind.ID_FRONT, new ByteArrayInputStream(replacement), declared));
        } finally {
            allowCommits();
        }

        // the rollback left the first file recorded, and its content is still there
        assertNull(QuarkusTransaction.requiringNew().call(() -> EvidenceFile.<EvidenceFile>findById(firstId).purgedAt));
        try (InputStream content = files.openContent(firstKey)) {
            assertArrayEquals(first, content.readAllBytes());
        }

        // a replacement that commits removes the replaced content
        evidence.upload(caseId, EvidenceKind.ID_FRONT, new ByteArrayInputStream(EvidenceSamples.pdf()), declared);
        assertEquals(404, assertThrows(ProblemException.class, () -> files.openContent(firstKey)).status());
    }

    private static String objectKeyOf(String evidenceId) {
        return QuarkusTransaction.requiringNew().call(() -> EvidenceFile.<EvidenceFile>findById(evidenceId).objectKey);
    }

    private void refuseCommitsOfEvidenceFor(String caseId) throws Exception {
        execute("create or replace function test_refuse_evidence_commit() returns trigger language plpgsql as $$ begin "
                + "if new.case_id = '" + caseId + "' then raise exception 'commit refused by the test'; end if; return new; end $$");
        execute("create constraint trigger test_refuse_evidence_commit after insert on evidence_file "
                + "deferrable initially deferred for each row execute function test_refuse_evidence_commit()");
    }

    private void allowCommits() throws Exception {
        execute("drop trigger if exists test_refuse_evidence_commit on evidence_file");
        execute("drop function if exists test_refuse_evidence_commit()");
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
