package dev.makemore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.docs.examples.AutogradExample;
import dev.makemore.docs.examples.CoreExample;
import dev.makemore.docs.examples.DiagnosticsExample;
import dev.makemore.docs.examples.LayersExample;
import dev.makemore.docs.examples.TrainingExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The module guide's examples run, print what they say they print ({@code //>} lines), and each uses
 * its module alone: it imports nothing from the modules above it.
 */
class ModuleExamplesTest {
    /** An example, and the packages it may import besides the JDK's. */
    record Example(Class<?> type, List<String> packages, boolean needsData) {
    }

    static final List<Example> EXAMPLES = List.of(
            new Example(CoreExample.class, List.of("dev.makemore.core"), false),
            new Example(AutogradExample.class, List.of("dev.makemore.core", "dev.makemore.autograd"), false),
            new Example(LayersExample.class, List.of("dev.makemore.core", "dev.makemore.autograd", "dev.makemore.nn"),
                    false),
            new Example(DiagnosticsExample.class, List.of("dev.makemore.core", "dev.makemore.autograd", "dev.makemore.nn",
                    "dev.makemore.diagnostics"), false),
            new Example(TrainingExample.class, List.of("dev.makemore.core", "dev.makemore.autograd", "dev.makemore.nn",
                    "dev.makemore.diagnostics", "dev.makemore.training"), true));

    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)\\.[\\w*]+;");
    private static final Pattern QUALIFIED = Pattern.compile("dev\\.makemore\\.(\\w+)");

    static Path source(Class<?> type) {
        return Docs.dir().resolve("src/test/java").resolve(type.getName().replace('.', '/') + ".java");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRunsAndUsesItsModuleAlone() {
        return EXAMPLES.stream().map(e -> DynamicTest.dynamicTest(e.type().getSimpleName(), () -> {
            String code = Docs.read(source(e.type()));
            var foreign = new ArrayList<String>();
            var m = IMPORT.matcher(code);
            while (m.find()) {
                String pkg = m.group(1);
                boolean jdk = pkg.startsWith("java.") || pkg.startsWith("javax.");
                boolean own = e.packages().stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
                if (!jdk && !own) {
                    foreign.add(pkg);
                }
            }
            var q = QUALIFIED.matcher(code.replaceAll("(?m)^(package|import) .*$", ""));
            while (q.find()) {
                String pkg = "dev.makemore." + q.group(1);
                if (e.packages().stream().noneMatch(pkg::equals)) {
                    foreign.add(pkg);
                }
            }
            assertThat(foreign).as("%s may only use %s", e.type().getSimpleName(), e.packages()).isEmpty();

            if (e.needsData()) {
                Docs.names(); // the example finds names.txt the same way; fail here, with the three ways, if it cannot
            }
            String output = run(e.type());
            var missing = new ArrayList<String>();
            for (String line : JShellScripts.expected(code)) {
                if (!output.contains(line)) {
                    missing.add(line);
                }
            }
            assertThat(missing).as("%s printed:%n%s", e.type().getSimpleName(), output).isEmpty();
            assertThat(JShellScripts.expected(code)).isNotEmpty();
        }));
    }

    private static String run(Class<?> type) throws Exception {
        Method main = type.getMethod("main", String[].class);
        var bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
