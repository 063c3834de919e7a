package org.gddim.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces a generated region of a Markdown document, delimited by {@code <!-- BEGIN generated:ID -->} and
 * {@code <!-- END generated:ID -->}, leaving the hand-written text around it alone; a missing region is
 * appended. Written atomically.
 */
public final class DocRegions {
    private DocRegions() {}

    public static void replace(Path doc, String id, String content) throws IOException {
        String begin = "<!-- BEGIN generated:" + id + " -->";
        String end = "<!-- END generated:" + id + " -->";
        String text = Files.exists(doc) ? Files.readString(doc) : "";
        String block = begin + "\n" + content.strip() + "\n" + end;
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        String updated;
        if (b >= 0 && e > b) {
            updated = text.substring(0, b) + block + text.substring(e + end.length());
        } else {
            updated = text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + block + "\n";
        }
        AtomicFiles.write(doc, updated.getBytes(StandardCharsets.UTF_8));
    }
}
