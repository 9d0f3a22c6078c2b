package dev.makemore.training.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code makemore.cmd} (Windows) does what {@code ./makemore} does: it builds the jar with the same
 * Maven arguments and starts the JVM with the same options. This machine cannot run a batch file, so
 * the test reads both scripts and compares their commands token by token.
 */
class LauncherScriptsTest {

    /** The repository's root: the tests run in training/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void cmdStartsTheJvmWithTheShellScriptsOptions() throws IOException {
        List<String> sh = upTo(after(command(read("makemore"), "exec \"$java\"", "\\"), "\"$java\""), "-jar");
        List<String> cmd = upTo(after(command(read("makemore.cmd"), "@\"%__MM_JAVA%\" --add-modules", "^"),
                "@\"%__MM_JAVA%\""), "-jar");

        // The shell script tells the JVM whether stderr is a terminal ([ -t 2 ]); cmd cannot, and the JVM
        // then asks its console. Both pass the user's extra options.
        assertThat(sh).contains("-Dmakemore.stderr.tty=\"$tty\"", "${MAKEMORE_JAVA_OPTS:-}");
        assertThat(cmd).contains("%MAKEMORE_JAVA_OPTS%").noneMatch(t -> t.startsWith("-Dmakemore.stderr.tty"));
        sh.removeAll(List.of("-Dmakemore.stderr.tty=\"$tty\"", "${MAKEMORE_JAVA_OPTS:-}"));
        cmd.remove("%MAKEMORE_JAVA_OPTS%");

        assertThat(sh).as("./makemore's JVM options").contains("--add-modules", "jdk.incubator.vector", "-Xmx2g");
        assertThat(cmd).as("makemore.cmd's JVM options, in ./makemore's order").isEqualTo(sh);
    }

    @Test
    void cmdBuildsWithTheShellScriptsMavenArguments() throws IOException {
        // ./makemore: (cd "$root" && ./mvnw ARGS) 1>&2      makemore.cmd: CALL "%~dp0mvnw.cmd" -f "%~dp0pom.xml" ARGS 1>&2
        List<String> sh = upTo(after(command(read("makemore"), "&& ./mvnw", "\\"), "./mvnw"), "1>&2;");
        List<String> cmd = upTo(after(command(read("makemore.cmd"), "CALL \"%~dp0mvnw.cmd\"", "^"), "\"%~dp0pom.xml\""), "1>&2");
        int last = sh.size() - 1;
        assertThat(sh.get(last)).endsWith(")");
        sh.set(last, sh.get(last).substring(0, sh.get(last).length() - 1));

        assertThat(sh).as("./makemore's Maven arguments").contains("package", "-pl", "training", "-am", "-DskipTests");
        assertThat(cmd).as("makemore.cmd's Maven arguments").isEqualTo(sh);
    }

    private static List<String> read(String script) throws IOException {
        Path file = ROOT.resolve(script);
        assertThat(file).as("run from the module folder, in a full checkout").exists();
        return Files.readAllLines(file).stream().map(String::stripTrailing).toList();
    }

    /** The line holding {@code start}, joined with the lines its {@code continuation} marks carry on. */
    private static String command(List<String> lines, String start, String continuation) {
        var joined = new StringBuilder();
        boolean inside = false;
        for (String line : lines) {
            inside |= line.contains(start);
            if (inside) {
                boolean more = line.endsWith(continuation);
                joined.append(more ? line.substring(0, line.length() - continuation.length()) : line).append(' ');
                if (!more) {
                    return joined.toString();
                }
            }
        }
        throw new AssertionError("no line with '" + start + "' in the script");
    }

    /** The whitespace-separated tokens of {@code command} after the first that equals {@code token}. */
    private static List<String> after(String command, String token) {
        List<String> tokens = List.of(command.trim().split("\\s+"));
        int i = tokens.indexOf(token);
        assertThat(i).as("token %s in: %s", token, command).isNotNegative();
        return tokens.subList(i + 1, tokens.size());
    }

    /** The tokens before the first that equals {@code end}, as a list that can be changed. */
    private static List<String> upTo(List<String> tokens, String end) {
        int i = tokens.indexOf(end);
        assertThat(i).as("token %s in: %s", end, tokens).isNotNegative();
        return new ArrayList<>(tokens.subList(0, i));
    }
}
