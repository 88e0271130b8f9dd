package com.recoverydesk.evidence;

import com.recoverydesk.evidence.EvidenceRefusedException.Reason;
import java.io.IOException;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Refuses PDFs that could act when a reviewer opens them: JavaScript (document-level scripts,
 * open actions, page, annotation and form-field actions), launch actions that start a program,
 * and XFA forms, which carry their own scripts. Parsed with Apache PDFBox, which decodes
 * hex-escaped names ({@code /J#61vaScript}) and compressed object streams, so that every object
 * the cross-reference knows is looked at wherever it hangs.
 *
 * <p>Plain Java and stateless.
 */
public final class PdfInspector {

    private static final COSName JS = COSName.getPDFName("JS");
    private static final COSName JAVASCRIPT = COSName.getPDFName("JavaScript");
    private static final COSName LAUNCH = COSName.getPDFName("Launch");
    private static final COSName XFA = COSName.getPDFName("XFA");
    /** Real documents nest a dozen levels; deeper is a crafted file, refused as damaged. */
    private static final int MAX_DEPTH = 64;

    /**
     * @throws EvidenceRefusedException 415 for active content or a password-protected file,
     *                                  400 for a PDF that does not parse
     */
    public void check(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            COSDocument cos = document.getDocument();
            Optional<String> found = activeContent(cos.getTrailer(), 0);
            for (COSObjectKey key : cos.getXrefTable().keySet()) {
                if (found.isPresent()) {
                    break;
                }
                COSObject object = cos.getObjectFromPool(key);
                found = activeContent(object == null ? null : object.getObject(), 0);
            }
            if (found.isPresent()) {
                throw new EvidenceRefusedException(Reason.ACTIVE_CONTENT, "This PDF contains " + found.get()
                        + ", which we do not accept in evidence. Please print it to a new PDF or upload a photo or scan of the document.");
            }
        } catch (InvalidPasswordException locked) {
            throw new EvidenceRefusedException(Reason.UNSUPPORTED_FORMAT,
                    "This PDF is protected by a password. Please upload it without the password, or a photo or scan of the document.");
        } catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof EvidenceRefusedException refused) {
                throw refused;
            }
            throw new EvidenceRefusedException(Reason.DAMAGED, "The PDF appears to be damaged. Please save it again and upload it.");
        }
    }

    /** What active content the object holds, in the requester's words; indirect references are visited as objects of their own. */
    private static Optional<String> activeContent(COSBase base, int depth) {
        if (depth > MAX_DEPTH) {
            throw new EvidenceRefusedException(Reason.DAMAGED, "The PDF appears to be damaged. Please save it again and upload it.");
        }
        if (base instanceof COSDictionary dictionary) {
            COSBase action = dictionary.getDictionaryObject(COSName.S);
            if (JAVASCRIPT.equals(action) || dictionary.containsKey(JS) || dictionary.containsKey(JAVASCRIPT)) {
                return Optional.of("JavaScript");
            }
            if (LAUNCH.equals(action)) {
                return Optional.of("an action that starts a program");
            }
            if (dictionary.containsKey(XFA)) {
                return Optional.of("an XFA form, which can run scripts");
            }
            for (COSBase value : dictionary.getValues()) {
                if (!(value instanceof COSObject)) {
                    Optional<String> found = activeContent(value, depth + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        } else if (base instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                COSBase value = array.get(i);
                if (!(value instanceof COSObject)) {
                    Optional<String> found = activeContent(value, depth + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }
}
