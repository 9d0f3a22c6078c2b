package dev.makemore.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceFilesTest {

    @Test
    void theBuildsReferenceFolderHoldsTheRngVectors() {
        assertThat(ReferenceFiles.directory().resolve("rng_vectors.json")).isRegularFile();
        assertThat(ReferenceFiles.file("README.md")).isRegularFile();
        assertThat(ReferenceFiles.jsonObject("rng_vectors.json")).containsKeys("cases", "python_random");
    }

    @Test
    void propertyWinsWhenItNamesAFolder(@TempDir Path tmp) throws Exception {
        Path explicit = Files.createDirectories(tmp.resolve("elsewhere"));
        Path nested = Files.createDirectories(tmp.resolve("clone/shared/reference"));
        assertThat(ReferenceFiles.locate(explicit.toString(), nested.getParent())).isEqualTo(explicit);
    }

    @Test
    void fallsBackToSharedReferenceAboveTheWorkingDirectory(@TempDir Path tmp) throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared/reference"));
        Path module = Files.createDirectories(tmp.resolve("main/core"));
        assertThat(ReferenceFiles.locate(null, module)).isEqualTo(shared);
        assertThat(ReferenceFiles.locate(tmp.resolve("nope").toString(), module)).isEqualTo(shared);
    }

    @Test
    void theDataFilesSharedFolderComesBeforeTheWalkUp(@TempDir Path tmp) throws Exception {
        // A clone anywhere, with MAKEMORE_DATA naming shared/data/names.txt somewhere else.
        Path reference = Files.createDirectories(tmp.resolve("elsewhere/shared/reference"));
        Path names = Files.createDirectories(tmp.resolve("elsewhere/shared/data")).resolve("names.txt");
        Path aboveClone = Files.createDirectories(tmp.resolve("clone/shared/reference"));
        Path module = Files.createDirectories(tmp.resolve("clone/main/core"));
        assertThat(ReferenceFiles.locate(null, names.toString(), module)).isEqualTo(reference);
        // The property still wins; a data file with no reference folder beside it falls through.
        assertThat(ReferenceFiles.locate(aboveClone.toString(), names.toString(), module)).isEqualTo(aboveClone);
        assertThat(ReferenceFiles.locate(null, tmp.resolve("loose/names.txt").toString(), module))
                .isEqualTo(aboveClone);
    }

    @Test
    void failsNamingEveryPlaceTried(@TempDir Path tmp) throws Exception {
        Path module = Files.createDirectories(tmp.resolve("main/core"));
        Path nope = tmp.resolve("nope");
        // The walk ends at the file system root, which might (unusually) have shared/reference itself.
        if (Files.isDirectory(tmp.getRoot().resolve(ReferenceFiles.RELATIVE))) {
            return;
        }
        assertThatThrownBy(() -> ReferenceFiles.locate(nope.toString(), module))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-D" + ReferenceFiles.PROPERTY)
                .hasMessageContaining("MAKEMORE_DATA")
                .hasMessageContaining(nope.toString())
                .hasMessageContaining(module.resolve(ReferenceFiles.RELATIVE).toString())
                .hasMessageContaining(tmp.resolve(ReferenceFiles.RELATIVE).toString());
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> ReferenceFiles.file("no_such_file.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no_such_file.json");
    }
}
