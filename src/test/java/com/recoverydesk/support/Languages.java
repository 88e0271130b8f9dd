package com.recoverydesk.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.recoverydesk.cases.RequesterMessages;
import com.recoverydesk.web.RequesterWords;
import io.quarkus.qute.i18n.Message;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a page or a mail in one of the requester's languages must look like: Japanese text in the
 * Japanese one and none of the English bundles' sentences left in it; no Japanese in the English one
 * but the switch's own name.
 */
public final class Languages {

    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
    /** The bundles of the requester's pages and mails, with their Japanese files. */
    public static final List<Class<?>> BUNDLES = List.of(RequesterWords.class, RequesterMessages.class, resetWords());
    private static final List<String> ENGLISH_SENTENCES = englishSentences();

    private Languages() {
    }

    public static Class<?> resetWords() {
        try {
            return Class.forName("com.recoverydesk.reset.ResetMails$Words");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page or mail reads in the language: "en" or "ja". */
    public static void assertReadsIn(String language, String where, String text) {
        if (language.equals("ja")) {
            assertJapanese(where, text);
        } else {
            assertEnglish(where, text);
        }
    }

    public static void assertJapanese(String where, String text) {
        assertTrue(JAPANESE.matcher(text).find(), where + " has no Japanese text:\n" + text);
        String unescaped = text.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
        for (String sentence : ENGLISH_SENTENCES) {
            if (unescaped.contains(sentence)) {
                fail(where + " still says in English: \"" + sentence + "\"\n" + text);
            }
        }
    }

    public static void assertEnglish(String where, String text) {
        String withoutSwitch = text.replace("日本語", "");
        assertFalse(JAPANESE.matcher(withoutSwitch).find(), where + " has Japanese text in English:\n" + text);
    }

    /** The keys of a bundle: its methods' names. */
    public static Set<String> keys(Class<?> bundle) {
        Set<String> keys = new TreeSet<>();
        for (Method method : bundle.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Message.class)) {
                keys.add(method.getName());
            }
        }
        return keys;
    }

    public static String englishOf(Class<?> bundle, String key) {
        return Arrays.stream(bundle.getDeclaredMethods()).filter(m -> m.getName().equals(key)).findFirst()
                .map(m -> m.getAnnotation(Message.class).value()).orElseThrow();
    }

    public static Properties japanese(Class<?> bundle) {
        String name = bundle.getAnnotation(io.quarkus.qute.i18n.MessageBundle.class).value();
        Properties properties = new Properties();
        try (var in = Languages.class.getClassLoader().getResourceAsStream("messages/" + name + "_ja.properties")) {
            if (in == null) {
                throw new AssertionError("no messages/" + name + "_ja.properties");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    /**
     * The English sentences (the literal parts of each message between its parameters) that are long
     * enough to be words a translation must replace, longest first.
     */
    private static List<String> englishSentences() {
        Set<String> sentences = new TreeSet<>(Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        for (Class<?> bundle : BUNDLES) {
            Properties japanese = japanese(bundle);
            for (String key : keys(bundle)) {
                for (String part : englishOf(bundle, key).split("\\{[^}]*\\}")) {
                    String literal = part.strip();
                    // a name the Japanese keeps too ("Recovery Desk") is no English left behind
                    boolean keptInJapanese = japanese.getProperty(key, "").contains(literal);
                    if (literal.length() >= 12 && literal.chars().anyMatch(Character::isLetter) && !keptInJapanese) {
                        sentences.add(literal);
                    }
                }
            }
        }
        return List.copyOf(sentences);
    }
}
