package org.gddim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** What the report says about the machine; every probe falls back to "unknown". */
record Machine(String cpu, int cpus, String memory, String caches, String l3, String isa, String commit) {
    static Machine probe() {
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        String cpu = "unknown CPU";
        String flags = "";
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name") && cpu.equals("unknown CPU")) {
                cpu = line.substring(line.indexOf(':') + 1).trim();
            }
            if (line.startsWith("flags") && flags.isEmpty()) {
                flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
            }
        }
        String memory = "unknown";
        for (String line : read(Path.of("/proc/meminfo")).split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                memory = ReportMarkdown.fmt("%.1f GiB", kib / 1024.0 / 1024.0);
            }
        }
        Map<String, String> caches = new TreeMap<>();
        String l3 = "unknown size";
        for (int i = 0; i < 8; i++) {
            Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + i);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            String level = read(dir.resolve("level")).trim();
            String type = read(dir.resolve("type")).trim();
            String size = read(dir.resolve("size")).trim();
            if (type.equals("Instruction")) {
                continue;
            }
            String name = "L" + level + (type.equals("Data") ? "d" : "");
            caches.put(name, name + " " + size(size));
            if (level.equals("3")) {
                l3 = size(size);
            }
        }
        String cacheText = caches.isEmpty() ? "unknown" : String.join(", ", caches.values());
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory, cacheText, l3, isa(flags),
                gitCommit());
    }

    /** "32K" / "16384K" / "16M" as sysfs writes cache sizes, in KiB or MiB. */
    static String size(String sysfs) {
        try {
            long kib = Long.parseLong(sysfs.replaceAll("[^0-9]", ""));
            if (sysfs.endsWith("M")) {
                kib *= 1024;
            }
            return kib >= 1024 && kib % 1024 == 0 ? (kib / 1024) + " MiB" : kib + " KiB";
        } catch (NumberFormatException e) {
            return sysfs;
        }
    }

    /** Which of libgdk's target_clones the CPU runs (x86-64 psABI levels). */
    static String isa(String flags) {
        boolean v4 = has(flags, "avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl");
        boolean v3 = has(flags, "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe");
        if (v4) {
            return "x86-64-v4 clone (AVX-512) of every C loop, libgdk's and the baselines' alike";
        }
        if (v3) {
            return "x86-64-v3 clone (AVX2 + FMA; no AVX-512 here) of every C loop, libgdk's and the baselines' alike";
        }
        return flags.isBlank() ? "unknown" : "baseline x86-64 clone (SSE2) of every C loop";
    }

    private static boolean has(String flags, String... names) {
        return Arrays.stream(names).allMatch(f -> flags.contains(" " + f + " "));
    }

    static String gitCommit() {
        String head = git("rev-parse", "--short", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown (not a git checkout)";
        }
        String status = git("status", "--porcelain");
        return "`" + head.trim() + "`" + (status != null && !status.isBlank() ? " + uncommitted changes" : "");
    }

    private static String git(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
