package com.recoverydesk.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Signs the chain head with the service's Ed25519 key and keeps the signed checkpoints. Before
 * signing it verifies the chain from the previous checkpoint to the head, so that a checkpoint
 * never vouches for a broken chain.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

    private final AuditVerifier verifier;
    private final CheckpointKeys keys;
    /** Signers in this JVM take turns; across replicas the primary key on the number makes the loser fail. */
    private final ReentrantLock signing = new ReentrantLock();

    public AuditCheckpoints(AuditVerifier verifier, CheckpointKeys keys) {
        this.verifier = verifier;
        this.keys = keys;
    }

    /**
     * Signs the current chain head, in a transaction of its own.
     *
     * @param origin      {@link AuditCheckpointView#SCHEDULED} or {@link AuditCheckpointView#ON_DEMAND}
     * @param requestedBy the staff member who asked, or null
     * @throws ChainBrokenException when the chain since the last checkpoint does not verify
     */
    public AuditCheckpointView sign(String origin, String requestedBy) {
        signing.lock();
        try {
            AuditCheckpointView signed = QuarkusTransaction.requiringNew().call(() -> signInTransaction(origin, requestedBy));
            // a second copy outside the database: whoever rewrites the tables cannot rewrite the log too
            LOG.infof("Audit checkpoint %d signed: seq %d, hash %s, key %s, signature %s",
                    signed.number(), signed.seq(), signed.hash(), signed.keyId(), signed.signature());
            return signed;
        } finally {
            signing.unlock();
        }
    }

    /** Signs when the trail has grown since the last checkpoint; the scheduler's entry point. */
    public Optional<AuditCheckpointView> signIfGrown() {
        Optional<AuditCheckpointView> last = QuarkusTransaction.requiringNew().call(this::latest);
        long head = QuarkusTransaction.requiringNew().call(() -> AuditChainHead.<AuditChainHead>findById(AuditChainHead.ONLY_ROW).lastSeq);
        if (head == 0 || last.isPresent() && last.get().seq() >= head) {
            return Optional.empty();
        }
        return Optional.of(sign(AuditCheckpointView.SCHEDULED, null));
    }

    private AuditCheckpointView signInTransaction(String origin, String requestedBy) {
        Optional<AuditCheckpointView> previous = latest();
        AuditVerifier.Segment segment = verifier.verifySince(previous.map(AuditCheckpointView::seq).orElse(0L),
                previous.map(AuditCheckpointView::hash).orElse(AuditHash.GENESIS), previous.map(AuditCheckpointView::number).orElse(0L));
        if (!segment.verification().valid()) {
            throw new ChainBrokenException(segment.verification());
        }
        AuditCheckpoint c = new AuditCheckpoint();
        c.number = previous.map(AuditCheckpointView::number).orElse(0L) + 1;
        c.seq = segment.headSeq();
        c.hash = segment.headHash();
        c.signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        c.keyId = keys.currentKeyId();
        c.signature = Base64.getEncoder().encodeToString(keys.sign(CheckpointPayload.stored(c.number, c.seq, c.hash, c.signedAt, c.keyId)));
        c.origin = origin;
        c.requestedBy = requestedBy;
        c.persist();
        return c.toView();
    }

    @Transactional
    public Optional<AuditCheckpointView> latest() {
        return AuditCheckpoint.<AuditCheckpoint>find("order by number desc").firstResultOptional().map(AuditCheckpoint::toView);
    }

    @Transactional
    public Optional<AuditCheckpointView> find(long number) {
        return AuditCheckpoint.<AuditCheckpoint>findByIdOptional(number).map(AuditCheckpoint::toView);
    }

    /** Checkpoints with a number above {@code after}, oldest first. */
    @Transactional
    public List<AuditCheckpointView> list(long after, int limit) {
        return AuditCheckpoint.<AuditCheckpoint>find("number > ?1", Sort.by("number"), after).range(0, limit - 1).list()
                .stream().map(AuditCheckpoint::toView).toList();
    }

    /** Checkpoints naming entries {@code firstSeq..lastSeq}, in chain order; for the export. */
    @Transactional
    public List<AuditCheckpointView> naming(long firstSeq, long lastSeq) {
        return AuditCheckpoint.<AuditCheckpoint>find("seq >= ?1 and seq <= ?2", Sort.by("seq").and("number"), firstSeq, lastSeq)
                .list().stream().map(AuditCheckpoint::toView).toList();
    }

    public List<CheckpointKeys.PublicKeyView> publicKeys() {
        return keys.publicKeys();
    }
}
