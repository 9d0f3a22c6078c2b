package dev.makemore.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceFilesTest {

    @Test
    void theBuildsReferenceFolderIsTheRepositorysOwn() {
        Path dir = ReferenceFiles.directory();
        // The folder the build names is reference/ beside this module, inside the clone.
        assertThat(dir).isEqualTo(Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize()
                .getParent().resolve(ReferenceFiles.FOLDER));
        assertThat(ReferenceFiles.file("README.md")).isRegularFile();
        assertThat(ReferenceFiles.file("LECTURE_NUMBERS.md")).isRegularFile();
        assertThat(ReferenceFiles.jsonObject("rng_vectors.json")).containsKeys("cases", "python_random");
    }

    private static Path referenceFolder(Path at) throws Exception {
        Path dir = Files.createDirectories(at);
        Files.writeString(dir.resolve(ReferenceFiles.MARKER), "{}");
        return dir;
    }

    @Test
    void propertyWinsWhenItNamesAReferenceFolder(@TempDir Path tmp) throws Exception {
        Path explicit = referenceFolder(tmp.resolve("elsewhere"));
        Path clone = referenceFolder(tmp.resolve("clone/reference")).getParent();
        assertThat(ReferenceFiles.locate(explicit.toString(), clone.resolve("core"))).isEqualTo(explicit);
    }

    @Test
    void fallsBackToTheCloneAboveTheWorkingDirectory(@TempDir Path tmp) throws Exception {
        Path reference = referenceFolder(tmp.resolve("clone/reference"));
        Path module = Files.createDirectories(tmp.resolve("clone/core"));
        assertThat(ReferenceFiles.locate(null, module)).isEqualTo(reference);
        // A property naming a folder without the reference files falls through to the walk.
        assertThat(ReferenceFiles.locate(tmp.resolve("nope").toString(), module)).isEqualTo(reference);
    }

    @Test
    void aFolderCalledReferenceWithoutTheFilesIsPassedOver(@TempDir Path tmp) throws Exception {
        Path outer = referenceFolder(tmp.resolve("reference"));
        Path module = Files.createDirectories(tmp.resolve("clone/core/reference")).getParent();
        assertThat(ReferenceFiles.locate(null, module)).isEqualTo(outer);
    }

    @Test
    void failsNamingEveryPlaceTried(@TempDir Path tmp) throws Exception {
        Path module = Files.createDirectories(tmp.resolve("main/core"));
        Path nope = tmp.resolve("nope");
        // The walk ends at the file system root, which might (unusually) hold reference files itself.
        assertThat(tmp.getRoot().resolve(ReferenceFiles.FOLDER).resolve(ReferenceFiles.MARKER)).doesNotExist();
        assertThatThrownBy(() -> ReferenceFiles.locate(nope.toString(), module))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-D" + ReferenceFiles.PROPERTY)
                .hasMessageContaining(nope.toString())
                .hasMessageContaining(module.resolve(ReferenceFiles.FOLDER).toString())
                .hasMessageContaining(tmp.resolve(ReferenceFiles.FOLDER).toString());
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> ReferenceFiles.file("no_such_file.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no_such_file.json");
    }
}
