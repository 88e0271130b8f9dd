package com.recoverydesk.cases;

import java.security.SecureRandom;

/**
 * Ticket references {@code RCV-XXXX-XXXX}: 8 random characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L), 40 bits, so that references can be read over the phone and not guessed.
 */
public final class TicketReferences {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketReferences() {
    }

    public static String next() {
        StringBuilder ref = new StringBuilder("RCV-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                ref.append('-');
            }
            ref.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return ref.toString();
    }

    public static boolean isWellFormed(String ref) {
        return ref != null && ref.matches("RCV-[" + ALPHABET + "]{4}-[" + ALPHABET + "]{4}");
    }
}
