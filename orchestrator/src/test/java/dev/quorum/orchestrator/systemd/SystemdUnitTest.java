package dev.quorum.orchestrator.systemd;

import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped unit file: valid for systemd and hardened as the operations notes promise. */
class SystemdUnitTest {

    private static final Path UNIT = ProjectPaths.root().resolve("systemd/quorum.service");

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        return new Run(process.exitValue(), output);
    }

    private static void assumeSystemdAnalyze() {
        boolean present = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(p -> !p.isEmpty())
                .anyMatch(p -> Files.isExecutable(Path.of(p, "systemd-analyze")));
        Assumptions.assumeTrue(present, "systemd-analyze is not installed (Debian package 'systemd'): unit verification skipped");
    }

    /**
     * The unit as it would be installed; when this machine's java is not /usr/bin/java, pointed at the running one,
     * because verify checks that ExecStart's program exists.
     */
    private Path installableUnit() throws IOException {
        String unit = Files.readString(UNIT);
        if (!Files.isExecutable(Path.of("/usr/bin/java"))) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            unit = unit.replace("/usr/bin/java", java);
        }
        Path copy = dir.resolve("quorum.service");
        Files.writeString(copy, unit);
        return copy;
    }

    @Test
    void should_pass_systemd_analyze_verify_without_a_warning() throws Exception {
        assumeSystemdAnalyze();
        Run verify = run(List.of("systemd-analyze", "verify", "--man=no", installableUnit().toString()));
        assertEquals(0, verify.exitCode(), verify.output());
        assertEquals("", verify.output().strip(), "systemd-analyze verify printed warnings");
    }

    @Test
    void should_score_as_well_hardened_in_systemd_analyze_security() throws Exception {
        assumeSystemdAnalyze();
        Run security = run(List.of("systemd-analyze", "security", "--offline=yes", "--no-pager", installableUnit().toString()));
        Assumptions.assumeFalse(security.output().contains("unrecognized option"), "this systemd-analyze has no --offline");
        Matcher level = Pattern.compile("Overall exposure level for quorum.service: ([0-9.]+)").matcher(security.output());
        assertTrue(level.find(), security.output());
        double exposure = Double.parseDouble(level.group(1));
        assertTrue(exposure <= 2.0, "exposure " + exposure + " (0 = locked down, 10 = unprotected)\n" + security.output());
    }

    @Test
    void should_carry_the_promised_hardening_and_restart_policy() throws IOException {
        List<String> lines = Files.readAllLines(UNIT);
        for (String required : List.of("DynamicUser=yes", "StateDirectory=quorum", "ProtectSystem=strict",
                "NoNewPrivileges=yes", "PrivateTmp=yes", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
                "Restart=on-failure", "StartLimitBurst=5", "LoadCredential=quorum:/etc/quorum/credentials",
                // Under the state directory (StateDirectory=quorum), the one place a DynamicUser may write.
                "Environment=DJL_CACHE_DIR=/var/lib/quorum/djl")) {
            assertTrue(lines.contains(required), "quorum.service lacks " + required);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("MemoryMax=")), "quorum.service lacks MemoryMax=");
        // The JVM's JIT needs W+X memory: this setting would make the service crash at start.
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("MemoryDenyWriteExecute=yes")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ExecStart=") && l.contains(" serve --config ")));
    }

    /**
     * Class data sharing as the unit's ExecStart chooses it, run by sh with a stand-in for java that prints its
     * arguments: the first start writes the archive when it stops, the next maps it, and a newer jar (an upgrade)
     * writes it again.
     */
    @Test
    void should_write_the_class_archive_on_the_first_start_and_map_it_after() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path jar = Files.writeString(dir.resolve("quorum.jar"), "jar");
        Path java = Files.writeString(dir.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        String execStart = Files.readAllLines(UNIT).stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow()
                .substring("ExecStart=".length()).replace("$$", "$").replace("/usr/bin/java", java.toString())
                .replace("/var/lib/quorum", state.toString()).replace("/opt/quorum/quorum.jar", jar.toString());
        Path archive = state.resolve("quorum.jsa");
        String writes = "-XX:ArchiveClassesAtExit=" + archive;
        String maps = "-XX:SharedArchiveFile=" + archive;
        // Writing the archive, the JVM warns of each class it leaves out (some 200 lines): only its errors are logged.
        String quiet = " -Xlog:cds=error ";

        String first = run(List.of("/bin/sh", "-c", execStart)).output();
        assertTrue(first.contains(writes + quiet) && !first.contains(maps), first);

        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() - 60_000));
        String next = run(List.of("/bin/sh", "-c", execStart)).output();
        assertTrue(next.contains(maps) && !next.contains(writes) && !next.contains(quiet), next);
        assertTrue(next.contains(" -jar " + jar + " serve --config "), next);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 60_000));
        String upgraded = run(List.of("/bin/sh", "-c", execStart)).output();
        assertTrue(upgraded.contains(writes) && !upgraded.contains(maps), upgraded);
    }
}
