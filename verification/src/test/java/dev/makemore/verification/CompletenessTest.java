package dev.makemore.verification;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.NdArray;
import dev.makemore.diagnostics.Figures;
import dev.makemore.nn.Module;
import dev.makemore.training.Network;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue against the code: every op that autograd declares, every op name that any module
 * creates through {@code Tensor.fromOp}, and every concrete {@code Module} of any module (the layers,
 * the training module's {@code Network}) must have a gradient check, discovered here by reflection
 * and by reading the sources so that nothing added later can be forgotten; and the catalogue must not
 * name ops or layers that no longer exist.
 */
class CompletenessTest {
    /** The package of the layers, a few of which must be found (or the search looked in the wrong place). */
    private static final String LAYERS_PACKAGE = "dev.makemore.nn";
    /** A call creating a graph node with a literal op name: {@code fromOp("name", ...)}. */
    private static final Pattern FROM_OP_LITERAL = Pattern.compile("\\bfromOp\\(\\s*\"([a-z_0-9]+)\"");
    /** Any call of fromOp, literal name or not. */
    private static final Pattern FROM_OP_CALL = Pattern.compile("\\bfromOp\\(");
    /** A helper that forwards its {@code String name} to fromOp, such as {@code binary(op, name, a, b)}. */
    private static final Pattern NAMING_HELPER = Pattern.compile("\\bTensor (\\w+)\\([^)]*\\bString name\\b");

    /**
     * Public {@code Tensor} methods that return a tensor but are not differentiable ops, each with the
     * reason; {@link #theExclusionsAreWhatTheySay()} checks each reason.
     */
    static final Map<String, String> NOT_DIFFERENTIABLE = Map.of(
            "Tensor.detach()", "a new leaf sharing the data, cut from the graph by definition",
            "Tensor.setRequiresGrad(boolean)", "a flag setter that returns the same tensor",
            "Tensor.retainGrad()", "a flag setter that returns the same tensor");

    @Test
    void everyDifferentiableOpOfTensorAndFHasACase() {
        Set<String> declared = declaredOps();
        Set<String> expected = new TreeSet<>(declared);
        expected.removeAll(NOT_DIFFERENTIABLE.keySet());
        assertThat(new TreeSet<>(Catalogue.opTargets()))
                .as("ops without a gradient check (add cases to Catalogue) or catalogue entries that name no op")
                .containsExactlyElementsOf(expected);
        assertThat(declared).as("the exclusions must name real methods").containsAll(NOT_DIFFERENTIABLE.keySet());
    }

    @Test
    void everyOpCreatedInTheSourcesIsRunByACase() throws IOException {
        var created = new TreeMap<String, String>();   // op name -> where
        var helpers = new TreeSet<String>();
        var sources = new TreeMap<Path, String>();
        for (Path file : mainSources()) {
            String text = Files.readString(file);
            sources.put(file, text);
            Matcher calls = FROM_OP_CALL.matcher(text);
            while (calls.find()) {
                boolean literal = text.startsWith("\"", calls.end()) || text.startsWith("String", calls.end());
                boolean forwarded = text.startsWith("name,", calls.end());
                assertThat(literal || forwarded).as("%s: a fromOp call whose op name is neither a literal nor a"
                        + " helper's String name", projectRoot().relativize(file)).isTrue();
                if (forwarded) {
                    var declared = NAMING_HELPER.matcher(text).results().map(r -> r.group(1)).toList();
                    assertThat(declared).as("%s: fromOp(name, ...) with no helper taking String name",
                            projectRoot().relativize(file)).isNotEmpty();
                    helpers.addAll(declared);
                }
            }
        }
        // The literal names: fromOp("name", ...), and each helper's callers: helper(Op.X, "name", ...).
        var helperCall = Pattern.compile("\\b(?:" + String.join("|", helpers)
                + ")\\(\\s*(?:\\w+\\.\\w+,\\s*)?\"([a-z_0-9]+)\"");
        sources.forEach((file, text) -> {
            for (Pattern p : List.of(FROM_OP_LITERAL, helperCall)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    created.putIfAbsent(m.group(1), projectRoot().relativize(file).toString());
                }
            }
        });
        assertThat(helpers).as("helpers forwarding an op name to fromOp").isNotEmpty();
        // The search found the callers in autograd, F and both BatchNorms, the helpers' ones too.
        assertThat(created.keySet()).contains("matmul", "cross_entropy", "batchnorm", "inline_batchnorm", "add", "div",
                "exp", "sqrt");
        var run = new TreeSet<String>();
        Catalogue.opTargets().forEach(t -> run.addAll(Catalogue.opNames(t)));
        Catalogue.moduleTargets().forEach(t -> run.addAll(Catalogue.opNames(t)));
        var missing = new TreeMap<>(created);
        missing.keySet().removeAll(run);
        assertThat(missing).as("ops created in the sources that no catalogue case must run (op -> first file)")
                .isEmpty();
    }

    @Test
    void everyConcreteLayerHasACase() throws Exception {
        Set<String> layers = concreteModules();
        assertThat(layers).as("layers found in %s", codeSources()).contains(LAYERS_PACKAGE + ".Linear",
                LAYERS_PACKAGE + ".BatchNorm1d", LAYERS_PACKAGE + ".Tanh", Network.class.getName());
        assertThat(new TreeSet<>(Catalogue.moduleTargets()))
                .as("layers without a gradient check (add cases to Catalogue), or catalogue entries for no layer")
                .containsExactlyElementsOf(layers);
    }

    @Test
    void theExclusionsAreWhatTheySay() {
        var x = Tensor.parameter(Values.signed(1, 2, 3));
        var y = x.mul(2.0);
        var d = y.detach();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.isLeaf()).isTrue();
        assertThat(d.data().sharesStorageWith(y.data())).isTrue();
        assertThat(y.retainGrad()).isSameAs(y);
        var leaf = Tensor.of(Values.signed(2, 3));
        assertThat(leaf.setRequiresGrad(true)).isSameAs(leaf);
    }

    /** {@code Tensor.name(ParamType,...)} for each public instance method returning Tensor, and {@code F.name(...)} for F's static ones. */
    static Set<String> declaredOps() {
        var ops = new TreeSet<String>();
        for (Method m : Tensor.class.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (Modifier.isPublic(mod) && !Modifier.isStatic(mod) && m.getReturnType() == Tensor.class && !m.isSynthetic()) {
                ops.add(signature("Tensor", m));
            }
        }
        for (Method m : F.class.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && m.getReturnType() == Tensor.class) {
                ops.add(signature("F", m));
            }
        }
        return ops;
    }

    private static String signature(String owner, Method m) {
        return owner + "." + m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    /**
     * Every concrete, named subclass of Module in the main classes of every module (core, autograd,
     * layers, diagnostics, training, verification), found in their jars or classes folders.
     */
    static Set<String> concreteModules() throws IOException, URISyntaxException, ClassNotFoundException {
        var names = new TreeSet<String>();
        for (Path source : codeSources()) {
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    files.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> source.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                            .forEach(names::add);
                }
            } else {
                try (var jar = new JarFile(source.toFile())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(names::add);
                }
            }
        }
        var modules = new TreeSet<String>();
        for (String file : names) {
            if (file.equals("module-info.class") || file.endsWith("package-info.class")) {
                continue;
            }
            String className = file.substring(0, file.length() - ".class".length()).replace('/', '.');
            Class<?> c = Class.forName(className, false, CompletenessTest.class.getClassLoader());
            if (Module.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && !c.isAnonymousClass()) {
                modules.add(c.getName());
            }
        }
        return modules;
    }

    /** Where the main classes of each module are: a jar, or a classes folder in a reactor build. */
    private static Set<Path> codeSources() throws URISyntaxException {
        var out = new java.util.LinkedHashSet<Path>();
        for (Class<?> c : List.of(NdArray.class, Tensor.class, Module.class, Figures.class, Network.class,
                Catalogue.class)) {
            out.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return out;
    }

    /** The repository: the folder above this module's, where the modules' folders are. */
    private static Path projectRoot() {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        assertThat(root.resolve("autograd/src/main/java")).as("the repository root above %s", root).isDirectory();
        return root;
    }

    /** Every main Java source of every module. */
    private static List<Path> mainSources() throws IOException {
        var out = new java.util.ArrayList<Path>();
        try (Stream<Path> modules = Files.list(projectRoot())) {
            for (Path m : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(m.resolve("src/main/java"))) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
                }
            }
        }
        return out;
    }
}
