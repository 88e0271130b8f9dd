package com.recoverydesk.evidence;

import com.recoverydesk.evidence.EvidenceRefusedException.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Walks an MP4's boxes (ISO/IEC 14496-12) as the upload streams through, in constant memory, and
 * refuses it at its end unless it is a video a player could play: the boxes tile the file exactly
 * (nothing cut off, nothing appended), there is a movie box ({@code moov}) with its header
 * ({@code mvhd}) and at least one track ({@code trak}), and a media data box ({@code mdat}) that
 * holds data. A file type box and an empty {@code mdat}, the "header only" MP4, is refused.
 *
 * <p>The refusal is thrown from inside the storage's read loop, which deletes what it had written.
 */
final class Mp4StructureCheck extends FilterInputStream {

    private long position;
    private long nextHeaderAt;
    private final Deque<Long> containerEnds = new ArrayDeque<>();
    private final byte[] header = new byte[16];
    private int headerFill;
    private int headerLength;
    private long headerStart;
    private boolean collecting;
    /** A last box of size 0 runs to the end of the file. */
    private boolean lastBoxOpenEnded;
    private boolean openEndedIsMdat;
    private boolean movie;
    private boolean movieHeader;
    private boolean track;
    private long mediaBytes;
    private boolean checked;

    Mp4StructureCheck(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n == -1) {
            atEnd();
        } else {
            walk(buffer, offset, offset + n);
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

    private void walk(byte[] buffer, int from, int to) {
        int i = from;
        while (i < to) {
            if (lastBoxOpenEnded) {
                position += to - i;
                return;
            }
            if (!collecting) {
                long gap = nextHeaderAt - position;
                if (gap >= to - i) {
                    position += to - i;
                    return;
                }
                i += (int) gap;
                position += gap;
                collecting = true;
                headerFill = 0;
                headerLength = 8;
                headerStart = position;
            }
            while (i < to && headerFill < headerLength) {
                header[headerFill++] = buffer[i++];
                position++;
            }
            if (headerFill == headerLength) {
                if (headerLength == 8 && readUnsigned32(0) == 1) {
                    headerLength = 16; // a 64-bit "largesize" follows the type
                    continue;
                }
                boxHeaderRead();
            }
        }
    }

    private void boxHeaderRead() {
        collecting = false;
        String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
        long size = headerLength == 16 ? readUnsigned64(8) : readUnsigned32(0);
        boolean topLevel = containerEnds.isEmpty();
        if (size == 0) {
            if (!topLevel) {
                throw damaged();
            }
            lastBoxOpenEnded = true;
            openEndedIsMdat = type.equals("mdat");
            movie |= type.equals("moov");
            return;
        }
        if (size < headerLength) {
            throw damaged();
        }
        long boxEnd = headerStart + size;
        if (!topLevel && boxEnd > containerEnds.peek()) {
            throw damaged();
        }
        if (topLevel && type.equals("moov")) {
            movie = true;
            containerEnds.push(boxEnd);
            nextHeaderAt = headerStart + headerLength;
        } else {
            if (topLevel && type.equals("mdat")) {
                mediaBytes += size - headerLength;
            } else if (!topLevel && type.equals("mvhd")) {
                movieHeader = true;
            } else if (!topLevel && type.equals("trak")) {
                track = true;
            }
            nextHeaderAt = boxEnd;
        }
        while (!containerEnds.isEmpty() && nextHeaderAt == containerEnds.peek()) {
            containerEnds.pop();
        }
    }

    private void atEnd() {
        if (checked) {
            return;
        }
        checked = true;
        if (lastBoxOpenEnded) {
            if (openEndedIsMdat) {
                mediaBytes += position - headerStart - headerLength;
            }
        } else if (collecting || position != nextHeaderAt || !containerEnds.isEmpty()) {
            throw new EvidenceRefusedException(Reason.DAMAGED,
                    "The video appears to be cut off or damaged. Please upload the original recording again.");
        }
        if (!movie || !movieHeader || !track || mediaBytes == 0) {
            throw new EvidenceRefusedException(Reason.DAMAGED,
                    "This file holds no playable recording. Please upload the video exactly as your phone saved it.");
        }
    }

    private static EvidenceRefusedException damaged() {
        return new EvidenceRefusedException(Reason.DAMAGED, "The video appears to be damaged. Please upload the original recording again.");
    }

    private long readUnsigned32(int offset) {
        return ((long) (header[offset] & 0xFF) << 24) | ((header[offset + 1] & 0xFF) << 16)
                | ((header[offset + 2] & 0xFF) << 8) | (header[offset + 3] & 0xFF);
    }

    private long readUnsigned64(int offset) {
        long value = (readUnsigned32(offset) << 32) | readUnsigned32(offset + 4);
        if (value < 0) {
            throw damaged();
        }
        return value;
    }
}
