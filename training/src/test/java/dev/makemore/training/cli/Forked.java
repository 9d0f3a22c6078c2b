package dev.makemore.training.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code makemore} command line in a child JVM on this test's class path, for what only a real
 * process shows: signals, the heap limit, being killed.
 */
final class Forked implements AutoCloseable {
    private final Process process;
    private final LinkedBlockingQueue<String> outLines = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> err;

    private Forked(Process process) {
        this.process = process;
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var reader = new Thread(() -> out.lines().forEach(outLines::add), "forked-stdout");
        reader.setDaemon(true);
        reader.start();
        err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    /** Starts {@code makemore args} with the JVM options {@code jvm}. */
    static Forked start(List<String> jvm, String... args) throws IOException {
        return start(List.of(), jvm, args);
    }

    /** The same, started by the command {@code wrapper} (which runs its arguments), e.g. in a namespace. */
    static Forked start(List<String> wrapper, List<String> jvm, String... args) throws IOException {
        var cmd = new ArrayList<>(wrapper);
        if (sigintIgnored()) {
            // Started from a shell without job control, this JVM ignores SIGINT and so would the child:
            // perl restores the default before starting it (a JVM cannot).
            cmd.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec {$ARGV[0]} @ARGV or die"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xss4m", "-Djava.awt.headless=true"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Makemore.class.getName()));
        cmd.addAll(List.of(args));
        return new Forked(new ProcessBuilder(cmd).start());
    }

    /** Whether this process ignores SIGINT (Linux's /proc; false where it cannot tell). */
    static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 2) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Waits up to {@code seconds} for a line of stdout matching {@code regex}; null if none came. */
    String awaitOut(String regex, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String line = outLines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.matches(regex)) {
                return line;
            }
        }
        return null;
    }

    /** Sends {@code signal} (e.g. "INT") with kill(1). */
    void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits up to {@code seconds} for the exit status; kills the process and fails if it does not come. */
    int exitStatus(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the forked makemore did not exit within " + seconds + " s");
        }
        return process.exitValue();
    }

    /** The lines of stderr (after exit), without the JVM's note that an incubator module is in use. */
    List<String> errLines() {
        return err.join().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
