package dev.makemore.verification;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.nn.Module;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue against the code: every op that autograd declares and every layer that the layers
 * module declares must have a gradient check, discovered here by reflection so that nothing added
 * later can be forgotten; and the catalogue must not name ops or layers that no longer exist.
 */
class CompletenessTest {
    /** The package whose concrete modules must all be in the catalogue. */
    private static final String LAYERS_PACKAGE = "dev.makemore.nn";

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
    void everyConcreteLayerHasACase() throws Exception {
        Set<String> layers = concreteModules();
        assertThat(layers).as("layers found in %s", codeSource()).contains(LAYERS_PACKAGE + ".Linear",
                LAYERS_PACKAGE + ".BatchNorm1d", LAYERS_PACKAGE + ".Tanh");
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

    /** Every concrete subclass of Module in the layers package, found in the layers jar or classes folder. */
    static Set<String> concreteModules() throws IOException, URISyntaxException, ClassNotFoundException {
        Path source = codeSource();
        String prefix = LAYERS_PACKAGE.replace('.', '/') + "/";
        var names = new TreeSet<String>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source.resolve(prefix))) {
                files.filter(p -> p.getParent().equals(source.resolve(prefix)))
                        .map(p -> prefix + p.getFileName())
                        .forEach(names::add);
            }
        } else {
            try (var jar = new JarFile(source.toFile())) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                        .forEach(names::add);
            }
        }
        var modules = new TreeSet<String>();
        for (String file : names) {
            if (!file.endsWith(".class")) {
                continue;
            }
            String className = file.substring(0, file.length() - ".class".length()).replace('/', '.');
            Class<?> c = Class.forName(className, false, Module.class.getClassLoader());
            if (Module.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && !c.isAnonymousClass()) {
                modules.add(c.getName());
            }
        }
        return modules;
    }

    private static Path codeSource() throws URISyntaxException {
        return Path.of(Module.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
