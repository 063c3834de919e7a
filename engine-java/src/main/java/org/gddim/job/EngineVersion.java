package org.gddim.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version and the git commit it was built from (filtered into version.properties by Maven). */
public record EngineVersion(String version, String commit) {
    /** Read from the engine jar. */
    public static EngineVersion current() {
        Properties p = new Properties();
        try (InputStream in = EngineVersion.class.getResourceAsStream("/org/gddim/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return new EngineVersion(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"));
    }

    @Override
    public String toString() {
        return version + " (" + commit + ")";
    }
}
