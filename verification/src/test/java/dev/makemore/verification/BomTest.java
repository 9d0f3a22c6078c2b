package dev.makemore.verification;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * makemore-bom pins exactly the library modules (the reactor's modules with a module descriptor), at the
 * version of the build. The BOM has no parent (an imported BOM would bring its parent's pins along), so
 * nothing but this test keeps its version and its list in step with the reactor's.
 */
class BomTest {

    /** The repository's root: the tests run in verification/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void pinsEveryLibraryModuleAtTheBuildsVersion() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml"));
        Element bom = read(ROOT.resolve("bom/pom.xml"));

        assertThat(children(bom, "parent")).as("the BOM must not inherit makemore-parent's dependencyManagement").isEmpty();
        assertThat(text(bom, "groupId")).isEqualTo(text(parent, "groupId"));
        assertThat(text(bom, "artifactId")).isEqualTo("makemore-bom");
        assertThat(text(bom, "version")).as("bom/pom.xml's version").isEqualTo(text(parent, "version"));

        var libraries = new ArrayList<String>();
        for (Element module : children(children(parent, "modules").get(0), "module")) {
            Path dir = ROOT.resolve(module.getTextContent().trim());
            if (Files.exists(dir.resolve("src/main/java/module-info.java"))) {
                libraries.add(text(read(dir.resolve("pom.xml")), "artifactId"));
            }
        }
        assertThat(libraries).as("library modules of the reactor").contains("makemore-core", "makemore-training");

        Element managed = children(children(bom, "dependencyManagement").get(0), "dependencies").get(0);
        var pinned = new ArrayList<String>();
        for (Element dependency : children(managed, "dependency")) {
            assertThat(text(dependency, "groupId")).isEqualTo(text(parent, "groupId"));
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
            pinned.add(text(dependency, "artifactId"));
        }
        assertThat(pinned).as("the BOM's dependencyManagement").containsExactlyInAnyOrderElementsOf(libraries);
    }

    private static Element read(Path pom) throws Exception {
        assertThat(pom).as("run from the module folder, in a full checkout").exists();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    /** The direct child elements of {@code e} named {@code name}. */
    private static List<Element> children(Element e, String name) {
        var out = new ArrayList<Element>();
        for (var n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && child.getTagName().equals(name)) {
                out.add(child);
            }
        }
        return out;
    }

    private static String text(Element e, String name) {
        List<Element> found = children(e, name);
        assertThat(found).as("<%s> in <%s>", name, e.getTagName()).hasSize(1);
        return found.get(0).getTextContent().trim();
    }
}
