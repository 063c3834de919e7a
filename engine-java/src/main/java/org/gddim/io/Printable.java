package org.gddim.io;

/**
 * Text from a user's file made safe for a one-line error message: control and non-ASCII characters shown as
 * backslash-x and two hex digits (backslash-u and four beyond Latin-1), cut after 200 characters. Every parser
 * that quotes its input in a refusal goes through here (the fuzz tests check that refusals are one printable line).
 */
public final class Printable {
    private Printable() {}

    /** The most characters of quoted input in a message. */
    public static final int MAX_CHARS = 200;

    /** {@code text}, escaped and shortened. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int n = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return text.length() > MAX_CHARS ? out + "..." : out.toString();
    }
}
