package com.recoverydesk.evidence;

import com.recoverydesk.evidence.EvidenceRefusedException.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a stream through until it has yielded more than {@code maxBytes}, then refuses the upload.
 * The refusal is thrown from inside the storage's read loop, which deletes what it had written.
 */
final class SizeLimitedInputStream extends FilterInputStream {

    private final long maxBytes;
    private long count;

    SizeLimitedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // ask for at most one byte beyond the limit: enough to know it is exceeded
        int n = super.read(buffer, offset, (int) Math.min(length, maxBytes - count + 1));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("uploads are read, not skipped");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(int n) {
        count += n;
        if (count > maxBytes) {
            throw tooLarge(maxBytes);
        }
    }

    static EvidenceRefusedException tooLarge(long maxBytes) {
        return new EvidenceRefusedException(Reason.FILE_TOO_LARGE,
                "The file is larger than the limit of " + readable(maxBytes) + ". Please upload a smaller file.");
    }

    private static String readable(long bytes) {
        long mebibyte = 1024 * 1024;
        if (bytes % mebibyte == 0) {
            return bytes / mebibyte + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : String.format("%,d bytes", bytes);
    }
}
