package com.recoverydesk.evidence;

/**
 * The file formats evidence may come in, recognised by their content (see {@link ContentInspector}),
 * never by a file name or a declared content type.
 */
public enum EvidenceFormat {
    JPEG("image/jpeg", "a JPEG photo", true),
    PNG("image/png", "a PNG photo", true),
    PDF("application/pdf", "a PDF document", false),
    MP4("video/mp4", "an MP4 video", false);

    private final String mediaType;
    private final String description;
    private final boolean image;

    EvidenceFormat(String mediaType, String description, boolean image) {
        this.mediaType = mediaType;
        this.description = description;
        this.image = image;
    }

    /** The media type to serve the file with, e.g. {@code image/png}. */
    public String mediaType() {
        return mediaType;
    }

    /** How a requester would name it, e.g. "a PNG photo". */
    public String description() {
        return description;
    }

    /** Images have their dimensions checked, so that a decompression bomb never reaches a viewer. */
    public boolean isImage() {
        return image;
    }
}
